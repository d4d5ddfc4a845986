//! The integration tests, in one binary (one link instead of one per file). Each module is
//! one area; `cargo test --test it MODULE::` runs one of them.

mod assets;
mod autosave;
mod cli;
mod cli_measures;
mod cli_render;
mod collect;
mod collect_browser;
mod corpus_dl;
mod corpus_edge_list;
mod corpus_gexf;
mod corpus_gml;
mod corpus_graphml;
mod corpus_json;
mod corpus_pajek;
mod corpus_required;
mod corpus_support;
mod fuzz_regressions;
mod hostile;
mod language;
mod layout_bench_edges;
mod measures_props;
mod measures_reference;
mod node_link_networkx;
mod ocai;
mod ocai_cli;
mod ocai_ui;
mod peer_readers;
mod picture;
mod readme;
mod render;
mod samples;
mod ui;
mod walkthrough;
mod xlsx_fixtures;
