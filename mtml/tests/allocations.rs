//! Heap allocations of the wrappers, counted exactly by a global allocator.
//!
//! Scalar getters and getters of plain structs must not allocate at all; a
//! getter that returns text allocates exactly the `String`s it returns.
//! Only Rust allocations are counted (the simulator's own C `malloc` calls
//! are the library's business, not the binding's). The counter is per
//! thread, so tests running in parallel do not disturb each other.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use common::fixture::{DESKTOP, SBDFS, SERVER};
use mtml::{Error, GpuEngine};
use mtml_sim::{code, FaultRule};

/// The system allocator, counting allocations of the current thread.
struct Counting;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: every method forwards to the system allocator unchanged; the
// counter is a const-initialised thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

fn count() {
    // `try_with`: the allocator may run while thread-locals are torn down.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

/// Runs `f` and returns its value with the number of allocations it made.
fn allocations<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    let after = ALLOCATIONS.with(Cell::get);
    (value, after - before)
}

/// Asserts that `f` succeeds without allocating.
#[track_caller]
fn assert_no_allocation<T: std::fmt::Debug>(what: &str, f: impl FnOnce() -> mtml::Result<T>) {
    let (value, count) = allocations(f);
    assert!(value.is_ok(), "{what}: {value:?}");
    assert_eq!(count, 0, "{what} allocated {count} times");
}

#[test]
fn the_counter_counts() {
    let (_, count) = allocations(|| vec![1u8; 3]);
    assert_eq!(count, 1);
    let (_, count) = allocations(|| 2 + 2);
    assert_eq!(count, 0);
}

#[test]
fn scalar_getters_never_allocate() {
    let lib = common::open();
    let device = lib.device_by_index(SERVER).unwrap();
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    let gpu = device.gpu().unwrap();
    let memory = device.memory().unwrap();
    let vpu = device.vpu().unwrap();

    assert_no_allocation("device_count", || lib.device_count());
    assert_no_allocation("device_by_index", || lib.device_by_index(SERVER));
    assert_no_allocation("gpu", || device.gpu());
    assert_no_allocation("index", || device.index());
    assert_no_allocation("brand", || device.brand());
    assert_no_allocation("power_usage_mw", || device.power_usage_mw());
    assert_no_allocation("gpu_core_count", || device.gpu_core_count());
    assert_no_allocation("fan_speed_percent", || desktop.fan_speed_percent(0));
    assert_no_allocation("fan_rpm", || desktop.fan_rpm(0));
    assert_no_allocation("temperature_celsius", || gpu.temperature_celsius());
    assert_no_allocation("gpu utilization_percent", || gpu.utilization_percent());
    assert_no_allocation("gpu clock_mhz", || gpu.clock_mhz());
    assert_no_allocation("gpu max_clock_mhz", || gpu.max_clock_mhz());
    for engine in GpuEngine::ALL {
        assert_no_allocation("engine_utilization_percent", || {
            gpu.engine_utilization_percent(engine)
        });
    }
    assert_no_allocation("total_bytes", || memory.total_bytes());
    assert_no_allocation("used_bytes", || memory.used_bytes());
    assert_no_allocation("memory clock_mhz", || memory.clock_mhz());
    assert_no_allocation("memory_type", || memory.memory_type());
    assert_no_allocation("retired_pages_pending", || memory.retired_pages_pending());
    assert_no_allocation("vpu clock_mhz", || vpu.clock_mhz());
}

#[test]
fn struct_getters_never_allocate() {
    let lib = common::open();
    let device = lib.device_by_index(SERVER).unwrap();
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    let memory = device.memory().unwrap();
    let vpu = device.vpu().unwrap();

    assert_no_allocation("memory info", || memory.info());
    assert_no_allocation("ecc_mode", || memory.ecc_mode());
    assert_no_allocation("retired_page_counts", || memory.retired_page_counts());
    assert_no_allocation("property", || device.property());
    assert_no_allocation("mtlink_spec", || device.mtlink_spec());
    assert_no_allocation("vpu utilization", || vpu.utilization());
    assert_no_allocation("codec_capacity", || vpu.codec_capacity());
    assert_no_allocation("display_interface", || desktop.display_interface(0));
}

#[test]
fn text_getters_allocate_only_the_returned_string() {
    let lib = common::open();
    let device = lib.device_by_index(SERVER).unwrap();

    // `PciInfo` owns its address text: exactly that one allocation.
    let (pci, count) = allocations(|| device.pci_info());
    assert_eq!(pci.unwrap().sbdf, SBDFS[SERVER as usize]);
    assert_eq!(count, 1, "pci_info");

    let (slot, count) = allocations(|| device.pcie_slot());
    assert_eq!(slot.unwrap().name, "Riser A");
    assert_eq!(count, 1, "pcie_slot");

    let (name, count) = allocations(|| device.name());
    assert_eq!(name.unwrap(), "MTT S4000");
    assert_eq!(count, 1, "name");

    let (path, count) = allocations(|| device.gpu_path());
    assert_eq!(path.unwrap(), "/dev/mtgpu.0");
    assert_eq!(count, 1, "gpu_path");
}

#[test]
fn failures_of_scalar_getters_do_not_allocate() {
    let lib = common::open();
    common::control(&lib)
        .inject_fault(&FaultRule::new("mtmlGpuGetTemperature", code::TIMEOUT))
        .unwrap();
    let gpu = lib.device_by_index(SERVER).unwrap().gpu().unwrap();
    let (result, count) = allocations(|| gpu.temperature_celsius());
    assert_eq!(result, Err(Error::Timeout));
    assert_eq!(count, 0);
}
