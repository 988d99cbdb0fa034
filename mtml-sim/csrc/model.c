/*
 * model.c: virtual clock and the metric curves of the simulated devices.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Every metric is a smooth, deterministic function of (seed, device unit,
 * metric, virtual time): value noise with smoothstep interpolation between
 * hashed knots, two octaves. No libm and no rand().
 *
 * A metric pinned by the config (the SIM_PIN_* keys) is that value at every
 * tick instead. Pins hold for the physical device's own units; the units of
 * MPC instances and virtual devices keep their curves for what is theirs
 * (utilization, memory), and report the chip's values (clocks, codec load).
 */

#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sim_internal.h"

/* ---- clock ---- */

unsigned long long sim_mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

unsigned long long sim_now_ms(const sim_instance *inst) {
    if (inst->frozen)
        return inst->clock_base_ms;
    unsigned long long now = sim_mono_ns();
    unsigned long long run = now > inst->run_start_ns ? (now - inst->run_start_ns) / 1000000ull : 0;
    return inst->clock_base_ms + run;
}

/* ---- hashing ---- */

static uint64_t mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

uint64_t sim_hash(uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
    uint64_t h = mix(a + 0x9e3779b97f4a7c15ull);
    h = mix(h ^ (b + 0x632be59bd9b4e019ull));
    h = mix(h ^ (c + 0x85157af5ull));
    return mix(h ^ (d + 0x2545f4914f6cdd1dull));
}

void sim_format_uuid(uint64_t h, char *out, size_t n) {
    uint64_t h2 = mix(h ^ 0xa5a5a5a5a5a5a5a5ull);
    snprintf(out, n, "%08x-%04x-4%03x-8%03x-%012llx", (unsigned)(h >> 32), (unsigned)((h >> 16) & 0xffff),
             (unsigned)(h & 0xfff), (unsigned)((h2 >> 48) & 0xfff),
             (unsigned long long)(h2 & 0xffffffffffffull));
}

/* ---- noise ---- */

static double unit_hash(uint64_t seed, unsigned int unit, unsigned int metric, uint64_t k) {
    return (double)(sim_hash(seed, unit, metric, k) >> 11) / 9007199254740992.0; /* [0,1) */
}

static double noise1(uint64_t seed, unsigned int unit, unsigned int metric, unsigned long long t,
                     unsigned long long period) {
    unsigned long long k = t / period;
    double f = (double)(t % period) / (double)period;
    double s = f * f * (3.0 - 2.0 * f);
    double a = unit_hash(seed, unit, metric, k), b = unit_hash(seed, unit, metric, k + 1);
    return a + (b - a) * s;
}

/* Smooth wave in [0,1] for (unit, metric) at the instance's time. */
static double wave(const sim_instance *inst, unsigned int unit, unsigned int metric) {
    unsigned long long t = sim_now_ms(inst);
    uint64_t seed = inst->m.seed;
    unsigned long long p = 6000 + sim_hash(seed, unit, metric, 0xfeed) % 12000;
    return 0.65 * noise1(seed, unit, metric, t, p) + 0.35 * noise1(seed, unit, metric + 1000, t, p / 3 + 1);
}

static unsigned int clamp_u(double v, unsigned int lo, unsigned int hi) {
    if (v < lo)
        return lo;
    if (v > hi)
        return hi;
    return (unsigned int)v;
}

/* ---- metrics ---- */

unsigned int sim_unit_id(const sim_slot *h) {
    return (unsigned int)h->phys * 256u + (unsigned int)h->dkind * 64u + (unsigned int)(h->sub < 0 ? 0 : h->sub);
}

/* Whether the config pins the metric of flag and unit is the physical device's own. */
static int pinned(const sim_device_cfg *d, unsigned int flag, int phys, unsigned int unit) {
    return (d->set_mask & flag) && unit == (unsigned int)phys * 256u;
}

unsigned int sim_gpu_util(const sim_instance *inst, int phys, unsigned int unit) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (pinned(d, SIM_PIN_GPU_UTIL, phys, unit))
        return d->pin_gpu_util;
    if (d->load == 0)
        return 0;
    return clamp_u(d->load * (0.55 + 0.9 * wave(inst, unit, SIM_M_GPU)), 0, 100);
}

static unsigned int phys_util(const sim_instance *inst, int phys) {
    return sim_gpu_util(inst, phys, (unsigned int)phys * 256u);
}

int sim_temperature(const sim_instance *inst, int phys) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    double span = (double)(d->temp_max - d->temp_idle);
    double v = d->temp_idle + span * 0.9 * phys_util(inst, phys) / 100.0 + 2.0 * wave(inst, phys * 256u, SIM_M_TEMP);
    if (v > d->temp_max)
        v = d->temp_max;
    return (int)v;
}

