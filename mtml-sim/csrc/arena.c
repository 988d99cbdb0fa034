/*
 * arena.c: handle arena, instance registry and the entry routine every API
 * call goes through.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Handles are slots in chunks that are allocated once and never freed.
 * A pointer from a client is accepted only if it lies exactly on a slot
 * inside a chunk; then the slot's magic, state, kind and owning instance
 * tell a live handle from a stale, freed, retired or foreign one. Released
 * slots wait in a FIFO quarantine of SIM_QUARANTINE entries before reuse, so
 * a stale pointer keeps being recognised as stale for a long time.
 *
 * Locking: one global mutex (g_mu) for the arena and the registry, one
 * recursive mutex per instance. The instance mutex may be taken and then
 * g_mu, never the other way round.
 */

#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

#define SIM_SLOT_MAGIC 0x4d544d53u /* "MTMS" */
#define SIM_CHUNK_SLOTS 1024u
#define SIM_MAX_CHUNKS 4096u
#define SIM_QUARANTINE 65536u

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static sim_slot *g_chunks[SIM_MAX_CHUNKS];
static uint32_t g_nchunks;
static uint32_t g_next_fresh = 1; /* slot 0 is never handed out */
static uint32_t *g_queue;         /* ring buffer of released slots */
static size_t g_qcap, g_qhead, g_qlen;

static sim_instance **g_insts;
static size_t g_ninsts, g_capinsts;
static uint64_t g_next_inst_id = 1;

static unsigned long long g_misuse[MTML_SIM_MISUSE_KIND_COUNT];
static unsigned long long g_calls[FN_COUNT];

/* ---- function table ---- */

#define SIM_FN_NAME(name) #name,
static const char *const g_fn_names[FN_COUNT] = {SIM_FUNCTIONS(SIM_FN_NAME)};
#undef SIM_FN_NAME

const char *sim_fn_name(int fn) {
    return (fn >= 0 && fn < FN_COUNT) ? g_fn_names[fn] : NULL;
}

int sim_fn_lookup(const char *name) {
    if (!name)
        return -1;
    for (int i = 0; i < FN_COUNT; i++)
        if (sim_str_eq(name, g_fn_names[i]))
            return i;
    return -1;
}

/* ---- arena ---- */

static sim_slot *slot_at(uint32_t idx) {
    uint32_t chunk = idx / SIM_CHUNK_SLOTS;
    if (idx == 0 || chunk >= g_nchunks)
        return NULL;
    return &g_chunks[chunk][idx % SIM_CHUNK_SLOTS];
}

/* Maps a client pointer to a slot index; 0 if it is not a slot. */
static uint32_t slot_index_of(const void *p) {
    uintptr_t a = (uintptr_t)p;
    for (uint32_t c = 0; c < g_nchunks; c++) {
        uintptr_t base = (uintptr_t)g_chunks[c];
        uintptr_t end = base + (uintptr_t)SIM_CHUNK_SLOTS * sizeof(sim_slot);
        if (a >= base && a < end) {
            if ((a - base) % sizeof(sim_slot) != 0)
                return 0;
            return c * SIM_CHUNK_SLOTS + (uint32_t)((a - base) / sizeof(sim_slot));
        }
    }
    return 0;
}

static int queue_push(uint32_t idx) {
    if (g_qlen == g_qcap) {
        size_t ncap = g_qcap ? g_qcap * 2 : 4096;
        uint32_t *nq = malloc(ncap * sizeof(*nq));
        if (!nq)
            return -1;
        for (size_t i = 0; i < g_qlen; i++)
            nq[i] = g_queue[(g_qhead + i) % g_qcap];
        free(g_queue);
        g_queue = nq;
        g_qcap = ncap;
        g_qhead = 0;
    }
    g_queue[(g_qhead + g_qlen) % g_qcap] = idx;
    g_qlen++;
    return 0;
}

