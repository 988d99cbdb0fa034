//! `-i/--id`: choosing GPUs by index, UUID or PCI bus id.

use mtml::Library;

/// The ids of one GPU that `-i` can match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceIds {
    /// Index in the library's device list.
    pub index: u32,
    /// UUID, if it could be read.
    pub uuid: Option<String>,
    /// PCI bus id, if it could be read.
    pub bus_id: Option<String>,
}

/// Reads the ids of every GPU.
///
/// # Errors
/// The library's error when the device count cannot be read.
pub fn inventory(lib: &Library) -> mtml::Result<Vec<DeviceIds>> {
    let count = lib.device_count()?;
    Ok((0..count)
        .map(|index| {
            let device = lib.device_by_index(index).ok();
            DeviceIds {
                index,
                uuid: device.and_then(|d| d.uuid().ok()),
                bus_id: device.and_then(|d| d.pci_info().ok()).map(|p| p.sbdf),
            }
        })
        .collect())
}

/// Parses a PCI address `[segment:]bus:device.function` (hex) into its
/// numbers.
pub fn parse_bus_id(text: &str) -> Option<(u32, u32, u32, u32)> {
    let (rest, function) = text.trim().rsplit_once('.')?;
    let parts: Vec<&str> = rest.split(':').collect();
    let (segment, bus, device) = match parts.as_slice() {
        [bus, device] => ("0", *bus, *device),
        [segment, bus, device] => (*segment, *bus, *device),
        _ => return None,
    };
    let hex = |s: &str| {
        let s = s.trim_start_matches("0x");
        if s.is_empty() || s.len() > 8 {
            return None;
        }
        u32::from_str_radix(s, 16).ok()
    };
    Some((hex(segment)?, hex(bus)?, hex(device)?, hex(function)?))
}

/// Resolves the `-i` list to device indices, in the order given and
/// without repeats; `None` selects every GPU.
///
/// # Errors
/// A message naming the id that matches no GPU and listing the valid ones.
pub fn select(devices: &[DeviceIds], spec: Option<&str>) -> Result<Vec<u32>, String> {
    let Some(spec) = spec else {
        return Ok(devices.iter().map(|d| d.index).collect());
    };
    let mut chosen = Vec::new();
    for item in spec.split(',').map(str::trim) {
        let found = devices.iter().find(|d| matches(d, item));
        match found {
            Some(d) if !chosen.contains(&d.index) => chosen.push(d.index),
            Some(_) => {}
            None => return Err(no_match(devices, item)),
        }
    }
    Ok(chosen)
}

fn matches(device: &DeviceIds, item: &str) -> bool {
    if let Ok(index) = item.parse::<u32>() {
        return index == device.index;
    }
    let uuid = device.uuid.as_deref();
    if uuid.is_some_and(|u| u.eq_ignore_ascii_case(item)) {
        return true;
    }
    let wanted = parse_bus_id(item);
    let have = device.bus_id.as_deref().and_then(parse_bus_id);
    wanted.is_some() && wanted == have
}

fn no_match(devices: &[DeviceIds], item: &str) -> String {
    if devices.is_empty() {
        return format!("no GPU matches -i '{item}': the library reports no GPUs");
    }
    let last = devices.len() - 1;
    let mut text = format!(
        "no GPU matches -i '{item}'; give an index (0-{last}), a UUID or a PCI bus id \
         (commas separate several). Valid choices:"
    );
    for d in devices {
        text.push_str(&format!(
            "\n  {}  {}  {}",
            d.index,
            d.uuid.as_deref().unwrap_or("(UUID unreadable)"),
            d.bus_id.as_deref().unwrap_or("(bus id unreadable)"),
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<DeviceIds> {
        (0..3)
            .map(|index| DeviceIds {
                index,
                uuid: Some(format!("uuid-{index}")),
                bus_id: Some(format!("00000000:{:02x}:00.0", 0x1b + index)),
            })
            .collect()
    }

    #[test]
    fn selects_by_each_kind_of_id() {
        let devices = sample();
        assert_eq!(select(&devices, None).unwrap(), vec![0, 1, 2]);
        assert_eq!(select(&devices, Some("2,0")).unwrap(), vec![2, 0]);
        assert_eq!(select(&devices, Some("UUID-1")).unwrap(), vec![1]);
        assert_eq!(select(&devices, Some("1c:00.0")).unwrap(), vec![1]);
        assert_eq!(select(&devices, Some("0000:1d:00.0")).unwrap(), vec![2]);
        assert_eq!(select(&devices, Some("1, 1")).unwrap(), vec![1]);
    }

    #[test]
    fn unknown_ids_list_the_choices() {
        let error = select(&sample(), Some("0,7")).unwrap_err();
        assert!(error.contains("-i '7'"), "{error}");
        assert!(error.contains("index (0-2)"), "{error}");
        assert!(error.contains("uuid-2  00000000:1d:00.0"), "{error}");
    }

    #[test]
    fn bus_ids_parse() {
        assert_eq!(parse_bus_id("00000000:1b:00.0"), Some((0, 0x1b, 0, 0)));
        assert_eq!(parse_bus_id("1b:02.1"), Some((0, 0x1b, 2, 1)));
        assert_eq!(parse_bus_id("zz:00.0"), None);
        assert_eq!(parse_bus_id("1b"), None);
    }
}
