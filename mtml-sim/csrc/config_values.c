/*
 * config_values.c: value parsers and device presets of the config format.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "sim_config.h"

char *sim_trim(char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Parses a decimal or 0x-hex number, all of s; 0 on success. */
static int parse_u64(const char *s, unsigned long long *out, const char **end) {
    unsigned long long v = 0;
    int base = 10, any = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    for (;; s++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else if (*s == '_' && any)
            continue;
        else
            break;
        if (v > (~0ull - (unsigned)d) / (unsigned)base)
            return -1;
        v = v * (unsigned)base + (unsigned)d;
        any = 1;
    }
    if (!any)
        return -1;
    *out = v;
    if (end)
        *end = s;
    else if (*s != '\0')
        return -1;
    return 0;
}

int sim_cfg_uint(parser_ref p, const char *key, const char *val, unsigned long long *out, unsigned long long max) {
    unsigned long long v;
    if (parse_u64(val, &v, NULL) != 0)
        return sim_cfg_fail(p, "bad number '%s' for '%s'", val, key);
    if (v > max)
        return sim_cfg_fail(p, "value %s for '%s' is out of range (at most %llu)", val, key, max);
    *out = v;
    return 0;
}

int sim_cfg_int(parser_ref p, const char *key, const char *val, long long *out, long long min, long long max) {
    int neg = val[0] == '-';
    unsigned long long v;
    if (parse_u64(val + neg, &v, NULL) != 0 || v > 0x7FFFFFFFFFFFFFFFull)
        return sim_cfg_fail(p, "bad number '%s' for '%s'", val, key);
    long long sv = neg ? -(long long)v : (long long)v;
    if (sv < min || sv > max)
        return sim_cfg_fail(p, "value %s for '%s' is out of range (%lld..%lld)", val, key, min, max);
    *out = sv;
    return 0;
}

int sim_cfg_float(parser_ref p, const char *key, const char *val, float *out) {
    const char *s = val;
    double v = 0, scale = 1;
    int any = 0;
    while (*s >= '0' && *s <= '9' && v < 1e9) {
        v = v * 10 + (*s++ - '0');
        any = 1;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            scale /= 10;
            v += (*s++ - '0') * scale;
            any = 1;
        }
    }
    if (!any || *s != '\0' || v > 1e6)
        return sim_cfg_fail(p, "bad number '%s' for '%s' (expected e.g. 32 or 2.5)", val, key);
    *out = (float)v;
    return 0;
}

