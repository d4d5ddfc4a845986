//! The camera: world coordinates (layout units) to ui points and back. The only place where
//! world positions become `egui::Pos2`.

use egui::{Pos2, Rect, Vec2, pos2, vec2};
use serde::{Deserialize, Serialize};

/// Where the canvas looks and how close.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Camera {
    /// World point shown at the centre of the canvas.
    pub centre: [f32; 2],
    /// Points per world unit.
    pub scale: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self { centre: [0.0, 0.0], scale: 1.0 }
    }
}

/// Smallest and largest zoom.
pub const MIN_SCALE: f32 = 1e-4;
/// Largest zoom.
pub const MAX_SCALE: f32 = 50.0;

impl Camera {
    /// A world point in ui points, for a canvas occupying `rect`.
    pub fn ui_from_world(&self, rect: Rect, p: [f32; 2]) -> Pos2 {
        let c = rect.center();
        pos2(c.x + (p[0] - self.centre[0]) * self.scale, c.y + (p[1] - self.centre[1]) * self.scale)
    }

    /// A ui point in world coordinates.
    pub fn world_from_ui(&self, rect: Rect, p: Pos2) -> [f32; 2] {
        let c = rect.center();
        [self.centre[0] + (p.x - c.x) / self.scale, self.centre[1] + (p.y - c.y) / self.scale]
    }

    /// Moves the view by a drag of `delta` points.
    pub fn pan_points(&mut self, delta: Vec2) {
        self.centre[0] -= delta.x / self.scale;
        self.centre[1] -= delta.y / self.scale;
    }

    /// Zooms by `factor`, keeping the world point under `anchor` where it is.
    pub fn zoom_around(&mut self, rect: Rect, anchor: Pos2, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.world_from_ui(rect, anchor);
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let after = self.world_from_ui(rect, anchor);
        self.centre[0] += before[0] - after[0];
        self.centre[1] += before[1] - after[1];
    }

    /// The camera that shows world `bounds` inside `rect` with `margin` points around.
    pub fn fitting(rect: Rect, bounds: ([f32; 2], [f32; 2]), margin: f32) -> Self {
        let (min, max) = bounds;
        let size = vec2((max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0));
        let avail = (rect.size() - vec2(2.0 * margin, 2.0 * margin)).max(vec2(10.0, 10.0));
        let scale = (avail.x / size.x).min(avail.y / size.y).clamp(MIN_SCALE, MAX_SCALE);
        Self { centre: [(min[0] + max[0]) * 0.5, (min[1] + max[1]) * 0.5], scale }
    }

    /// Like [`Self::fitting`], but the bounds go inside `target`, a part of the `canvas`.
    pub fn fitting_within(canvas: Rect, target: Rect, bounds: ([f32; 2], [f32; 2]), margin: f32) -> Self {
        let mut cam = Self::fitting(target, bounds, margin);
        let shift = canvas.center() - target.center();
        cam.centre[0] += shift.x / cam.scale;
        cam.centre[1] += shift.y / cam.scale;
        cam
    }

    /// Fits `bounds` into the part of `canvas` that `legend` leaves free (beside it or above
    /// or below it, whichever shows the network bigger): the same rule as the exports'.
    pub fn fitting_clear_of(canvas: Rect, legend: Option<Rect>, bounds: ([f32; 2], [f32; 2])) -> Self {
        use crate::scene::frame;
        let local = legend.map(|l| frame::Rect {
            min: [l.min.x - canvas.min.x, l.min.y - canvas.min.y],
            max: [l.max.x - canvas.min.x, l.max.y - canvas.min.y],
        });
        let t = frame::Viewport::fit_target([canvas.width(), canvas.height()], local, bounds);
        let target =
            Rect::from_min_max(canvas.min + vec2(t.min[0], t.min[1]), canvas.min + vec2(t.max[0], t.max[1]));
        Self::fitting_within(canvas, target, bounds, frame::FIT_MARGIN_POINTS)
    }

    /// Moves part of the way towards `target` (smooth following while the layout runs).
    pub fn approach(&mut self, target: &Self, t: f32) {
        let t = t.clamp(0.0, 1.0);
        self.centre[0] += (target.centre[0] - self.centre[0]) * t;
        self.centre[1] += (target.centre[1] - self.centre[1]) * t;
        // Interpolate the zoom in log space so it feels even.
        let (a, b) = (self.scale.ln(), target.scale.ln());
        self.scale = (a + (b - a) * t).exp().clamp(MIN_SCALE, MAX_SCALE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_zoom_keeps_anchor() {
        let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(800.0, 600.0));
        let mut cam = Camera { centre: [5.0, -3.0], scale: 2.0 };
        let w = [17.0, 40.0];
        let back = cam.world_from_ui(rect, cam.ui_from_world(rect, w));
        assert!((back[0] - w[0]).abs() < 1e-4 && (back[1] - w[1]).abs() < 1e-4);
        let anchor = pos2(100.0, 50.0);
        let under = cam.world_from_ui(rect, anchor);
        cam.zoom_around(rect, anchor, 1.7);
        let after = cam.world_from_ui(rect, anchor);
        assert!((under[0] - after[0]).abs() < 1e-3 && (under[1] - after[1]).abs() < 1e-3);
        assert!((cam.scale - 3.4).abs() < 1e-5);
    }

    #[test]
    fn fitting_contains_the_bounds() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let cam = Camera::fitting(rect, ([-100.0, -50.0], [300.0, 250.0]), 20.0);
        let a = cam.ui_from_world(rect, [-100.0, -50.0]);
        let b = cam.ui_from_world(rect, [300.0, 250.0]);
        assert!(a.x >= 19.9 && a.y >= 19.9 && b.x <= 380.1 && b.y <= 280.1, "{a:?} {b:?}");
        // Within the right half only.
        let right = Rect::from_min_max(pos2(200.0, 0.0), pos2(400.0, 300.0));
        let cam = Camera::fitting_within(rect, right, ([-100.0, -50.0], [300.0, 250.0]), 10.0);
        let a = cam.ui_from_world(rect, [-100.0, -50.0]);
        let b = cam.ui_from_world(rect, [300.0, 250.0]);
        assert!(a.x >= 209.9 && b.x <= 390.1, "{a:?} {b:?}");
    }
}