unsigned int sim_power_mw(const sim_instance *inst, int phys) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    double span = (double)d->power_max_mw - (double)d->power_idle_mw;
    double v = d->power_idle_mw + span * phys_util(inst, phys) / 100.0 * (0.85 + 0.15 * wave(inst, phys * 256u, SIM_M_POWER));
    return clamp_u(v, d->power_idle_mw, d->power_max_mw);
}

unsigned int sim_gpu_clock(const sim_instance *inst, int phys) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (d->set_mask & SIM_PIN_GPU_CLOCK)
        return d->pin_gpu_clock;
    unsigned int u = phys_util(inst, phys);
    if (u == 0)
        return d->gpu_clock_idle;
    double f = 0.4 + u / 100.0;
    if (f > 1.0)
        f = 1.0;
    return clamp_u(d->gpu_clock_idle + ((double)d->gpu_clock_max - d->gpu_clock_idle) * f, 0, d->gpu_clock_max);
}

unsigned int sim_engine_util(const sim_instance *inst, int phys, unsigned int unit, int engine) {
    static const double share[MTML_GPU_ENGINE_MAX] = {0.4, 0.1, 0.6, 1.0};
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (pinned(d, (unsigned int)SIM_PIN_ENGINE_UTIL << (unsigned int)engine, phys, unit))
        return d->pin_engine_util[engine];
    unsigned int u = sim_gpu_util(inst, phys, unit);
    if (engine == MTML_GPU_ENGINE_COMPUTE)
        return u;
    return clamp_u(u * share[engine] * (0.5 + 0.5 * wave(inst, unit, SIM_M_ENGINE + (unsigned)engine)), 0, 100);
}

unsigned long long sim_mem_used(const sim_instance *inst, int phys, unsigned int unit, unsigned long long total,
                                unsigned long long system) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (pinned(d, SIM_PIN_MEM_USED, phys, unit))
        return d->pin_mem_used;
    if (system > total)
        system = total;
    if (d->load == 0)
        return system;
    double frac = d->load / 100.0 * (0.35 + 0.4 * wave(inst, unit, SIM_M_MEM));
    if (frac > 1.0)
        frac = 1.0;
    unsigned long long extra = (unsigned long long)((double)(total - system) * frac);
    extra &= ~0xFFFFFull; /* whole MiB */
    return system + extra;
}

unsigned int sim_mem_util(const sim_instance *inst, int phys, unsigned int unit) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (pinned(d, SIM_PIN_MEM_UTIL, phys, unit))
        return d->pin_mem_util;
    return clamp_u(sim_gpu_util(inst, phys, unit) * (0.4 + 0.5 * wave(inst, unit, SIM_M_MEMUTIL)), 0, 100);
}

unsigned int sim_mem_clock(const sim_instance *inst, int phys) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (d->set_mask & SIM_PIN_MEM_CLOCK)
        return d->pin_mem_clock;
    return phys_util(inst, phys) == 0 ? d->mem_clock_idle : d->mem_clock_max;
}

unsigned int sim_fan_percent(const sim_instance *inst, int phys, unsigned int fan) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (d->npin_fan_speed > 0)
        return d->pin_fan_speed[d->npin_fan_speed == 1 ? 0 : fan];
    double span = (double)(d->temp_max - d->temp_idle);
    double heat = span > 0 ? (sim_temperature(inst, phys) - d->temp_idle) / span : 0.0;
    if (heat < 0)
        heat = 0;
    return clamp_u(30.0 + 65.0 * heat + 5.0 * wave(inst, phys * 256u + fan, SIM_M_FAN), 0, 100);
}

unsigned int sim_fan_rpm(const sim_instance *inst, int phys, unsigned int fan) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (d->npin_fan_rpm > 0)
        return d->pin_fan_rpm[d->npin_fan_rpm == 1 ? 0 : fan];
    return (unsigned int)((unsigned long long)d->fan_max_rpm * sim_fan_percent(inst, phys, fan) / 100u);
}

/* Encoder and decoder load following the active sessions. */
static void vpu_curve(const sim_instance *inst, int phys, unsigned int *enc, unsigned int *dec) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    double ref = 3840.0 * 2160.0 * 60.0;
    double e = 0, de = 0;
    for (unsigned int i = 0; i < d->enc_cap && i < SIM_MAX_SESSIONS; i++)
        if (d->enc[i].active)
            e += (double)d->enc[i].width * d->enc[i].height * d->enc[i].fps / ref;
    for (unsigned int i = 0; i < d->dec_cap && i < SIM_MAX_SESSIONS; i++)
        if (d->dec[i].active)
            de += (double)d->dec[i].width * d->dec[i].height * d->dec[i].fps / ref;
    double w = 0.85 + 0.3 * wave(inst, phys * 256u, SIM_M_VPU);
    *enc = e > 0 ? clamp_u(e * 40.0 * w + 1, 1, 100) : 0;
    *dec = de > 0 ? clamp_u(de * 20.0 * w + 1, 1, 100) : 0;
}

