/*
 * config_device.c: the [device] keys of the config format and the checks
 * that run once the whole text is parsed.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "sim_config.h"

typedef enum { K_STR, K_U32, K_I32, K_FLOAT, K_SIZE, K_U64, K_SPECIAL } key_type;

typedef struct {
    const char *name;
    key_type type;
    size_t off, size;
    long long min;
    unsigned long long max;
    unsigned int set_flag;
    int repeatable;
} dev_key;

#define FIELD(f) offsetof(sim_device_cfg, f), sizeof(((sim_device_cfg *)0)->f)
#define KSTR(n, f, flag) {n, K_STR, FIELD(f), 0, 0, flag, 0}
#define KU32(n, f, max) {n, K_U32, FIELD(f), 0, max, 0, 0}
#define KU32F(n, f, max, flag) {n, K_U32, FIELD(f), 0, max, flag, 0}
#define KI32(n, f, min, max) {n, K_I32, FIELD(f), min, max, 0, 0}
#define KFLT(n, f) {n, K_FLOAT, FIELD(f), 0, 0, 0, 0}
#define KSIZE(n, f) {n, K_SIZE, FIELD(f), 0, 0, 0, 0}
#define KSIZEF(n, f, flag) {n, K_SIZE, FIELD(f), 0, 0, flag, 0}
#define KU64(n, f) {n, K_U64, FIELD(f), 0, ~0ull, 0, 0}
#define KSPC(n, rep) {n, K_SPECIAL, 0, 0, 0, 0, 0, rep}

static const dev_key dev_keys[] = {
    KSPC("model", 0), KSTR("name", name, 0), KSTR("uuid", uuid, SIM_SET_UUID),
    KSTR("serial", serial, SIM_SET_SERIAL), KSPC("brand", 0), KSTR("mtbios_version", mtbios, 0),
    KSPC("sbdf", 0), KU32("pci_device_id", pci_device_id, 0xFFFFFFFFull),
    KU32("pci_subsystem_id", pci_subsystem_id, 0xFFFFFFFFull), KU32("pcie_max_gen", pcie_max_gen, 6),
    KU32("pcie_cur_gen", pcie_cur_gen, 6), KU32("pcie_max_width", pcie_max_width, 32),
    KU32("pcie_cur_width", pcie_cur_width, 32), KFLT("pcie_max_speed", pcie_max_speed),
    KFLT("pcie_cur_speed", pcie_cur_speed), KU32F("slot_id", slot_id, 0xFFFFFFFFull, SIM_SET_SLOT_ID),
    KSTR("slot_name", slot_name, SIM_SET_SLOT_NAME), KSTR("gpu_path", gpu_path, SIM_SET_GPU_PATH),
    KSTR("primary_path", primary_path, SIM_SET_PRIMARY_PATH),
    KSTR("render_path", render_path, SIM_SET_RENDER_PATH), KI32("numa_node", numa_node, 0, 63),
    KI32("host_bridge", host_bridge, 0, 1023), KI32("switch", pswitch, -1, 1023), KI32("board", board, -1, 1023),
    KSPC("p2p", 0), KU32("gpu_cores", gpu_cores, 1u << 20), KU32("gpu_clock_idle_mhz", gpu_clock_idle, 100000),
    KU32("gpu_clock_max_mhz", gpu_clock_max, 100000), KU32("power_idle_mw", power_idle_mw, 10000000),
    KU32("power_max_mw", power_max_mw, 10000000), KI32("temp_idle_c", temp_idle, -40, 150),
    KI32("temp_max_c", temp_max, -40, 150), KU32("load", load, 100), KU32("fans", fans, SIM_MAX_FANS),
    KU32("fan_max_rpm", fan_max_rpm, 100000), KSPC("display", 0), KSIZE("memory_total", mem_total),
    KSIZE("memory_system", mem_system), KSPC("memory_type", 0), KSTR("memory_vendor", mem_vendor, 0),
    KU32("memory_bus_width", mem_bus_width, 65536), KU32("memory_bandwidth_gbps", mem_bandwidth, 1000000),
    KU32("memory_speed_mbps", mem_speed, 1000000), KU32("memory_clock_idle_mhz", mem_clock_idle, 100000),
    KU32("memory_clock_max_mhz", mem_clock_max, 100000), KSPC("ecc", 0), KSPC("ecc_pending", 0),
    KU64("ecc_volatile_corrected", ecc_vol[0]), KU64("ecc_volatile_uncorrected", ecc_vol[1]),
    KU64("ecc_aggregate_corrected", ecc_agg[0]), KU64("ecc_aggregate_uncorrected", ecc_agg[1]),
    KU32("ecc_corrected_per_hour", ecc_per_hour, 1000000), KSPC("retired_page", 1),
    KU32("vpu_clock_idle_mhz", vpu_clock_idle, 100000), KU32("vpu_clock_max_mhz", vpu_clock_max, 100000),
    KU32("encode_capacity", enc_cap, SIM_MAX_SESSIONS), KU32("decode_capacity", dec_cap, SIM_MAX_SESSIONS),
    KSPC("session", 1), KU32("mtlink_ports", mtlink_ports, SIM_MAX_PORTS), KSPC("mtlink_version", 0),
    KU32("mtlink_bandwidth_gbps", mtlink_bw, 1000000), KSPC("mpc", 0), KSPC("mpc_mode", 0),
    KSPC("mpc_profile", 1), KSPC("mpc_config", 1), KSPC("mpc_active_config", 0),
    KSPC("mpc_instance_uuid", 1), KSPC("virt", 0),
    KSPC("virt_type", 1), KSPC("virt_device", 1), KSPC("virt_role", 0),
    KU32("vpu_util_period_us", vpu_period_us, 0xFFFFFFFFull),
    /* pinned live metrics */
    KU32F("gpu_util", pin_gpu_util, 100, SIM_PIN_GPU_UTIL),
    KU32F("engine_util_geometry", pin_engine_util[MTML_GPU_ENGINE_GEOMETRY], 100,
          SIM_PIN_ENGINE_UTIL << MTML_GPU_ENGINE_GEOMETRY),
    KU32F("engine_util_2d", pin_engine_util[MTML_GPU_ENGINE_2D], 100, SIM_PIN_ENGINE_UTIL << MTML_GPU_ENGINE_2D),
    KU32F("engine_util_3d", pin_engine_util[MTML_GPU_ENGINE_3D], 100, SIM_PIN_ENGINE_UTIL << MTML_GPU_ENGINE_3D),
    KU32F("engine_util_compute", pin_engine_util[MTML_GPU_ENGINE_COMPUTE], 100,
          SIM_PIN_ENGINE_UTIL << MTML_GPU_ENGINE_COMPUTE),
    KU32F("gpu_clock_mhz", pin_gpu_clock, 100000, SIM_PIN_GPU_CLOCK),
    KSIZEF("memory_used", pin_mem_used, SIM_PIN_MEM_USED), KU32F("memory_util", pin_mem_util, 100, SIM_PIN_MEM_UTIL),
    KU32F("memory_clock_mhz", pin_mem_clock, 100000, SIM_PIN_MEM_CLOCK),
    KU32F("vpu_util", pin_vpu_util, 100, SIM_PIN_VPU_UTIL),
    KU32F("vpu_encode_util", pin_enc_util, 100, SIM_PIN_ENC_UTIL),
    KU32F("vpu_decode_util", pin_dec_util, 100, SIM_PIN_DEC_UTIL),
    KU32F("vpu_clock_mhz", pin_vpu_clock, 100000, SIM_PIN_VPU_CLOCK), KSPC("fan_speed", 0), KSPC("fan_rpm", 0),
};

