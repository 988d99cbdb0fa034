/*
 * stress.c: many threads polling the simulated libmtml while another thread
 * injects faults, for data-race checkers (helgrind, DRD) that see only C
 * and pthreads.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Usage: stress [--private N] [--shared N] [--iterations N] [--cycle-every N]
 *               [--chaos 0|1] [--seed N] [--timeout SECONDS]
 *
 * Threads:
 *   - N "private" pollers (default 8), each with its own MtmlLibrary; every
 *     --cycle-every iterations a poller shuts its library down and starts a
 *     new one;
 *   - N "shared" pollers (default 4) on one MtmlLibrary started by main
 *     (the simulator is thread-safe per instance, like the real library);
 *   - one chaos thread that, until every poller is done, picks a library
 *     at random and injects or clears faults (random function or "*",
 *     random device, code, after, times, sometimes a 1 ms stall), lets a
 *     device fall off the bus and comes back, freezes, releases and
 *     advances the virtual clock, and sets process-wide faults on
 *     mtmlLogGetConfiguration (--chaos 0 leaves it out; the run is then
 *     deterministic).
 * Every iteration a poller reads every device's metrics: name, UUID,
 * power, fans, GPU utilisation, temperature and clocks, memory figures, VPU
 * utilisation, clocks and capacity, MtLink spec, state and remote device,
 * topology level and P2P status to every other device, plus the library
 * and driver versions and the log configuration. Private pollers free
 * their GPU, memory and VPU handles after use; shared pollers do not
 * (another thread may be using the same cached handle).
 *
 * Checks, each failure printed and counted as "unexpected":
 *   - every return code is MTML_SUCCESS, one the chaos thread can inject,
 *     or one the function documents for this machine;
 *   - before each shutdown, the simulator's call count of the instance
 *     equals the calls this program made on it;
 *   - at the end, the simulator recorded no handle misuse;
 *   - a watchdog (alarm) ends the program with status 3 on a deadlock.
 * The last line is a summary of key=value figures; the exit status is 0
 * only when nothing unexpected happened. Requires the mtml-rs simulator.
 */

#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mtml.h"
#include "mtml_sim.h"

/*
 * mtmlDeviceFreeGpu/Memory/Vpu are deprecated ("not required anymore") but
 * still exported; private pollers call them on purpose, because freeing
 * and re-creating handles is the busiest path of the simulator's arena.
 */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define MAX_DEVICES 64
#define MAX_LINKS 16
#define MAX_REPORTS 20

/* Codes the chaos thread injects. */
static const MtmlReturn g_injected_codes[] = {
    MTML_ERROR_TIMEOUT, MTML_ERROR_DRIVER_FAILURE, MTML_ERROR_RESOURCE_IS_BUSY,
    MTML_ERROR_NO_PERMISSION, MTML_ERROR_UNKNOWN,
};
#define INJECTED_CODE_COUNT (sizeof g_injected_codes / sizeof g_injected_codes[0])

/* Functions the pollers call, the targets of single-function faults. */
static const char *const g_polled_functions[] = {
    "mtmlLibraryGetVersion", "mtmlLibraryInitSystem", "mtmlSystemGetDriverVersion",
    "mtmlLibraryCountDevice", "mtmlLibraryInitDeviceByIndex", "mtmlDeviceGetName",
    "mtmlDeviceGetUUID", "mtmlDeviceGetPowerUsage", "mtmlDeviceCountFan", "mtmlDeviceGetFanSpeed",
    "mtmlDeviceGetFanRpm", "mtmlDeviceInitGpu", "mtmlGpuGetUtilization", "mtmlGpuGetTemperature",
    "mtmlGpuGetClock", "mtmlGpuGetMaxClock", "mtmlGpuGetEngineUtilization", "mtmlDeviceInitMemory",
    "mtmlMemoryGetTotal", "mtmlMemoryGetUsed", "mtmlMemoryGetUtilization", "mtmlMemoryGetClock",
    "mtmlDeviceInitVpu", "mtmlVpuGetUtilization", "mtmlVpuGetClock", "mtmlVpuGetCodecCapacity",
    "mtmlDeviceGetMtLinkSpec", "mtmlDeviceGetMtLinkState", "mtmlDeviceGetMtLinkRemoteDevice",
    "mtmlDeviceGetTopologyLevel", "mtmlDeviceGetP2PStatus", "mtmlDeviceFreeGpu",
    "mtmlDeviceFreeMemory", "mtmlDeviceFreeVpu",
};
#define POLLED_FUNCTION_COUNT (sizeof g_polled_functions / sizeof g_polled_functions[0])

