/*
 * config.c: parser of the machine description (format: CONFIG.md).
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * The parser never trusts its input: every line, string, count and index is
 * bounded, and the first problem stops parsing with one message of the form
 * "<source>:<line>: <problem>".
 */

#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"
#include "sim_config.h"

enum { SEC_NONE, SEC_SYSTEM, SEC_DEVICE, SEC_TOPOLOGY, SEC_P2P, SEC_MTLINK, SEC_FAULT, SEC_HOSTILE };

typedef struct {
    const char *source;
    int line;
    char *err;
    size_t errlen;
    sim_machine *m;
    int section;
    int dev_nkeys;           /* keys seen in the current [device] */
    char seen[128][32];       /* non-repeatable keys seen in the current section object */
    int nseen;
    sim_fault *fault;        /* current [fault] */
    int fault_line, fault_has_fn;
    sim_hostile_rule *hostile; /* current [hostile] */
    int hostile_line, hostile_has_fn, hostile_has_mode;
} parser;

int sim_cfg_fail(parser_ref p, const char *fmt, ...) {
    parser *ps = (parser *)p;
    char msg[SIM_ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ps->err && ps->errlen > 0) {
        if (ps->line > 0)
            snprintf(ps->err, ps->errlen, "%s:%d: %s", ps->source, ps->line, msg);
        else
            snprintf(ps->err, ps->errlen, "%s: %s", ps->source, msg);
    }
    return -1;
}

sim_machine *sim_cfg_machine(parser_ref p) {
    return ((parser *)p)->m;
}

/* Records a non-repeatable key; fails if it was already given. */
static int note_key(parser *p, const char *key) {
    for (int i = 0; i < p->nseen; i++)
        if (strcmp(p->seen[i], key) == 0)
            return sim_cfg_fail(p, "key '%s' given twice in this section", key);
    if (p->nseen < (int)(sizeof p->seen / sizeof p->seen[0]))
        sim_copy(p->seen[p->nseen++], sizeof p->seen[0], key);
    return 0;
}

/* ---- sections ---- */

static int finish_section(parser *p) {
    if (p->section == SEC_FAULT && !p->fault_has_fn) {
        p->line = p->fault_line;
        return sim_cfg_fail(p, "[fault] needs a 'function' key");
    }
    if (p->section == SEC_HOSTILE && (!p->hostile_has_fn || !p->hostile_has_mode)) {
        p->line = p->hostile_line;
        return sim_cfg_fail(p, "[hostile] needs 'function' and 'mode' keys");
    }
    return 0;
}

static int start_section(parser *p, const char *name) {
    if (finish_section(p) != 0)
        return -1;
    p->nseen = 0;
    sim_machine *m = p->m;
    if (strcmp(name, "system") == 0) {
        p->section = SEC_SYSTEM;
    } else if (strcmp(name, "device") == 0) {
        if (m->ndev >= SIM_MAX_DEVICES)
            return sim_cfg_fail(p, "too many [device] sections (at most %d)", SIM_MAX_DEVICES);
        sim_device_cfg *d = &m->dev[m->ndev++];
        memset(d, 0, sizeof(*d));
        d->line = p->line;
        if (sim_preset_apply(d, "s4000") != 0)
            return sim_cfg_fail(p, "internal: preset missing");
        p->section = SEC_DEVICE;
        p->dev_nkeys = 0;
    } else if (strcmp(name, "topology") == 0) {
        p->section = SEC_TOPOLOGY;
    } else if (strcmp(name, "p2p") == 0) {
        p->section = SEC_P2P;
    } else if (strcmp(name, "mtlink") == 0) {
        p->section = SEC_MTLINK;
    } else if (strcmp(name, "fault") == 0) {
        if (m->nfaults >= SIM_MAX_FAULTS)
            return sim_cfg_fail(p, "too many [fault] sections (at most %d)", SIM_MAX_FAULTS);
        p->fault = &m->faults[m->nfaults++];
        memset(p->fault, 0, sizeof(*p->fault));
        p->fault->id = (unsigned int)m->nfaults;
        p->fault->fn = -1;
        p->fault->device = -1;
        p->fault->code = MTML_ERROR_UNKNOWN;
        p->fault_line = p->line;
        p->fault_has_fn = 0;
        p->section = SEC_FAULT;
    } else if (strcmp(name, "hostile") == 0) {
        if (m->nhostile >= SIM_MAX_HOSTILE)
            return sim_cfg_fail(p, "too many [hostile] sections (at most %d)", SIM_MAX_HOSTILE);
        p->hostile = &m->hostile[m->nhostile++];
        p->hostile->fn = -1;
        p->hostile->mode = MTML_SIM_HOSTILE_NONE;
        p->hostile_line = p->line;
        p->hostile_has_fn = p->hostile_has_mode = 0;
        p->section = SEC_HOSTILE;
    } else {
        return sim_cfg_fail(p, "unknown section [%s]", name);
    }
    return 0;
}