static const dev_key *find_key(const char *name) {
    for (size_t i = 0; i < sizeof dev_keys / sizeof dev_keys[0]; i++)
        if (strcmp(dev_keys[i].name, name) == 0)
            return &dev_keys[i];
    return NULL;
}

int sim_device_key_repeatable(const char *key) {
    const dev_key *k = find_key(key);
    return k && k->repeatable;
}

static const char *const codec_names[] = {"avc", "vc1", "mpeg2", "mpeg4", "h263", "div3", "rv", "avs", "rsvd1",
                                          "tho", "vp3", "vp8", "hevc", "vp9", "avs2", "rsvd2", "av1", NULL};

static int parse_resolution(parser_ref p, const char *key, char *s, unsigned int *w, unsigned int *h) {
    char *x = strchr(s, 'x');
    if (!x)
        return sim_cfg_fail(p, "bad resolution '%s' in '%s' (expected WxH)", s, key);
    *x = '\0';
    unsigned long long a, b;
    if (sim_cfg_uint(p, key, s, &a, 65535) != 0 || sim_cfg_uint(p, key, x + 1, &b, 65535) != 0)
        return -1;
    *w = (unsigned int)a;
    *h = (unsigned int)b;
    return 0;
}

static int key_display(parser_ref p, sim_device_cfg *d, const char *val) {
    static const char *const types[] = {"dp", "edp", "vga", "hdmi", "lvds", NULL};
    char tmp[SIM_MAX_LINE];
    sim_copy(tmp, sizeof tmp, val);
    d->ndisplays = 0;
    if (strcmp(tmp, "none") == 0)
        return 0;
    char *items[SIM_MAX_DISPLAYS];
    int n = sim_cfg_split(tmp, ',', items, SIM_MAX_DISPLAYS);
    if (n < 0)
        return sim_cfg_fail(p, "more than %d display outputs", SIM_MAX_DISPLAYS);
    for (int i = 0; i < n; i++) {
        char *f[2];
        if (sim_cfg_split(items[i], ':', f, 2) != 2)
            return sim_cfg_fail(p, "bad display '%s' (expected type:WxH@Hz)", items[i]);
        char *at = strchr(f[1], '@');
        if (!at)
            return sim_cfg_fail(p, "bad display '%s' (expected type:WxH@Hz)", items[i]);
        *at = '\0';
        sim_display *dp = &d->displays[i];
        if (sim_cfg_keyword(p, "display", f[0], types, &dp->type) != 0 ||
            parse_resolution(p, "display", f[1], &dp->width, &dp->height) != 0 ||
            sim_cfg_float(p, "display", at + 1, &dp->refresh_hz) != 0)
            return -1;
    }
    d->ndisplays = n;
    return 0;
}

