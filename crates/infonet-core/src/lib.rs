//! Infonet without a window: everything that runs headless. The `infonet` package (the app,
//! its panels and the command line) builds on this crate; this crate never links egui, eframe,
//! winit, glow or rfd, so the compiler keeps the dependency rule
//! `model <- {io, layout, analysis} <- scene <- {render, chart} <- (the app)`.
//!
//! Module map:
//!
//! - [`model`]: people, ties, sectors, tenure and age bands on a petgraph `StableDiGraph`;
//!   extra columns in a compact sorted map (`AttrMap`).
//! - [`io`]: files in and out: pure parsers over bytes with positioned errors (people + ties
//!   tables, GraphML, GEXF, GML, Pajek, UCINET DL, JSON, edge lists, xlsx, survey tables, culture
//!   files) sharing one diagnostics layer (`io::diagnostics`: warnings, lines) and one set of
//!   limits (`io::limits`), attribute mapping, file-pair discovery, the bundled samples, atomic
//!   exports.
//! - [`layout`]: the force-directed engine over fdg-sim (our own Barnes-Hut force, cooling,
//!   convergence, collision of big people), start positions from a file's own drawing, node
//!   sizes (`layout::size`), and the worker thread that runs it.
//! - [`analysis`]: filters (fade or hide), headline counts, network measures, brokerage,
//!   composition by band, OCAI scoring, pseudonyms; pure and cached by (revision, filter).
//! - [`i18n`]: every user-facing string in English and Norwegian bokmål.
//! - [`scene`]: what is drawn, in world coordinates with resolved colours and palettes;
//!   `scene::frame` lays it out on a viewport (legend, labels) and `svg`/`raster` write that
//!   frame, so the canvas and every export draw the same picture.
//! - [`chart`]: the study's other pictures as slides (composition, culture kite, comparison
//!   of municipalities), written as SVG; canvas, F5 and exports show that SVG.
//! - [`collect`]: live collection in the room: the survey's journal and table, and the small
//!   web server (axum) that serves the participants' page.
//! - [`render`]: pictures without a window (`infonet render`, File > Export picture).
//! - [`project`]: the `.infonet` project file (networks, positions, view, scenes).
//! - [`recovery`]: autosave timing (a deadline the event loop wakes for), one locked
//!   recovery file per running instance, and the files a crashed instance left behind.
//! - [`edit`]: edits to a network as undoable operations; [`insights`]: plain-language findings.
//! - [`watch`]: reload when an opened file changes on disk.
//! - [`bench`]: a made-up network of any size and the time a layout takes to settle.
//!
//! The longer version: `docs/architecture.md` at the top of the repository.

pub mod analysis;
pub mod bench;
pub mod chart;
pub mod collect;
pub mod edit;
pub mod i18n;
pub mod insights;
pub mod io;
pub mod layout;
pub mod model;
pub mod project;
pub mod recovery;
pub mod render;
pub mod scene;
pub mod watch;
