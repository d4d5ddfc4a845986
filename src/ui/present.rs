//! For presenting: type-ahead search, the scene list, and the hint shown in presentation mode.

use crate::app::InfonetApp;
use crate::command::Command;
use crate::model::PersonId;

use crate::model::fold;

/// People whose name contains `query` (folded), names starting with it first, most named next.
pub fn matches(app: &InfonetApp, query: &str) -> Vec<(PersonId, String)> {
    let Some(doc) = &app.doc else { return Vec::new() };
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let network = doc.shown();
    let mut found: Vec<(bool, usize, PersonId, String)> = network
        .people()
        .filter_map(|(id, p)| {
            let name = fold(&p.name);
            name.contains(&q)
                .then(|| (!name.starts_with(&q), usize::MAX - network.in_degree(id), id, p.name.clone()))
        })
        .collect();
    found.sort_by(|a, b| (a.0, a.1, &a.3).cmp(&(b.0, b.1, &b.3)));
    found.into_iter().take(8).map(|(_, _, id, name)| (id, name)).collect()
}

/// The search box at the top of the canvas (Ctrl+F): Enter goes to the best match.
pub fn search_ui(ui: &mut egui::Ui, app: &mut InfonetApp, commands: &mut Vec<Command>) {
    if app.search.is_none() {
        return;
    }
    let tr = app.view.lang.tr();
    let ctx = ui.ctx().clone();
    let top = ctx.content_rect().center_top() + egui::vec2(0.0, 40.0);
    let query = app.search.clone().unwrap_or_default();
    let found = matches(app, &query);
    let mut close = false;
    egui::Area::new(egui::Id::unique("search_box")).fixed_pos(top - egui::vec2(160.0, 0.0)).show(
        &ctx,
        |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(320.0);
                let Some(text) = &mut app.search else { return };
                let edit =
                    ui.add(egui::TextEdit::singleline(text).hint_text(tr.search_hint).desired_width(300.0));
                edit.request_focus();
                let (enter, escape) =
                    ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
                for (id, name) in &found {
                    if ui.selectable_label(false, name).clicked() {
                        commands.push(Command::ZoomTo(*id));
                        close = true;
                    }
                }
                if enter && let Some((id, _)) = found.first() {
                    commands.push(Command::ZoomTo(*id));
                    close = true;
                }
                if escape {
                    close = true;
                }
            });
        },
    );
    if close {
        app.search = None;
    }
}

/// The scene list: save the view, go to, rename, reorder, delete.
pub fn scenes_window_ui(ui: &mut egui::Ui, app: &mut InfonetApp, commands: &mut Vec<Command>) {
    if !app.show_scenes || app.presenting {
        return;
    }
    let tr = app.view.lang.tr();
    let ctx = ui.ctx().clone();
    let mut open = true;
    let mut swap: Option<(usize, usize)> = None;
    let mut remove: Option<usize> = None;
    egui::Window::new(tr.scenes).open(&mut open).default_width(300.0).show(&ctx, |ui| {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut app.new_scene_name).hint_text(tr.scene).desired_width(160.0),
            );
            if ui.button(tr.save_scene).clicked() {
                commands.push(Command::SaveScene(std::mem::take(&mut app.new_scene_name)));
            }
        });
        ui.separator();
        let count = app.scenes.len();
        for i in 0..count {
            let current = app.current_scene == Some(i);
            ui.horizontal(|ui| {
                if ui.selectable_label(current, format!("{}.", i + 1)).clicked() {
                    commands.push(Command::GoToScene(i));
                }
                if let Some(scene) = app.scenes.get_mut(i) {
                    ui.add(egui::TextEdit::singleline(&mut scene.name).desired_width(140.0));
                }
                if ui.add_enabled(i > 0, egui::Button::new(tr.move_up).small()).clicked() {
                    swap = Some((i, i - 1));
                }
                if ui.add_enabled(i + 1 < count, egui::Button::new(tr.move_down).small()).clicked() {
                    swap = Some((i, i + 1));
                }
                if ui.small_button(tr.delete).clicked() {
                    remove = Some(i);
                }
            });
        }
        ui.separator();
        ui.label(egui::RichText::new(tr.chart_slides).strong());
        ui.horizontal_wrapped(|ui| {
            for kind in crate::chart::ChartKind::ALL {
                let name = match kind {
                    crate::chart::ChartKind::Composition => tr.chart_kind_composition,
                    crate::chart::ChartKind::Kite => tr.chart_kind_kite,
                    crate::chart::ChartKind::Compare => tr.chart_kind_compare,
                    crate::chart::ChartKind::Join => tr.survey_join_slide,
                };
                let enabled = kind != crate::chart::ChartKind::Kite || app.ocai.is_some();
                let button = ui.add_enabled(enabled, egui::Button::new(name));
                let button = if enabled {
                    button.on_hover_text(tr.chart_add)
                } else {
                    button.on_disabled_hover_text(tr.chart_no_culture)
                };
                if button.clicked() {
                    commands.push(Command::AddChartScene(kind));
                }
            }
        });
        ui.separator();
        if ui.add_enabled(count > 0, egui::Button::new(format!("{} (F5)", tr.present))).clicked() {
            commands.push(Command::SetPresenting(true));
        }
    });
    if let Some((a, b)) = swap {
        app.scenes.swap(a, b);
        if app.current_scene == Some(a) {
            app.current_scene = Some(b);
        } else if app.current_scene == Some(b) {
            app.current_scene = Some(a);
        }
        app.mark_dirty();
    }
    if let Some(i) = remove {
        app.scenes.remove(i);
        app.current_scene = None;
        app.mark_dirty();
    }
    app.show_scenes = open;
}

/// A quiet line at the bottom in presentation mode: the scene and how to move on.
pub fn presentation_hint_ui(ctx: &egui::Context, app: &InfonetApp) {
    let tr = app.view.lang.tr();
    let rect = ctx.content_rect();
    let scene = app
        .current_scene
        .and_then(|i| app.scenes.get(i).map(|s| format!("{} / {}: {}", i + 1, app.scenes.len(), s.name)))
        .unwrap_or_default();
    let painter =
        ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("present_hint")));
    let colour = super::theme::colour(app.encoding().palette.text).gamma_multiply(0.55);
    painter.text(
        rect.right_bottom() + egui::vec2(-12.0, -10.0),
        egui::Align2::RIGHT_BOTTOM,
        if scene.is_empty() { tr.presentation_hint.to_owned() } else { scene },
        egui::FontId::proportional(13.0),
        colour,
    );
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_finds_names_typed_without_æøå() {
        assert_eq!(fold("Åse Ødegård"), "ase odegard");
        assert!(fold("Kåre Sæther").contains(&fold("kare saether".replace("ae", "e").as_str())));
    }
}