/* Allocates a slot (g_mu held); 0 when out of memory. */
static uint32_t arena_alloc(void) {
    if (g_qlen > SIM_QUARANTINE) {
        uint32_t idx = g_queue[g_qhead];
        g_qhead = (g_qhead + 1) % g_qcap;
        g_qlen--;
        return idx;
    }
    if (g_next_fresh / SIM_CHUNK_SLOTS >= g_nchunks) {
        if (g_nchunks >= SIM_MAX_CHUNKS)
            return 0;
        sim_slot *chunk = calloc(SIM_CHUNK_SLOTS, sizeof(sim_slot));
        if (!chunk)
            return 0;
        g_chunks[g_nchunks++] = chunk;
    }
    return g_next_fresh++;
}

/* Creates a live slot owned by inst (g_mu held). */
static uint32_t slot_create(sim_instance *inst, int kind, int dkind, int phys, int sub) {
    if (inst->dead)
        return 0;
    if (inst->nowned == inst->capowned) {
        size_t ncap = inst->capowned ? inst->capowned * 2 : 64;
        uint32_t *n = realloc(inst->owned, ncap * sizeof(*n));
        if (!n)
            return 0;
        inst->owned = n;
        inst->capowned = ncap;
    }
    uint32_t idx = arena_alloc();
    sim_slot *s = slot_at(idx);
    if (!s)
        return 0;
    uint32_t gen = s->gen + 1;
    memset(s, 0, sizeof(*s));
    s->magic = SIM_SLOT_MAGIC;
    s->kind = kind;
    s->state = SIM_SLOT_LIVE;
    s->gen = gen;
    s->inst_id = inst->id;
    s->dkind = dkind;
    s->phys = phys;
    s->sub = sub;
    inst->owned[inst->nowned++] = idx;
    if (kind >= 0 && kind < MTML_SIM_HANDLE_KIND_COUNT)
        inst->created[kind]++;
    return idx;
}

static sim_instance *find_instance(uint64_t id) {
    for (size_t i = 0; i < g_ninsts; i++)
        if (g_insts[i]->id == id)
            return g_insts[i];
    return NULL;
}

void sim_count_misuse(sim_instance *inst, int kind) {
    if (kind < 0 || kind >= MTML_SIM_MISUSE_KIND_COUNT)
        return;
    pthread_mutex_lock(&g_mu);
    g_misuse[kind]++;
    if (inst)
        inst->misuse[kind]++;
    pthread_mutex_unlock(&g_mu);
}

unsigned long long sim_global_misuse(int kind) {
    pthread_mutex_lock(&g_mu);
    unsigned long long v = (kind >= 0 && kind < MTML_SIM_MISUSE_KIND_COUNT) ? g_misuse[kind] : 0;
    pthread_mutex_unlock(&g_mu);
    return v;
}

int sim_owns_pointer(const void *p) {
    pthread_mutex_lock(&g_mu);
    uint32_t idx = slot_index_of(p);
    pthread_mutex_unlock(&g_mu);
    return idx != 0;
}

unsigned long long sim_global_calls(int fn) {
    pthread_mutex_lock(&g_mu);
    unsigned long long v = 0;
    if (fn < 0) {
        for (int i = 0; i < FN_COUNT; i++)
            v += g_calls[i];
    } else if (fn < FN_COUNT) {
        v = g_calls[fn];
    }
    pthread_mutex_unlock(&g_mu);
    return v;
}

void sim_global_count_call(int fn) {
    pthread_mutex_lock(&g_mu);
    if (fn >= 0 && fn < FN_COUNT)
        g_calls[fn]++;
    pthread_mutex_unlock(&g_mu);
}

/*
 * Validates handle as kind (g_mu held). On success fills out and idx_out and
 * returns the owning instance; otherwise counts the misuse and returns NULL.
 * expect_inst, if not NULL, is the instance the handle must belong to.
 */
