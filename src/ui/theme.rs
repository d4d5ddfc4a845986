//! egui-side styling: turns the scene's plain colours into egui colours, and the few
//! widget colours that belong to the UI only.

use egui::Color32;

use crate::scene::Rgba;

/// An scene colour as egui's premultiplied colour.
pub fn colour(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Error text in the status bar.
pub fn error_text() -> Color32 {
    colour(Rgba::rgb(0xc0, 0x1c, 0x1c))
}

/// Warning text in the status bar.
pub fn warning_text() -> Color32 {
    colour(Rgba::rgb(0xa0, 0x60, 0x00))
}

/// Backdrop shown while files are dragged over the window.
pub fn drop_backdrop() -> Color32 {
    colour(Rgba([0x10, 0x30, 0x60, 0x60]))
}

/// Text on the drop backdrop.
pub fn drop_text() -> Color32 {
    Color32::WHITE
}

/// Halo behind canvas labels, so names stay readable over ties.
pub fn label_halo(background: Rgba) -> Color32 {
    colour(background.faded(0.75))
}

/// The line drawn while a new tie is dragged out.
pub fn tie_band() -> Color32 {
    colour(Rgba([0x20, 0x20, 0x20, 0xc0]))
}

/// The ring that pulses around a person found by search.
pub fn pulse() -> Color32 {
    colour(Rgba::rgb(0xff, 0x8c, 0x00))
}
