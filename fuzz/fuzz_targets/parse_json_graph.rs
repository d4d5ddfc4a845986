#![no_main]
//! Fuzzes `infonet_core::io::json_graph::parse_json_graph`: any bytes must give Ok or Err, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = infonet_core::io::json_graph::parse_json_graph(data);
});