/* ---- [system] ---- */

static int system_key(parser *p, const char *key, const char *val) {
    sim_machine *m = p->m;
    unsigned long long u;
    if (note_key(p, key) != 0)
        return -1;
    if (strcmp(key, "driver_version") == 0)
        return sim_cfg_string(p, key, val, m->driver_version, sizeof m->driver_version);
    if (strcmp(key, "library_version") == 0)
        return sim_cfg_string(p, key, val, m->library_version, sizeof m->library_version);
    if (strcmp(key, "seed") == 0) {
        if (sim_cfg_uint(p, key, val, &u, ~0ull) != 0)
            return -1;
        m->seed = u;
        return 0;
    }
    if (strcmp(key, "clock") == 0) {
        if (strcmp(val, "running") == 0)
            m->clock_frozen = 0;
        else if (strcmp(val, "frozen") == 0)
            m->clock_frozen = 1;
        else
            return sim_cfg_fail(p, "bad value '%s' for 'clock' (running or frozen)", val);
        return 0;
    }
    if (strcmp(key, "cpus") == 0) {
        if (sim_cfg_uint(p, key, val, &u, 4096) != 0)
            return -1;
        if (u == 0)
            return sim_cfg_fail(p, "'cpus' must be at least 1");
        m->cpus = (unsigned int)u;
        return 0;
    }
    if (strcmp(key, "numa_nodes") == 0) {
        if (sim_cfg_uint(p, key, val, &u, 64) != 0)
            return -1;
        if (u == 0)
            return sim_cfg_fail(p, "'numa_nodes' must be at least 1");
        m->numa_nodes = (unsigned int)u;
        return 0;
    }
    return sim_cfg_fail(p, "unknown key '%s' in [system]", key);
}

/* ---- pair sections: [topology], [p2p] ---- */

static int parse_pair(parser *p, const char *key, int *a, int *b) {
    char tmp[64];
    sim_copy(tmp, sizeof tmp, key);
    char *dash = strchr(tmp, '-');
    if (!dash)
        return sim_cfg_fail(p, "expected a device pair 'a-b', got '%s'", key);
    *dash = '\0';
    unsigned long long ua, ub;
    if (sim_cfg_uint(p, "device index", tmp, &ua, SIM_MAX_DEVICES - 1) != 0 ||
        sim_cfg_uint(p, "device index", dash + 1, &ub, SIM_MAX_DEVICES - 1) != 0)
        return -1;
    if ((int)ua >= p->m->ndev || (int)ub >= p->m->ndev)
        return sim_cfg_fail(p, "device pair '%s' names a device not declared above", key);
    if (ua == ub)
        return sim_cfg_fail(p, "device pair '%s' names the same device twice", key);
    *a = (int)ua;
    *b = (int)ub;
    return 0;
}

static const char *const topo_names[] = {"internal", "single", "multiple", "hostbridge", "node", "system", NULL};
static const char *const p2p_names[] = {"ok", "chipset_not_supported", "gpu_not_supported", "unknown", NULL};

static int pair_key(parser *p, const char *key, const char *val, int is_topo) {
    int a = 0, b = 0, v = 0; /* set by the parsers; zeroed for -O2 -Wmaybe-uninitialized */
    if (parse_pair(p, key, &a, &b) != 0)
        return -1;
    if (sim_cfg_keyword(p, key, val, is_topo ? topo_names : p2p_names, &v) != 0)
        return -1;
    if (is_topo)
        p->m->topo[a][b] = p->m->topo[b][a] = (signed char)v;
    else
        p->m->p2p[a][b] = p->m->p2p[b][a] = (signed char)v;
    return 0;
}

/* ---- [mtlink] ---- */

