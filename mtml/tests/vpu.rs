//! Video codec unit against the simulator's default machine.

#[path = "common/domains.rs"]
mod domains;

use domains::default_machine::{DECODING, DESKTOP, ECC_HISTORY, MPC_PARENT};
use mtml::vpu::{CodecCapacity, CodecSessionMetrics, CodecSessionState, CodecType};
use mtml::Error;
use mtml_sim::{FaultRule, HostileMode};

#[test]
fn capacity_and_states_match_config() {
    let lib = domains::open_default();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let vpu = device.vpu().unwrap();
    let capacity = vpu.codec_capacity().unwrap();
    assert_eq!(
        capacity,
        CodecCapacity {
            encoder_sessions: 16,
            decoder_sessions: 32
        }
    );

    let encoders = vpu.encoder_session_states().unwrap();
    assert_eq!(encoders.len(), 16);
    for (slot, state) in encoders.iter().enumerate() {
        let expected = if slot == 0 || slot == 3 {
            CodecSessionState::Active
        } else {
            CodecSessionState::Idle
        };
        assert_eq!(*state, expected, "encoder slot {slot}");
    }
    let decoders = vpu.decoder_session_states().unwrap();
    assert_eq!(decoders.len(), 32);
    let active: Vec<usize> = decoders
        .iter()
        .enumerate()
        .filter(|(_, state)| **state == CodecSessionState::Active)
        .map(|(slot, _)| slot)
        .collect();
    assert_eq!(active, vec![0, 1]);
}

#[test]
fn session_metrics_match_config() {
    let lib = domains::open_default();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let vpu = device.vpu().unwrap();
    assert_eq!(
        vpu.encoder_session_metrics(3).unwrap(),
        CodecSessionMetrics {
            session_id: 3,
            pid: 4102,
            width_px: 3840,
            height_px: 2160,
            frame_rate_fps: 30,
            bit_rate_bps: 20_000_000,
            latency_us: 0,
            codec: CodecType::Av1,
        }
    );
    let idle = vpu.encoder_session_metrics(1).unwrap();
    assert_eq!(idle.pid, 0);
    assert!(!idle.is_active());

    let encoders = vpu.active_encoder_sessions().unwrap();
    let summary: Vec<(u32, u32, CodecType)> = encoders
        .iter()
        .map(|m| (m.session_id, m.pid, m.codec))
        .collect();
    assert_eq!(
        summary,
        vec![(0, 4101, CodecType::Hevc), (3, 4102, CodecType::Av1)]
    );
    let decoders = vpu.active_decoder_sessions().unwrap();
    let summary: Vec<(u32, CodecType)> = decoders.iter().map(|m| (m.pid, m.codec)).collect();
    assert_eq!(
        summary,
        vec![(4103, CodecType::Avc), (4103, CodecType::Vp9)]
    );
}

#[test]
fn session_id_past_capacity_is_rejected() {
    let lib = domains::open_default();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let vpu = device.vpu().unwrap();
    assert_eq!(
        vpu.encoder_session_metrics(16).unwrap_err(),
        Error::InvalidArgument
    );
    assert_eq!(
        vpu.decoder_session_metrics(u32::MAX).unwrap_err(),
        Error::InvalidArgument
    );
}

#[test]
fn decoding_device_reports_decoder_load_only() {
    let lib = domains::open_default();
    let device = lib.device_by_index(DECODING).unwrap();
    let vpu = device.vpu().unwrap();
    let load = vpu.utilization().unwrap();
    assert_eq!(load.encoder_percent, 0);
    assert!(load.decoder_percent > 0 && load.decoder_percent <= 100);
    assert_eq!(load.period_us, 1_000_000);
    assert_eq!(vpu.active_decoder_sessions().unwrap().len(), 3);
    assert!(vpu.active_encoder_sessions().unwrap().is_empty());
}

#[test]
fn clocks_are_within_range() {
    let lib = domains::open_default();
    let device = lib.device_by_index(DESKTOP).unwrap();
    let vpu = device.vpu().unwrap();
    let max = vpu.max_clock_mhz().unwrap();
    let now = vpu.clock_mhz().unwrap();
    assert!(max > 0);
    assert!(now <= max, "{now} MHz above the {max} MHz maximum");
    assert_eq!(
        vpu.codec_capacity().unwrap(),
        CodecCapacity {
            encoder_sessions: 8,
            decoder_sessions: 16
        }
    );
}

#[test]
fn mpc_parent_has_no_vpu() {
    let lib = domains::open_default();
    let device = lib.device_by_index(MPC_PARENT).unwrap();
    assert_eq!(device.vpu().err(), Some(Error::NotSupported));
}

#[test]
fn capacity_failure_stops_state_listing() {
    let lib = domains::open_default();
    let rule = FaultRule::new("mtmlVpuGetCodecCapacity", mtml_sim::code::TIMEOUT);
    domains::control(&lib).inject_fault(&rule).unwrap();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let vpu = device.vpu().unwrap();
    assert_eq!(vpu.encoder_session_states().unwrap_err(), Error::Timeout);
}

#[test]
fn unknown_codec_and_state_values_are_kept() {
    let lib = domains::open_default();
    let control = domains::control(&lib);
    control
        .set_hostile(
            "mtmlVpuGetEncoderSessionMetrics",
            HostileMode::EnumOutOfRange,
        )
        .unwrap();
    control
        .set_hostile(
            "mtmlVpuGetDecoderSessionStates",
            HostileMode::EnumOutOfRange,
        )
        .unwrap();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let vpu = device.vpu().unwrap();
    assert_eq!(
        vpu.encoder_session_metrics(0).unwrap().codec,
        CodecType::Unknown(0x7fff)
    );
    let states = vpu.decoder_session_states().unwrap();
    assert!(states
        .iter()
        .all(|state| *state == CodecSessionState::Unknown(0x7fff)));
}