void sim_vpu_util(const sim_instance *inst, int phys, MtmlCodecUtil *out) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    unsigned int e, de;
    vpu_curve(inst, phys, &e, &de);
    memset(out, 0, sizeof *out);
    out->encUtil = (d->set_mask & SIM_PIN_ENC_UTIL) ? d->pin_enc_util : e;
    out->decUtil = (d->set_mask & SIM_PIN_DEC_UTIL) ? d->pin_dec_util : de;
    if (d->set_mask & SIM_PIN_VPU_UTIL)
        out->util = d->pin_vpu_util;
    else
        out->util = out->encUtil > out->decUtil ? out->encUtil : out->decUtil;
    out->period = d->vpu_period_us;
}

unsigned int sim_vpu_clock(const sim_instance *inst, int phys) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (d->set_mask & SIM_PIN_VPU_CLOCK)
        return d->pin_vpu_clock;
    MtmlCodecUtil cu;
    sim_vpu_util(inst, phys, &cu);
    unsigned int u = cu.encUtil > cu.decUtil ? cu.encUtil : cu.decUtil;
    if (u == 0)
        return d->vpu_clock_idle;
    double f = 0.5 + u / 100.0;
    if (f > 1.0)
        f = 1.0;
    return clamp_u(d->vpu_clock_idle + ((double)d->vpu_clock_max - d->vpu_clock_idle) * f, 0, d->vpu_clock_max);
}

unsigned long long sim_ecc_growth(const sim_instance *inst, int phys) {
    return (unsigned long long)inst->m.dev[phys].ecc_per_hour * sim_now_ms(inst) / 3600000ull;
}

/* ---- device lookup helpers ---- */

sim_device_cfg *sim_cfg_of(const sim_instance *inst, int phys) {
    return &inst->m.dev[phys];
}

sim_device_cfg *sim_cfg(const sim_call *c) {
    return &c->inst->m.dev[c->h.phys];
}

int sim_visible_index(const sim_instance *inst, int phys) {
    if (phys < 0 || phys >= inst->m.ndev || inst->removed[phys])
        return -1;
    int v = 0;
    for (int i = 0; i < phys; i++)
        if (!inst->removed[i])
            v++;
    return v;
}

int sim_phys_of_visible(const sim_instance *inst, unsigned int vis) {
    unsigned int v = 0;
    for (int i = 0; i < inst->m.ndev; i++) {
        if (inst->removed[i])
            continue;
        if (v == vis)
            return i;
        v++;
    }
    return -1;
}

unsigned int sim_visible_count(const sim_instance *inst) {
    unsigned int v = 0;
    for (int i = 0; i < inst->m.ndev; i++)
        if (!inst->removed[i])
            v++;
    return v;
}

const sim_mpc_profile *sim_mpc_find_profile(const sim_device_cfg *d, unsigned int id) {
    for (int i = 0; i < d->nprofiles; i++)
        if (d->profiles[i].id == id)
            return &d->profiles[i];
    return NULL;
}

int sim_mpc_instance_count(const sim_instance *inst, int phys) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    int ac = inst->active_config[phys];
    if (!d->mpc_supported || !inst->mpc_mode[phys] || ac < 0 || ac >= d->nconfigs)
        return 0;
    return d->configs[ac].nprofiles;
}

const sim_mpc_profile *sim_mpc_instance_profile(const sim_instance *inst, int phys, int sub) {
    if (sub < 0 || sub >= sim_mpc_instance_count(inst, phys))
        return NULL;
    const sim_device_cfg *d = &inst->m.dev[phys];
    return sim_mpc_find_profile(d, d->configs[inst->active_config[phys]].profile[sub]);
}

void sim_mpc_instance_uuid(const sim_instance *inst, int phys, int sub, char *out, size_t n) {
    const sim_device_cfg *d = &inst->m.dev[phys];
    if (sub >= 0 && sub < MTML_MPC_CONF_MAX_PROF_NUM && d->mpc_uuid[sub][0] != '\0') {
        sim_copy(out, n, d->mpc_uuid[sub]);
        return;
    }
    sim_format_uuid(sim_hash(inst->m.seed, (uint64_t)phys, 0x4d5043ull, (uint64_t)sub), out, n);
}
