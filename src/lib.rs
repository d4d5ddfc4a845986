//! Infonet: explore informant networks (who names whom as an important source of
//! information), live, offline, in one binary.
//!
//! Module map (dependency rule: `model <- {io, layout, analysis} <- scene <- ui <- app <- main`,
//! with `cli` beside `app`; nothing left of `ui` touches egui):
//!
//! - [`model`]: people, ties, sectors, tenure and age bands on a petgraph `StableDiGraph`.
//! - [`layout`]: the force-directed engine over fdg-sim (our own Barnes-Hut force, cooling,
//!   convergence), and the worker thread that runs it.
//! - [`analysis`]: filters (fade or hide) and headline counts, cached by (revision, filter).
//! - [`i18n`]: every user-facing string in English and Norwegian bokmål.
//! - [`scene`]: what is drawn, in world coordinates with resolved colours; the canvas paints
//!   it and exports write it.

pub mod analysis;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod scene;
