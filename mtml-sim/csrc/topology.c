/*
 * topology.c: PCIe topology levels and peer-to-peer status, derived from
 * the machine description (board, switch, host bridge, NUMA node) plus the
 * [topology] and [p2p] overrides. Both relations are symmetric.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * MPC instances answer for their parent; virtual devices are NOT_SUPPORTED.
 */

#include "sim_internal.h"

int sim_topology_level(const sim_instance *inst, int a, int b) {
    if (a == b)
        return MTML_TOPOLOGY_INTERNAL;
    if (inst->m.topo[a][b] >= 0)
        return inst->m.topo[a][b];
    const sim_device_cfg *x = &inst->m.dev[a], *y = &inst->m.dev[b];
    if (x->board >= 0 && x->board == y->board)
        return MTML_TOPOLOGY_INTERNAL;
    if (x->pswitch >= 0 && x->pswitch == y->pswitch)
        return MTML_TOPOLOGY_SINGLE;
    if (x->host_bridge == y->host_bridge)
        return (x->pswitch >= 0 && y->pswitch >= 0) ? MTML_TOPOLOGY_MULTIPLE : MTML_TOPOLOGY_HOSTBRIDGE;
    if (x->numa_node == y->numa_node)
        return MTML_TOPOLOGY_NODE;
    return MTML_TOPOLOGY_SYSTEM;
}

int sim_p2p_status(const sim_instance *inst, int a, int b) {
    if (a != b && inst->m.p2p[a][b] >= 0)
        return inst->m.p2p[a][b];
    if (!inst->m.dev[a].p2p || !inst->m.dev[b].p2p)
        return MTML_P2P_STATUS_GPU_NOT_SUPPORTED;
    if (sim_topology_level(inst, a, b) == MTML_TOPOLOGY_SYSTEM)
        return MTML_P2P_STATUS_CHIPSET_NOT_SUPPORTED;
    return MTML_P2P_STATUS_OK;
}

MtmlReturn MTML_API mtmlDeviceGetTopologyLevel(const MtmlDevice *dev1, const MtmlDevice *dev2, MtmlDeviceTopologyLevel *level) {
    SIM_ENTER(mtmlDeviceGetTopologyLevel, dev1, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(level, MTML_ERROR_INVALID_ARGUMENT);
    sim_slot other;
    SIM_TRY(sim_resolve_device(&call_, dev2, &other));
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT && other.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    *level = (MtmlDeviceTopologyLevel)sim_enum_out(&call_, sim_topology_level(call_.inst, call_.h.phys, other.phys));
    SIM_RETURN(MTML_SUCCESS);
}

/* Present physical devices other than phys at exactly level. */
static unsigned int peers_at(const sim_instance *inst, int phys, int level, int *out) {
    unsigned int n = 0;
    for (int i = 0; i < inst->m.ndev; i++) {
        if (i == phys || inst->removed[i] || sim_topology_level(inst, phys, i) != level)
            continue;
        if (out)
            out[n] = i;
        n++;
    }
    return n;
}

MtmlReturn MTML_API mtmlDeviceCountDeviceByTopologyLevel(const MtmlDevice *dev, MtmlDeviceTopologyLevel level,
                                                         unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountDeviceByTopologyLevel, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)level >= MTML_TOPOLOGY_INTERNAL && level <= MTML_TOPOLOGY_SYSTEM, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    *count = sim_count_out(&call_, peers_at(call_.inst, call_.h.phys, (int)level, NULL));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetDeviceByTopologyLevel(const MtmlDevice *dev, MtmlDeviceTopologyLevel level,
                                                       unsigned int count, MtmlDevice **deviceArray) {
    SIM_ENTER(mtmlDeviceGetDeviceByTopologyLevel, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(deviceArray, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)level >= MTML_TOPOLOGY_INTERNAL && level <= MTML_TOPOLOGY_SYSTEM, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    int peers[SIM_MAX_DEVICES];
    unsigned int n = peers_at(call_.inst, call_.h.phys, (int)level, peers);
    SIM_CHECK(count >= n, MTML_ERROR_INSUFFICIENT_SIZE);
    for (unsigned int i = 0; i < n; i++) {
        void *h = NULL;
        SIM_TRY(sim_get_handle(&call_, MTML_SIM_HANDLE_DEVICE, SIM_DEV_PHYS, peers[i], -1, &h));
        deviceArray[i] = (MtmlDevice *)h;
    }
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetP2PStatus(const MtmlDevice *dev1, const MtmlDevice *dev2, MtmlDeviceP2PCaps p2pCap,
                                           MtmlDeviceP2PStatus *p2pStatus) {
    SIM_ENTER(mtmlDeviceGetP2PStatus, dev1, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(p2pStatus, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(p2pCap == MTML_P2P_CAPS_READ || p2pCap == MTML_P2P_CAPS_WRITE, MTML_ERROR_INVALID_ARGUMENT);
    sim_slot other;
    SIM_TRY(sim_resolve_device(&call_, dev2, &other));
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT && other.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    *p2pStatus = (MtmlDeviceP2PStatus)sim_enum_out(&call_, sim_p2p_status(call_.inst, call_.h.phys, other.phys));
    SIM_RETURN(MTML_SUCCESS);
}