/* Copies val into tmp (SIM_MAX_LINE bytes) and splits it at ':' into
 * exactly n fields; any other count fails with "bad KEY 'VAL' (expected
 * FORM)". */
static int split_fields(parser_ref p, const char *key, const char *val, const char *form, char *tmp, char **f,
                        int n) {
    sim_copy(tmp, SIM_MAX_LINE, val);
    if (sim_cfg_split(tmp, ':', f, n) != n)
        return sim_cfg_fail(p, "bad %s '%s' (expected %s)", key, val, form);
    return 0;
}

static int key_session(parser_ref p, sim_device_cfg *d, const char *val) {
    char tmp[SIM_MAX_LINE];
    char *f[7];
    if (split_fields(p, "session", val, "enc|dec:id:pid:WxH:fps:bitrate:codec", tmp, f, 7) != 0)
        return -1;
    static const char *const dirs[] = {"enc", "dec", NULL};
    int dir, codec;
    unsigned long long id, pid, fps, rate;
    sim_session s;
    memset(&s, 0, sizeof s);
    if (sim_cfg_keyword(p, "session", f[0], dirs, &dir) != 0 ||
        sim_cfg_uint(p, "session id", f[1], &id, SIM_MAX_SESSIONS - 1) != 0 ||
        sim_cfg_uint(p, "session pid", f[2], &pid, 0xFFFFFFFFull) != 0 ||
        parse_resolution(p, "session", f[3], &s.width, &s.height) != 0 ||
        sim_cfg_uint(p, "session fps", f[4], &fps, 1000) != 0 ||
        sim_cfg_uint(p, "session bitrate", f[5], &rate, 0xFFFFFFFFull) != 0 ||
        sim_cfg_keyword(p, "session codec", f[6], codec_names, &codec) != 0)
        return -1;
    if (pid == 0)
        return sim_cfg_fail(p, "an active session needs a non-zero pid");
    sim_session *slot = dir == 0 ? &d->enc[id] : &d->dec[id];
    if (slot->active)
        return sim_cfg_fail(p, "session slot %s:%llu given twice", f[0], id);
    s.active = 1;
    s.pid = (unsigned int)pid;
    s.fps = (unsigned int)fps;
    s.bitrate = (unsigned int)rate;
    s.codec = codec;
    *slot = s;
    return 0;
}

static int key_retired_page(parser_ref p, sim_device_cfg *d, const char *val) {
    if (d->npages >= SIM_MAX_PAGES)
        return sim_cfg_fail(p, "more than %d retired pages", SIM_MAX_PAGES);
    char tmp[SIM_MAX_LINE];
    sim_copy(tmp, sizeof tmp, val);
    char *f[4];
    int n = sim_cfg_split(tmp, ':', f, 4);
    if (n < 3)
        return sim_cfg_fail(p, "bad retired_page '%s' (expected cause:address:timestamp[:pending])", val);
    static const char *const causes[] = {"sbe", "dbe", NULL};
    sim_page pg;
    memset(&pg, 0, sizeof pg);
    if (sim_cfg_keyword(p, "retired_page cause", f[0], causes, &pg.cause) != 0 ||
        sim_cfg_uint(p, "retired_page address", f[1], &pg.address, ~0ull) != 0 ||
        sim_cfg_uint(p, "retired_page timestamp", f[2], &pg.timestamp, ~0ull) != 0)
        return -1;
    if (n == 4) {
        if (strcmp(f[3], "pending") != 0)
            return sim_cfg_fail(p, "bad retired_page flag '%s' (only 'pending')", f[3]);
        pg.pending = 1;
    }
    d->pages[d->npages++] = pg;
    return 0;
}

