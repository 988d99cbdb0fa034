/*
 * mtlink.c: MtLink ports, cables and shortest paths.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Cables come from [mtlink]. Shortest paths: breadth-first search over
 * cables whose two ends are not down, between present devices; a path lists
 * devices from local to remote, both included (so direct neighbours have
 * length 2, and a device to itself is one path of length 1). Parallel cables
 * between two devices count once. At most SIM_MAX_PATHS paths are listed.
 */

#include <string.h>

#include "sim_internal.h"

int sim_port_state(const sim_instance *inst, int phys, unsigned int port) {
    int s = inst->m.port_state[phys][port];
    if (s >= 0)
        return s;
    return inst->m.peer_dev[phys][port] >= 0 ? MTML_MTLINK_STATE_UP : MTML_MTLINK_STATE_DOWN;
}

int sim_port_caps(const sim_instance *inst, int phys, unsigned int port) {
    int c = inst->m.port_caps[phys][port];
    if (c >= 0)
        return c;
    return (inst->m.peer_dev[phys][port] >= 0 && sim_port_state(inst, phys, port) != MTML_MTLINK_STATE_DOWN) ? 3 : 0;
}

/* Whether a and b are joined by at least one usable cable. */
static int adjacent(const sim_instance *inst, int a, int b) {
    if (inst->removed[a] || inst->removed[b])
        return 0;
    const sim_device_cfg *d = &inst->m.dev[a];
    for (unsigned int p = 0; p < d->mtlink_ports; p++) {
        if (inst->m.peer_dev[a][p] != b)
            continue;
        unsigned int q = (unsigned int)inst->m.peer_port[a][p];
        if (sim_port_state(inst, a, p) != MTML_MTLINK_STATE_DOWN && sim_port_state(inst, b, q) != MTML_MTLINK_STATE_DOWN)
            return 1;
    }
    return 0;
}

void sim_mtlink_paths(const sim_instance *inst, int a, int b, short (*paths)[SIM_MAX_DEVICES], unsigned int *count,
                      unsigned int *len) {
    int n = inst->m.ndev;
    *count = 0;
    *len = 0;
    if (a == b) {
        paths[0][0] = (short)a;
        *count = 1;
        *len = 1;
        return;
    }
    /* distance of every device to b */
    int dist[SIM_MAX_DEVICES], queue[SIM_MAX_DEVICES], qh = 0, qt = 0;
    for (int i = 0; i < n; i++)
        dist[i] = -1;
    dist[b] = 0;
    queue[qt++] = b;
    while (qh < qt) {
        int u = queue[qh++];
        for (int v = 0; v < n; v++)
            if (dist[v] < 0 && adjacent(inst, u, v)) {
                dist[v] = dist[u] + 1;
                queue[qt++] = v;
            }
    }
    if (dist[a] < 0)
        return;
    int L = dist[a] + 1;
    /* depth-first enumeration along strictly decreasing distance */
    int stack_node[SIM_MAX_DEVICES], stack_next[SIM_MAX_DEVICES], depth = 0;
    stack_node[0] = a;
    stack_next[0] = 0;
    while (depth >= 0 && *count < SIM_MAX_PATHS) {
        int u = stack_node[depth];
        if (u == b) {
            for (int k = 0; k < L; k++)
                paths[*count][k] = (short)stack_node[k];
            (*count)++;
            depth--;
            continue;
        }
        int v = stack_next[depth];
        while (v < n && !(dist[v] == dist[u] - 1 && adjacent(inst, u, v)))
            v++;
        if (v >= n) {
            depth--;
            continue;
        }
        stack_next[depth] = v + 1;
        depth++;
        stack_node[depth] = v;
        stack_next[depth] = 0;
    }
    *len = (unsigned int)L;
}

/* MtLink-capable device behind a handle (MPC instances use their parent). */
static MtmlReturn need_mtlink(const sim_instance *inst, const sim_slot *h) {
    if (h->dkind == SIM_DEV_VIRT || inst->m.dev[h->phys].mtlink_ports == 0)
        return MTML_ERROR_NOT_SUPPORTED;
    return MTML_SUCCESS;
}