static sim_instance *validate(const void *handle, int kind, int is_free, sim_instance *expect_inst,
                              sim_slot *out, uint32_t *idx_out) {
    uint32_t idx = slot_index_of(handle);
    sim_slot *s = slot_at(idx);
    int misuse = -1;
    sim_instance *inst = NULL;
    if (!s || s->magic != SIM_SLOT_MAGIC || s->state == SIM_SLOT_FREE) {
        misuse = MTML_SIM_MISUSE_FOREIGN_HANDLE;
    } else {
        inst = find_instance(s->inst_id);
        if (!inst || inst->dead || s->state == SIM_SLOT_RETIRED) {
            misuse = MTML_SIM_MISUSE_USE_AFTER_SHUTDOWN;
            inst = NULL;
        } else if (s->kind != kind || (expect_inst && inst != expect_inst)) {
            misuse = MTML_SIM_MISUSE_FOREIGN_HANDLE;
        } else if (s->state == SIM_SLOT_FREED) {
            misuse = is_free ? MTML_SIM_MISUSE_DOUBLE_FREE : MTML_SIM_MISUSE_STALE_HANDLE;
        } else if (s->state == SIM_SLOT_INVALID) {
            misuse = MTML_SIM_MISUSE_STALE_HANDLE;
        }
    }
    if (misuse >= 0) {
        g_misuse[misuse]++;
        sim_instance *blame = expect_inst ? expect_inst : inst;
        if (blame)
            blame->misuse[misuse]++;
        return NULL;
    }
    *out = *s;
    *idx_out = idx;
    return inst;
}

/* ---- entry routine ---- */

MtmlReturn sim_enter(sim_call *c, int fn, const void *handle, int kind, int is_free) {
    memset(c, 0, sizeof(*c));
    c->fn = fn;
    sim_global_count_call(fn);
    if (!handle)
        return MTML_ERROR_INVALID_ARGUMENT;
    pthread_mutex_lock(&g_mu);
    sim_instance *inst = validate(handle, kind, is_free, NULL, &c->h, &c->idx);
    if (inst)
        inst->refs++;
    pthread_mutex_unlock(&g_mu);
    if (!inst)
        return MTML_ERROR_INVALID_ARGUMENT;
    c->inst = inst;
    pthread_mutex_lock(&inst->mu);
    inst->calls[fn]++;
    inst->calls_total++;
    int device = (kind == SIM_KIND_LIBRARY || kind == MTML_SIM_HANDLE_SYSTEM) ? -1 : c->h.phys;
    MtmlReturn rc = sim_apply_faults(c, device);
    if (rc != MTML_SUCCESS)
        return rc;
    if (device >= 0 && device < inst->m.ndev) {
        if (inst->removed[device])
            return MTML_ERROR_NOT_FOUND;
        if (inst->fallen[device])
            return MTML_ERROR_DRIVER_FAILURE;
    }
    return MTML_SUCCESS;
}

MtmlReturn sim_enter_control(sim_call *c, const void *lib) {
    memset(c, 0, sizeof(*c));
    c->fn = -1;
    if (!lib)
        return MTML_ERROR_INVALID_ARGUMENT;
    pthread_mutex_lock(&g_mu);
    sim_instance *inst = validate(lib, SIM_KIND_LIBRARY, 0, NULL, &c->h, &c->idx);
    if (inst)
        inst->refs++;
    pthread_mutex_unlock(&g_mu);
    if (!inst)
        return MTML_ERROR_INVALID_ARGUMENT;
    c->inst = inst;
    pthread_mutex_lock(&inst->mu);
    return MTML_SUCCESS;
}

static void instance_destroy(sim_instance *inst) {
    pthread_mutex_destroy(&inst->mu);
    sim_machine_free(&inst->m);
    free(inst->owned);
    free(inst);
}

MtmlReturn sim_leave(sim_call *c, MtmlReturn rc) {
    sim_instance *inst = c->inst;
    if (!inst)
        return rc;
    c->inst = NULL;
    pthread_mutex_unlock(&inst->mu);
    pthread_mutex_lock(&g_mu);
    int destroy = (--inst->refs == 0 && inst->dead);
    pthread_mutex_unlock(&g_mu);
    if (destroy)
        instance_destroy(inst);
    return rc;
}

MtmlReturn sim_resolve_device(sim_call *c, const MtmlDevice *dev, sim_slot *out) {
    if (!dev)
        return MTML_ERROR_INVALID_ARGUMENT;
    uint32_t idx;
    pthread_mutex_lock(&g_mu);
    sim_instance *inst = validate(dev, MTML_SIM_HANDLE_DEVICE, 0, c->inst, out, &idx);
    pthread_mutex_unlock(&g_mu);
    if (!inst)
        return MTML_ERROR_INVALID_ARGUMENT;
    if (out->phys < 0 || out->phys >= inst->m.ndev)
        return MTML_ERROR_INVALID_ARGUMENT;
    if (inst->removed[out->phys])
        return MTML_ERROR_NOT_FOUND;
    if (inst->fallen[out->phys])
        return MTML_ERROR_DRIVER_FAILURE;
    return MTML_SUCCESS;
}

