//! The video codec unit (VPU): load, clocks and encoder/decoder sessions.
//!
//! A VPU runs a fixed number of encoder and decoder session slots (its
//! [`CodecCapacity`]); slot ids run from 0 to capacity − 1. Each slot is
//! idle or owned by a process, and an owned slot has [`CodecSessionMetrics`].

use crate::device::Vpu;
use crate::enums::c_enum;
use crate::error::Result;
use crate::ffi::{call, call_out};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Upper bound accepted for a session capacity; larger answers are an error.
const MAX_CODEC_SESSIONS: u32 = 4096;

/// Load of the codec unit over one sampling window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CodecUtilization {
    /// Overall codec load, percent.
    pub overall_percent: u32,
    /// Encoder load, percent.
    pub encoder_percent: u32,
    /// Decoder load, percent.
    pub decoder_percent: u32,
    /// Length of the sampling window, microseconds.
    pub period_us: u32,
}

/// How many encoder and decoder sessions a VPU can run at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CodecCapacity {
    /// Encoder session slots.
    pub encoder_sessions: u32,
    /// Decoder session slots.
    pub decoder_sessions: u32,
}

c_enum! {
    /// Whether a codec session slot is in use.
    pub enum CodecSessionState: mtml_sys::MtmlCodecSessionState {
        /// The library could not read the slot's state.
        Undetermined = MTML_CODEC_SESSION_STATE_UNKNOWN,
        /// No session in the slot.
        Idle = MTML_CODEC_SESSION_STATE_IDLE,
        /// A process owns the slot.
        Active = MTML_CODEC_SESSION_STATE_ACTIVE,
    }
}

c_enum! {
    /// Video codec standard of a session.
    pub enum CodecType: mtml_sys::MtmlCodecType {
        /// H.264 / AVC.
        Avc = MTML_CODEC_TYPE_AVC,
        /// VC-1.
        Vc1 = MTML_CODEC_TYPE_VC1,
        /// MPEG-2.
        Mpeg2 = MTML_CODEC_TYPE_MPEG2,
        /// MPEG-4 part 2.
        Mpeg4 = MTML_CODEC_TYPE_MPEG4,
        /// H.263.
        H263 = MTML_CODEC_TYPE_H263,
        /// DivX 3.
        Div3 = MTML_CODEC_TYPE_DIV3,
        /// RealVideo.
        RealVideo = MTML_CODEC_TYPE_RV,
        /// AVS.
        Avs = MTML_CODEC_TYPE_AVS,
        /// Theora.
        Theora = MTML_CODEC_TYPE_THO,
        /// VP3.
        Vp3 = MTML_CODEC_TYPE_VP3,
        /// VP8.
        Vp8 = MTML_CODEC_TYPE_VP8,
        /// H.265 / HEVC.
        Hevc = MTML_CODEC_TYPE_HEVC,
        /// VP9.
        Vp9 = MTML_CODEC_TYPE_VP9,
        /// AVS2.
        Avs2 = MTML_CODEC_TYPE_AVS2,
        /// AV1.
        Av1 = MTML_CODEC_TYPE_AV1,
    }
}

/// Figures of one encoder or decoder session slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CodecSessionMetrics {
    /// Slot number.
    pub session_id: u32,
    /// Owning process id; 0 when the slot is idle (and always 0 on a
    /// virtual device's VPU).
    pub pid: u32,
    /// Frame width, pixels.
    pub width_px: u32,
    /// Frame height, pixels.
    pub height_px: u32,
    /// Frames per second.
    pub frame_rate_fps: u32,
    /// Bit rate, bits per second.
    pub bit_rate_bps: u32,
    /// Per-frame latency, microseconds (MTML 2.2 always reports 0).
    pub latency_us: u32,
    /// Codec standard in use.
    pub codec: CodecType,
}

impl CodecSessionMetrics {
    /// Whether a process owns the slot.
    pub fn is_active(&self) -> bool {
        self.pid != 0
    }
}

impl From<&mtml_sys::MtmlCodecUtil> for CodecUtilization {
    fn from(raw: &mtml_sys::MtmlCodecUtil) -> Self {
        CodecUtilization {
            overall_percent: raw.util,
            encoder_percent: raw.encUtil,
            decoder_percent: raw.decUtil,
            period_us: raw.period,
        }
    }
}

impl From<&mtml_sys::MtmlCodecSessionMetrics> for CodecSessionMetrics {
    fn from(raw: &mtml_sys::MtmlCodecSessionMetrics) -> Self {
        CodecSessionMetrics {
            session_id: raw.id,
            pid: raw.pid,
            width_px: raw.hResolution,
            height_px: raw.vResolution,
            frame_rate_fps: raw.frameRate,
            bit_rate_bps: raw.bitRate,
            latency_us: raw.latency,
            codec: CodecType::from(raw.codecType),
        }
    }
}

/// Which direction of the VPU a session query is about.
#[derive(Clone, Copy)]
enum Direction {
    Encoder,
    Decoder,
}

impl<'dev> Vpu<'dev> {
    /// Load of the codec unit.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) on a virtual
    /// device's VPU; otherwise the library's error.
    #[doc(alias = "mtmlVpuGetUtilization")]
    pub fn utilization(&self) -> Result<CodecUtilization> {
        let mut raw = mtml_sys::MtmlCodecUtil::default();
        call!(mtmlVpuGetUtilization(self.raw(), &mut raw))?;
        Ok(CodecUtilization::from(&raw))
    }

