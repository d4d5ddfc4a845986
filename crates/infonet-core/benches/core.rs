//! Criterion benches of the per-frame and per-file work: a layout step, building the scene,
//! laying out and painting a frame, and parsing. `cargo bench` runs them; `infonet bench`
//! times the release binary on whole files and layouts.

use std::hint::black_box;

// The allocator the app uses (src/main.rs), so frames cost what they cost there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use infonet_core::layout::{self, LayoutEngine, LayoutParams};
use infonet_core::model::Network;
use infonet_core::scene::frame::{FrameBuilder, FrameOptions, Viewport};
use infonet_core::scene::{self, Encoding, Scene};

fn laid_out(network: &Network) -> (Vec<infonet_core::model::PersonId>, Vec<[f32; 2]>) {
    let (graph, order) = layout::graph_of(network);
    let mut engine = LayoutEngine::new(&graph, 1, &[], LayoutParams::default());
    engine.run_to_settle(300);
    (order, engine.positions())
}

fn scene_of(network: &Network, order: &[infonet_core::model::PersonId], positions: &[[f32; 2]]) -> Scene {
    let pinned = vec![false; positions.len()];
    scene::build_whole(network, order, positions, &pinned, None, &Encoding::default())
}

fn layout_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout_step");
    for n in [300, 10_000] {
        let network = infonet_core::bench::synthetic_network(n, 3, 1);
        let (graph, _) = layout::graph_of(&network);
        // A fresh engine per sample: a settled one would not step at all.
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched_ref(
                || LayoutEngine::new(&graph, 1, &[], LayoutParams::default()),
                |engine| black_box(engine.step()),
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

fn scene_and_frame(c: &mut Criterion) {
    let network = infonet_core::bench::synthetic_network(10_000, 3, 1);
    let (order, positions) = laid_out(&network);
    c.bench_function("scene_build_10000", |b| b.iter(|| black_box(scene_of(&network, &order, &positions))));
    let mut moved = scene_of(&network, &order, &positions);
    let dense_of: Vec<u32> = {
        let mut d = vec![u32::MAX; network.person_bound()];
        for (i, id) in order.iter().enumerate() {
            d[id.index()] = i as u32;
        }
        d
    };
    let pinned = vec![false; positions.len()];
    c.bench_function("scene_reposition_10000", |b| {
        b.iter(|| scene::reposition(&mut moved, &dense_of, black_box(&positions), &pinned));
    });
    let scene = scene_of(&network, &order, &positions);
    let measure = infonet_core::render::measure();
    let options = FrameOptions::default();
    let view = Viewport::fit_scene(&scene, [1280.0, 800.0], &options, &*measure).expect("a laid-out scene");
    let mut builder = FrameBuilder::default();
    c.bench_function("frame_layout_10000", |b| {
        b.iter(|| {
            builder.build(&scene, &view, &options, &*measure);
        });
    });
    // Painting that frame with egui (`frame_paint_10000`) is the app's bench: benches/canvas.rs.
}

fn parsing(c: &mut Criterion) {
    let network = infonet_core::bench::synthetic_network(10_000, 3, 1);
    let people = infonet_core::io::export::people_csv(&network);
    let ties = infonet_core::io::export::ties_csv(&network);
    let graphml =
        infonet_core::io::graphml::write_graphml(&infonet_core::io::export::raw_graph_of(&network, None));
    let mut group = c.benchmark_group("parse_10000");
    group.sample_size(20);
    group.bench_function("people_csv", |b| {
        b.iter(|| black_box(infonet_core::io::table::parse_people(people.as_bytes())));
    });
    group.bench_function("ties_csv", |b| {
        b.iter(|| black_box(infonet_core::io::table::parse_ties(ties.as_bytes())));
    });
    group.bench_function("graphml", |b| {
        b.iter(|| black_box(infonet_core::io::graphml::parse_graphml(graphml.as_bytes())));
    });
    group.finish();
}

criterion_group!(benches, layout_step, scene_and_frame, parsing);
criterion_main!(benches);
