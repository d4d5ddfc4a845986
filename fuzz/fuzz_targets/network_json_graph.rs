#![no_main]
//! End to end: `infonet_core::io::json_graph::parse_json_graph`, then every graph through `io::convert::to_network` with the guessed mapping.

use infonet_core::io::convert::{guess_mapping, to_network};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = infonet_core::io::json_graph::parse_json_graph(data) {
        for graph in &file.graphs {
            let _ = to_network("fuzz", "fuzz.json", graph, &guess_mapping(graph));
        }
    }
});
