//! Headless measurements behind `infonet bench`: layout speed on a plain graph file,
//! time to settle (in the core), and the CPU cost of building and painting one frame.

use std::time::Instant;

use serde::Serialize;

pub use infonet_core::bench::{SettleReport, settle_bench, synthetic_network};

use crate::analysis::{self, FilterSpec};
use crate::layout::{self, LayoutEngine, LayoutParams};
use crate::model::Network;
use crate::scene::{self, Encoding, SceneInput};
use crate::ui::canvas::{CanvasOptions, CanvasState, canvas_ui};
use crate::ui::transform::Camera;

/// The result of a frame benchmark.
#[derive(Clone, Debug, Serialize)]
pub struct FrameReport {
    /// People.
    pub n: usize,
    /// Ties.
    pub m: usize,
    /// Frames measured.
    pub frames: usize,
    /// Median time to build the scene from model + positions (done when positions change).
    pub scene_ms: f64,
    /// Median time for one egui frame of the canvas: painting into meshes, egui's pass and
    /// tessellation (what the CPU does per frame before the GPU upload).
    pub paint_ms: f64,
    /// `scene_ms + paint_ms`: one frame while the layout moves.
    pub frame_ms: f64,
    /// Ties and people actually drawn (after culling).
    pub drawn: (usize, usize),
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Lays `network` out (until settled, at most `max_steps`), then measures `frames` frames of
/// building the scene and painting it on a `width` x `height` canvas, fitted to the window.
pub fn frame_bench(network: &Network, frames: usize, width: f32, height: f32, max_steps: u64) -> FrameReport {
    let (graph, order) = layout::graph_of(network);
    let mut engine = LayoutEngine::new(&graph, 1, &[], LayoutParams::default());
    engine.run_to_settle(max_steps);
    let positions = engine.positions();
    let pinned = vec![false; positions.len()];
    let filter = FilterSpec::default();
    let filtered = analysis::filter::apply(network, &filter);
    let in_degree = analysis::in_degrees(network);
    let encoding = Encoding::default();
    let input = SceneInput {
        network,
        order: &order,
        positions: &positions,
        pinned: &pinned,
        filtered: &filtered,
        filter: &filter,
        in_degree: &in_degree,
        size: None,
        focus: None,
        focus_depth: 1,
        selected: None,
        encoding: &encoding,
        appear: None,
    };
    let mut painter = CanvasPainter::new(width, height, encoding.palette, encoding.lang);
    let mut scene_times = Vec::new();
    let mut paint_times = Vec::new();
    for frame in 0..frames + 3 {
        let t0 = Instant::now();
        let scene = scene::build(&input);
        let scene_ms = t0.elapsed().as_secs_f64() * 1e3;
        let t1 = Instant::now();
        painter.paint(&scene);
        let paint_ms = t1.elapsed().as_secs_f64() * 1e3;
        // The first frames warm up the font atlas and buffers.
        if frame >= 3 {
            scene_times.push(scene_ms);
            paint_times.push(paint_ms);
        }
    }
    let scene_ms = median(scene_times);
    let paint_ms = median(paint_times);
    FrameReport {
        n: network.person_count(),
        m: network.tie_count(),
        frames,
        scene_ms,
        paint_ms,
        frame_ms: scene_ms + paint_ms,
        drawn: painter.state.last_drawn,
    }
}

/// The canvas without a window: paints scenes into a headless egui context and tessellates
/// them, which is all the CPU work of a frame (the GPU upload aside).
pub struct CanvasPainter {
    ctx: egui::Context,
    screen: egui::Rect,
    camera: Option<Camera>,
    /// The canvas state (meshes kept between frames, what was drawn).
    pub state: CanvasState,
    options: CanvasOptions,
    frame: u64,
}

impl CanvasPainter {
    /// A canvas of `width` x `height` points.
    pub fn new(
        width: f32,
        height: f32,
        palette: crate::scene::style::Palette,
        lang: crate::i18n::Lang,
    ) -> Self {
        Self {
            ctx: egui::Context::default(),
            screen: egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height)),
            camera: None,
            state: CanvasState::default(),
            options: CanvasOptions {
                show_legend: true,
                palette,
                max_labels: 300,
                lang,
                legend_corner: crate::scene::frame::Corner::default(),
                label_size_by_degree: false,
                reserved_bottom: 0.0,
            },
            frame: 0,
        }
    }

    /// Paints one frame of `scene` (fitted to the canvas on the first call) and tessellates it;
    /// returns the number of primitives.
    pub fn paint(&mut self, scene: &crate::scene::Scene) -> usize {
        let screen = self.screen;
        let camera = self.camera.get_or_insert_with(|| {
            scene.bounds.map_or_else(Camera::default, |bounds| Camera::fitting(screen, bounds, 36.0))
        });
        let raw = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(self.frame as f64 / 60.0),
            ..Default::default()
        };
        self.frame += 1;
        let (state, options) = (&mut self.state, &self.options);
        let mut output = self.ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
                canvas_ui(ui, scene, camera, state, options);
            });
        });
        // No renderer here: the font atlas updates are not uploaded anywhere.
        output.textures_delta.clear();
        self.ctx.tessellate(output.shapes, output.pixels_per_point).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_bench_draws_everyone_when_fitted() {
        let net = synthetic_network(200, 2, 3);
        let report = frame_bench(&net, 2, 1280.0, 800.0, 400);
        assert_eq!(report.drawn.1, 200);
        assert_eq!(report.n, 200);
    }
}