/* ---- options and shared state ------------------------------------------ */

static unsigned g_private = 8, g_shared = 4, g_iterations = 200, g_cycle_every = 25, g_timeout = 120;
static unsigned g_chaos = 1;
static unsigned long g_seed = 1;

/* A library the chaos thread may touch: lib is written under mu only. */
typedef struct {
    pthread_mutex_t mu;
    MtmlLibrary *lib;
    unsigned devices; /* device count of the machine, for fall-off-bus */
} target;

static target *g_targets; /* g_private private ones, then the shared one */
static unsigned g_ntargets;

static pthread_mutex_t g_done_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned g_pollers_left;

static pthread_mutex_t g_report_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned g_reports;

/* Figures of one thread, summed by main after the joins. */
typedef struct {
    unsigned long long calls;           /* calls counted by the simulator's instance */
    unsigned long long log_calls;       /* mtmlLogGetConfiguration (no instance) */
    unsigned long long injected_errors; /* calls that returned an injectable code */
    unsigned long long not_supported;   /* documented MTML_ERROR_NOT_SUPPORTED answers */
    unsigned long long faults;          /* rules added by the chaos thread */
    unsigned long long chaos_actions;   /* chaos actions of any kind */
    unsigned long long cycles;          /* shutdown + init of a private library */
    unsigned long long unexpected;
} figures;

typedef struct {
    unsigned id;
    int private_lib; /* 1: owns g_targets[id]; 0: polls the shared library */
    unsigned long long rng;
    figures fig;
} poller;

/* ---- helpers ------------------------------------------------------------ */

static unsigned long long next_random(unsigned long long *state) {
    /* xorshift64*: deterministic per thread for a given --seed. */
    unsigned long long x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 2685821657736338717ULL;
}

static unsigned random_below(unsigned long long *state, unsigned n) {
    return n ? (unsigned)(next_random(state) % n) : 0;
}

static void report(figures *fig, const char *who, const char *what, MtmlReturn rc) {
    fig->unexpected++;
    pthread_mutex_lock(&g_report_mu);
    if (g_reports++ < MAX_REPORTS)
        printf("FAIL %s: %s returned %d (%s)\n", who, what, (int)rc, mtmlErrorString(rc));
    pthread_mutex_unlock(&g_report_mu);
}

static int is_injected(MtmlReturn rc) {
    for (size_t i = 0; i < INJECTED_CODE_COUNT; i++)
        if (rc == g_injected_codes[i])
            return 1;
    return 0;
}

/*
 * Classifies the return code of one instance call: 1 for success, 0 for an
 * accepted failure, and counts and reports anything else. MTML_ERROR_
 * DRIVER_FAILURE is also what a device that fell off the bus answers.
 * may_be_unsupported: the device may lack the feature, which the simulator
 * answers with MTML_ERROR_NOT_SUPPORTED as the real library does (no fans on
 * a passively cooled card, no codec unit of its own on an MPC parent, no
 * MtLink on a desktop card).
 */
static int check_rc(poller *p, MtmlReturn rc, const char *what, int may_be_unsupported) {
    p->fig.calls++;
    if (rc == MTML_SUCCESS)
        return 1;
    if (is_injected(rc)) {
        p->fig.injected_errors++;
        return 0;
    }
    if (rc == MTML_ERROR_NOT_SUPPORTED && may_be_unsupported) {
        p->fig.not_supported++;
        return 0;
    }
    char who[32];
    snprintf(who, sizeof who, "%s poller %u", p->private_lib ? "private" : "shared", p->id);
    report(&p->fig, who, what, rc);
    return 0;
}