int sim_cfg_bool(parser_ref p, const char *key, const char *val, int *out) {
    static const char *const yes[] = {"true", "on", "yes", "1"};
    static const char *const no[] = {"false", "off", "no", "0"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(val, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcmp(val, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return sim_cfg_fail(p, "bad boolean '%s' for '%s' (true/false, on/off, yes/no)", val, key);
}

int sim_cfg_size(parser_ref p, const char *key, const char *val, unsigned long long *out) {
    static const struct {
        const char *unit;
        unsigned int shift;
    } units[] = {{"", 0}, {"B", 0}, {"K", 10}, {"KiB", 10}, {"M", 20}, {"MiB", 20},
                 {"G", 30}, {"GiB", 30}, {"T", 40}, {"TiB", 40}};
    unsigned long long v;
    const char *end;
    if (parse_u64(val, &v, &end) != 0)
        return sim_cfg_fail(p, "bad size '%s' for '%s'", val, key);
    while (*end == ' ')
        end++;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(end, units[i].unit) == 0) {
            if (units[i].shift && v > (1ull << (62 - units[i].shift)))
                return sim_cfg_fail(p, "size '%s' for '%s' is too large", val, key);
            *out = v << units[i].shift;
            return 0;
        }
    }
    return sim_cfg_fail(p, "bad size unit in '%s' for '%s' (B, KiB, MiB, GiB, TiB)", val, key);
}

int sim_cfg_string(parser_ref p, const char *key, const char *val, char *dst, size_t n) {
    size_t len = strlen(val);
    if (len + 1 > n)
        return sim_cfg_fail(p, "value for '%s' is longer than %zu characters", key, n - 1);
    memcpy(dst, val, len + 1);
    return 0;
}

int sim_cfg_keyword(parser_ref p, const char *key, const char *val, const char *const *names, int *out) {
    char list[256] = "";
    for (int i = 0; names[i]; i++) {
        if (strcmp(val, names[i]) == 0) {
            *out = i;
            return 0;
        }
        if (strlen(list) + strlen(names[i]) + 3 < sizeof list) {
            if (i)
                strcat(list, ", ");
            strcat(list, names[i]);
        }
    }
    return sim_cfg_fail(p, "bad value '%s' for '%s' (one of: %s)", val, key, list);
}

int sim_cfg_split(char *s, char sep, char **fields, int max) {
    int n = 0;
    for (;;) {
        if (n >= max)
            return -1;
        fields[n++] = s;
        char *q = strchr(s, sep);
        if (!q)
            break;
        *q = '\0';
        s = q + 1;
    }
    for (int i = 0; i < n; i++)
        fields[i] = sim_trim(fields[i]);
    return n;
}

int sim_parse_sbdf(const char *s, size_t maxlen, unsigned int *seg, unsigned int *bus, unsigned int *dev,
                   unsigned int *fn) {
    char tmp[64];
    size_t n = 0;
    while (n < maxlen && n + 1 < sizeof tmp && s[n])
        tmp[n] = s[n], n++;
    if (n == 0 || (n < maxlen && s[n] != '\0'))
        return -1;
    tmp[n] = '\0';
    char *f[3];
    int nf = sim_cfg_split(tmp, ':', f, 3);
    if (nf < 2)
        return -1;
    char *df = f[nf - 1];
    char *dot = strchr(df, '.');
    if (!dot)
        return -1;
    *dot = '\0';
    unsigned long long vseg = 0, vbus, vdev, vfn;
    char hseg[24], hbus[8], hdev[8], hfn[8];
    if (strlen(df) > 2 || strlen(dot + 1) > 1 || strlen(f[nf - 2]) > 2 || (nf == 3 && strlen(f[0]) > 8))
        return -1;
    snprintf(hbus, sizeof hbus, "0x%s", f[nf - 2]);
    snprintf(hdev, sizeof hdev, "0x%s", df);
    snprintf(hfn, sizeof hfn, "0x%s", dot + 1);
    if (nf == 3) {
        snprintf(hseg, sizeof hseg, "0x%s", f[0]);
        if (parse_u64(hseg, &vseg, NULL) != 0)
            return -1;
    }
    if (parse_u64(hbus, &vbus, NULL) != 0 || parse_u64(hdev, &vdev, NULL) != 0 || parse_u64(hfn, &vfn, NULL) != 0)
        return -1;
    if (vdev > 31 || vfn > 7)
        return -1;
    *seg = (unsigned int)vseg;
    *bus = (unsigned int)vbus;
    *dev = (unsigned int)vdev;
    *fn = (unsigned int)vfn;
    return 0;
}

int sim_parse_return_code(const char *s, MtmlReturn *out) {
    static const MtmlReturn codes[] = {
        MTML_SUCCESS, MTML_ERROR_DRIVER_NOT_LOADED, MTML_ERROR_DRIVER_FAILURE, MTML_ERROR_INVALID_ARGUMENT,
        MTML_ERROR_NOT_SUPPORTED, MTML_ERROR_NO_PERMISSION, MTML_ERROR_INSUFFICIENT_SIZE, MTML_ERROR_NOT_FOUND,
        MTML_ERROR_INSUFFICIENT_MEMORY, MTML_ERROR_DRIVER_TOO_OLD, MTML_ERROR_DRIVER_TOO_NEW, MTML_ERROR_TIMEOUT,
        MTML_ERROR_RESOURCE_IS_BUSY, MTML_ERROR_UNKNOWN};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(s, sim_return_name(codes[i])) == 0) {
            *out = codes[i];
            return 0;
        }
    unsigned long long v;
    if (parse_u64(s, &v, NULL) == 0 && v <= 0x7FFFFFFF) {
        *out = (MtmlReturn)v;
        return 0;
    }
    return -1;
}

/* ---- presets ---- */