static int key_mpc_profile(parser_ref p, sim_device_cfg *d, const char *val) {
    if (d->nprofiles >= SIM_MAX_MPC)
        return sim_cfg_fail(p, "more than %d MPC profiles", SIM_MAX_MPC);
    char tmp[SIM_MAX_LINE];
    char *f[4];
    if (split_fields(p, "mpc_profile", val, "id:name:cores:memory_mib", tmp, f, 4) != 0)
        return -1;
    sim_mpc_profile *pr = &d->profiles[d->nprofiles];
    unsigned long long id, cores, mem;
    if (sim_cfg_uint(p, "mpc_profile id", f[0], &id, 0x7FFFFFFF) != 0 ||
        sim_cfg_string(p, "mpc_profile name", f[1], pr->name, sizeof pr->name) != 0 ||
        sim_cfg_uint(p, "mpc_profile cores", f[2], &cores, 1u << 20) != 0 ||
        sim_cfg_uint(p, "mpc_profile memory", f[3], &mem, 1ull << 32) != 0)
        return -1;
    if (sim_mpc_find_profile(d, (unsigned int)id))
        return sim_cfg_fail(p, "MPC profile id %llu given twice", id);
    pr->id = (unsigned int)id;
    pr->cores = (unsigned int)cores;
    pr->memory_mib = mem;
    d->nprofiles++;
    return 0;
}

static int key_mpc_config(parser_ref p, sim_device_cfg *d, const char *val) {
    if (d->nconfigs >= SIM_MAX_MPC)
        return sim_cfg_fail(p, "more than %d MPC configurations", SIM_MAX_MPC);
    char tmp[SIM_MAX_LINE];
    char *f[3];
    if (split_fields(p, "mpc_config", val, "id:name:profile,profile,...", tmp, f, 3) != 0)
        return -1;
    sim_mpc_config *c = &d->configs[d->nconfigs];
    memset(c, 0, sizeof(*c));
    unsigned long long id;
    if (sim_cfg_uint(p, "mpc_config id", f[0], &id, 0x7FFFFFFF) != 0 ||
        sim_cfg_string(p, "mpc_config name", f[1], c->name, sizeof c->name) != 0)
        return -1;
    for (int i = 0; i < d->nconfigs; i++)
        if (d->configs[i].id == id)
            return sim_cfg_fail(p, "MPC configuration id %llu given twice", id);
    char *ids[MTML_MPC_CONF_MAX_PROF_NUM];
    int n = sim_cfg_split(f[2], ',', ids, MTML_MPC_CONF_MAX_PROF_NUM);
    if (n < 0)
        return sim_cfg_fail(p, "an MPC configuration holds at most %d profiles", MTML_MPC_CONF_MAX_PROF_NUM);
    for (int i = 0; i < n; i++) {
        unsigned long long pid;
        if (sim_cfg_uint(p, "mpc_config profile", ids[i], &pid, 0x7FFFFFFF) != 0)
            return -1;
        if (!sim_mpc_find_profile(d, (unsigned int)pid))
            return sim_cfg_fail(p, "mpc_config uses profile %llu, which is not declared above", pid);
        c->profile[i] = (unsigned int)pid;
    }
    c->id = (unsigned int)id;
    c->nprofiles = n;
    d->nconfigs++;
    return 0;
}

/* mpc_instance_uuid = SLOT:UUID */
static int key_mpc_instance_uuid(parser_ref p, sim_device_cfg *d, const char *val) {
    char tmp[SIM_MAX_LINE];
    char *f[2];
    unsigned long long slot;
    if (split_fields(p, "mpc_instance_uuid", val, "slot:uuid", tmp, f, 2) != 0)
        return -1;
    if (sim_cfg_uint(p, "mpc_instance_uuid slot", f[0], &slot, MTML_MPC_CONF_MAX_PROF_NUM - 1) != 0)
        return -1;
    char *uuid = d->mpc_uuid[slot];
    if (uuid[0] != '\0')
        return sim_cfg_fail(p, "mpc_instance_uuid for slot %llu given twice", slot);
    if (sim_cfg_string(p, "mpc_instance_uuid uuid", f[1], uuid, sizeof d->mpc_uuid[slot]) != 0)
        return -1;
    if (uuid[0] == '\0')
        return sim_cfg_fail(p, "mpc_instance_uuid uuid must not be empty");
    return 0;
}

