//! Shared pieces of the JSON output (schemas are documented in the README).

use serde::Serialize;

use crate::model::DeviceReport;

/// A value that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorJson {
    /// The value's name, as in the `-q --json` schema (`gpu.clock_mhz`), or
    /// `device` when the device could not be opened at all.
    pub metric: String,
    /// What went wrong, as a sentence.
    pub error: String,
}

/// Values that could not be read.
pub type Errors = Vec<ErrorJson>;

/// The failures recorded for `device`.
pub fn errors_of(device: &DeviceReport) -> Errors {
    device
        .snapshot
        .errors
        .iter()
        .map(|e| ErrorJson {
            metric: e.metric.clone(),
            error: e.error.to_string(),
        })
        .chain(
            device
                .partitions
                .iter()
                .flat_map(|p| &p.errors)
                .map(|(part, error)| ErrorJson {
                    metric: part.clone(),
                    error: error.clone(),
                }),
        )
        .collect()
}

/// Pretty-printed JSON of `value`, with a final newline.
pub fn to_string<T: Serialize>(value: &T) -> String {
    // Serialising these plain data types cannot fail (no maps with
    // non-string keys, no failing Serialize impls).
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot encode JSON: {e}") }).to_string()
    });
    text.push('\n');
    text
}
