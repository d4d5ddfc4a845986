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
//!   and culture panels, presenting, theme, camera transform.
//! - [`command`]: what the UI asks for; [`app`] applies commands after each frame, owns the
//!   caches and the layout worker, and repaints only while something moves.
//! - [`settings`]: the settings saved between runs (plain data, no egui) and the `Setting`
//!   changes panels ask for.
//! - [`cli`]: headless subcommands (`stats`, `convert`, `ocai` in [`cli_ocai`], `render`,
//!   `collect`, `bench`) over the same library; [`bench`] holds the frame measurement (the
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
