#![no_main]
//! Fuzzes `analysis::ocai::parse` over the bytes read as lossy UTF-8.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = infonet_core::analysis::ocai::parse(&String::from_utf8_lossy(data));
});
