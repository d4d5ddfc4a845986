//! The canvas's whole CPU share of a frame: frame layout, meshes and egui's tessellation for
//! 10,000 people. The only bench that needs egui, so it lives with the app; the core's benches
//! (layout, scene, frame layout, parsing, measures) are in `crates/infonet-core/benches`.

use std::hint::black_box;

// The allocator the app uses (src/main.rs), so frames cost what they cost there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use infonet::layout::{self, LayoutEngine, LayoutParams};
use infonet::scene::{self, Encoding};

fn frame_paint(c: &mut Criterion) {
    let network = infonet::bench::synthetic_network(10_000, 3, 1);
    let (graph, order) = layout::graph_of(&network);
    let mut engine = LayoutEngine::new(&graph, 1, &[], LayoutParams::default());
    engine.run_to_settle(300);
    let positions = engine.positions();
    let pinned = vec![false; positions.len()];
    let encoding = Encoding::default();
    let scene = scene::build_whole(&network, &order, &positions, &pinned, None, &encoding);
    let mut painter = infonet::bench::CanvasPainter::new(1280.0, 800.0, encoding.palette, encoding.lang);
    c.bench_function("frame_paint_10000", |b| b.iter(|| black_box(painter.paint(&scene))));
}

criterion_group!(benches, frame_paint);
criterion_main!(benches);
