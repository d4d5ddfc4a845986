//! Every visible string follows the language: the UI walked in Norwegian shows no English
//! words, and in English no Norwegian ones (menus, panels, the card, dialogs, tooltips and the
//! status line, including the one written before the switch).

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use infonet::app::InfonetApp;
use infonet::command::Command;
use infonet::i18n::Lang;
use infonet::ui::FakePicker;

/// Words of the UI that are English only (none is also a Norwegian word).
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "people",
    "ties",
    "Open",
    "open",
    "Opened",
    "Save",
    "save",
    "Close",
    "Show",
    "show",
    "Hide",
    "Filters",
    "Layout",
    "Error",
    "warnings",
    "warning",
    "named",
    "Named",
    "Export",
    "picture",
    "Edit",
    "View",
    "Help",
    "File",
    "Add",
    "Settings",
    "Cancel",
    "Apply",
    "Delete",
    "Pause",
    "Resume",
    "Search",
    "Scenes",
    "Present",
    "network",
    "Network",
    "Undo",
    "Redo",
    "Quit",
    "Years",
    "Age",
    "Public",
    "Private",
    "Other",
    "Unknown",
    "Names",
    "Nobody",
    "Pinned",
    "Unpin",
    "names",
    "Legend",
    "Theme",
    "Light",
    "Dark",
    "Measures",
    "Compare",
    "Culture",
    "Density",
    "Reciprocity",
    "Gravity",
    "Repulsion",
    "length",
    "seed",
    "running",
    "settled",
    "paused",
    "steps",
    "step",
    "everyone",
    "Everyone",
    "with",
    "from",
    "whole",
    "shown",
    "Space",
];

/// Words that are Norwegian only.
const NORWEGIAN: &[&str] = &[
    "og",
    "av",
    "personer",
    "bånd",
    "Åpne",
    "Åpnet",
    "Lagre",
    "Lukk",
    "Vis",
    "Skjul",
    "Filtre",
    "Oppsett",
    "Feil",
    "advarsler",
    "nevnt",
    "Eksporter",
    "Rediger",
    "Hjelp",
    "Fil",
    "Avbryt",
    "Slett",
    "alle",
    "Alder",
    "Offentlig",
    "Privat",
    "Ukjent",
    "steg",
    "fra",
    "hele",
];

fn harness(lang: Lang) -> Harness<'static, InfonetApp> {
    let mut app = InfonetApp::headless(Box::new(FakePicker(vec![])));
    app.push(Command::OpenSample("fjellvik"));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut InfonetApp| app.ui(ui), app);
    h.run_steps(3);
    // Switched after opening: the status line was written in English.
    h.state_mut().push(Command::SetLang(lang));
    h.state_mut().push(Command::SetPaused(true));
    h.run_steps(3);
    h
}

