//! [`SimConfig`]: building simulator configurations in code.
//!
//! A configuration is a list of sections (`[system]`, `[device]`, ...), each
//! a list of `key = value` lines, rendered with `Display` into the text the
//! simulator parses. The builder does not know the simulator's keys (see
//! `CONFIG.md`); [`SimConfig::validate`] asks the simulator itself.

use std::fmt;
use std::time::Duration;

use crate::config::{set_next_config, validate_config};
use crate::control::{FaultRule, HostileMode};
use crate::error::ConfigError;

/// One `[name]` section: `key = value` lines in order (keys may repeat).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    name: String,
    entries: Vec<(String, String)>,
}

impl Section {
    /// An empty section called `name` (written `[name]`).
    pub fn new(name: impl Into<String>) -> Self {
        Section {
            name: name.into(),
            entries: Vec::new(),
        }
    }

    /// The section's name, without brackets.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Sets `key` to `value`: replaces the first line with that key, or
    /// appends one.
    pub fn set(&mut self, key: &str, value: impl fmt::Display) -> &mut Self {
        let value = value.to_string();
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key.to_string(), value)),
        }
        self
    }

    /// Appends a `key = value` line even when the key exists (for
    /// repeatable keys such as `session` or `mpc_profile`).
    pub fn add(&mut self, key: &str, value: impl fmt::Display) -> &mut Self {
        self.entries.push((key.to_string(), value.to_string()));
        self
    }

    /// Removes every line with `key`.
    pub fn remove(&mut self, key: &str) -> &mut Self {
        self.entries.retain(|(k, _)| k != key);
        self
    }

    /// The value of the first line with `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every `(key, value)` line in order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.name.is_empty() {
            writeln!(f, "[{}]", self.name)?;
        }
        for (key, value) in &self.entries {
            writeln!(f, "{key} = {value}")?;
        }
        Ok(())
    }
}

/// A simulator configuration assembled in code.
///
/// ```
/// use mtml_sim::{code, FaultRule, SimConfig};
///
/// let config = SimConfig::empty()
///     .system(|s| s.set("driver_version", "3.0.0").set("clock", "frozen"))
///     .device(|d| d.set("model", "s4000").set("name", "Test card"))
///     .device(|d| d.set("model", "s80"))
///     .fault(FaultRule::new("mtmlDeviceGetPowerUsage", code::NOT_SUPPORTED).on_device(1));
/// config.validate()?;
/// config.set_for_next_init()?; // the next mtmlLibraryInit on this thread uses it
/// # Ok::<(), mtml_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SimConfig {
    sections: Vec<Section>,
}

impl SimConfig {
    /// A configuration without any section (a machine without devices).
    pub fn empty() -> Self {
        SimConfig::default()
    }

    /// The built-in default system, split into sections so it can be edited.
    pub fn from_default() -> Self {
        SimConfig::parse(crate::default_config())
    }