#define CHECK(p, call) check_rc((p), (call), #call, 0)
#define CHECK_MAYBE_UNSUPPORTED(p, call) check_rc((p), (call), #call, 1)

/* ---- polling ------------------------------------------------------------- */

static void poll_device(poller *p, MtmlDevice *const *devs, unsigned n, unsigned i) {
    const MtmlDevice *dev = devs[i];
    char text[MTML_DEVICE_NAME_BUFFER_SIZE > MTML_DEVICE_UUID_BUFFER_SIZE ? MTML_DEVICE_NAME_BUFFER_SIZE
                                                                           : MTML_DEVICE_UUID_BUFFER_SIZE];
    unsigned value = 0, value2 = 0;
    unsigned long long bytes = 0;
    int temp = 0;

    CHECK(p, mtmlDeviceGetName(dev, text, sizeof text));
    CHECK(p, mtmlDeviceGetUUID(dev, text, sizeof text));
    CHECK(p, mtmlDeviceGetPowerUsage(dev, &value));
    unsigned fans = 0;
    if (CHECK_MAYBE_UNSUPPORTED(p, mtmlDeviceCountFan(dev, &fans))) {
        for (unsigned f = 0; f < fans && f < 8; f++) {
            CHECK(p, mtmlDeviceGetFanSpeed(dev, f, &value));
            CHECK(p, mtmlDeviceGetFanRpm(dev, f, &value));
        }
    }

    MtmlGpu *gpu = NULL;
    if (CHECK(p, mtmlDeviceInitGpu(dev, &gpu))) {
        CHECK(p, mtmlGpuGetUtilization(gpu, &value));
        CHECK(p, mtmlGpuGetTemperature(gpu, &temp));
        CHECK(p, mtmlGpuGetClock(gpu, &value));
        CHECK(p, mtmlGpuGetMaxClock(gpu, &value));
        CHECK(p, mtmlGpuGetEngineUtilization(gpu, MTML_GPU_ENGINE_COMPUTE, &value));
        if (p->private_lib)
            CHECK(p, mtmlDeviceFreeGpu(gpu));
    }
    MtmlMemory *mem = NULL;
    if (CHECK(p, mtmlDeviceInitMemory(dev, &mem))) {
        CHECK(p, mtmlMemoryGetTotal(mem, &bytes));
        CHECK(p, mtmlMemoryGetUsed(mem, &bytes));
        CHECK(p, mtmlMemoryGetUtilization(mem, &value));
        CHECK(p, mtmlMemoryGetClock(mem, &value));
        if (p->private_lib)
            CHECK(p, mtmlDeviceFreeMemory(mem));
    }
    MtmlVpu *vpu = NULL;
    if (CHECK_MAYBE_UNSUPPORTED(p, mtmlDeviceInitVpu(dev, &vpu))) {
        MtmlCodecUtil util;
        CHECK(p, mtmlVpuGetUtilization(vpu, &util));
        CHECK(p, mtmlVpuGetClock(vpu, &value));
        CHECK(p, mtmlVpuGetCodecCapacity(vpu, &value, &value2));
        if (p->private_lib)
            CHECK(p, mtmlDeviceFreeVpu(vpu));
    }

    MtmlMtLinkSpec spec;
    if (CHECK_MAYBE_UNSUPPORTED(p, mtmlDeviceGetMtLinkSpec(dev, &spec))) {
        for (unsigned l = 0; l < spec.linkNum && l < MAX_LINKS; l++) {
            MtmlMtLinkState state;
            MtmlDevice *remote = NULL;
            if (CHECK(p, mtmlDeviceGetMtLinkState(dev, l, &state)) && state != MTML_MTLINK_STATE_DOWN)
                CHECK_MAYBE_UNSUPPORTED(p, mtmlDeviceGetMtLinkRemoteDevice(dev, l, &remote));
        }
    }

    for (unsigned j = 0; j < n; j++) {
        if (j == i || devs[j] == NULL)
            continue;
        MtmlDeviceTopologyLevel level;
        MtmlDeviceP2PStatus status;
        CHECK(p, mtmlDeviceGetTopologyLevel(dev, devs[j], &level));
        CHECK(p, mtmlDeviceGetP2PStatus(dev, devs[j], MTML_P2P_CAPS_READ, &status));
    }
}