MtmlReturn MTML_API mtmlDeviceGetMtLinkSpec(const MtmlDevice *device, MtmlMtLinkSpec *spec) {
    SIM_ENTER(mtmlDeviceGetMtLinkSpec, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(spec, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    const sim_device_cfg *d = sim_cfg(&call_);
    memset(spec, 0, sizeof(*spec));
    spec->version = d->mtlink_version;
    spec->bandWidth = d->mtlink_bw;
    spec->linkNum = sim_count_out(&call_, d->mtlink_ports);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMtLinkState(const MtmlDevice *device, unsigned int linkId, MtmlMtLinkState *state) {
    SIM_ENTER(mtmlDeviceGetMtLinkState, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(state, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    SIM_CHECK(linkId < sim_cfg(&call_)->mtlink_ports, MTML_ERROR_INVALID_ARGUMENT);
    *state = (MtmlMtLinkState)sim_enum_out(&call_, sim_port_state(call_.inst, call_.h.phys, linkId));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMtLinkCapStatus(const MtmlDevice *device, unsigned int linkId, MtmlMtLinkCap capability,
                                                 MtmlMtLinkCapStatus *status) {
    SIM_ENTER(mtmlDeviceGetMtLinkCapStatus, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(status, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    SIM_CHECK(linkId < sim_cfg(&call_)->mtlink_ports, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)capability >= 0 && capability < MTML_MTLINK_CAP_COUNT, MTML_ERROR_INVALID_ARGUMENT);
    int caps = sim_port_caps(call_.inst, call_.h.phys, linkId);
    int ok = (caps >> (int)capability) & 1;
    *status = (MtmlMtLinkCapStatus)sim_enum_out(&call_, ok ? MTML_MTLINK_CAP_STATUS_OK : MTML_MTLINK_CAP_STATUS_NOT_SUPPORTED);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMtLinkRemoteDevice(const MtmlDevice *device, unsigned int linkId, MtmlDevice **remoteDevice) {
    SIM_ENTER(mtmlDeviceGetMtLinkRemoteDevice, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(remoteDevice, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    SIM_CHECK(linkId < sim_cfg(&call_)->mtlink_ports, MTML_ERROR_INVALID_ARGUMENT);
    int peer = call_.inst->m.peer_dev[call_.h.phys][linkId];
    SIM_CHECK(peer >= 0 && !call_.inst->removed[peer], MTML_ERROR_NOT_FOUND);
    void *h = NULL;
    SIM_TRY(sim_get_handle(&call_, MTML_SIM_HANDLE_DEVICE, SIM_DEV_PHYS, peer, -1, &h));
    *remoteDevice = (MtmlDevice *)h;
    SIM_RETURN(MTML_SUCCESS);
}

/* Scratch for path enumeration: SIM_MAX_PATHS rows of devices. */
typedef struct {
    short rows[SIM_MAX_PATHS][SIM_MAX_DEVICES];
} path_table;

MtmlReturn MTML_API mtmlDeviceCountMtLinkShortestPaths(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice,
                                                       unsigned int *pathCount, unsigned int *pathLength) {
    SIM_ENTER(mtmlDeviceCountMtLinkShortestPaths, localDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(pathCount && pathLength, MTML_ERROR_INVALID_ARGUMENT);
    sim_slot other;
    SIM_TRY(sim_resolve_device(&call_, remoteDevice, &other));
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    SIM_TRY(need_mtlink(call_.inst, &other));
    static _Thread_local path_table t;
    unsigned int n, len;
    sim_mtlink_paths(call_.inst, call_.h.phys, other.phys, t.rows, &n, &len);
    *pathCount = sim_count_out(&call_, n);
    *pathLength = len;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMtLinkShortestPaths(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice,
                                                     unsigned int pathCount, unsigned int pathLength, MtmlDevice **paths) {
    SIM_ENTER(mtmlDeviceGetMtLinkShortestPaths, localDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(paths, MTML_ERROR_INVALID_ARGUMENT);
    sim_slot other;
    SIM_TRY(sim_resolve_device(&call_, remoteDevice, &other));
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    SIM_TRY(need_mtlink(call_.inst, &other));
    static _Thread_local path_table t;
    unsigned int n, len;
    sim_mtlink_paths(call_.inst, call_.h.phys, other.phys, t.rows, &n, &len);
    SIM_CHECK(pathCount >= n && pathLength >= len, MTML_ERROR_INSUFFICIENT_SIZE);
    for (unsigned int r = 0; r < n; r++)
        for (unsigned int k = 0; k < len; k++) {
            void *h = NULL;
            SIM_TRY(sim_get_handle(&call_, MTML_SIM_HANDLE_DEVICE, SIM_DEV_PHYS, t.rows[r][k], -1, &h));
            paths[(size_t)r * pathLength + k] = (MtmlDevice *)h;
        }
    SIM_RETURN(MTML_SUCCESS);
}

/* Cables between a and b (all of them, whatever their state). */
static unsigned int layouts(const sim_instance *inst, int a, int b, MtmlMtLinkLayout *out) {
    unsigned int n = 0;
    const sim_device_cfg *d = &inst->m.dev[a];
    for (unsigned int p = 0; p < d->mtlink_ports; p++) {
        if (inst->m.peer_dev[a][p] != b)
            continue;
        if (out) {
            memset(&out[n], 0, sizeof out[n]);
            out[n].localLinkId = p;
            out[n].remoteLinkId = (unsigned int)inst->m.peer_port[a][p];
        }
        n++;
    }
    return n;
}

MtmlReturn MTML_API mtmlDeviceCountMtLinkLayouts(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice,
                                                 unsigned int *linkCount) {
    SIM_ENTER(mtmlDeviceCountMtLinkLayouts, localDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(linkCount, MTML_ERROR_INVALID_ARGUMENT);
    sim_slot other;
    SIM_TRY(sim_resolve_device(&call_, remoteDevice, &other));
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    SIM_TRY(need_mtlink(call_.inst, &other));
    *linkCount = sim_count_out(&call_, layouts(call_.inst, call_.h.phys, other.phys, NULL));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMtLinkLayouts(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice,
                                               unsigned int linkCount, MtmlMtLinkLayout *out) {
    SIM_ENTER(mtmlDeviceGetMtLinkLayouts, localDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(out, MTML_ERROR_INVALID_ARGUMENT);
    sim_slot other;
    SIM_TRY(sim_resolve_device(&call_, remoteDevice, &other));
    SIM_TRY(need_mtlink(call_.inst, &call_.h));
    SIM_TRY(need_mtlink(call_.inst, &other));
    unsigned int n = layouts(call_.inst, call_.h.phys, other.phys, NULL);
    SIM_CHECK(linkCount >= n, MTML_ERROR_INSUFFICIENT_SIZE);
    layouts(call_.inst, call_.h.phys, other.phys, out);
    SIM_RETURN(MTML_SUCCESS);
}