static int key_virt_type(parser_ref p, sim_device_cfg *d, const char *val) {
    if (d->nvtypes >= SIM_MAX_VTYPES)
        return sim_cfg_fail(p, "more than %d virtualization types", SIM_MAX_VTYPES);
    char tmp[SIM_MAX_LINE];
    char *f[9];
    if (split_fields(p, "virt_type", val,
                     "id:name:api:WxH:framebuffer_mib:max_encode:max_decode:max_instances:max_displays", tmp, f,
                     9) != 0)
        return -1;
    MtmlVirtType *t = &d->vtypes[d->nvtypes];
    memset(t, 0, sizeof(*t));
    unsigned long long fb, enc, dec, inst, disp;
    if (sim_cfg_string(p, "virt_type id", f[0], t->id, sizeof t->id) != 0 ||
        sim_cfg_string(p, "virt_type name", f[1], t->name, sizeof t->name) != 0 ||
        sim_cfg_string(p, "virt_type api", f[2], t->api, sizeof t->api) != 0 ||
        parse_resolution(p, "virt_type", f[3], &t->horizontalResolution, &t->verticalResolution) != 0 ||
        sim_cfg_uint(p, "virt_type framebuffer", f[4], &fb, 0xFFFFFFFFull) != 0 ||
        sim_cfg_uint(p, "virt_type max_encode", f[5], &enc, 1024) != 0 ||
        sim_cfg_uint(p, "virt_type max_decode", f[6], &dec, 1024) != 0 ||
        sim_cfg_uint(p, "virt_type max_instances", f[7], &inst, SIM_MAX_VDEVS) != 0 ||
        sim_cfg_uint(p, "virt_type max_displays", f[8], &disp, 64) != 0)
        return -1;
    if (t->id[0] == '\0')
        return sim_cfg_fail(p, "virt_type id must not be empty");
    for (int i = 0; i < d->nvtypes; i++)
        if (strcmp(d->vtypes[i].id, t->id) == 0)
            return sim_cfg_fail(p, "virt_type '%s' given twice", t->id);
    t->frameBuffer = (unsigned int)fb;
    t->maxEncodeNum = (unsigned int)enc;
    t->maxDecodeNum = (unsigned int)dec;
    t->maxInstances = (unsigned int)inst;
    t->maxVirtualDisplay = (unsigned int)disp;
    d->nvtypes++;
    return 0;
}

static int key_virt_device(parser_ref p, sim_device_cfg *d, const char *val) {
    if (d->nvdevs >= SIM_MAX_VDEVS)
        return sim_cfg_fail(p, "more than %d virtual devices", SIM_MAX_VDEVS);
    char tmp[SIM_MAX_LINE];
    char *f[2];
    if (split_fields(p, "virt_device", val, "uuid:type-id", tmp, f, 2) != 0)
        return -1;
    sim_vdev *v = &d->vdevs[d->nvdevs];
    if (sim_cfg_string(p, "virt_device uuid", f[0], v->uuid, sizeof v->uuid) != 0)
        return -1;
    if (v->uuid[0] == '\0')
        return sim_cfg_fail(p, "virt_device uuid must not be empty");
    v->type = -1;
    for (int i = 0; i < d->nvtypes; i++)
        if (strcmp(d->vtypes[i].id, f[1]) == 0)
            v->type = i;
    if (v->type < 0)
        return sim_cfg_fail(p, "virt_device uses type '%s', which is not declared above", f[1]);
    int used = 0;
    for (int i = 0; i < d->nvdevs; i++)
        if (d->vdevs[i].type == v->type)
            used++;
    if ((unsigned int)used >= d->vtypes[v->type].maxInstances)
        return sim_cfg_fail(p, "more virtual devices of type '%s' than its max_instances", f[1]);
    d->nvdevs++;
    return 0;
}

/* fan_speed / fan_rpm: one value for every fan, or one per fan separated by ','. */
static int key_fan_list(parser_ref p, const char *key, const char *val, unsigned long long max, unsigned int *out,
                        int *count) {
    char tmp[SIM_MAX_LINE];
    sim_copy(tmp, sizeof tmp, val);
    char *items[SIM_MAX_FANS];
    int n = sim_cfg_split(tmp, ',', items, SIM_MAX_FANS);
    if (n < 0)
        return sim_cfg_fail(p, "more than %d values for '%s' (one per fan)", SIM_MAX_FANS, key);
    for (int i = 0; i < n; i++) {
        unsigned long long v;
        if (sim_cfg_uint(p, key, items[i], &v, max) != 0)
            return -1;
        out[i] = (unsigned int)v;
    }
    *count = n;
    return 0;
}