static void poll_library(poller *p, const MtmlLibrary *lib) {
    char version[MTML_LIBRARY_VERSION_BUFFER_SIZE > MTML_DRIVER_VERSION_BUFFER_SIZE
                     ? MTML_LIBRARY_VERSION_BUFFER_SIZE
                     : MTML_DRIVER_VERSION_BUFFER_SIZE];
    CHECK(p, mtmlLibraryGetVersion(lib, version, sizeof version));
    MtmlSystem *sys = NULL;
    if (CHECK(p, mtmlLibraryInitSystem(lib, &sys))) {
        CHECK(p, mtmlSystemGetDriverVersion(sys, version, sizeof version));
    }

    unsigned n = 0;
    if (!CHECK(p, mtmlLibraryCountDevice(lib, &n)))
        return;
    if (n > MAX_DEVICES)
        n = MAX_DEVICES;
    MtmlDevice *devs[MAX_DEVICES] = {0};
    for (unsigned i = 0; i < n; i++)
        if (!CHECK(p, mtmlLibraryInitDeviceByIndex(lib, i, &devs[i])))
            devs[i] = NULL;
    for (unsigned i = 0; i < n; i++)
        if (devs[i] != NULL)
            poll_device(p, devs, n, i);

    /* Takes no handle: process-wide faults only, not counted per instance. */
    MtmlLogConfiguration log;
    MtmlReturn rc = mtmlLogGetConfiguration(&log);
    p->fig.log_calls++;
    if (rc == MTML_ERROR_TIMEOUT)
        p->fig.injected_errors++;
    else if (rc != MTML_SUCCESS)
        report(&p->fig, p->private_lib ? "private poller" : "shared poller", "mtmlLogGetConfiguration", rc);
}

/* ---- library lifetime ----------------------------------------------------- */

/* Starts a library and learns its device count; NULL on failure (reported). */
static MtmlLibrary *start_library(figures *fig, unsigned *devices, const char *who) {
    MtmlLibrary *lib = NULL;
    MtmlReturn rc = mtmlLibraryInit(&lib);
    if (rc != MTML_SUCCESS) {
        report(fig, who, "mtmlLibraryInit", rc);
        return NULL;
    }
    fig->calls++;
    rc = mtmlLibraryCountDevice(lib, devices);
    fig->calls++;
    if (rc != MTML_SUCCESS) {
        report(fig, who, "mtmlLibraryCountDevice", rc);
        *devices = 0;
    }
    return lib;
}

/*
 * Clears the library's faults, checks that the simulator counted exactly the
 * calls made on it so far (expected) and shuts it down. The caller holds
 * the target's lock.
 */
static void stop_library(figures *fig, MtmlLibrary *lib, unsigned long long expected, const char *who) {
    MtmlReturn rc = mtmlSimClearFaults(lib);
    if (rc != MTML_SUCCESS)
        report(fig, who, "mtmlSimClearFaults", rc);
    unsigned long long counted = 0;
    rc = mtmlSimCallCount(lib, "*", &counted);
    if (rc != MTML_SUCCESS) {
        report(fig, who, "mtmlSimCallCount", rc);
    } else if (counted != expected) {
        fig->unexpected++;
        printf("FAIL %s: the simulator counted %llu calls, the program made %llu\n", who, counted, expected);
    }
    rc = mtmlLibraryShutDown(lib);
    fig->calls++;
    if (rc != MTML_SUCCESS)
        report(fig, who, "mtmlLibraryShutDown", rc);
}

