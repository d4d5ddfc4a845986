//! Times opening a file in the app, headless: load thread, install, first frames.
#![expect(clippy::print_stdout, reason = "measurement tool")]

use std::time::Instant;

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a file"));
    let t0 = Instant::now();
    let opened = infonet::io::open::open(&path, &Default::default(), &infonet::io::Progress::new());
    println!("open (default options): {:.3} s ok={}", t0.elapsed().as_secs_f64(), opened.is_ok());
    let mut app = infonet::app::InfonetApp::headless(Box::new(infonet::ui::FakePicker(vec![])));
    let t1 = Instant::now();
    app.start_load(path);
    app.wait_for_load();
    println!("load + install: {:.3} s", t1.elapsed().as_secs_f64());
    let ctx = egui::Context::default();
    for frame in 0..4 {
        let t = Instant::now();
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
            ..Default::default()
        };
        let mut out = ctx.run_ui(raw, |ui| app.ui(ui));
        out.textures_delta.clear();
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
        println!("frame {frame}: {:.3} s", t.elapsed().as_secs_f64());
    }
    println!("total to 4 frames: {:.3} s", t1.elapsed().as_secs_f64());
}
