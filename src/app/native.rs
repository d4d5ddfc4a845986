//! The native window: eframe's wrapper (settings storage, exit) and starting the app.

use std::path::PathBuf;
use std::sync::Arc;

use crate::command::Command;
use crate::io;
use crate::layout::worker::LayoutHandle;
use crate::settings::ViewState;

use super::InfonetApp;

/// The eframe wrapper: storage and the native window.
pub struct EframeApp {
    /// The app.
    pub app: InfonetApp,
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, self.app.view());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit with nothing unsaved leaves no recovery file behind; with unsaved
        // changes the last ones are written now.
        self.app.exiting();
    }
}

/// The window's and the taskbar's icon (assets/infonet.svg).
pub fn window_icon() -> Result<egui::IconData, String> {
    const SIZE: u32 = 256;
    Ok(egui::IconData { rgba: crate::icon::rgba(SIZE)?, width: SIZE, height: SIZE })
}

/// Opens the window on `path` (or the default sample) and runs until it is closed.
pub fn run_native(paths: Vec<PathBuf>, seed: Option<u64>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Infonet")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true)
            // The desktop file's name (assets/infonet.desktop), so the menu entry and the
            // running window are one in the taskbar.
            .with_app_id("infonet"),
        ..eframe::NativeOptions::default()
    };
    let mut options = options;
    match window_icon() {
        Ok(icon) => options.viewport = options.viewport.with_icon(Arc::new(icon)),
        Err(err) => log::warn!("{err}"),
    }
    eframe::run_native(
        "Infonet",
        options,
        Box::new(move |cc| {
            let mut view: ViewState =
                cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
            if let Some(seed) = seed {
                view.seed = seed;
            }
            let ctx = cc.egui_ctx.clone();
            let layout = LayoutHandle::threaded(move || ctx.request_repaint());
            let mut app = InfonetApp::new(view, layout, Box::new(crate::ui::RfdPicker::default()));
            // Autosaves go next to eframe's own settings; one found at start was left by a crash.
            if let Some(dir) = eframe::storage_dir("Infonet")
                && let Err(err) = app.enable_recovery(&dir)
            {
                log::warn!("no autosave: cannot use {}: {err}", dir.display());
            }
            match paths.as_slice() {
                [] => app.push(Command::OpenSample(io::samples::DEFAULT)),
                [one] if one.is_dir() => app.push(Command::OpenFolder(one.clone())),
                [one] => app.push(Command::Open(one.clone())),
                [first, rest @ ..] => {
                    app.push(Command::Open(first.clone()));
                    app.push(Command::AddFiles(rest.to_vec()));
                }
            }
            Ok(Box::new(EframeApp { app }))
        }),
    )
}
