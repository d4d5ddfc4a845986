//! Live editing: the "add person" dialog and the person editor used by the card.

use crate::command::Command;
use crate::i18n::Lang;
use crate::model::{Age, AgeBand, Network, Person, Sector, Tenure, TenureBand};

/// The fields of a person being added or edited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewPersonDraft {
    /// Name.
    pub name: String,
    /// Sector.
    pub sector: Sector,
    /// Years in the municipality, as typed (a number or a band).
    pub tenure: String,
    /// Age, as typed.
    pub age: String,
    /// Answered the survey.
    pub respondent: bool,
}

impl NewPersonDraft {
    /// The draft of an existing person.
    pub fn of(person: &Person) -> Self {
        let text = |years: Option<f64>, band: &str, unknown: bool| match years {
            Some(y) if y.fract() == 0.0 => format!("{y:.0}"),
            Some(y) => format!("{y}"),
            None if unknown => String::new(),
            None => band.to_owned(),
        };
        Self {
            name: person.name.clone(),
            sector: person.sector,
            tenure: text(
                person.tenure.years,
                person.tenure.band.key(),
                person.tenure.band == TenureBand::Unknown,
            ),
            age: text(person.age.years, person.age.band.key(), person.age.band == AgeBand::Unknown),
            respondent: person.respondent,
        }
    }

    /// Applies the fields to `person` (numbers with a decimal point or comma, or band texts).
    pub fn apply_to(&self, person: &mut Person) {
        person.name =
            if self.name.trim().is_empty() { person.key.clone() } else { self.name.trim().to_owned() };
        person.sector = self.sector;
        person.tenure = match crate::io::parse_number(&self.tenure) {
            Some(y) if y >= 0.0 => Tenure::from_number(y),
            _ => Tenure { years: None, band: TenureBand::parse_band(&self.tenure).unwrap_or_default() },
        };
        person.age = match crate::io::parse_number(&self.age) {
            Some(y) if y >= 0.0 => Age::from_number(y),
            _ => Age { years: None, band: AgeBand::parse_band(&self.age).unwrap_or_default() },
        };
        person.respondent = self.respondent;
    }
}

/// The fields as a form.
pub fn person_form_ui(ui: &mut egui::Ui, draft: &mut NewPersonDraft, lang: crate::i18n::Lang) {
    let tr = lang.tr();
    egui::Grid::new("person_form").num_columns(2).show(ui, |ui| {
        ui.label(tr.name);
        ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(200.0));
        ui.end_row();
        ui.label(tr.sector);
        egui::ComboBox::from_id_salt("form_sector").selected_text(tr.sector(draft.sector)).show_ui(
            ui,
            |ui| {
                for s in Sector::ALL {
                    ui.selectable_value(&mut draft.sector, s, tr.sector(s));
                }
            },
        );
        ui.end_row();
        ui.label(tr.tenure);
        ui.add(
            egui::TextEdit::singleline(&mut draft.tenure).hint_text(tr.years_or_band).desired_width(120.0),
        );
        ui.end_row();
        ui.label(tr.age);
        ui.add(egui::TextEdit::singleline(&mut draft.age).hint_text(tr.years_or_band).desired_width(120.0));
        ui.end_row();
        ui.label(tr.respondent);
        ui.checkbox(&mut draft.respondent, "");
        ui.end_row();
    });
}

/// The "add person" window while `draft` is open; adding asks the app to place them where the
/// presenter is looking.
pub fn new_person_ui(
    ui: &mut egui::Ui,
    network: Option<&Network>,
    draft_slot: &mut Option<NewPersonDraft>,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let Some(draft) = draft_slot.as_mut() else { return };
    let tr = lang.tr();
    let mut open = true;
    let mut add = false;
    let mut cancel = false;
    let ctx = ui.ctx().clone();
    egui::Window::new(tr.add_person).open(&mut open).collapsible(false).resizable(false).show(&ctx, |ui| {
        person_form_ui(ui, draft, lang);
        ui.label(egui::RichText::new(tr.tie_hint).weak());
        ui.horizontal(|ui| {
            if ui.button(tr.add).clicked() {
                add = true;
            }
            if ui.button(tr.cancel).clicked() {
                cancel = true;
            }
        });
    });
    if add {
        let Some(network) = network else { return };
        let key = (1..).map(|i| format!("new-{i}")).find(|k| network.find(k).is_none()).unwrap_or_default();
        let mut person = Person::new(key);
        draft.apply_to(&mut person);
        commands.push(Command::AddPersonInView(person));
        *draft_slot = None;
    } else if cancel || !open {
        *draft_slot = None;
    }
}