static int key_special(parser_ref p, sim_device_cfg *d, const char *key, const char *val) {
    static const char *const support[] = {"unsupported", "supported", NULL};
    static const char *const onoff[] = {"off", "on", NULL};
    int v;
    if (strcmp(key, "model") == 0) {
        if (sim_preset_apply(d, val) != 0)
            return sim_cfg_fail(p, "unknown model '%s' (s4000, s3000, s80)", val);
        return 0;
    }
    if (strcmp(key, "brand") == 0) {
        static const char *const brands[] = {"mtt", "unknown", NULL};
        return sim_cfg_keyword(p, key, val, brands, &d->brand);
    }
    if (strcmp(key, "sbdf") == 0) {
        if (sim_parse_sbdf(val, 64, &d->seg, &d->bus, &d->dev, &d->fn) != 0 || d->bus > 255)
            return sim_cfg_fail(p, "bad PCI address '%s' (expected seg:bus:dev.fn in hex)", val);
        d->set_mask |= SIM_SET_SBDF;
        return 0;
    }
    if (strcmp(key, "memory_type") == 0) {
        static const char *const types[] = {"lpddr4", "gddr6", NULL};
        return sim_cfg_keyword(p, key, val, types, &d->mem_type);
    }
    if (strcmp(key, "ecc") == 0) {
        static const char *const modes[] = {"off", "on", "unsupported", NULL};
        if (sim_cfg_keyword(p, key, val, modes, &v) != 0)
            return -1;
        d->ecc = v == 2 ? SIM_ECC_UNSUPPORTED : v;
        return 0;
    }
    if (strcmp(key, "ecc_pending") == 0) {
        d->set_mask |= SIM_SET_ECC_PENDING;
        return sim_cfg_keyword(p, key, val, onoff, &d->ecc_pending);
    }
    if (strcmp(key, "mtlink_version") == 0) {
        unsigned long long a, b, c;
        char tmp[64];
        sim_copy(tmp, sizeof tmp, val);
        char *f[3];
        int n = sim_cfg_split(tmp, '.', f, 3);
        if (n == 1)
            return sim_cfg_uint(p, key, f[0], &a, 0xFFFFFFFFull) ? -1 : (d->mtlink_version = (unsigned int)a, 0);
        if (n != 3 || sim_cfg_uint(p, key, f[0], &a, 255) || sim_cfg_uint(p, key, f[1], &b, 255) ||
            sim_cfg_uint(p, key, f[2], &c, 255))
            return n == 3 ? -1 : sim_cfg_fail(p, "bad mtlink_version '%s' (major.minor.patch)", val);
        d->mtlink_version = (unsigned int)((a << 16) | (b << 8) | c);
        return 0;
    }
    if (strcmp(key, "p2p") == 0)
        return sim_cfg_keyword(p, key, val, support, &d->p2p);
    if (strcmp(key, "mpc") == 0)
        return sim_cfg_keyword(p, key, val, support, &d->mpc_supported);
    if (strcmp(key, "mpc_mode") == 0)
        return sim_cfg_keyword(p, key, val, onoff, &d->mpc_mode);
    if (strcmp(key, "virt") == 0)
        return sim_cfg_keyword(p, key, val, support, &d->virt_supported);
    if (strcmp(key, "virt_role") == 0) {
        static const char *const roles[] = {"none", "host", "guest", NULL};
        return sim_cfg_keyword(p, key, val, roles, &d->virt_role);
    }
    if (strcmp(key, "mpc_active_config") == 0) {
        unsigned long long id;
        if (sim_cfg_uint(p, key, val, &id, 0x7FFFFFFF) != 0)
            return -1;
        for (int i = 0; i < d->nconfigs; i++)
            if (d->configs[i].id == id) {
                d->active_config = i;
                d->set_mask |= SIM_SET_ACTIVE_CONFIG;
                return 0;
            }
        return sim_cfg_fail(p, "mpc_active_config %llu is not a configuration declared above", id);
    }
    if (strcmp(key, "fan_speed") == 0)
        return key_fan_list(p, key, val, 100, d->pin_fan_speed, &d->npin_fan_speed);
    if (strcmp(key, "fan_rpm") == 0)
        return key_fan_list(p, key, val, 100000, d->pin_fan_rpm, &d->npin_fan_rpm);
    if (strcmp(key, "display") == 0)
        return key_display(p, d, val);
    if (strcmp(key, "session") == 0)
        return key_session(p, d, val);
    if (strcmp(key, "retired_page") == 0)
        return key_retired_page(p, d, val);
    if (strcmp(key, "mpc_profile") == 0)
        return key_mpc_profile(p, d, val);
    if (strcmp(key, "mpc_config") == 0)
        return key_mpc_config(p, d, val);
    if (strcmp(key, "mpc_instance_uuid") == 0)
        return key_mpc_instance_uuid(p, d, val);
    if (strcmp(key, "virt_type") == 0)
        return key_virt_type(p, d, val);
    if (strcmp(key, "virt_device") == 0)
        return key_virt_device(p, d, val);
    return sim_cfg_fail(p, "internal: unhandled key '%s'", key);
}

