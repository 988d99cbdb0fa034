//! Video processing unit of every device: codec load, clocks, session slots
//! and the sessions in use.

use mtml::NotSupportedExt;

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        println!("Device {} ({}):", device.index()?, device.name()?);
        let Some(vpu) = device.vpu().optional()? else {
            println!("  no video unit of its own (an MPC parent: its instances have one)");
            continue;
        };
        match vpu.utilization().optional()? {
            Some(load) => println!(
                "  Codec load:  {} % (encoder {} %, decoder {} %)",
                load.overall_percent, load.encoder_percent, load.decoder_percent
            ),
            None => println!("  Codec load:  not reported"),
        }
        if let (Some(clock), Some(max)) =
            (vpu.clock_mhz().optional()?, vpu.max_clock_mhz().optional()?)
        {
            println!("  Clock:       {clock} / {max} MHz");
        }
        let capacity = vpu.codec_capacity()?;
        println!(
            "  Slots:       {} encoder, {} decoder",
            capacity.encoder_sessions, capacity.decoder_sessions
        );
        for (kind, sessions) in [
            ("encode", vpu.active_encoder_sessions()?),
            ("decode", vpu.active_decoder_sessions()?),
        ] {
            for session in sessions {
                println!(
                    "  {kind} #{}: pid {}, {} {}x{} @ {} fps, {} bit/s",
                    session.session_id,
                    session.pid,
                    session.codec,
                    session.width_px,
                    session.height_px,
                    session.frame_rate_fps,
                    session.bit_rate_bps
                );
            }
        }
    }
    Ok(())
}