static void preset_common(sim_device_cfg *d) {
    d->brand = MTML_BRAND_MTT;
    d->pcie_max_gen = d->pcie_cur_gen = 5;
    d->pcie_max_width = d->pcie_cur_width = 16;
    d->pcie_max_speed = d->pcie_cur_speed = 32.0f;
    d->pswitch = -1;
    d->board = -1;
    d->p2p = 1;
    d->temp_idle = 32;
    d->temp_max = 85;
    d->mem_type = MTML_MEM_TYPE_GDDR6;
    d->ecc = SIM_ECC_ON;
    d->ecc_pending = SIM_ECC_ON;
    d->active_config = -1;
    d->vpu_clock_idle = 200;
    d->vpu_clock_max = 1000;
    d->vpu_period_us = 1000000;
    d->mtlink_version = 0x010000;
}

int sim_preset_apply(sim_device_cfg *d, const char *name) {
    int line = d->line;
    memset(d, 0, sizeof(*d));
    d->line = line;
    preset_common(d);
    if (strcmp(name, "s4000") == 0) {
        sim_copy(d->name, sizeof d->name, "MTT S4000");
        sim_copy(d->mtbios, sizeof d->mtbios, "4.3.2");
        sim_copy(d->mem_vendor, sizeof d->mem_vendor, "Samsung");
        d->pci_device_id = 0x02221ed5;
        d->pci_subsystem_id = 0x02221ed5;
        d->gpu_cores = 8192;
        d->gpu_clock_idle = 400;
        d->gpu_clock_max = 1750;
        d->power_idle_mw = 60000;
        d->power_max_mw = 450000;
        d->mem_total = 48ull << 30;
        d->mem_system = 1ull << 30;
        d->mem_bus_width = 384;
        d->mem_bandwidth = 768;
        d->mem_speed = 16000;
        d->mem_clock_idle = 1000;
        d->mem_clock_max = 2000;
        d->enc_cap = 16;
        d->dec_cap = 32;
        d->mtlink_ports = 6;
        d->mtlink_bw = 240;
        return 0;
    }
    if (strcmp(name, "s3000") == 0) {
        sim_copy(d->name, sizeof d->name, "MTT S3000");
        sim_copy(d->mtbios, sizeof d->mtbios, "3.9.0");
        sim_copy(d->mem_vendor, sizeof d->mem_vendor, "Micron");
        d->pci_device_id = 0x02011ed5;
        d->pci_subsystem_id = 0x02011ed5;
        d->gpu_cores = 4096;
        d->gpu_clock_idle = 400;
        d->gpu_clock_max = 1900;
        d->power_idle_mw = 40000;
        d->power_max_mw = 250000;
        d->mem_total = 32ull << 30;
        d->mem_system = 768ull << 20;
        d->mem_bus_width = 256;
        d->mem_bandwidth = 448;
        d->mem_speed = 14000;
        d->mem_clock_idle = 800;
        d->mem_clock_max = 1750;
        d->enc_cap = 16;
        d->dec_cap = 32;
        return 0;
    }
    if (strcmp(name, "s80") == 0) {
        sim_copy(d->name, sizeof d->name, "MTT S80");
        sim_copy(d->mtbios, sizeof d->mtbios, "3.5.1");
        sim_copy(d->mem_vendor, sizeof d->mem_vendor, "Samsung");
        d->pci_device_id = 0x01061ed5;
        d->pci_subsystem_id = 0x01061ed5;
        d->p2p = 0;
        d->gpu_cores = 4096;
        d->gpu_clock_idle = 300;
        d->gpu_clock_max = 1800;
        d->power_idle_mw = 25000;
        d->power_max_mw = 255000;
        d->temp_idle = 35;
        d->temp_max = 90;
        d->fans = 2;
        d->fan_max_rpm = 3300;
        d->ndisplays = 4;
        for (int i = 0; i < 3; i++)
            d->displays[i] = (sim_display){MTML_DISP_INTF_TYPE_DP, 7680, 4320, 60.0f};
        d->displays[3] = (sim_display){MTML_DISP_INTF_TYPE_HDMI, 3840, 2160, 120.0f};
        d->mem_total = 16ull << 30;
        d->mem_system = 512ull << 20;
        d->mem_bus_width = 256;
        d->mem_bandwidth = 448;
        d->mem_speed = 14000;
        d->mem_clock_idle = 800;
        d->mem_clock_max = 1750;
        d->ecc = SIM_ECC_UNSUPPORTED;
        d->ecc_pending = SIM_ECC_UNSUPPORTED;
        d->enc_cap = 8;
        d->dec_cap = 16;
        return 0;
    }
    return -1;
}
