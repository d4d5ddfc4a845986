//! Where the canvas looks: the camera, fitting the network to the window and following the
//! layout while it moves, smooth moves (scenes, the neighbourhood view, a search) and the
//! pulse on a person found by search.

use std::time::{Duration, Instant};

use crate::model::PersonId;
use crate::ui::canvas::{CanvasOutput, CanvasState};
use crate::ui::transform::Camera;

use super::Repaint;

/// How long a camera move takes.
const MOVE: Duration = Duration::from_millis(700);

/// How long a found person pulses.
const PULSE: Duration = Duration::from_secs(2);

/// World bounds: (min, max).
pub type Bounds = ([f32; 2], [f32; 2]);

/// The camera and its moves.
pub struct CameraRig {
    camera: Camera,
    /// Follow the layout with the camera until the user pans or zooms.
    pub auto_fit: bool,
    /// A camera move in progress: (from, to, start).
    moving: Option<(Camera, Camera, Instant)>,
    /// The canvas size (points) the moving camera's target was saved at: a scene shows the
    /// same part of the world on a bigger or smaller canvas (presenting hides the panels).
    move_size: Option<[f32; 2]>,
    /// The view before the neighbourhood view zoomed in (and whether it followed the layout),
    /// to go back to when it is left.
    before_focus: Option<(Camera, bool)>,
    /// The canvas's state between frames (drags, buffers, where the legend was drawn).
    pub canvas: CanvasState,
    /// The canvas's rectangle in the last frame (points).
    canvas_rect: Option<egui::Rect>,
    /// A person pulsing after a search, and when it started.
    pulse: Option<(PersonId, Instant)>,
    /// Following the layout has not arrived yet (or waits for the canvas's size).
    approaching: bool,
}

impl Default for CameraRig {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            auto_fit: true,
            moving: None,
            move_size: None,
            before_focus: None,
            canvas: CanvasState::default(),
            canvas_rect: None,
            pulse: None,
            approaching: false,
        }
    }
}

impl CameraRig {
    /// The view.
    pub fn camera(&self) -> Camera {
        self.camera
    }

    /// The view and the canvas's state, for the canvas to draw with.
    pub fn canvas_parts(&mut self) -> (&mut Camera, &mut CanvasState) {
        (&mut self.camera, &mut self.canvas)
    }

    /// Puts the camera somewhere at once (a project's saved view); it stops following.
    pub fn set(&mut self, camera: Camera) {
        self.camera = camera;
        self.auto_fit = false;
    }

    /// Where the camera is going: the end of a move in progress, else where it is.
    pub fn goal(&self) -> Camera {
        self.moving.map_or(self.camera, |(_, to, _)| to)
    }

    /// Whether a move is in progress.
    pub fn is_moving(&self) -> bool {
        self.moving.is_some()
    }