int sim_device_key(parser_ref p, sim_device_cfg *d, int index, const char *key, const char *val) {
    (void)index;
    const dev_key *k = find_key(key);
    if (!k)
        return sim_cfg_fail(p, "unknown key '%s' in [device]", key);
    char *base = (char *)d;
    unsigned long long u;
    long long i;
    switch (k->type) {
    case K_STR:
        if (sim_cfg_string(p, key, val, base + k->off, k->size) != 0)
            return -1;
        break;
    case K_U32:
        if (sim_cfg_uint(p, key, val, &u, k->max) != 0)
            return -1;
        *(unsigned int *)(void *)(base + k->off) = (unsigned int)u;
        break;
    case K_U64:
        if (sim_cfg_uint(p, key, val, &u, k->max) != 0)
            return -1;
        *(unsigned long long *)(void *)(base + k->off) = u;
        break;
    case K_I32:
        if (sim_cfg_int(p, key, val, &i, k->min, (long long)k->max) != 0)
            return -1;
        *(int *)(void *)(base + k->off) = (int)i;
        break;
    case K_FLOAT:
        if (sim_cfg_float(p, key, val, (float *)(void *)(base + k->off)) != 0)
            return -1;
        break;
    case K_SIZE:
        if (sim_cfg_size(p, key, val, &u) != 0)
            return -1;
        *(unsigned long long *)(void *)(base + k->off) = u;
        break;
    case K_SPECIAL:
        return key_special(p, d, key, val);
    }
    d->set_mask |= k->set_flag;
    return 0;
}

/* ---- whole-machine checks ---- */

