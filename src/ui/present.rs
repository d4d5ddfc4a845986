//! For presenting: type-ahead search, the scene list, and the hint shown in presentation mode.

use crate::command::Command;
use crate::i18n::Lang;
use crate::model::{Network, PersonId, fold};
use crate::project::SavedScene;

use super::UiState;

/// People whose name contains `query` (folded), names starting with it first, most named next.
pub fn matches(network: &Network, query: &str) -> Vec<(PersonId, String)> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
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

/// The search box at the top of the canvas (Ctrl+F) over the network as shown; `search` is its
/// text while it is open. Enter goes to the best match.
pub fn search_ui(
    ui: &mut egui::Ui,
    network: Option<&Network>,
    search: &mut Option<String>,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let Some(query) = search.clone() else { return };
    let tr = lang.tr();
    let ctx = ui.ctx().clone();
    let top = ctx.content_rect().center_top() + egui::vec2(0.0, 40.0);
    let found = network.map(|n| matches(n, &query)).unwrap_or_default();
    let mut close = false;
    egui::Area::new(egui::Id::unique("search_box")).fixed_pos(top - egui::vec2(160.0, 0.0)).show(
        &ctx,
        |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(320.0);
                let Some(text) = search.as_mut() else { return };
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
        *search = None;
    }
}

/// What the scene list shows.
pub struct ScenesInput<'a> {
    /// The project's scenes.
    pub scenes: &'a [SavedScene],
    /// The scene shown last.
    pub current: Option<usize>,
    /// A culture survey is open (the culture kite can be a slide).
    pub has_culture: bool,
    /// Language.
    pub lang: Lang,
}

/// The scene list: save the view, go to, rename, reorder, delete (each a command). Shown while
/// `state.show_scenes` is set.
pub fn scenes_window_ui(
    ui: &mut egui::Ui,
    input: &ScenesInput<'_>,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    if !state.show_scenes {
        return;
    }
    let tr = input.lang.tr();
    let ctx = ui.ctx().clone();
    let mut open = true;
    egui::Window::new(tr.scenes).open(&mut open).default_width(300.0).show(&ctx, |ui| {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut state.new_scene_name)
                    .hint_text(tr.scene)
                    .desired_width(160.0),
            );
            if ui.button(tr.save_scene).clicked() {
                commands.push(Command::SaveScene(std::mem::take(&mut state.new_scene_name)));
            }
        });
        ui.separator();
        let count = input.scenes.len();
        for (i, scene) in input.scenes.iter().enumerate() {
            let current = input.current == Some(i);
            ui.horizontal(|ui| {
                if ui.selectable_label(current, format!("{}.", i + 1)).clicked() {
                    commands.push(Command::GoToScene(i));
                }
                let mut name = scene.name.clone();
                if ui.add(egui::TextEdit::singleline(&mut name).desired_width(140.0)).changed() {
                    commands.push(Command::RenameScene(i, name));
                }
                if ui.add_enabled(i > 0, egui::Button::new(tr.move_up).small()).clicked() {
                    commands.push(Command::SwapScenes(i, i - 1));
                }
                if ui.add_enabled(i + 1 < count, egui::Button::new(tr.move_down).small()).clicked() {
                    commands.push(Command::SwapScenes(i, i + 1));
                }
                if ui.small_button(tr.delete).clicked() {
                    commands.push(Command::DeleteScene(i));
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
                let enabled = kind != crate::chart::ChartKind::Kite || input.has_culture;
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
    state.show_scenes = open;
}

/// A quiet line at the bottom in presentation mode: the scene ("2 / 5: name") or, before
/// the first, how to move on.
pub fn presentation_hint_ui(
    ctx: &egui::Context,
    scene: Option<String>,
    text_colour: crate::scene::style::Rgba,
    lang: Lang,
) {
    let tr = lang.tr();
    let rect = ctx.content_rect();
    let scene = scene.unwrap_or_default();
    let painter =
        ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("present_hint")));
    let colour = super::theme::colour(text_colour).gamma_multiply(0.55);
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