/* Cache cell of a handle, or NULL for kinds that are not cached. */
static uint32_t *cache_cell(sim_instance *inst, int kind, int dkind, int phys, int sub) {
    if (phys < 0 || phys >= SIM_MAX_DEVICES)
        return kind == MTML_SIM_HANDLE_SYSTEM ? &inst->sys_slot : NULL;
    int unit = kind == MTML_SIM_HANDLE_GPU ? SIM_UNIT_GPU
             : kind == MTML_SIM_HANDLE_MEMORY ? SIM_UNIT_MEMORY
             : kind == MTML_SIM_HANDLE_VPU ? SIM_UNIT_VPU : -1;
    switch (dkind) {
    case SIM_DEV_PHYS:
        return unit < 0 ? &inst->dev_slot[phys] : &inst->unit_slot[phys][unit];
    case SIM_DEV_MPC:
        if (sub < 0 || sub >= MTML_MPC_CONF_MAX_PROF_NUM)
            return NULL;
        return unit < 0 ? &inst->mpc_slot[phys][sub] : &inst->mpc_unit_slot[phys][sub][unit];
    case SIM_DEV_VIRT:
        if (sub < 0 || sub >= SIM_MAX_VDEVS)
            return NULL;
        return unit < 0 ? &inst->vdev_slot[phys][sub] : &inst->vdev_unit_slot[phys][sub][unit];
    default:
        return NULL;
    }
}

MtmlReturn sim_get_handle(sim_call *c, int kind, int dkind, int phys, int sub, void **out) {
    sim_instance *inst = c->inst;
    MtmlReturn rc = MTML_SUCCESS;
    pthread_mutex_lock(&g_mu);
    uint32_t *cell = cache_cell(inst, kind, dkind, phys, sub);
    uint32_t idx = cell ? *cell : 0;
    sim_slot *s = slot_at(idx);
    if (!s || s->state != SIM_SLOT_LIVE || s->inst_id != inst->id) {
        idx = slot_create(inst, kind, dkind, phys, sub);
        s = slot_at(idx);
        if (cell)
            *cell = idx;
    }
    if (!s)
        rc = MTML_ERROR_INSUFFICIENT_MEMORY;
    else
        *out = s;
    pthread_mutex_unlock(&g_mu);
    return rc;
}

MtmlReturn sim_free_handle(sim_call *c) {
    pthread_mutex_lock(&g_mu);
    sim_slot *s = slot_at(c->idx);
    if (s && s->state == SIM_SLOT_LIVE) {
        s->state = SIM_SLOT_FREED;
        if (s->kind >= 0 && s->kind < MTML_SIM_HANDLE_KIND_COUNT)
            c->inst->freed[s->kind]++;
        uint32_t *cell = cache_cell(c->inst, s->kind, s->dkind, s->phys, s->sub);
        if (cell && *cell == c->idx)
            *cell = 0;
    }
    pthread_mutex_unlock(&g_mu);
    return MTML_SUCCESS;
}

void sim_invalidate(sim_instance *inst, int phys, int mpc_only, int units_only) {
    pthread_mutex_lock(&g_mu);
    for (size_t i = 0; i < inst->nowned; i++) {
        sim_slot *s = slot_at(inst->owned[i]);
        if (!s || s->state != SIM_SLOT_LIVE || s->phys != phys || s->kind == SIM_KIND_LIBRARY ||
            s->kind == MTML_SIM_HANDLE_SYSTEM)
            continue;
        int is_unit = s->kind != MTML_SIM_HANDLE_DEVICE;
        int hit = mpc_only ? (s->dkind == SIM_DEV_MPC) : (units_only ? (is_unit || s->dkind != SIM_DEV_PHYS) : 1);
        if (!hit)
            continue;
        s->state = SIM_SLOT_INVALID;
        uint32_t *cell = cache_cell(inst, s->kind, s->dkind, s->phys, s->sub);
        if (cell && *cell == inst->owned[i])
            *cell = 0;
    }
    pthread_mutex_unlock(&g_mu);
}