static void *poller_main(void *arg) {
    poller *p = arg;
    char who[32];
    snprintf(who, sizeof who, "private poller %u", p->id);
    target *t = p->private_lib ? &g_targets[p->id] : &g_targets[g_private];
    /* Calls made before the current private library started (main started the first). */
    unsigned long long instance_calls = 0;

    for (unsigned it = 0; it < g_iterations; it++) {
        MtmlLibrary *lib = t->lib; /* written only by this thread (private) or main */
        if (lib == NULL)
            break;
        poll_library(p, lib);
        if (p->private_lib && g_cycle_every > 0 && (it + 1) % g_cycle_every == 0 && it + 1 < g_iterations) {
            pthread_mutex_lock(&t->mu);
            stop_library(&p->fig, lib, p->fig.calls - instance_calls, who);
            instance_calls = p->fig.calls;
            t->lib = start_library(&p->fig, &t->devices, who);
            pthread_mutex_unlock(&t->mu);
            p->fig.cycles++;
        }
    }
    if (p->private_lib) {
        pthread_mutex_lock(&t->mu);
        if (t->lib != NULL)
            stop_library(&p->fig, t->lib, p->fig.calls - instance_calls, who);
        t->lib = NULL;
        pthread_mutex_unlock(&t->mu);
    }

    pthread_mutex_lock(&g_done_mu);
    g_pollers_left--;
    pthread_mutex_unlock(&g_done_mu);
    return NULL;
}

/* ---- chaos ---------------------------------------------------------------- */

typedef struct {
    unsigned long long rng;
    figures fig;
} chaos;

static void expect_control(chaos *c, MtmlReturn rc, const char *what) {
    c->fig.chaos_actions++;
    if (rc != MTML_SUCCESS)
        report(&c->fig, "chaos", what, rc);
}

/* One random action on one library (target lock held). */
static void chaos_act(chaos *c, target *t) {
    MtmlLibrary *lib = t->lib;
    unsigned action = random_below(&c->rng, 12);
    if (action < 6) {
        const char *fn = random_below(&c->rng, 8) == 0
                             ? "*"
                             : g_polled_functions[random_below(&c->rng, POLLED_FUNCTION_COUNT)];
        int device = random_below(&c->rng, 3) == 0 || t->devices == 0
                         ? MTML_SIM_ANY_DEVICE
                         : (int)random_below(&c->rng, t->devices);
        MtmlReturn code = g_injected_codes[random_below(&c->rng, INJECTED_CODE_COUNT)];
        unsigned after = random_below(&c->rng, 6);
        unsigned times = random_below(&c->rng, 8) == 0 ? 0 : 1 + random_below(&c->rng, 4);
        unsigned stall = random_below(&c->rng, 16) == 0 ? 1 : 0;
        MtmlReturn rc = mtmlSimInjectFault(lib, fn, device, code, after, times, stall, NULL);
        if (rc == MTML_ERROR_INSUFFICIENT_MEMORY) {
            /* The instance's rule table is full: start over. */
            expect_control(c, mtmlSimClearFaults(lib), "mtmlSimClearFaults");
            rc = mtmlSimInjectFault(lib, fn, device, code, after, times, stall, NULL);
        }
        expect_control(c, rc, "mtmlSimInjectFault");
        if (rc == MTML_SUCCESS)
            c->fig.faults++;
    } else if (action == 6) {
        expect_control(c, mtmlSimClearFaults(lib), "mtmlSimClearFaults");
    } else if (action == 7 && t->devices > 0) {
        expect_control(c, mtmlSimDeviceFallOffBus(lib, random_below(&c->rng, t->devices)),
                       "mtmlSimDeviceFallOffBus");
    } else if (action == 8) {
        expect_control(c, mtmlSimDeviceRestoreAll(lib), "mtmlSimDeviceRestoreAll");
    } else if (action == 9) {
        expect_control(c, mtmlSimSetClockFrozen(lib, (int)random_below(&c->rng, 2)), "mtmlSimSetClockFrozen");
    } else if (action == 10) {
        expect_control(c, mtmlSimAdvanceClock(lib, 1 + random_below(&c->rng, 5000)), "mtmlSimAdvanceClock");
    } else if (random_below(&c->rng, 2) == 0) {
        expect_control(c, mtmlSimInjectGlobalFault("mtmlLogGetConfiguration", MTML_ERROR_TIMEOUT,
                                                   random_below(&c->rng, 4), 1, NULL),
                       "mtmlSimInjectGlobalFault");
        c->fig.faults++;
    } else {
        expect_control(c, mtmlSimClearGlobalFaults(), "mtmlSimClearGlobalFaults");
    }
}

