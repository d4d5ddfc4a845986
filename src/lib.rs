//! Infonet: explore informant networks (who names whom as an important source of
//! information), live, offline, in one binary.
//!
//! Two crates. `infonet-core` (in `crates/infonet-core`) holds everything that runs without a
//! window and links no egui; this package is the window and the command line on top of it.
//! The core's modules are re-exported here under their own names (`infonet::model`, ...).
//!
//! Dependency rule: `model <- {io, layout, analysis} <- scene <- {render, chart} <- ui <- app
//! <- main`, with `cli` beside `app`. Everything left of `ui` is in the core crate, so the
//! compiler enforces it.
//!
//! In the core (see its own module map): [`model`], [`io`], [`layout`], [`analysis`],
//! [`i18n`], [`scene`], [`chart`], [`collect`], [`render`], [`project`], [`recovery`],
//! [`edit`], [`insights`], [`watch`].
//!
//! Here:
//!
//! - [`ui`]: egui only: canvas (two meshes per frame), panels, person card, dialogs, analysis
//!   and culture panels, presenting, shortcuts, theme, camera transform. Panels take narrow
//!   inputs and `ui::UiState` (open windows, drafts) and push commands; none sees the app.
//! - [`command`]: what the UI asks for; [`settings`]: the settings saved between runs (plain
//!   data, no egui) and the `Setting` changes panels ask for.
//! - [`app`]: the wiring, split by the state each part owns: `workspace` (open networks,
//!   filters, focus, selection; the one place a layout is built), `loading` (loads, queue,
//!   file watcher), `view_cache` (scene and analysis caches, updated once per frame), `camera`,
//!   `edits` (undo, drags), `session_files` (saving, autosave, recovery, exports), `presenting`
//!   (scenes, chart slides), `live` (the live survey); `commands` applies commands, and the
//!   frame asks for the next one in one place.
//! - [`cli`]: headless subcommands (`stats`, `convert`, `ocai` in [`cli_ocai`], `render`,
//!   `collect`, `bench`) over the same library; [`bench`](mod@bench) holds the frame measurement (the
//!   canvas painted headless) beside the core's made-up networks and settle timing.
//! - [`icon`]: the application icon, rendered from `assets/infonet.svg`.
//!
//! The longer version, with how a frame is made, how commands flow and where to add a format,
//! a measure, a panel or a chart: `docs/architecture.md`.

pub use infonet_core::{
    analysis, chart, collect, edit, i18n, insights, io, layout, model, project, recovery, render, scene,
    watch,
};

pub mod app;
pub mod bench;
pub mod cli;
pub mod cli_ocai;
pub mod command;
pub mod icon;
pub mod settings;
pub mod ui;
