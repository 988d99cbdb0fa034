//! Any MTML client loads the simulator's libmtml.so.2 unchanged: here
//! Python's ctypes, the way pymtml loads the driver's library.

use std::process::Command;

const SCRIPT: &str = r#"
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
handle = ctypes.c_void_p()
assert lib.mtmlLibraryInit(ctypes.byref(handle)) == 0, "init"
count = ctypes.c_uint()
assert lib.mtmlLibraryCountDevice(handle, ctypes.byref(count)) == 0, "count"
names = []
for i in range(count.value):
    dev = ctypes.c_void_p()
    assert lib.mtmlLibraryInitDeviceByIndex(handle, i, ctypes.byref(dev)) == 0, "device"
    buf = ctypes.create_string_buffer(32)
    assert lib.mtmlDeviceGetName(dev, buf, 32) == 0, "name"
    names.append(buf.value.decode())
assert lib.mtmlLibraryShutDown(handle) == 0, "shutdown"
print(count.value)
print("\n".join(names))
"#;

#[test]
fn python_ctypes_loads_the_shared_library() {
    if mtml_ctests::linked_external_library() {
        return;
    }
    let library = mtml_sim::shared_library_path();
    let output = match Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(library)
        .env_remove("MTML_SIM_CONFIG")
        .env_remove("MTML_SIM_FAULTS")
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            eprintln!("python3 is not installed; skipped");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines = stdout.lines();
    let count: usize = lines
        .next()
        .and_then(|l| l.parse().ok())
        .expect("device count printed");
    let expected = mtml_sim::SimConfig::from_default().device_count();
    assert_eq!(count, expected, "devices of the default system");
    let names: Vec<&str> = lines.collect();
    assert_eq!(names.len(), expected);
    assert!(
        names.iter().all(|n| n.starts_with("MTT ")),
        "names: {names:?}"
    );
}
