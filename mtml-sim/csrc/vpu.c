/*
 * vpu.c: video codec unit: load, clocks, capacity and sessions.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * The codec unit of a virtual device reports its type's capacity, idle
 * session slots, and NOT_SUPPORTED for load and clocks (as documented).
 */

#include <string.h>

#include "sim_internal.h"

static void capacity(const sim_call *c, unsigned int *enc, unsigned int *dec) {
    const sim_device_cfg *d = sim_cfg(c);
    if (c->h.dkind == SIM_DEV_VIRT && c->h.sub >= 0 && c->h.sub < d->nvdevs) {
        const MtmlVirtType *t = &d->vtypes[d->vdevs[c->h.sub].type];
        *enc = t->maxEncodeNum;
        *dec = t->maxDecodeNum;
    } else {
        *enc = d->enc_cap;
        *dec = d->dec_cap;
    }
}

MtmlReturn MTML_API mtmlVpuGetUtilization(const MtmlVpu *vpu, MtmlCodecUtil *utilization) {
    SIM_ENTER(mtmlVpuGetUtilization, vpu, MTML_SIM_HANDLE_VPU);
    SIM_CHECK(utilization, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    MtmlCodecUtil u;
    sim_vpu_util(call_.inst, call_.h.phys, &u);
    *utilization = u;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlVpuGetClock(const MtmlVpu *vpu, unsigned int *clockMhz) {
    SIM_ENTER(mtmlVpuGetClock, vpu, MTML_SIM_HANDLE_VPU);
    SIM_CHECK(clockMhz, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    *clockMhz = sim_vpu_clock(call_.inst, call_.h.phys);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlVpuGetMaxClock(const MtmlVpu *vpu, unsigned int *clockMhz) {
    SIM_ENTER(mtmlVpuGetMaxClock, vpu, MTML_SIM_HANDLE_VPU);
    SIM_CHECK(clockMhz, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    *clockMhz = sim_cfg(&call_)->vpu_clock_max;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlVpuGetCodecCapacity(const MtmlVpu *vpu, unsigned int *encodeCapacity, unsigned int *decodeCapacity) {
    SIM_ENTER(mtmlVpuGetCodecCapacity, vpu, MTML_SIM_HANDLE_VPU);
    SIM_CHECK(encodeCapacity && decodeCapacity, MTML_ERROR_INVALID_ARGUMENT);
    unsigned int e, d;
    capacity(&call_, &e, &d);
    *encodeCapacity = sim_count_out(&call_, e);
    *decodeCapacity = sim_count_out(&call_, d);
    SIM_RETURN(MTML_SUCCESS);
}

/* Session table of the unit (virtual units have none). */
static const sim_session *sessions(const sim_call *c, int encoder) {
    if (c->h.dkind == SIM_DEV_VIRT)
        return NULL;
    const sim_device_cfg *d = sim_cfg(c);
    return encoder ? d->enc : d->dec;
}

static MtmlReturn states(const sim_call *c, int encoder, MtmlCodecSessionState *out, unsigned int length) {
    if (!out)
        return MTML_ERROR_INVALID_ARGUMENT;
    if (length == 0)
        return MTML_ERROR_INSUFFICIENT_SIZE;
    unsigned int e, d;
    capacity(c, &e, &d);
    unsigned int cap = encoder ? e : d;
    const sim_session *s = sessions(c, encoder);
    for (unsigned int i = 0; i < length; i++) {
        int st = MTML_CODEC_SESSION_STATE_UNKNOWN;
        if (i < cap)
            st = (s && i < SIM_MAX_SESSIONS && s[i].active) ? MTML_CODEC_SESSION_STATE_ACTIVE
                                                            : MTML_CODEC_SESSION_STATE_IDLE;
        out[i] = (MtmlCodecSessionState)sim_enum_out(c, st);
    }
    return MTML_SUCCESS;
}

static MtmlReturn metrics(const sim_call *c, int encoder, unsigned int id, MtmlCodecSessionMetrics *out) {
    if (!out)
        return MTML_ERROR_INVALID_ARGUMENT;
    unsigned int e, d;
    capacity(c, &e, &d);
    if (id >= (encoder ? e : d))
        return MTML_ERROR_INVALID_ARGUMENT;
    MtmlCodecSessionMetrics m;
    memset(&m, 0, sizeof m);
    m.id = id;
    const sim_session *s = sessions(c, encoder);
    if (s && id < SIM_MAX_SESSIONS && s[id].active) {
        m.pid = s[id].pid;
        m.hResolution = s[id].width;
        m.vResolution = s[id].height;
        m.frameRate = s[id].fps;
        m.bitRate = s[id].bitrate;
        m.codecType = (MtmlCodecType)sim_enum_out(c, s[id].codec);
    }
    *out = m;
    return MTML_SUCCESS;
}

MtmlReturn MTML_API mtmlVpuGetEncoderSessionStates(const MtmlVpu *vpu, MtmlCodecSessionState *st, unsigned int length) {
    SIM_ENTER(mtmlVpuGetEncoderSessionStates, vpu, MTML_SIM_HANDLE_VPU);
    SIM_RETURN(states(&call_, 1, st, length));
}

MtmlReturn MTML_API mtmlVpuGetEncoderSessionMetrics(const MtmlVpu *vpu, unsigned int sessionId, MtmlCodecSessionMetrics *m) {
    SIM_ENTER(mtmlVpuGetEncoderSessionMetrics, vpu, MTML_SIM_HANDLE_VPU);
    SIM_RETURN(metrics(&call_, 1, sessionId, m));
}

MtmlReturn MTML_API mtmlVpuGetDecoderSessionStates(const MtmlVpu *vpu, MtmlCodecSessionState *st, unsigned int length) {
    SIM_ENTER(mtmlVpuGetDecoderSessionStates, vpu, MTML_SIM_HANDLE_VPU);
    SIM_RETURN(states(&call_, 0, st, length));
}

MtmlReturn MTML_API mtmlVpuGetDecoderSessionMetrics(const MtmlVpu *vpu, unsigned int sessionId, MtmlCodecSessionMetrics *m) {
    SIM_ENTER(mtmlVpuGetDecoderSessionMetrics, vpu, MTML_SIM_HANDLE_VPU);
    SIM_RETURN(metrics(&call_, 0, sessionId, m));
}
