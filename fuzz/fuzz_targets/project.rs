#![no_main]
//! Fuzzes `project::ProjectFile::from_json` over the bytes read as lossy UTF-8.

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = infonet_core::project::ProjectFile::from_json(Path::new("fuzz.infonet.json"), &text);
});
