/*
 * fabric.c: MtLink wiring, shortest paths, PCIe topology and P2P, all checked
 * for symmetry and agreement between count and list calls
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include <stdlib.h>

#include "conformance.h"

static unsigned g_links[MAX_DEVICES]; /* MtLink ports per device; 0 = none */

void check_mtlink_device(unsigned i)
{
    const char *tag = fmt("device %u", i);
    char label[32];
    snprintf(label, sizeof label, "%s", tag);
    MtmlMtLinkSpec spec;
    const MtmlDevice *dev = g_dev[i];
    g_links[i] = 0;
    expect_rc(CALL(mtmlDeviceGetMtLinkSpec)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetMtLinkSpec(NULL)", label));
    MtmlReturn rc = CALL(mtmlDeviceGetMtLinkSpec)(dev, &spec);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceGetMtLinkSpec", label));
    if (rc != MTML_SUCCESS) {
        MtmlMtLinkState state;
        expect_rc(CALL(mtmlDeviceGetMtLinkState)(dev, 0, &state), MTML_ERROR_NOT_SUPPORTED,
                  fmt("%s mtmlDeviceGetMtLinkState without MtLink", label));
        return;
    }
    g_links[i] = spec.linkNum < 64 ? spec.linkNum : 64;
    for (unsigned l = 0; l < g_links[i]; l++) {
        MtmlMtLinkState state;
        MtmlMtLinkCapStatus status;
        MtmlDevice *remote = NULL;
        if (expect_rc(CALL(mtmlDeviceGetMtLinkState)(dev, l, &state), MTML_SUCCESS, fmt("%s link %u state", label, l)))
            check(state <= MTML_MTLINK_STATE_DOWNGRADE, "%s: link %u state %d in range", label, l, (int)state);
        for (int cap = 0; cap < MTML_MTLINK_CAP_COUNT; cap++)
            if (expect_rc(CALL(mtmlDeviceGetMtLinkCapStatus)(dev, l, (MtmlMtLinkCap)cap, &status), MTML_SUCCESS,
                          fmt("%s link %u capability %d", label, l, cap)))
                check(status <= MTML_MTLINK_CAP_STATUS_OK, "%s: link %u capability %d status %d", label, l, cap, (int)status);
        rc = CALL(mtmlDeviceGetMtLinkRemoteDevice)(dev, l, &remote);
        if (!expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_FOUND, fmt("%s link %u mtmlDeviceGetMtLinkRemoteDevice", label, l))
            || rc != MTML_SUCCESS)
            continue;
        int r = device_index(remote);
        if (!check(r >= 0 && r != (int)i, "%s: link %u leads to device %d", label, l, r))
            continue;
        /* The far end's port must lead back here. */
        unsigned n = 0;
        MtmlMtLinkLayout layouts[MAX_ITEMS];
        if (CALL(mtmlDeviceCountMtLinkLayouts)(dev, remote, &n) != MTML_SUCCESS || n == 0 || n > MAX_ITEMS
            || CALL(mtmlDeviceGetMtLinkLayouts)(dev, remote, n, layouts) != MTML_SUCCESS) {
            check(0, "%s: link %u to device %d appears in the layouts", label, l, r);
            continue;
        }
        int found = 0;
        for (unsigned k = 0; k < n; k++) {
            if (layouts[k].localLinkId != l)
                continue;
            MtmlDevice *back = NULL;
            found = CALL(mtmlDeviceGetMtLinkRemoteDevice)(remote, layouts[k].remoteLinkId, &back) == MTML_SUCCESS
                    && device_index(back) == (int)i;
        }
        check(found, "%s: link %u to device %d is wired back to this port", label, l, r);
    }
    MtmlMtLinkState state;
    MtmlMtLinkCapStatus status;
    MtmlDevice *remote = NULL;
    expect_rc(CALL(mtmlDeviceGetMtLinkState)(dev, g_links[i], &state), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMtLinkState(link count)", label));
    expect_rc(CALL(mtmlDeviceGetMtLinkRemoteDevice)(dev, g_links[i], &remote), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMtLinkRemoteDevice(link count)", label));
    expect_rc(CALL(mtmlDeviceGetMtLinkState)(dev, 0, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMtLinkState(NULL)", label));
    expect_rc(CALL(mtmlDeviceGetMtLinkCapStatus)(dev, 0, MTML_MTLINK_CAP_P2P_ACCESS, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMtLinkCapStatus(NULL)", label));
    expect_failure(CALL(mtmlDeviceGetMtLinkCapStatus)(dev, 0, MTML_MTLINK_CAP_COUNT, &status),
                   fmt("%s mtmlDeviceGetMtLinkCapStatus(CAP_COUNT)", label));
}

static void check_mtlink_pair(unsigned i, unsigned j)
{
    const MtmlDevice *a = g_dev[i], *b = g_dev[j];
    unsigned nab = 0, nba = 0;
    MtmlMtLinkLayout ab[MAX_ITEMS], ba[MAX_ITEMS];
    if (!expect_rc(CALL(mtmlDeviceCountMtLinkLayouts)(a, b, &nab), MTML_SUCCESS, fmt("layouts %u-%u count", i, j))
        || !expect_rc(CALL(mtmlDeviceCountMtLinkLayouts)(b, a, &nba), MTML_SUCCESS, fmt("layouts %u-%u count", j, i)))
        return;
    check(nab == nba, "MtLink cables %u-%u: %u one way, %u the other", i, j, nab, nba);
    if (nab > 0 && nab == nba && nab <= MAX_ITEMS) {
        if (expect_rc(CALL(mtmlDeviceGetMtLinkLayouts)(a, b, nab, ab), MTML_SUCCESS, fmt("layouts %u-%u", i, j))
            && expect_rc(CALL(mtmlDeviceGetMtLinkLayouts)(b, a, nba, ba), MTML_SUCCESS, fmt("layouts %u-%u", j, i))) {
            int mirrored = 1;
            for (unsigned k = 0; k < nab; k++) {
                int seen = 0;
                for (unsigned m = 0; m < nba; m++)
                    seen |= ab[k].localLinkId == ba[m].remoteLinkId && ab[k].remoteLinkId == ba[m].localLinkId;
                mirrored &= seen;
            }
            check(mirrored, "MtLink cables %u-%u are the mirror image of %u-%u", i, j, j, i);
        }
        expect_rc(CALL(mtmlDeviceGetMtLinkLayouts)(a, b, nab - 1, ab), MTML_ERROR_INSUFFICIENT_SIZE,
                  fmt("layouts %u-%u (count - 1)", i, j));
    }
    expect_rc(CALL(mtmlDeviceGetMtLinkLayouts)(a, b, 1, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("layouts %u-%u (NULL)", i, j));

    unsigned paths = 0, length = 0, paths2 = 0, length2 = 0;
    if (!expect_rc(CALL(mtmlDeviceCountMtLinkShortestPaths)(a, b, &paths, &length), MTML_SUCCESS,
                   fmt("shortest paths %u-%u count", i, j))
        || !expect_rc(CALL(mtmlDeviceCountMtLinkShortestPaths)(b, a, &paths2, &length2), MTML_SUCCESS,
                      fmt("shortest paths %u-%u count", j, i)))
        return;
    check(paths == paths2 && length == length2, "shortest paths %u-%u: %u of length %u, reverse %u of length %u", i, j,
          paths, length, paths2, length2);
    if (nab > 0)
        check(paths == 1 && length == 2, "directly cabled %u-%u: one path of 2 devices", i, j);
    if (paths == 0 || length < 2 || paths * length > 4096)
        return;
    MtmlDevice **grid = calloc((size_t)paths * length, sizeof *grid);
    if (grid == NULL)
        return;
    if (expect_rc(CALL(mtmlDeviceGetMtLinkShortestPaths)(a, b, paths, length, grid), MTML_SUCCESS,
                  fmt("shortest paths %u-%u", i, j))) {
        int ok = 1;
        for (unsigned p = 0; p < paths; p++) {
            MtmlDevice **row = grid + (size_t)p * length;
            ok &= device_index(row[0]) == (int)i && device_index(row[length - 1]) == (int)j;
            for (unsigned s = 0; s + 1 < length; s++) {
                unsigned hop = 0;
                ok &= CALL(mtmlDeviceCountMtLinkLayouts)(row[s], row[s + 1], &hop) == MTML_SUCCESS && hop > 0;
            }
        }
        check(ok, "shortest paths %u-%u run from %u to %u over cabled hops", i, j, i, j);
    }
    if (paths > 1)
        expect_rc(CALL(mtmlDeviceGetMtLinkShortestPaths)(a, b, paths - 1, length, grid), MTML_ERROR_INSUFFICIENT_SIZE,
                  fmt("shortest paths %u-%u (count - 1)", i, j));
    expect_rc(CALL(mtmlDeviceGetMtLinkShortestPaths)(a, b, paths, length - 1, grid), MTML_ERROR_INSUFFICIENT_SIZE,
              fmt("shortest paths %u-%u (length - 1)", i, j));
    free(grid);
}

void check_topology(void)
{
    for (unsigned i = 0; i < g_count; i++) {
        unsigned total = 0;
        for (int level = MTML_TOPOLOGY_INTERNAL; level <= MTML_TOPOLOGY_SYSTEM; level++) {
            unsigned n = 0;
            MtmlDevice *found[MAX_DEVICES];
            if (!expect_rc(CALL(mtmlDeviceCountDeviceByTopologyLevel)(g_dev[i], (MtmlDeviceTopologyLevel)level, &n),
                           MTML_SUCCESS, fmt("device %u devices at level %d count", i, level)))
                continue;
            total += n;
            if (n == 0 || n > MAX_DEVICES)
                continue;
            if (expect_rc(CALL(mtmlDeviceGetDeviceByTopologyLevel)(g_dev[i], (MtmlDeviceTopologyLevel)level, n, found),
                          MTML_SUCCESS, fmt("device %u devices at level %d", i, level))) {
                int ok = 1;
                for (unsigned k = 0; k < n; k++) {
                    MtmlDeviceTopologyLevel got;
                    ok &= CALL(mtmlDeviceGetTopologyLevel)(g_dev[i], found[k], &got) == MTML_SUCCESS && (int)got == level;
                }
                check(ok, "device %u: the %u devices listed at level %d are at that level", i, n, level);
            }
            expect_rc(CALL(mtmlDeviceGetDeviceByTopologyLevel)(g_dev[i], (MtmlDeviceTopologyLevel)level, n - 1, found),
                      MTML_ERROR_INSUFFICIENT_SIZE, fmt("device %u devices at level %d (count - 1)", i, level));
        }
        if (g_sim)
            check(total == g_count - 1, "device %u: every other device is at some level (%u of %u)", i, total, g_count - 1);
        unsigned n = 0;
        expect_rc(CALL(mtmlDeviceCountDeviceByTopologyLevel)(g_dev[i], (MtmlDeviceTopologyLevel)6, &n),
                  MTML_ERROR_INVALID_ARGUMENT, fmt("device %u topology level 6", i));
        expect_rc(CALL(mtmlDeviceCountDeviceByTopologyLevel)(g_dev[i], MTML_TOPOLOGY_SYSTEM, NULL),
                  MTML_ERROR_INVALID_ARGUMENT, fmt("device %u topology count (NULL)", i));
        expect_rc(CALL(mtmlDeviceGetDeviceByTopologyLevel)(g_dev[i], MTML_TOPOLOGY_SYSTEM, 1, NULL),
                  MTML_ERROR_INVALID_ARGUMENT, fmt("device %u topology list (NULL)", i));
    }
    for (unsigned i = 0; i < g_count; i++) {
        for (unsigned j = i + 1; j < g_count; j++) {
            MtmlDeviceTopologyLevel l1, l2;
            if (expect_rc(CALL(mtmlDeviceGetTopologyLevel)(g_dev[i], g_dev[j], &l1), MTML_SUCCESS, fmt("topology %u-%u", i, j))
                && expect_rc(CALL(mtmlDeviceGetTopologyLevel)(g_dev[j], g_dev[i], &l2), MTML_SUCCESS, fmt("topology %u-%u", j, i)))
                check(l1 == l2 && (int)l1 >= 0 && l1 <= MTML_TOPOLOGY_SYSTEM, "topology %u-%u symmetric (%d, %d)", i, j,
                      (int)l1, (int)l2);
            for (int cap = 0; cap <= MTML_P2P_CAPS_WRITE; cap++) {
                MtmlDeviceP2PStatus s1, s2;
                if (expect_rc(CALL(mtmlDeviceGetP2PStatus)(g_dev[i], g_dev[j], (MtmlDeviceP2PCaps)cap, &s1), MTML_SUCCESS,
                              fmt("P2P %u-%u cap %d", i, j, cap))
                    && expect_rc(CALL(mtmlDeviceGetP2PStatus)(g_dev[j], g_dev[i], (MtmlDeviceP2PCaps)cap, &s2),
                                 MTML_SUCCESS, fmt("P2P %u-%u cap %d", j, i, cap)))
                    check(s1 == s2 && s1 <= MTML_P2P_STATUS_UNKNOWN, "P2P %u-%u cap %d symmetric (%d, %d)", i, j, cap,
                          (int)s1, (int)s2);
            }
            if (g_links[i] > 0 && g_links[j] > 0)
                check_mtlink_pair(i, j);
        }
    }
    if (g_count > 0) {
        MtmlDeviceTopologyLevel level;
        MtmlDeviceP2PStatus status;
        expect_rc(CALL(mtmlDeviceGetTopologyLevel)(g_dev[0], g_dev[0], NULL), MTML_ERROR_INVALID_ARGUMENT,
                  "mtmlDeviceGetTopologyLevel(NULL)");
        expect_rc(CALL(mtmlDeviceGetTopologyLevel)(g_dev[0], NULL, &level), MTML_ERROR_INVALID_ARGUMENT,
                  "mtmlDeviceGetTopologyLevel(NULL device)");
        expect_rc(CALL(mtmlDeviceGetP2PStatus)(g_dev[0], g_dev[g_count - 1], (MtmlDeviceP2PCaps)2, &status),
                  MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceGetP2PStatus(bad capability)");
        expect_rc(CALL(mtmlDeviceGetP2PStatus)(g_dev[0], g_dev[g_count - 1], MTML_P2P_CAPS_READ, NULL),
                  MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceGetP2PStatus(NULL)");
        unsigned length;
        expect_rc(CALL(mtmlDeviceCountMtLinkShortestPaths)(g_dev[0], g_dev[g_count - 1], NULL, &length),
                  MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceCountMtLinkShortestPaths(NULL)");
        expect_rc(CALL(mtmlDeviceGetMtLinkShortestPaths)(g_dev[0], g_dev[g_count - 1], 1, 2, NULL),
                  MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceGetMtLinkShortestPaths(NULL)");
        expect_rc(CALL(mtmlDeviceCountMtLinkLayouts)(g_dev[0], g_dev[g_count - 1], NULL), MTML_ERROR_INVALID_ARGUMENT,
                  "mtmlDeviceCountMtLinkLayouts(NULL)");
    }
}