static void *chaos_main(void *arg) {
    chaos *c = arg;
    for (;;) {
        pthread_mutex_lock(&g_done_mu);
        unsigned left = g_pollers_left;
        pthread_mutex_unlock(&g_done_mu);
        if (left == 0)
            break;
        target *t = &g_targets[random_below(&c->rng, g_ntargets)];
        pthread_mutex_lock(&t->mu);
        if (t->lib != NULL)
            chaos_act(c, t);
        pthread_mutex_unlock(&t->mu);
        if (random_below(&c->rng, 4) == 0)
            sched_yield();
    }
    return NULL;
}

/* ---- main ----------------------------------------------------------------- */

static void on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "FAIL watchdog: the stress run did not finish in time (deadlock?)\n";
    ssize_t ignored = write(STDOUT_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    _exit(3);
}

static int parse_unsigned(const char *text, unsigned long *out) {
    char *end = NULL;
    if (text == NULL || *text == '\0' || *text == '-')
        return 0;
    unsigned long v = strtoul(text, &end, 10);
    if (*end != '\0' || v > 1000000UL)
        return 0;
    *out = v;
    return 1;
}

static int parse_args(int argc, char **argv) {
    for (int a = 1; a < argc; a++) {
        unsigned long v = 0;
        if (a + 1 >= argc || !parse_unsigned(argv[a + 1], &v))
            return 0;
        if (strcmp(argv[a], "--private") == 0)
            g_private = (unsigned)v;
        else if (strcmp(argv[a], "--shared") == 0)
            g_shared = (unsigned)v;
        else if (strcmp(argv[a], "--iterations") == 0)
            g_iterations = (unsigned)v;
        else if (strcmp(argv[a], "--cycle-every") == 0)
            g_cycle_every = (unsigned)v;
        else if (strcmp(argv[a], "--chaos") == 0 && v <= 1)
            g_chaos = (unsigned)v;
        else if (strcmp(argv[a], "--seed") == 0)
            g_seed = v;
        else if (strcmp(argv[a], "--timeout") == 0)
            g_timeout = (unsigned)v;
        else
            return 0;
        a++;
    }
    return g_private + g_shared > 0 && g_private <= 256 && g_shared <= 256;
}

