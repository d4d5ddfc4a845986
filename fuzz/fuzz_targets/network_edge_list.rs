#![no_main]
//! End to end: `infonet_core::io::edge_list::parse_edge_list`, then every graph through `io::convert::to_network` with the guessed mapping.

use infonet_core::io::convert::{guess_mapping, to_network};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = infonet_core::io::edge_list::parse_edge_list(data) {
        for graph in &file.graphs {
            let _ = to_network("fuzz", "fuzz.txt", graph, &guess_mapping(graph));
        }
    }
});
