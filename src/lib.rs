//! Infonet: explore informant networks (who names whom as an important source of
//! information), live, offline, in one binary.
//!
//! Module map (dependency rule: `model <- {io, layout, analysis} <- scene <- ui <- app <- main`,
//! with `cli` beside `app`; nothing left of `ui` touches egui):
//!
//! - [`model`]: people, ties, sectors, tenure and age bands on a petgraph `StableDiGraph`.
//! - [`io`]: files in: pure parsers over bytes with positioned errors (people + ties tables,
//!   every text detail of `formats.md` §3), file-pair discovery, the bundled samples.
//! - [`layout`]: the force-directed engine over fdg-sim (our own Barnes-Hut force, cooling,
//!   convergence), and the worker thread that runs it.
//! - [`analysis`]: filters (fade or hide) and headline counts, cached by (revision, filter).
//! - [`i18n`]: every user-facing string in English and Norwegian bokmål.
//! - [`scene`]: what is drawn, in world coordinates with resolved colours; the canvas paints
//!   it and exports write it.
//! - [`ui`]: egui only: canvas (two meshes per frame), panels, person card, dialogs, theme,
//!   camera transform.
//! - [`command`]: what the UI asks for; [`app`] applies commands after each frame, owns the
//!   caches and the layout worker, and repaints only while something moves.
//! - [`cli`]: headless subcommands (`stats`, `bench`) over the same library; [`bench`] holds the
//!   measurements (layout speed, time to settle, CPU per frame).

pub mod analysis;
pub mod app;
pub mod bench;
pub mod cli;
pub mod cli_ocai;
pub mod command;
pub mod edit;
pub mod i18n;
pub mod insights;
pub mod io;
pub mod layout;
pub mod model;
pub mod project;
pub mod scene;
pub mod ui;
pub mod watch;