static int parse_port(parser *p, const char *s, int *dev, int *port) {
    char tmp[64];
    sim_copy(tmp, sizeof tmp, s);
    char *dot = strchr(tmp, '.');
    if (!dot)
        return sim_cfg_fail(p, "expected a port 'device.port', got '%s'", s);
    *dot = '\0';
    unsigned long long d, q;
    if (sim_cfg_uint(p, "device index", tmp, &d, SIM_MAX_DEVICES - 1) != 0 ||
        sim_cfg_uint(p, "port", dot + 1, &q, SIM_MAX_PORTS - 1) != 0)
        return -1;
    if ((int)d >= p->m->ndev)
        return sim_cfg_fail(p, "port '%s' names a device not declared above", s);
    if (q >= p->m->dev[d].mtlink_ports)
        return sim_cfg_fail(p, "port '%s' does not exist (device %d has %u MtLink ports)", s, (int)d,
                            p->m->dev[d].mtlink_ports);
    *dev = (int)d;
    *port = (int)q;
    return 0;
}

static int mtlink_key(parser *p, const char *key, const char *val) {
    sim_machine *m = p->m;
    int d, q;
    if (strncmp(key, "state ", 6) == 0) {
        static const char *const names[] = {"down", "up", "downgrade", NULL};
        int v;
        if (parse_port(p, key + 6, &d, &q) != 0 || sim_cfg_keyword(p, "state", val, names, &v) != 0)
            return -1;
        m->port_state[d][q] = (signed char)v;
        return 0;
    }
    if (strncmp(key, "caps ", 5) == 0) {
        if (parse_port(p, key + 5, &d, &q) != 0)
            return -1;
        int caps = 0;
        char tmp[128];
        sim_copy(tmp, sizeof tmp, val);
        char *save = NULL;
        for (char *tok = strtok_r(tmp, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
            if (strcmp(tok, "none") == 0)
                continue;
            else if (strcmp(tok, "p2p_access") == 0)
                caps |= 1;
            else if (strcmp(tok, "atomics") == 0)
                caps |= 2;
            else
                return sim_cfg_fail(p, "unknown MtLink capability '%s' (p2p_access, atomics, none)", tok);
        }
        m->port_caps[d][q] = (signed char)caps;
        return 0;
    }
    int d2, q2;
    if (parse_port(p, key, &d, &q) != 0 || parse_port(p, val, &d2, &q2) != 0)
        return -1;
    if (d == d2)
        return sim_cfg_fail(p, "MtLink cable from device %d to itself", d);
    if (m->peer_dev[d][q] >= 0 || m->peer_dev[d2][q2] >= 0)
        return sim_cfg_fail(p, "MtLink port already cabled in '%s = %s'", key, val);
    m->peer_dev[d][q] = (short)d2;
    m->peer_port[d][q] = (short)q2;
    m->peer_dev[d2][q2] = (short)d;
    m->peer_port[d2][q2] = (short)q;
    return 0;
}

/* ---- [fault] and [hostile] ---- */

int sim_cfg_fault_key(parser_ref pr, sim_fault *f, const char *key, const char *val, int *has_fn) {
    parser *p = (parser *)pr;
    unsigned long long u;
    if (strcmp(key, "function") == 0) {
        if (strcmp(val, "*") == 0)
            f->fn = -1;
        else if ((f->fn = sim_fn_lookup(val)) < 0)
            return sim_cfg_fail(p, "unknown function '%s'", val);
        *has_fn = 1;
        return 0;
    }
    if (strcmp(key, "device") == 0) {
        if (strcmp(val, "any") == 0 || strcmp(val, "-1") == 0) {
            f->device = -1;
            return 0;
        }
        if (sim_cfg_uint(p, key, val, &u, SIM_MAX_DEVICES - 1) != 0)
            return -1;
        f->device = (int)u;
        return 0;
    }
    if (strcmp(key, "code") == 0) {
        if (sim_parse_return_code(val, &f->code) != 0)
            return sim_cfg_fail(p, "unknown return code '%s'", val);
        return 0;
    }
    if (strcmp(key, "after") == 0 || strcmp(key, "times") == 0 || strcmp(key, "stall_ms") == 0) {
        unsigned long long max = strcmp(key, "stall_ms") == 0 ? SIM_MAX_STALL_MS : 0xFFFFFFFFull;
        if (sim_cfg_uint(p, key, val, &u, max) != 0)
            return -1;
        if (key[0] == 'a')
            f->after = (unsigned int)u;
        else if (key[0] == 't')
            f->times = (unsigned int)u;
        else
            f->stall_ms = (unsigned int)u;
        return 0;
    }
    return sim_cfg_fail(p, "unknown key '%s' in [fault]", key);
}

static int hostile_key(parser *p, const char *key, const char *val) {
    static const char *const modes[] = {"none", "unterminated_string", "invalid_utf8", "enum_out_of_range",
                                        "count_inflated", NULL};
    if (strcmp(key, "function") == 0) {
        if (strcmp(val, "*") == 0)
            p->hostile->fn = -1;
        else if ((p->hostile->fn = sim_fn_lookup(val)) < 0)
            return sim_cfg_fail(p, "unknown function '%s'", val);
        p->hostile_has_fn = 1;
        return 0;
    }
    if (strcmp(key, "mode") == 0) {
        p->hostile_has_mode = 1;
        return sim_cfg_keyword(p, key, val, modes, &p->hostile->mode);
    }
    return sim_cfg_fail(p, "unknown key '%s' in [hostile]", key);
}

/* ---- lines ---- */

static int handle_line(parser *p, char *s) {
    /* strip an inline comment: '#' after a blank, outside quotes */
    int inq = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '"')
            inq = !inq;
        else if (s[i] == '#' && !inq && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            s[i] = '\0';
            break;
        }
    }
    s = sim_trim(s);
    if (s[0] == '\0' || s[0] == ';')
        return 0;
    if (s[0] == '[') {
        size_t n = strlen(s);
        if (s[n - 1] != ']')
            return sim_cfg_fail(p, "section header must end with ']'");
        s[n - 1] = '\0';
        return start_section(p, sim_trim(s + 1));
    }
    char *eq = strchr(s, '=');
    if (!eq)
        return sim_cfg_fail(p, "expected 'key = value' or '[section]'");
    *eq = '\0';
    char *key = sim_trim(s);
    char *val = sim_trim(eq + 1);
    if (key[0] == '\0')
        return sim_cfg_fail(p, "missing key before '='");
    size_t vl = strlen(val);
    if (vl > 0 && val[0] == '"') {
        if (vl < 2 || val[vl - 1] != '"')
            return sim_cfg_fail(p, "unterminated quoted value");
        val[vl - 1] = '\0';
        val++;
    }
    switch (p->section) {
    case SEC_NONE:
        return sim_cfg_fail(p, "key '%s' outside of any section", key);
    case SEC_SYSTEM:
        return system_key(p, key, val);
    case SEC_DEVICE: {
        sim_device_cfg *d = &p->m->dev[p->m->ndev - 1];
        if (strcmp(key, "model") == 0 && p->dev_nkeys > 0)
            return sim_cfg_fail(p, "'model' must be the first key of a [device] section");
        if (!sim_device_key_repeatable(key) && note_key(p, key) != 0)
            return -1;
        p->dev_nkeys++;
        return sim_device_key(p, d, p->m->ndev - 1, key, val);
    }
    case SEC_TOPOLOGY:
        return pair_key(p, key, val, 1);
    case SEC_P2P:
        return pair_key(p, key, val, 0);
    case SEC_MTLINK:
        return mtlink_key(p, key, val);
    case SEC_FAULT:
        if (note_key(p, key) != 0)
            return -1;
        return sim_cfg_fault_key(p, p->fault, key, val, &p->fault_has_fn);
    case SEC_HOSTILE:
        if (note_key(p, key) != 0)
            return -1;
        return hostile_key(p, key, val);
    default:
        return sim_cfg_fail(p, "internal: bad section");
    }
}

