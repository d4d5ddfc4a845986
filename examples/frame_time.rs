//! Times `FrameBuilder::build` alone (the frame layout shared by canvas and exports) at 10k.
#![expect(clippy::print_stdout, reason = "measurement tool")]

use std::time::Instant;

use infonet::layout::{self, LayoutEngine, LayoutParams};
use infonet::scene::frame::{FrameBuilder, FrameOptions, Viewport};
use infonet::scene::svg::FontMeasure;
use infonet::scene::{self, Encoding};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let network = infonet::bench::synthetic_network(n, 3, 1);
    let (graph, order) = layout::graph_of(&network);
    let mut engine = LayoutEngine::new(&graph, 1, &[], LayoutParams::default());
    engine.run_to_settle(2_000);
    let positions = engine.positions();
    let pinned = vec![false; positions.len()];
    let encoding = Encoding::default();
    let scene = scene::build_whole(&network, &order, &positions, &pinned, None, &encoding);
    let measure = FontMeasure::new().expect("font");
    let options = FrameOptions::default();
    let view = Viewport::fitting([1280.0, 800.0], scene.bounds.expect("bounds"), 36.0);
    let mut builder = FrameBuilder::default();
    let mut times = Vec::new();
    for i in 0..53 {
        let t = Instant::now();
        let frame = builder.build(&scene, &view, &options, &measure);
        std::hint::black_box(frame);
        if i >= 3 {
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(f64::total_cmp);
    let f = builder.frame();
    println!(
        "{{\"n\":{n},\"ties\":{},\"people\":{},\"labels\":{},\"frame_build_ms_median\":{:.3},\"min\":{:.3}}}",
        f.ties.len(),
        f.people.len(),
        f.labels.len(),
        times[times.len() / 2],
        times[0]
    );
}