MtmlReturn sim_instance_create(sim_machine *m, MtmlLibrary **lib, sim_instance **out) {
    sim_instance *inst = calloc(1, sizeof(*inst));
    if (!inst)
        return MTML_ERROR_INSUFFICIENT_MEMORY;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&inst->mu, &attr);
    pthread_mutexattr_destroy(&attr);
    inst->m = *m; /* takes ownership of m->dev */
    memset(m, 0, sizeof(*m));
    inst->frozen = inst->m.clock_frozen;
    inst->run_start_ns = sim_mono_ns();
    for (int i = 0; i < inst->m.ndev; i++) {
        sim_device_cfg *d = &inst->m.dev[i];
        inst->mpc_mode[i] = d->mpc_supported ? d->mpc_mode : 0;
        inst->active_config[i] = d->active_config;
        inst->ecc_cur[i] = d->ecc;
        inst->ecc_pending[i] = d->ecc_pending;
        for (int k = 0; k < 2; k++) {
            inst->ecc_vol_base[i][k] = d->ecc_vol[k];
            inst->ecc_agg_base[i][k] = d->ecc_agg[k];
        }
    }
    unsigned int maxid = 0;
    for (int i = 0; i < inst->m.nfaults; i++)
        if (inst->m.faults[i].id > maxid)
            maxid = inst->m.faults[i].id;
    inst->next_fault_id = maxid + 1;

    pthread_mutex_lock(&g_mu);
    MtmlReturn rc = MTML_SUCCESS;
    if (g_ninsts == g_capinsts) {
        size_t ncap = g_capinsts ? g_capinsts * 2 : 16;
        sim_instance **n = realloc(g_insts, ncap * sizeof(*n));
        if (!n)
            rc = MTML_ERROR_INSUFFICIENT_MEMORY;
        else {
            g_insts = n;
            g_capinsts = ncap;
        }
    }
    if (rc == MTML_SUCCESS) {
        inst->id = g_next_inst_id++;
        g_insts[g_ninsts++] = inst;
        inst->lib_slot = slot_create(inst, SIM_KIND_LIBRARY, SIM_DEV_PHYS, -1, -1);
        if (!inst->lib_slot) {
            g_ninsts--;
            rc = MTML_ERROR_INSUFFICIENT_MEMORY;
        }
    }
    if (rc == MTML_SUCCESS) {
        inst->calls[FN_mtmlLibraryInit]++;
        inst->calls_total++;
        *lib = (MtmlLibrary *)slot_at(inst->lib_slot);
        *out = inst;
    }
    pthread_mutex_unlock(&g_mu);
    if (rc != MTML_SUCCESS)
        instance_destroy(inst);
    return rc;
}

void sim_instance_retire(sim_call *c) {
    sim_instance *inst = c->inst;
    pthread_mutex_lock(&g_mu);
    inst->dead = 1;
    for (size_t i = 0; i < g_ninsts; i++) {
        if (g_insts[i] == inst) {
            g_insts[i] = g_insts[--g_ninsts];
            break;
        }
    }
    for (size_t i = 0; i < inst->nowned; i++) {
        sim_slot *s = slot_at(inst->owned[i]);
        if (!s)
            continue;
        s->state = SIM_SLOT_RETIRED;
        if (queue_push(inst->owned[i]) != 0)
            break; /* out of memory: the slot simply never gets reused */
    }
    inst->nowned = 0;
    pthread_mutex_unlock(&g_mu);
}

/* ---- small string helpers ---- */

void sim_copy(char *dst, size_t n, const char *src) {
    if (!dst || n == 0)
        return;
    size_t i = 0;
    if (src)
        for (; i + 1 < n && src[i]; i++)
            dst[i] = src[i];
    dst[i] = '\0';
}

int sim_str_eq(const char *client, const char *ours) {
    size_t i = 0;
    while (ours[i] && client[i] == ours[i])
        i++;
    return ours[i] == '\0' && client[i] == '\0';
}