static void machine_init(sim_machine *m) {
    memset(m, 0, sizeof(*m));
    sim_copy(m->driver_version, sizeof m->driver_version, "3.0.0-sim");
    sim_copy(m->library_version, sizeof m->library_version, "2.2.0");
    m->seed = 1;
    m->cpus = 16;
    m->numa_nodes = 1;
    memset(m->port_state, -1, sizeof m->port_state);
    memset(m->port_caps, -1, sizeof m->port_caps);
    memset(m->peer_dev, -1, sizeof m->peer_dev);
    memset(m->peer_port, -1, sizeof m->peer_port);
    memset(m->topo, -1, sizeof m->topo);
    memset(m->p2p, -1, sizeof m->p2p);
}

void sim_machine_free(sim_machine *m) {
    free(m->dev);
    m->dev = NULL;
    m->ndev = 0;
}

int sim_config_parse(const char *text, size_t len, const char *source, sim_machine *m, char *err, size_t errlen) {
    parser p;
    memset(&p, 0, sizeof p);
    p.source = source ? source : "<config>";
    p.err = err;
    p.errlen = errlen;
    p.m = m;
    machine_init(m);
    if (err && errlen)
        err[0] = '\0';
    if (!text)
        return sim_cfg_fail(&p, "no configuration text");
    if (len > SIM_MAX_CONFIG_BYTES)
        return sim_cfg_fail(&p, "configuration larger than %u bytes", SIM_MAX_CONFIG_BYTES);
    m->dev = calloc(SIM_MAX_DEVICES, sizeof(sim_device_cfg));
    if (!m->dev)
        return sim_cfg_fail(&p, "out of memory");
    char line[SIM_MAX_LINE];
    size_t pos = 0;
    int rc = 0;
    while (pos < len && rc == 0) {
        p.line++;
        size_t n = 0;
        int too_long = 0;
        while (pos < len && text[pos] != '\n') {
            char ch = text[pos++];
            if (ch == '\0') {
                rc = sim_cfg_fail(&p, "NUL byte in configuration text");
                break;
            }
            if (ch == '\r')
                continue;
            if (ch == '\t')
                ch = ' ';
            if (n + 1 < sizeof line)
                line[n++] = ch;
            else
                too_long = 1;
        }
        if (rc != 0)
            break;
        if (pos < len)
            pos++; /* skip '\n' */
        line[n] = '\0';
        if (too_long) {
            rc = sim_cfg_fail(&p, "line longer than %d bytes", SIM_MAX_LINE - 1);
            break;
        }
        rc = handle_line(&p, line);
    }
    if (rc == 0)
        rc = finish_section(&p);
    if (rc == 0) {
        p.line = 0;
        rc = sim_config_finalize(&p, m);
    }
    if (rc != 0)
        sim_machine_free(m);
    return rc;
}