    /// Present codec clock, MHz.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) on a virtual
    /// device's VPU; otherwise the library's error.
    #[doc(alias = "mtmlVpuGetClock")]
    pub fn clock_mhz(&self) -> Result<u32> {
        call_out!(mtmlVpuGetClock(self.raw()))
    }

    /// Highest codec clock, MHz.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) on a virtual
    /// device's VPU and on products without the figure (S3000E); otherwise
    /// the library's error.
    #[doc(alias = "mtmlVpuGetMaxClock")]
    pub fn max_clock_mhz(&self) -> Result<u32> {
        call_out!(mtmlVpuGetMaxClock(self.raw()))
    }

    /// Number of encoder and decoder session slots.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlVpuGetCodecCapacity")]
    pub fn codec_capacity(&self) -> Result<CodecCapacity> {
        let (mut encoder, mut decoder) = (0, 0);
        call!(mtmlVpuGetCodecCapacity(
            self.raw(),
            &mut encoder,
            &mut decoder
        ))?;
        Ok(CodecCapacity {
            encoder_sessions: encoder,
            decoder_sessions: decoder,
        })
    }

    /// State of every encoder session slot; index `i` is slot `i`.
    ///
    /// # Errors
    /// [`Error::CountTooLarge`](crate::Error::CountTooLarge) for an absurd
    /// capacity; otherwise the library's error.
    #[doc(alias = "mtmlVpuGetEncoderSessionStates")]
    pub fn encoder_session_states(&self) -> Result<Vec<CodecSessionState>> {
        self.session_states(Direction::Encoder)
    }

    /// State of every decoder session slot; index `i` is slot `i`.
    ///
    /// # Errors
    /// [`Error::CountTooLarge`](crate::Error::CountTooLarge) for an absurd
    /// capacity; otherwise the library's error.
    #[doc(alias = "mtmlVpuGetDecoderSessionStates")]
    pub fn decoder_session_states(&self) -> Result<Vec<CodecSessionState>> {
        self.session_states(Direction::Decoder)
    }

    /// Figures of encoder session slot `session_id`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when
    /// `session_id` is not below the encoder capacity; otherwise the
    /// library's error.
    #[doc(alias = "mtmlVpuGetEncoderSessionMetrics")]
    pub fn encoder_session_metrics(&self, session_id: u32) -> Result<CodecSessionMetrics> {
        let mut raw = mtml_sys::MtmlCodecSessionMetrics::default();
        call!(mtmlVpuGetEncoderSessionMetrics(
            self.raw(),
            session_id,
            &mut raw
        ))?;
        Ok(CodecSessionMetrics::from(&raw))
    }

    /// Figures of decoder session slot `session_id`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when
    /// `session_id` is not below the decoder capacity; otherwise the
    /// library's error.
    #[doc(alias = "mtmlVpuGetDecoderSessionMetrics")]
    pub fn decoder_session_metrics(&self, session_id: u32) -> Result<CodecSessionMetrics> {
        let mut raw = mtml_sys::MtmlCodecSessionMetrics::default();
        call!(mtmlVpuGetDecoderSessionMetrics(
            self.raw(),
            session_id,
            &mut raw
        ))?;
        Ok(CodecSessionMetrics::from(&raw))
    }

    /// Figures of every active encoder session.
    ///
    /// # Errors
    /// As [`Vpu::encoder_session_states`] and
    /// [`Vpu::encoder_session_metrics`].
    pub fn active_encoder_sessions(&self) -> Result<Vec<CodecSessionMetrics>> {
        self.active_sessions(Direction::Encoder)
    }

    /// Figures of every active decoder session.
    ///
    /// # Errors
    /// As [`Vpu::decoder_session_states`] and
    /// [`Vpu::decoder_session_metrics`].
    pub fn active_decoder_sessions(&self) -> Result<Vec<CodecSessionMetrics>> {
        self.active_sessions(Direction::Decoder)
    }

    fn session_states(&self, direction: Direction) -> Result<Vec<CodecSessionState>> {
        let capacity = self.codec_capacity()?;
        let slots = match direction {
            Direction::Encoder => capacity.encoder_sessions,
            Direction::Decoder => capacity.decoder_sessions,
        };
        let slots = crate::list::check_count(slots, MAX_CODEC_SESSIONS)?;
        if slots == 0 {
            return Ok(Vec::new());
        }
        let mut raw =
            vec![mtml_sys::MtmlCodecSessionState::MTML_CODEC_SESSION_STATE_UNKNOWN; slots];
        let len = slots as u32;
        match direction {
            Direction::Encoder => call!(mtmlVpuGetEncoderSessionStates(
                self.raw(),
                raw.as_mut_ptr(),
                len
            ))?,
            Direction::Decoder => call!(mtmlVpuGetDecoderSessionStates(
                self.raw(),
                raw.as_mut_ptr(),
                len
            ))?,
        }
        Ok(raw.into_iter().map(CodecSessionState::from).collect())
    }

    fn active_sessions(&self, direction: Direction) -> Result<Vec<CodecSessionMetrics>> {
        let states = self.session_states(direction)?;
        let mut sessions = Vec::new();
        for (slot, state) in states.into_iter().enumerate() {
            if state != CodecSessionState::Active {
                continue;
            }
            let slot = slot as u32;
            let metrics = match direction {
                Direction::Encoder => self.encoder_session_metrics(slot)?,
                Direction::Decoder => self.decoder_session_metrics(slot)?,
            };
            sessions.push(metrics);
        }
        Ok(sessions)
    }
}