    /// Splits config text into sections and `key = value` lines. Comments
    /// and blank lines are dropped; lines without `=` are kept as keys with
    /// an empty value. Nothing is checked: see [`SimConfig::validate`].
    pub fn parse(text: &str) -> Self {
        let mut config = SimConfig::empty();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                config.sections.push(Section::new(name.trim()));
                continue;
            }
            if config.sections.is_empty() {
                config.sections.push(Section::new(""));
            }
            let (key, value) = line.split_once('=').unwrap_or((line, ""));
            if let Some(section) = config.sections.last_mut() {
                section
                    .entries
                    .push((key.trim().to_string(), value.trim().to_string()));
            }
        }
        config
    }

    /// All sections in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Appends a new section `name` filled by `fill`.
    pub fn section(mut self, name: &str, fill: impl FnOnce(&mut Section) -> &mut Section) -> Self {
        let mut section = Section::new(name);
        fill(&mut section);
        self.sections.push(section);
        self
    }

    /// Edits the `[system]` section, creating it first in the file if absent.
    pub fn system(mut self, edit: impl FnOnce(&mut Section) -> &mut Section) -> Self {
        edit(self.single_section("system", true));
        self
    }

    /// Appends a `[device]` section (the next device index) filled by `fill`.
    pub fn device(self, fill: impl FnOnce(&mut Section) -> &mut Section) -> Self {
        self.section("device", fill)
    }

    /// Number of `[device]` sections (physical devices).
    pub fn device_count(&self) -> usize {
        self.sections.iter().filter(|s| s.name == "device").count()
    }

    /// The `[device]` section of device `index`, for editing.
    pub fn device_mut(&mut self, index: usize) -> Option<&mut Section> {
        self.sections
            .iter_mut()
            .filter(|s| s.name == "device")
            .nth(index)
    }

    /// Keeps only the first `count` `[device]` sections.
    pub fn truncate_devices(mut self, count: usize) -> Self {
        let mut seen = 0;
        self.sections.retain(|s| {
            if s.name != "device" {
                return true;
            }
            seen += 1;
            seen <= count
        });
        self
    }

    /// Removes every section called `name`.
    pub fn without_sections(mut self, name: &str) -> Self {
        self.sections.retain(|s| s.name != name);
        self
    }

    /// Overrides the PCIe topology level between devices `a` and `b`
    /// (symmetric), e.g. `"internal"` or `"system"`.
    pub fn topology(mut self, a: u32, b: u32, level: &str) -> Self {
        self.single_section("topology", false)
            .add(&format!("{a}-{b}"), level);
        self
    }

    /// Overrides the P2P status between devices `a` and `b` (symmetric),
    /// e.g. `"chipset_not_supported"`.
    pub fn p2p(mut self, a: u32, b: u32, status: &str) -> Self {
        self.single_section("p2p", false)
            .add(&format!("{a}-{b}"), status);
        self
    }

    /// Wires MtLink port `port_a` of device `a` to port `port_b` of device `b`.
    pub fn mtlink(mut self, a: u32, port_a: u32, b: u32, port_b: u32) -> Self {
        self.single_section("mtlink", false)
            .add(&format!("{a}.{port_a}"), format!("{b}.{port_b}"));
        self
    }

    /// Sets the state of MtLink port `port` of device `device`
    /// (`"up"`, `"down"` or `"downgrade"`).
    pub fn mtlink_state(mut self, device: u32, port: u32, state: &str) -> Self {
        self.single_section("mtlink", false)
            .add(&format!("state {device}.{port}"), state);
        self
    }

    /// Appends a `[fault]` section equivalent to injecting `rule` at init.
    pub fn fault(self, rule: FaultRule) -> Self {
        self.section("fault", |s| {
            s.set("function", &rule.function);
            if let Some(device) = rule.device {
                s.set("device", device);
            }
            s.set("code", rule.code)
                .set("after", rule.after)
                .set("times", rule.times)
                .set("stall_ms", duration_ms(rule.stall))
        })
    }

    /// Appends a `[hostile]` section turning `mode` on for `function`.
    pub fn hostile(self, function: &str, mode: HostileMode) -> Self {
        self.section("hostile", |s| {
            s.set("function", function).set("mode", mode.config_name())
        })
    }

    /// Asks the simulator whether this configuration is valid.
    ///
    /// # Errors
    /// The simulator's message, naming the offending line of [`Display`](fmt::Display)'s output.
    pub fn validate(&self) -> Result<(), ConfigError> {
        validate_config(&self.to_string())
    }

    /// Uses this configuration for the next `mtmlLibraryInit` on the calling
    /// thread (see [`set_next_config`]).
    ///
    /// # Errors
    /// As [`SimConfig::validate`].
    pub fn set_for_next_init(&self) -> Result<(), ConfigError> {
        set_next_config(&self.to_string())
    }

    /// The first section called `name`, created (at the front when
    /// `at_front`, else at the end) if there is none.
    fn single_section(&mut self, name: &str, at_front: bool) -> &mut Section {
        let index = match self.sections.iter().position(|s| s.name == name) {
            Some(index) => index,
            None if at_front => {
                self.sections.insert(0, Section::new(name));
                0
            }
            None => {
                self.sections.push(Section::new(name));
                self.sections.len() - 1
            }
        };
        &mut self.sections[index]
    }
}

/// Whole milliseconds of a duration, saturating at `u32::MAX`.
pub(crate) fn duration_ms(duration: Duration) -> u32 {
    u32::try_from(duration.as_millis()).unwrap_or(u32::MAX)
}

impl fmt::Display for SimConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, section) in self.sections.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{section}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code;

    #[test]
    fn renders_sections_in_order() {
        let config = SimConfig::empty()
            .device(|d| d.set("model", "s80").set("name", "A").set("name", "B"))
            .system(|s| s.set("seed", 7))
            .mtlink(0, 1, 2, 3)
            .topology(0, 1, "internal")
            .fault(
                FaultRule::new("mtmlDeviceGetName", code::NOT_FOUND)
                    .on_device(2)
                    .after(1)
                    .times(3),
            );
        assert_eq!(
            config.to_string(),
            "[system]\nseed = 7\n\n[device]\nmodel = s80\nname = B\n\n[mtlink]\n0.1 = 2.3\n\n\
             [topology]\n0-1 = internal\n\n[fault]\nfunction = mtmlDeviceGetName\ndevice = 2\n\
             code = 7\nafter = 1\ntimes = 3\nstall_ms = 0\n"
        );
    }

    #[test]
    fn parse_round_trips_and_edits() {
        let text =
            "# comment\n[system]\nseed = 1\n\n[device]\nmodel = s4000\n[device]\nmodel = s80\n";
        let config = SimConfig::parse(text);
        assert_eq!(config.device_count(), 2);
        assert_eq!(SimConfig::parse(&config.to_string()), config);
        let mut edited = config.truncate_devices(1);
        assert_eq!(edited.device_count(), 1);
        edited.device_mut(0).map(|d| d.set("name", "X"));
        assert_eq!(
            edited
                .device_mut(0)
                .and_then(|d| d.get("name").map(str::to_owned)),
            Some("X".into())
        );
        assert!(edited.device_mut(1).is_none());
    }
}