int sim_config_parse_fault_list(const char *text, sim_machine *m, char *err, size_t errlen) {
    parser p;
    memset(&p, 0, sizeof p);
    p.source = "MTML_SIM_FAULTS";
    p.err = err;
    p.errlen = errlen;
    p.m = m;
    size_t len = strnlen(text, SIM_MAX_CONFIG_BYTES + 1);
    if (len > SIM_MAX_CONFIG_BYTES)
        return sim_cfg_fail(&p, "value too long");
    size_t pos = 0;
    while (pos < len) {
        p.line++;
        char rule[SIM_MAX_LINE];
        size_t n = 0;
        while (pos < len && text[pos] != ';') {
            if (n + 1 >= sizeof rule)
                return sim_cfg_fail(&p, "rule longer than %d bytes", SIM_MAX_LINE - 1);
            rule[n++] = text[pos++];
        }
        rule[n] = '\0';
        if (pos < len)
            pos++;
        char *r = sim_trim(rule);
        if (r[0] == '\0')
            continue;
        if (m->nfaults >= SIM_MAX_FAULTS)
            return sim_cfg_fail(&p, "too many fault rules (at most %d)", SIM_MAX_FAULTS);
        sim_fault f;
        memset(&f, 0, sizeof f);
        f.fn = -1;
        f.device = -1;
        f.code = MTML_ERROR_UNKNOWN;
        int has_fn = 0;
        char *save = NULL;
        for (char *tok = strtok_r(r, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
            char *eq = strchr(tok, '=');
            if (!eq)
                return sim_cfg_fail(&p, "expected key=value, got '%s'", tok);
            *eq = '\0';
            if (sim_cfg_fault_key(&p, &f, tok, eq + 1, &has_fn) != 0)
                return -1;
        }
        if (!has_fn)
            return sim_cfg_fail(&p, "fault rule needs function=");
        unsigned int maxid = 0;
        for (int i = 0; i < m->nfaults; i++)
            if (m->faults[i].id > maxid)
                maxid = m->faults[i].id;
        f.id = maxid + 1;
        m->faults[m->nfaults++] = f;
    }
    return 0;
}
