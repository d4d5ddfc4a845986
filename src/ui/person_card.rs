//! The person card: who someone is, who named them and whom they named.

use crate::command::Command;
use crate::i18n::Lang;
use crate::model::{Network, PersonId};
use crate::scene::Palette;

use super::edit_dialogs::NewPersonDraft;
use super::theme;

/// What the person card shows.
pub struct CardInput<'a> {
    /// Whose card.
    pub id: PersonId,
    /// The network as shown (pseudonyms while names are hidden).
    pub shown: &'a Network,
    /// The network itself (the editor works on the real person).
    pub real: &'a Network,
    /// They are pinned.
    pub pinned: bool,
    /// The neighbourhood view: (person, steps).
    pub ego: Option<(PersonId, u8)>,
    /// Colours.
    pub palette: Palette,
    /// Names are hidden (no editing then).
    pub anonymized: bool,
    /// Language.
    pub lang: Lang,
}

/// The card in a right-hand panel; `editing` is the card's editor while it is open.
pub fn person_card_ui(
    ui: &mut egui::Ui,
    input: &CardInput<'_>,
    editing: &mut Option<(PersonId, NewPersonDraft)>,
    commands: &mut Vec<Command>,
) {
    let (id, lang, anonymized, ego, palette) =
        (input.id, input.lang, input.anonymized, input.ego, input.palette);
    let tr = lang.tr();
    let network = input.shown;
    let Some(person) = network.person(id) else { return };
    // The editor works on the real person (never while names are hidden).
    let real = input.real.person(id).cloned();
    if editing.as_ref().is_some_and(|(who, _)| *who != id) {
        *editing = None;
    }
    egui::Panel::right("person_card").resizable(true).default_size(260.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(&person.name);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(tr.close).clicked() {
                        commands.push(Command::Select(None));
                    }
                });
            });
            if person.name != person.key {
                ui.label(egui::RichText::new(format!("id {}", person.key)).weak());
            }
            ui.add_space(4.0);
            if let Some((_, draft)) = editing.as_mut() {
                super::edit_dialogs::person_form_ui(ui, draft, lang);
                let (mut save, mut cancel) = (false, false);
                ui.horizontal(|ui| {
                    save = ui.button(tr.save_changes).clicked();
                    cancel = ui.button(tr.cancel).clicked();
                });
                if save && let Some(before) = real.clone() {
                    let mut after = before.clone();
                    draft.apply_to(&mut after);
                    if after != before {
                        commands.push(Command::Perform(crate::edit::Edit::UpdatePerson { before, after }));
                    }
                }
                let delete = ui.button(tr.delete_person).clicked();
                if delete {
                    commands.push(Command::DeleteSelected);
                }
                if save || cancel || delete {
                    *editing = None;
                }
                ui.separator();
            } else if !anonymized
                && let Some(real) = &real
                && ui.button(tr.edit_person).clicked()
            {
                *editing = Some((id, NewPersonDraft::of(real)));
            }
            egui::Grid::new("person_facts").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| {
                ui.label(tr.sector);
                ui.horizontal(|ui| {
                    swatch_ui(ui, theme::colour(palette.sector_fill(person.sector)));
                    ui.label(tr.sector(person.sector));
                });
                ui.end_row();
                ui.label(tr.tenure);
                ui.label(with_years(tr.tenure_band(person.tenure.band), person.tenure.years, tr.years));
                ui.end_row();
                ui.label(tr.age);
                ui.label(with_years(tr.age_band(person.age.band), person.age.years, tr.years));
                ui.end_row();
                for (k, v) in &person.attributes {
                    ui.label(k);
                    ui.label(v);
                    ui.end_row();
                }
            });
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(if person.respondent { tr.respondent } else { tr.named_only }).italics(),
            );
            let pinned = input.pinned;
            ui.horizontal(|ui| {
                if pinned {
                    ui.label(tr.pinned);
                    if ui.button(tr.unpin).clicked() {
                        commands.push(Command::SetPinned(id, false));
                    }
                } else if ui.button(tr.pin).clicked() {
                    commands.push(Command::SetPinned(id, true));
                }
            });
            ui.horizontal(|ui| {
                ui.label(tr.ego_view);
                let current = ego.filter(|(p, _)| *p == id).map(|(_, d)| d);
                if ui.selectable_label(current == Some(1), tr.ego_one).clicked() {
                    commands.push(Command::SetEgo(Some((id, 1))));
                }
                if ui.selectable_label(current == Some(2), tr.ego_two).clicked() {
                    commands.push(Command::SetEgo(Some((id, 2))));
                }
                if current.is_some() && ui.button(tr.ego_off).clicked() {
                    commands.push(Command::SetEgo(None));
                }
            });
            ui.separator();
            let named_by = network.named_by(id);
            ui.label(egui::RichText::new(format!("{} ({})", tr.named_by, named_by.len())).strong());
            people_list_ui(
                ui,
                network,
                &named_by,
                (tr.nobody, tr.remove_tie),
                commands,
                editing.is_some().then_some((id, true)),
                &palette,
            );
            ui.add_space(6.0);
            let names = network.names(id);
            ui.label(egui::RichText::new(format!("{} ({})", tr.names, names.len())).strong());
            if !person.respondent && names.is_empty() {
                ui.label(egui::RichText::new(tr.not_asked).weak());
            } else {
                people_list_ui(
                    ui,
                    network,
                    &names,
                    (tr.nobody, tr.remove_tie),
                    commands,
                    editing.is_some().then_some((id, false)),
                    &palette,
                );
            }
        });
    });
}

fn with_years(band: &str, years: Option<f64>, unit: &str) -> String {
    match years {
        Some(y) => format!("{band} ({} {unit})", trim_number(y)),
        None => band.to_owned(),
    }
}

fn trim_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { format!("{v:.1}") }
}

/// A list of people; while editing (`editing = Some((card person, they are the target))`),
/// each has a button that removes the tie.
fn people_list_ui(
    ui: &mut egui::Ui,
    network: &Network,
    ids: &[PersonId],
    (nobody, remove_text): (&str, &str),
    commands: &mut Vec<Command>,
    editing: Option<(PersonId, bool)>,
    palette: &Palette,
) {
    if ids.is_empty() {
        ui.label(egui::RichText::new(nobody).weak());
        return;
    }
    let mut people: Vec<_> = ids.iter().filter_map(|&i| network.person(i).map(|p| (i, p))).collect();
    people.sort_by_key(|(_, p)| p.name.to_lowercase());
    for (pid, p) in people {
        let c = theme::colour(palette.sector_fill(p.sector));
        ui.horizontal(|ui| {
            swatch_ui(ui, c);
            if ui.link(&p.name).clicked() {
                commands.push(Command::Select(Some(pid)));
            }
            if let Some((me, named_me)) = editing {
                let (s, t) = if named_me { (pid, me) } else { (me, pid) };
                if ui.small_button("x").on_hover_text(remove_text).clicked()
                    && let (Some(source), Some(target), Some(tie)) = (
                        network.person(s).map(|x| x.key.clone()),
                        network.person(t).map(|x| x.key.clone()),
                        network
                            .find_tie(s, t)
                            .and_then(|e| network.ties().find(|x| x.0 == e).map(|x| x.3.clone())),
                    )
                {
                    commands.push(Command::Perform(crate::edit::Edit::RemoveTie { source, target, tie }));
                }
            }
        });
    }
}

/// A small filled circle in a sector's colour.
fn swatch_ui(ui: &mut egui::Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle(rect.center(), 5.0, colour, egui::Stroke::new(1.0, egui::Color32::WHITE));
}
