//! Fuzzes the simulator's config parser (`mtmlSimValidateConfig`, through
//! `mtml_sim::validate_config`) and, for texts it accepts, starts a library
//! on the machine described and snapshots every device through `mtml`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match mtml_sim::validate_config(&text) {
        Err(error) => {
            // A rejection always says why.
            assert!(!error.to_string().is_empty());
        }
        Ok(()) => {
            // Stalls are real sleeps (up to a minute): not for a fuzzer.
            if text.contains("stall") {
                return;
            }
            let Ok(lib) = mtml::Library::init_with_sim_config(&text) else {
                // Faults in the config may make the init itself fail.
                return;
            };
            for device in lib.devices().flatten() {
                let snapshot = device.snapshot();
                assert!(!format!("{snapshot:?}").is_empty());
            }
        }
    }
});
