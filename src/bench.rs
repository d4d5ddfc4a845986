//! Headless measurements behind `infonet bench`: layout speed on a plain graph file,
//! time to settle, and the CPU cost of building and painting one frame.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::analysis::{self, FilterSpec};
use crate::layout::{self, LayoutEngine, LayoutParams, LayoutStatus};
use crate::model::{Age, Network, Person, Sector, Tenure, Tie};
use crate::scene::{self, Encoding, SceneInput};
use crate::ui::canvas::{CanvasOptions, CanvasState, canvas_ui};
use crate::ui::transform::Camera;

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A made-up informant network of `n` people: preferential attachment (each newcomer names
/// `m` earlier people, likelier the more named they already are), sectors, tenure and age drawn
/// to look like the study's municipalities. Deterministic for a seed.
pub fn synthetic_network(n: usize, m: usize, seed: u64) -> Network {
    let mut net = Network::new(format!("Synthetic {n}"));
    let mut state = mix(seed);
    let mut next = || {
        state = mix(state);
        state
    };
    let mut ids = Vec::with_capacity(n);
    // Targets repeated by in-degree + 1 (preferential attachment by sampling this list).
    let mut pool: Vec<u32> = Vec::with_capacity(n * (m + 1));
    for i in 0..n {
        let r = next();
        let sector = match r % 100 {
            0..=47 => Sector::Public,
            48..=92 => Sector::Private,
            93..=97 => Sector::Other,
            _ => Sector::Unknown,
        };
        let tenure = match (r >> 8) % 100 {
            0..=9 => 1.0 + ((r >> 16) % 30) as f64 / 10.0,
            10..=27 => 4.0 + ((r >> 16) % 60) as f64 / 10.0,
            _ => 10.0 + ((r >> 16) % 45) as f64,
        };
        let age = match (r >> 24) % 100 {
            0..=2 => 22.0 + ((r >> 32) % 8) as f64,
            3..=29 => 30.0 + ((r >> 32) % 11) as f64,
            _ => 41.0 + ((r >> 32) % 30) as f64,
        };
        let person = Person {
            name: format!("Person {i}"),
            sector,
            tenure: Tenure::from_number(tenure),
            age: Age::from_number(age),
            respondent: i % 2 == 0 || i < m + 1,
            ..Person::new(format!("p{i}"))
        };
        let Ok(id) = net.add_person(person) else { continue };
        ids.push(id);
        pool.push(i as u32);
        if i == 0 {
            continue;
        }
        for _ in 0..m.min(i) {
            let pick = pool.get((next() % pool.len() as u64) as usize).copied().unwrap_or(0) as usize;
            let (Some(&a), Some(&b)) = (ids.get(i), ids.get(pick)) else { continue };
            if net.add_tie(a, b, Tie::default()).is_ok() {
                pool.push(pick as u32);
            }
        }
    }
    net
}

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

/// The result of a settle benchmark.
#[derive(Clone, Debug, Serialize)]
pub struct SettleReport {
    /// People.
    pub n: usize,
    /// Ties.
    pub m: usize,
    /// Steps until the layout settled.
    pub steps: u64,
    /// Whether it settled within the step limit.
    pub settled: bool,
    /// Computing time for all steps.
    pub compute_s: f64,
    /// Time on screen in the app: steps are paced to 4 per 16 ms frame so people see the
    /// network take shape, or take longer when a step costs more than that.
    pub on_screen_s: f64,
}

/// Runs a fresh layout of `network` until it settles and reports how long it takes.
pub fn settle_bench(network: &Network, seed: u64, max_steps: u64) -> SettleReport {
    let (graph, _) = layout::graph_of(network);
    let mut engine = LayoutEngine::new(&graph, seed, &[], LayoutParams::default());
    let t0 = Instant::now();
    let mut frames = 0u64;
    let mut on_screen = Duration::ZERO;
    while engine.status() == LayoutStatus::Running && engine.steps() < max_steps {
        let frame = Instant::now();
        for _ in 0..4 {
            if engine.step() == LayoutStatus::Settled {
                break;
            }
        }
        frames += 1;
        on_screen += frame.elapsed().max(Duration::from_millis(16));
    }
    let _ = frames;
    SettleReport {
        n: network.person_count(),
        m: network.tie_count(),
        steps: engine.steps(),
        settled: engine.status() == LayoutStatus::Settled,
        compute_s: t0.elapsed().as_secs_f64(),
        on_screen_s: on_screen.as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_networks_are_deterministic_and_sized() {
        let a = synthetic_network(300, 3, 7);
        let b = synthetic_network(300, 3, 7);
        assert_eq!(a.person_count(), 300);
        assert!(a.tie_count() > 800 && a.tie_count() <= 897, "{}", a.tie_count());
        assert_eq!(analysis::summarize(&a).in_degree, analysis::summarize(&b).in_degree);
    }

    #[test]
    fn a_300_person_network_settles_within_the_step_budget() {
        let net = synthetic_network(300, 3, 1);
        let report = settle_bench(&net, 1, 2_000);
        assert!(report.settled);
        assert!(report.steps <= 320, "{} steps", report.steps);
    }

    #[test]
    fn frame_bench_draws_everyone_when_fitted() {
        let net = synthetic_network(200, 2, 3);
        let report = frame_bench(&net, 2, 1280.0, 800.0, 400);
        assert_eq!(report.drawn.1, 200);
        assert_eq!(report.n, 200);
    }
}