static int check_device(parser_ref p, sim_machine *m, int i) {
    sim_device_cfg *d = &m->dev[i];
    int ln = d->line;
#define DFAIL(...)                                                                                 \
    do {                                                                                           \
        char msg_[200];                                                                            \
        snprintf(msg_, sizeof msg_, __VA_ARGS__);                                                  \
        return sim_cfg_fail(p, "device %d (line %d): %s", i, ln, msg_);                            \
    } while (0)
    if (!(d->set_mask & SIM_SET_UUID))
        sim_format_uuid(sim_hash(m->seed, (uint64_t)i, 0x55554944ull, 0), d->uuid, sizeof d->uuid);
    if (!(d->set_mask & SIM_SET_SERIAL))
        snprintf(d->serial, sizeof d->serial, "SIM%08X%04d", (unsigned)(m->seed & 0xFFFFFFFFu), i);
    if (!(d->set_mask & SIM_SET_SBDF)) {
        d->seg = 0;
        d->bus = (unsigned int)(0x10 + 3 * i);
        d->dev = 0;
        d->fn = 0;
    }
    snprintf(d->sbdf, sizeof d->sbdf, "%08x:%02x:%02x.%x", d->seg, d->bus, d->dev, d->fn);
    if (!(d->set_mask & SIM_SET_SLOT_ID))
        d->slot_id = (unsigned int)i + 1;
    if (!(d->set_mask & SIM_SET_SLOT_NAME))
        snprintf(d->slot_name, sizeof d->slot_name, "SLOT%d", i + 1);
    if (!(d->set_mask & SIM_SET_GPU_PATH))
        snprintf(d->gpu_path, sizeof d->gpu_path, "/dev/mtgpu.%d", i);
    if (!(d->set_mask & SIM_SET_PRIMARY_PATH))
        snprintf(d->primary_path, sizeof d->primary_path, "/dev/dri/card%d", i);
    if (!(d->set_mask & SIM_SET_RENDER_PATH))
        snprintf(d->render_path, sizeof d->render_path, "/dev/dri/renderD%d", 128 + i);
    if (d->uuid[0] == '\0')
        DFAIL("uuid must not be empty");
    if ((unsigned int)d->numa_node >= m->numa_nodes)
        DFAIL("numa_node %d but the system has %u NUMA nodes", d->numa_node, m->numa_nodes);
    if (d->temp_idle > d->temp_max)
        DFAIL("temp_idle_c is above temp_max_c");
    if (d->gpu_clock_idle > d->gpu_clock_max)
        DFAIL("gpu_clock_idle_mhz is above gpu_clock_max_mhz");
    if (d->mem_clock_idle > d->mem_clock_max)
        DFAIL("memory_clock_idle_mhz is above memory_clock_max_mhz");
    if (d->vpu_clock_idle > d->vpu_clock_max)
        DFAIL("vpu_clock_idle_mhz is above vpu_clock_max_mhz");
    if (d->power_idle_mw > d->power_max_mw)
        DFAIL("power_idle_mw is above power_max_mw");
    if (d->mem_system > d->mem_total)
        DFAIL("memory_system is larger than memory_total");
    if ((d->set_mask & SIM_PIN_GPU_CLOCK) && d->pin_gpu_clock > d->gpu_clock_max)
        DFAIL("gpu_clock_mhz %u is above gpu_clock_max_mhz %u", d->pin_gpu_clock, d->gpu_clock_max);
    if ((d->set_mask & SIM_PIN_MEM_CLOCK) && d->pin_mem_clock > d->mem_clock_max)
        DFAIL("memory_clock_mhz %u is above memory_clock_max_mhz %u", d->pin_mem_clock, d->mem_clock_max);
    if ((d->set_mask & SIM_PIN_VPU_CLOCK) && d->pin_vpu_clock > d->vpu_clock_max)
        DFAIL("vpu_clock_mhz %u is above vpu_clock_max_mhz %u", d->pin_vpu_clock, d->vpu_clock_max);
    if ((d->set_mask & SIM_PIN_MEM_USED) && d->pin_mem_used > d->mem_total)
        DFAIL("memory_used %llu is larger than memory_total %llu", d->pin_mem_used, d->mem_total);
    if ((d->npin_fan_speed > 0 || d->npin_fan_rpm > 0) && d->fans == 0)
        DFAIL("fan_speed or fan_rpm given but the device has no fans");
    if (d->npin_fan_speed > 1 && (unsigned int)d->npin_fan_speed != d->fans)
        DFAIL("fan_speed lists %d values but the device has %u fans", d->npin_fan_speed, d->fans);
    if (d->npin_fan_rpm > 1 && (unsigned int)d->npin_fan_rpm != d->fans)
        DFAIL("fan_rpm lists %d values but the device has %u fans", d->npin_fan_rpm, d->fans);
    for (int f = 0; f < d->npin_fan_rpm; f++)
        if (d->pin_fan_rpm[f] > d->fan_max_rpm)
            DFAIL("fan_rpm %u is above fan_max_rpm %u", d->pin_fan_rpm[f], d->fan_max_rpm);
    if (d->ecc == SIM_ECC_UNSUPPORTED) {
        if (d->set_mask & SIM_SET_ECC_PENDING)
            DFAIL("ecc_pending given but ecc is unsupported");
        d->ecc_pending = SIM_ECC_UNSUPPORTED;
    } else if (!(d->set_mask & SIM_SET_ECC_PENDING)) {
        d->ecc_pending = d->ecc;
    }
    for (int k = 0; k < 2; k++)
        if (d->ecc_agg[k] < d->ecc_vol[k])
            DFAIL("ECC aggregate counters must be at least the volatile ones");
    if (d->ecc == SIM_ECC_UNSUPPORTED && d->npages > 0)
        DFAIL("retired pages on a device without ECC");
    for (unsigned int s = d->enc_cap; s < SIM_MAX_SESSIONS; s++)
        if (d->enc[s].active)
            DFAIL("encoder session slot %u is beyond encode_capacity %u", s, d->enc_cap);
    for (unsigned int s = d->dec_cap; s < SIM_MAX_SESSIONS; s++)
        if (d->dec[s].active)
            DFAIL("decoder session slot %u is beyond decode_capacity %u", s, d->dec_cap);
    if (d->mpc_supported) {
        if (d->nconfigs > 0 && d->active_config < 0)
            d->active_config = 0;
        if (d->mpc_mode && d->nconfigs == 0)
            DFAIL("mpc_mode is on but no mpc_config is declared");
    } else if (d->mpc_mode || d->nprofiles || d->nconfigs) {
        DFAIL("MPC keys given but mpc is unsupported");
    }
    if (!d->virt_supported && (d->nvtypes || d->nvdevs))
        DFAIL("virtualization keys given but virt is unsupported");
    for (int j = 0; j < i; j++) {
        const sim_device_cfg *o = &m->dev[j];
        if (strcmp(o->uuid, d->uuid) == 0)
            DFAIL("uuid is the same as device %d's", j);
        if (o->seg == d->seg && o->bus == d->bus && o->dev == d->dev && o->fn == d->fn)
            DFAIL("sbdf is the same as device %d's", j);
    }
    for (int v = 0; v < d->nvdevs; v++) {
        for (int j = 0; j < m->ndev; j++)
            if (strcmp(m->dev[j].uuid, d->vdevs[v].uuid) == 0)
                DFAIL("virtual device uuid %s is also a device uuid", d->vdevs[v].uuid);
        for (int w = 0; w < v; w++)
            if (strcmp(d->vdevs[w].uuid, d->vdevs[v].uuid) == 0)
                DFAIL("virtual device uuid %s given twice", d->vdevs[v].uuid);
    }
#undef DFAIL
    return 0;
}

int sim_config_finalize(parser_ref p, sim_machine *m) {
    /* uuids of later devices are derived first so the checks see them */
    for (int i = 0; i < m->ndev; i++)
        if (!(m->dev[i].set_mask & SIM_SET_UUID))
            sim_format_uuid(sim_hash(m->seed, (uint64_t)i, 0x55554944ull, 0), m->dev[i].uuid, sizeof m->dev[i].uuid);
    for (int i = 0; i < m->ndev; i++)
        if (check_device(p, m, i) != 0)
            return -1;
    return 0;
}