/// Every text on screen now: labels and values.
fn texts(h: &Harness<'static, InfonetApp>) -> Vec<String> {
    h.get_all_by(|_| true)
        .filter_map(|n| {
            let node = n.accesskit_node();
            let text = [node.label(), node.value(), node.description()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            (!text.trim().is_empty()).then_some(text)
        })
        .collect()
}

/// Opens each part of the UI in turn and collects what it shows.
fn walk(h: &mut Harness<'static, InfonetApp>) -> Vec<String> {
    let mut seen = texts(h);
    let tr = h.state().view().lang.tr();
    // Every menu.
    for menu in [tr.menu_file, tr.menu_edit, tr.menu_view, tr.menu_layout, tr.menu_help] {
        h.get_by_role_and_label(egui::accesskit::Role::Button, menu).click();
        h.run_steps(3);
        seen.extend(texts(h));
        h.key_press(egui::Key::Escape);
        h.run_steps(2);
    }
    // The card of the most named person, with their neighbourhood.
    let id = h.state().doc().expect("open").network.find("p085").expect("p085");
    h.state_mut().push(Command::Select(Some(id)));
    h.state_mut().push(Command::SetEgo(Some((id, 1))));
    h.run_steps(3);
    seen.extend(texts(h));
    hover_all(h, &mut seen);
    // The analysis panel, each tab.
    h.state_mut().view_mut().show_analysis = true;
    use infonet::ui::analysis_panel::AnalysisTab;
    for tab in [AnalysisTab::Measures, AnalysisTab::Composition, AnalysisTab::Compare, AnalysisTab::Culture] {
        h.state_mut().view_mut().analysis_tab = tab;
        // The measures are computed in the background.
        for _ in 0..200 {
            h.step();
            if !h.state().insights().is_busy() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        h.run_steps(3);
        seen.extend(texts(h));
        hover_all(h, &mut seen);
    }
    h.state_mut().view_mut().show_analysis = false;
    // Windows: scenes, import report, picture export, shortcuts, about.
    h.state_mut().ui_state_mut().show_scenes = true;
    h.state_mut().push(Command::ImportSettings);
    h.state_mut().push(Command::PictureDialog);
    h.state_mut().ui_state_mut().show_shortcuts = true;
    h.state_mut().ui_state_mut().show_about = true;
    h.run_steps(4);
    seen.extend(texts(h));
    hover_all(h, &mut seen);
    seen
}

/// egui's own names for a window's title-bar buttons, read by screen readers and never drawn.
const EGUI_ACCESSIBILITY: &[&str] = &["Close window", "Hide", "Show"];

/// Hovers every button and label on screen, collecting the tooltips.
fn hover_all(h: &mut Harness<'static, InfonetApp>, seen: &mut Vec<String>) {
    // Tooltips at once, not after the usual rest of the pointer.
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    let hoverable: Vec<egui::Pos2> = h
        .get_all_by(|n| matches!(n.role(), egui::accesskit::Role::Button | egui::accesskit::Role::Label))
        .map(|n| n.rect().center())
        .filter(|p| p.x > 0.0 && p.y > 0.0 && p.x < 1440.0 && p.y < 900.0)
        .collect();
    for at in hoverable {
        h.event(egui::Event::PointerMoved(at));
        h.run_steps(2);
        seen.extend(texts(h));
    }
}

fn leftovers(seen: &[String], words: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = seen
        .iter()
        .filter(|text| !EGUI_ACCESSIBILITY.contains(&text.as_str()))
        .filter(|text| {
            text.split(|c: char| !c.is_alphanumeric() && c != 'å' && c != 'Å').any(|w| words.contains(&w))
        })
        .cloned()
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn norwegian_leaves_no_english_on_screen() {
    let mut h = harness(Lang::Nb);
    let seen = walk(&mut h);
    assert!(seen.len() > 200, "{} texts seen", seen.len());
    // The walk reached the tooltips.
    assert!(seen.iter().any(|t| t.contains(Lang::Nb.tr().fade_hint)), "no tooltip seen");
    let english = leftovers(&seen, ENGLISH);
    assert!(english.is_empty(), "English left in the Norwegian UI:\n{}", english.join("\n"));
}

#[test]
fn english_leaves_no_norwegian_on_screen() {
    let mut h = harness(Lang::En);
    let seen = walk(&mut h);
    let norwegian = leftovers(&seen, NORWEGIAN);
    assert!(norwegian.is_empty(), "Norwegian left in the English UI:\n{}", norwegian.join("\n"));
}

/// Remembers the language the app gives it.
struct LangPicker(std::sync::Arc<std::sync::Mutex<Option<Lang>>>);

impl infonet::ui::FilePicker for LangPicker {
    fn pick_network(&mut self) -> infonet::ui::PickResult {
        infonet::ui::PickResult::Cancelled
    }
    fn save_network(&mut self, _default_name: &str) -> infonet::ui::PickResult {
        infonet::ui::PickResult::Cancelled
    }
    fn set_lang(&mut self, lang: Lang) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(lang);
        }
    }
}

#[test]
fn the_file_dialogs_follow_the_language() {
    let told = std::sync::Arc::new(std::sync::Mutex::new(None));
    let view = infonet::app::ViewState { lang: Lang::Nb, ..Default::default() };
    let mut app = InfonetApp::new(
        view,
        infonet::layout::worker::LayoutHandle::inline(),
        Box::new(LangPicker(std::sync::Arc::clone(&told))),
    );
    assert_eq!(*told.lock().expect("lock"), Some(Lang::Nb), "told at start");
    let ctx = egui::Context::default();
    app.apply(Command::SetLang(Lang::En), &ctx);
    assert_eq!(*told.lock().expect("lock"), Some(Lang::En), "told on a switch");
    assert_eq!(Lang::Nb.tr().dialog_open_network, "Åpne et nettverk");
}

#[test]
fn an_error_of_the_app_itself_is_said_in_norwegian() {
    let mut h = harness(Lang::Nb);
    let empty = tempfile::tempdir().expect("tempdir");
    h.state_mut().push(Command::OpenFolder(empty.path().to_path_buf()));
    h.run_steps(3);
    match h.state().status() {
        infonet::app::Status::Error(text) => {
            assert!(text.contains("ingen nettverksfiler i denne mappen"), "{text}");
            assert!(leftovers(std::slice::from_ref(text), ENGLISH).is_empty(), "{text}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
}