    /// The canvas's rectangle in the last frame.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.canvas_rect
    }

    /// Where the canvas (or a chart slide) was drawn this frame.
    pub fn set_canvas_rect(&mut self, rect: Option<egui::Rect>) {
        self.canvas_rect = rect;
    }

    /// The canvas size in points, if it was drawn.
    pub fn canvas_size(&self) -> Option<[f32; 2]> {
        self.canvas_rect.map(|r| [r.width(), r.height()])
    }

    /// Takes in what the canvas did with the view: the user moved it, so it stops following.
    pub fn take_canvas(&mut self, out: &CanvasOutput) {
        self.canvas_rect = out.rect;
        if out.camera_moved {
            self.auto_fit = false;
        }
    }

    /// A person pulsing after a search, and when it started.
    pub fn pulse(&self) -> Option<(PersonId, Instant)> {
        self.pulse
    }

    /// The camera that shows `bounds` on the canvas, clear of the legend.
    pub fn fitting(&self, bounds: Bounds) -> Option<Camera> {
        Some(Camera::fitting_clear_of(self.canvas_rect?, self.canvas.legend_rect, bounds))
    }

    /// Fits `bounds` at once and follows the layout from now on.
    pub fn fit(&mut self, bounds: Option<Bounds>) {
        self.auto_fit = true;
        if let Some(target) = bounds.and_then(|b| self.fitting(b)) {
            self.camera = target;
        }
    }

    /// Moves smoothly to `target`, saved on a canvas of `size` points (`None`: this canvas).
    pub fn move_to(&mut self, target: Camera, size: Option<[f32; 2]>, now: Instant) {
        self.moving = Some((self.camera, target, now));
        self.move_size = size;
        self.auto_fit = false;
    }

    /// Moves smoothly onto `bounds` (the neighbourhood view's people).
    pub fn move_onto(&mut self, bounds: Bounds, now: Instant) {
        if let Some(target) = self.fitting(bounds) {
            self.move_to(target, None, now);
        }
    }

    /// Zooms to a person at `p` and makes them pulse (after a search).
    pub fn zoom_to(&mut self, person: PersonId, p: [f32; 2], now: Instant) {
        let target = Camera { centre: p, scale: self.camera.scale.max(1.6) };
        self.move_to(target, None, now);
        self.pulse = Some((person, now));
    }

    /// The neighbourhood view starts: remember the view to go back to.
    pub fn enter_focus(&mut self) {
        self.before_focus = Some((self.goal(), self.auto_fit));
    }

    /// The neighbourhood view ends: back to the view before it.
    pub fn leave_focus(&mut self, now: Instant) {
        match self.before_focus.take() {
            // It followed the whole network: it does again.
            Some((_, true)) => {
                self.moving = None;
                self.auto_fit = true;
            }
            Some((back, false)) => {
                self.moving = Some((self.camera, back, now));
                self.move_size = None;
            }
            None => {}
        }
    }

    /// Presenting starts or ends: the view follows the layout again unless a move is on.
    pub fn presenting_changed(&mut self) {
        self.auto_fit = self.auto_fit || self.moving.is_none();
    }

    /// Advances the move and the pulse to `now`.
    pub fn animate(&mut self, now: Instant) {
        if let Some((from, mut to, start)) = self.moving {
            // Resolved each frame: the canvas may change size while the move runs.
            if let (Some([w, h]), Some(rect)) = (self.move_size, self.canvas_rect)
                && w > 0.0
                && h > 0.0
            {
                to.scale *= (rect.width() / w).min(rect.height() / h);
            }
            let t = (now.saturating_duration_since(start).as_secs_f32() / MOVE.as_secs_f32()).min(1.0);
            // Ease in and out.
            let e = t * t * (3.0 - 2.0 * t);
            let mut cam = from;
            cam.approach(&to, e);
            self.camera = cam;
            if t >= 1.0 {
                self.camera = to;
                self.moving = None;
            }
        }
        if self.pulse.is_some_and(|(_, start)| now.saturating_duration_since(start) > PULSE) {
            self.pulse = None;
        }
    }

    /// While no move runs and the view follows the layout, eases it towards `bounds` (faster
    /// once the layout rests). `has_network`: a network waits to be fitted once the canvas has
    /// a size (nobody to show, nothing to wait for).
    pub fn follow(&mut self, bounds: Option<Bounds>, has_network: bool, layout_moving: bool) {
        self.approaching = false;
        let Some(bounds) = bounds.filter(|_| !self.is_moving() && self.auto_fit) else { return };
        let Some(target) = self.fitting(bounds) else {
            self.approaching = has_network;
            return;
        };
        if self.camera == Camera::default() {
            self.camera = target;
            return;
        }
        self.camera.approach(&target, if layout_moving { 0.25 } else { 0.35 });
        let close = (self.camera.scale / target.scale - 1.0).abs() < 1e-3
            && (self.camera.centre[0] - target.centre[0]).abs() * target.scale < 0.5
            && (self.camera.centre[1] - target.centre[1]).abs() * target.scale < 0.5;
        if close {
            self.camera = target;
        } else {
            self.approaching = true;
        }
    }

    /// When the next frame is needed: at once while the view moves or a person pulses.
    pub fn wake(&self) -> Repaint {
        if self.moving.is_some() || self.pulse.is_some() || self.approaching {
            Repaint::Now
        } else {
            Repaint::Idle
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rig() -> CameraRig {
        let mut rig = CameraRig::default();
        rig.set_canvas_rect(Some(egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(800.0, 600.0))));
        rig
    }

    #[test]
    fn a_move_eases_to_its_target_and_then_sleeps() {
        let mut rig = rig();
        let start = Instant::now();
        let target = Camera { centre: [100.0, 50.0], scale: 2.0 };
        rig.move_to(target, None, start);
        assert!(!rig.auto_fit, "a move stops following the layout");
        assert_eq!(rig.goal(), target);
        rig.animate(start + MOVE / 2);
        let half = rig.camera();
        assert!(half.centre[0] > 0.0 && half.centre[0] < 100.0, "half way: {half:?}");
        assert_eq!(rig.wake(), Repaint::Now);
        rig.animate(start + MOVE);
        assert_eq!(rig.camera(), target);
        assert_eq!(rig.wake(), Repaint::Idle, "arrived: no more frames");
    }

    #[test]
    fn a_saved_view_keeps_its_part_of_the_world_on_a_bigger_canvas() {
        let mut rig = rig();
        let start = Instant::now();
        // Saved on a canvas half as wide and high: twice the scale here.
        rig.move_to(Camera { centre: [0.0, 0.0], scale: 1.0 }, Some([400.0, 300.0]), start);
        rig.animate(start + MOVE);
        assert_eq!(rig.camera().scale, 2.0);
    }

    #[test]
    fn following_the_layout_arrives_and_stops_asking_for_frames() {
        let mut rig = rig();
        let bounds = ([-100.0, -100.0], [100.0, 100.0]);
        rig.follow(Some(bounds), true, false);
        let target = rig.fitting(bounds).expect("a canvas");
        assert_eq!(rig.camera(), target, "the first fit is at once");
        let moved = ([-200.0, -100.0], [300.0, 100.0]);
        rig.follow(Some(moved), true, false);
        assert_eq!(rig.wake(), Repaint::Now, "easing towards the new bounds");
        for _ in 0..100 {
            rig.follow(Some(moved), true, false);
        }
        assert_eq!(rig.camera(), rig.fitting(moved).expect("a canvas"));
        assert_eq!(rig.wake(), Repaint::Idle);
        rig.take_canvas(&CanvasOutput {
            camera_moved: true,
            rect: rig.canvas_rect(),
            ..CanvasOutput::default()
        });
        assert!(!rig.auto_fit, "the user moved the view");
        let mut empty = self::rig();
        empty.follow(None, true, false);
        assert_eq!(empty.wake(), Repaint::Idle, "an empty network has nothing to fit: no frames");
        let mut no_size = CameraRig::default();
        no_size.follow(Some(bounds), true, false);
        assert_eq!(no_size.wake(), Repaint::Now, "waits for the canvas's size");
    }

    #[test]
    fn leaving_the_neighbourhood_view_goes_back_to_the_view_before() {
        let mut rig = rig();
        let start = Instant::now();
        rig.auto_fit = false;
        let before = rig.camera();
        rig.enter_focus();
        rig.move_onto(([10.0, 10.0], [20.0, 20.0]), start);
        rig.animate(start + MOVE);
        assert_ne!(rig.camera(), before);
        rig.leave_focus(start + MOVE);
        rig.animate(start + MOVE * 2);
        assert_eq!(rig.camera(), before);

        let mut following = self::rig();
        following.enter_focus();
        following.move_onto(([10.0, 10.0], [20.0, 20.0]), start);
        following.leave_focus(start);
        assert!(following.auto_fit && !following.is_moving(), "it followed the layout: it does again");
    }

    #[test]
    fn a_pulse_lasts_two_seconds() {
        let mut rig = rig();
        let start = Instant::now();
        let person = PersonId::new(3);
        rig.zoom_to(person, [5.0, 5.0], start);
        assert_eq!(rig.pulse().map(|p| p.0), Some(person));
        rig.animate(start + MOVE);
        assert!(rig.pulse().is_some());
        assert_eq!(rig.wake(), Repaint::Now);
        rig.animate(start + PULSE + Duration::from_millis(1));
        assert!(rig.pulse().is_none());
        assert_eq!(rig.wake(), Repaint::Idle);
    }
}