int main(int argc, char **argv) {
    if (!parse_args(argc, argv)) {
        fprintf(stderr,
                "usage: %s [--private N] [--shared N] [--iterations N] [--cycle-every N] [--chaos 0|1] "
                "[--seed N] [--timeout SECONDS]\n",
                argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGALRM, on_alarm);
    alarm(g_timeout);

    figures main_fig = {0};
    g_ntargets = g_private + 1;
    g_targets = calloc(g_ntargets, sizeof *g_targets);
    poller *pollers = calloc(g_private + g_shared, sizeof *pollers);
    pthread_t *threads = calloc(g_private + g_shared, sizeof *threads);
    if (!g_targets || !pollers || !threads) {
        fprintf(stderr, "stress: out of memory\n");
        return 1;
    }
    for (unsigned i = 0; i < g_ntargets; i++)
        pthread_mutex_init(&g_targets[i].mu, NULL);

    /* Libraries are started here so every poller has one before chaos starts. */
    for (unsigned i = 0; i < g_private; i++) {
        pollers[i] = (poller){.id = i, .private_lib = 1, .rng = g_seed * 7919 + i + 1};
        g_targets[i].lib = start_library(&pollers[i].fig, &g_targets[i].devices, "main");
    }
    target *shared = &g_targets[g_private];
    unsigned long long shared_setup_calls = main_fig.calls;
    if (g_shared > 0)
        shared->lib = start_library(&main_fig, &shared->devices, "main");
    shared_setup_calls = main_fig.calls - shared_setup_calls;
    for (unsigned i = 0; i < g_shared; i++)
        pollers[g_private + i] = (poller){.id = i, .private_lib = 0, .rng = g_seed * 104729 + i + 1};
    printf("INFO %u private + %u shared pollers, %u iterations, a new private library every %u, chaos %s, "
           "seed %lu\n",
           g_private, g_shared, g_iterations, g_cycle_every, g_chaos ? "on" : "off", g_seed);

    chaos ch = {.rng = g_seed * 15485863 + 1};
    g_pollers_left = g_private + g_shared;
    pthread_t chaos_thread;
    int started = g_chaos && pthread_create(&chaos_thread, NULL, chaos_main, &ch) == 0;
    for (unsigned i = 0; i < g_private + g_shared; i++) {
        if (pthread_create(&threads[i], NULL, poller_main, &pollers[i]) != 0) {
            fprintf(stderr, "stress: cannot start thread %u\n", i);
            return 1;
        }
    }
    for (unsigned i = 0; i < g_private + g_shared; i++)
        pthread_join(threads[i], NULL);
    if (started)
        pthread_join(chaos_thread, NULL);
    else if (g_chaos)
        report(&main_fig, "main", "pthread_create (chaos)", MTML_ERROR_UNKNOWN);

    figures total = main_fig;
    unsigned long long shared_calls = shared_setup_calls;
    for (unsigned i = 0; i < g_private + g_shared + 1; i++) {
        const figures *f = i < g_private + g_shared ? &pollers[i].fig : &ch.fig;
        if (i >= g_private && i < g_private + g_shared)
            shared_calls += f->calls;
        total.calls += f->calls;
        total.log_calls += f->log_calls;
        total.injected_errors += f->injected_errors;
        total.not_supported += f->not_supported;
        total.faults += f->faults;
        total.chaos_actions += f->chaos_actions;
        total.cycles += f->cycles;
        total.unexpected += f->unexpected;
    }
    if (shared->lib != NULL) {
        stop_library(&total, shared->lib, shared_calls, "shared library");
        shared->lib = NULL;
    }
    mtmlSimClearGlobalFaults();

    unsigned long long misuses = 0;
    for (int k = 0; k < MTML_SIM_MISUSE_KIND_COUNT; k++) {
        unsigned long long n = 0;
        if (mtmlSimMisuseCount(NULL, (MtmlSimMisuseKind)k, &n) != MTML_SUCCESS)
            total.unexpected++;
        misuses += n;
    }
    if (misuses != 0)
        printf("FAIL the simulator recorded %llu handle misuses\n", misuses);

    for (unsigned i = 0; i < g_ntargets; i++)
        pthread_mutex_destroy(&g_targets[i].mu);
    free(threads);
    free(pollers);
    free(g_targets);

    printf("SUMMARY pollers=%u iterations=%u calls=%llu log_calls=%llu faults=%llu chaos_actions=%llu "
           "injected_errors=%llu not_supported=%llu cycles=%llu misuses=%llu unexpected=%llu\n",
           g_private + g_shared, g_iterations, total.calls, total.log_calls, total.faults,
           total.chaos_actions, total.injected_errors, total.not_supported, total.cycles, misuses,
           total.unexpected);
    return total.unexpected == 0 && misuses == 0 ? 0 : 1;
}
