//! UI behaviour, headless, by label (egui_kittest). The layout steps inline, and the file
//! dialog is a fake, so nothing here opens a window or a native dialog.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use infonet::app::InfonetApp;
use infonet::command::Command;
use infonet::ui::{FakePicker, PickResult};

fn harness(picker: Vec<PickResult>) -> Harness<'static, InfonetApp> {
    let mut app = InfonetApp::headless(Box::new(FakePicker(picker)));
    app.push(Command::OpenSample("fjellvik"));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut InfonetApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

#[test]
fn opening_a_sample_shows_counts_and_chips() {
    let h = harness(vec![]);
    h.get_by_label("91 of 91 people, 204 of 204 ties");
    h.get_by_label("10+ (64)");
    h.get_by_label("4-9 (16)");
    h.get_by_label("<4 (9)");
    h.get_by_label(">40 (63)");
    assert_eq!(h.state().doc().map(|d| d.network.name.as_str()), Some("Fjellvik"));
}

#[test]
fn toggling_a_tenure_chip_changes_the_counts() {
    let mut h = harness(vec![]);
    h.get_by_label("10+ (64)").click();
    h.run_steps(2);
    // Without the 64 people of 10+ years: 27 people, and 6 ties among them.
    h.get_by_label("27 of 91 people, 6 of 204 ties");
    assert_eq!(h.state().filtered().people_shown, 27);
    // The sector chips now count only the people the tenure filter lets through.
    let sector_total: usize = h.state().filtered().chip_counts[0].iter().sum();
    assert_eq!(sector_total, 27);
    // Clicking again brings everyone back.
    h.get_by_label("10+ (64)").click();
    h.run_steps(2);
    h.get_by_label("91 of 91 people, 204 of 204 ties");
}

#[test]
fn hide_mode_removes_people_from_the_scene() {
    let mut h = harness(vec![]);
    h.get_by_label("10+ (64)").click();
    h.run_steps(2);
    let faded = h.state().scene().nodes.len();
    assert_eq!(faded, 91, "fade keeps everyone drawn");
    h.get_all_by_label("Hide").nth(1).expect("tenure hide toggle").click();
    h.run_steps(2);
    assert_eq!(h.state().scene().nodes.len(), 27, "hide removes the 64");
    assert_eq!(h.state().scene().ties.len(), 6 - h.state().scene().ties.iter().filter(|t| t.mutual).count());
}

#[test]
fn pause_and_resume_the_layout() {
    let mut h = harness(vec![]);
    let steps_before = h.state().layout_status().2;
    assert!(steps_before > 0, "the layout runs after opening");
    h.get_by_label("Pause").click();
    h.run_steps(2);
    h.get_by_label("Layout paused");
    let paused_at = h.state().layout_status().2;
    h.run_steps(5);
    assert_eq!(h.state().layout_status().2, paused_at, "no steps while paused");
    h.get_by_label("Resume").click();
    h.run_steps(3);
    assert!(h.state().layout_status().2 > paused_at, "steps again after resume");
    // Space toggles it too.
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert!(h.state().layout_status().1, "space paused it");
}

#[test]
fn the_layout_settles_and_then_stops_asking_for_frames() {
    let mut h = harness(vec![]);
    for _ in 0..200 {
        h.step();
        if h.state().layout_status().0 == infonet::layout::LayoutStatus::Settled {
            break;
        }
    }
    assert_eq!(h.state().layout_status().0, infonet::layout::LayoutStatus::Settled);
    h.get_by_label("Layout settled");
    // Settled: egui is not asked for another frame, so nothing runs while it sits on screen.
    // (The camera may take a few frames to finish fitting.)
    let frames = h.run();
    assert!(frames <= 30, "{frames} frames after settling");
    let (_, _, steps) = h.state().layout_status();
    h.run();
    assert_eq!(h.state().layout_status().2, steps, "no layout steps while settled");
}

#[test]
fn clicking_a_person_opens_their_card() {
    let mut h = harness(vec![]);
    let doc = h.state().doc().expect("open");
    let id = doc.network.find("p085").expect("the most named person");
    h.state_mut().push(Command::Select(Some(id)));
    h.run_steps(2);
    h.get_by_label("Named by (19)");
    h.get_by_label("Respondent");
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert_eq!(h.state().selected(), None);
}

#[test]
fn no_file_dialog_falls_back_to_a_path_field() {
    let mut h = harness(vec![PickResult::Unavailable]);
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label_contains("Open…").click();
    h.run_steps(3);
    assert!(h.state().ui_state().path_field.is_some(), "the path field is shown instead of doing nothing");
    h.get_by_label("No file dialog is available on this computer; type the path instead.");
    // Typing a path and pressing Open loads it.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-networks/solboen.ties.csv");
    h.state_mut().ui_state_mut().path_field = Some(path.display().to_string());
    h.run_steps(1);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Open…").click();
    h.run_steps(2);
    h.state_mut().wait_for_load();
    h.run_steps(2);
    assert_eq!(h.state().doc().map(|d| d.network.name.as_str()), Some("Solboen"));
    h.get_by_label("46 of 46 people, 110 of 110 ties");
}

#[test]
fn a_bad_file_keeps_the_open_network_and_shows_the_error() {
    let mut h = harness(vec![]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.ties.csv");
    std::fs::write(&path, b"source,target\n\"unclosed,p2\n").expect("write");
    h.state_mut().push(Command::Open(path));
    h.run_steps(1);
    h.state_mut().wait_for_load();
    h.run_steps(2);
    assert_eq!(h.state().doc().map(|d| d.network.person_count()), Some(91), "Fjellvik stays open");
    match h.state().status() {
        infonet::app::Status::Error(text) => {
            assert!(text.contains("broken.ties.csv:2:1"), "{text}");
            assert!(text.contains("the open network was kept"), "{text}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn norwegian_ui_strings() {
    let mut h = harness(vec![]);
    h.state_mut().push(Command::SetLang(infonet::i18n::Lang::Nb));
    h.run_steps(2);
    h.get_by_label("91 av 91 personer, 204 av 204 bånd");
    h.get_by_label("Filtre");
}

fn counts(h: &Harness<'static, InfonetApp>) -> (usize, usize) {
    let n = &h.state().doc().expect("open").network;
    (n.person_count(), n.tie_count())
}

#[test]
fn add_a_person_then_undo_and_redo() {
    let mut h = harness(vec![]);
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label("Add person…").click();
    h.run_steps(3);
    h.get_by_label("Add").click();
    h.run_steps(3);
    assert_eq!(counts(&h), (92, 204));
    h.get_by_label("92 of 92 people, 204 of 204 ties");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(counts(&h), (91, 204), "undo removes the new person");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(counts(&h), (92, 204), "redo adds them again");
}

#[test]
fn ties_deleting_people_and_filters_are_undoable() {
    let mut h = harness(vec![]);
    // A new tie between two people who were not tied.
    h.state_mut().push(Command::Perform(infonet::edit::Edit::AddTie {
        source: "p001".into(),
        target: "p002".into(),
        tie: infonet::model::Tie::default(),
    }));
    h.run_steps(2);
    assert_eq!(counts(&h), (91, 205));
    // Delete the most named person (19 named them, and they named some).
    let id = h.state().doc().expect("open").network.find("p085").expect("p085");
    h.state_mut().push(Command::Select(Some(id)));
    h.run_steps(2);
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    let (people, ties) = counts(&h);
    assert_eq!(people, 90);
    assert!(ties < 205 - 19, "their ties went with them: {ties}");
    // Undo: person and all ties back; undo again: the added tie goes.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(counts(&h), (91, 205));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(counts(&h), (91, 204));
    // A filter change is a step too.
    h.get_by_label("10+ (64)").click();
    h.run_steps(2);
    h.get_by_label("27 of 91 people, 6 of 204 ties");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    h.get_by_label("91 of 91 people, 204 of 204 ties");
}

#[test]
fn anonymise_hides_every_name_on_screen() {
    let mut h = harness(vec![]);
    let id = h.state().doc().expect("open").network.find("p085").expect("p085");
    let real = h.state().doc().expect("open").network.person(id).expect("p085").name.clone();
    h.state_mut().push(Command::Select(Some(id)));
    h.run_steps(2);
    h.get_by_label(&real);
    h.get_by_label("View").click();
    h.run_steps(3);
    h.get_by_label("Anonymise names").click();
    h.run_steps(3);
    assert!(h.query_by_label(&real).is_none(), "the real name is gone from the card");
    assert!(h.state().scene().labels.iter().all(|l| l.text.starts_with("Public ")
        || l.text.starts_with("Private ")
        || l.text.starts_with("Other ")
        || l.text.starts_with("Person ")));
    h.get_by_label("Names are hidden (anonymised)");
}

#[test]
fn save_and_reopen_restores_positions_pins_filters_and_camera() {
    let mut h = harness(vec![]);
    for _ in 0..120 {
        h.step();
    }
    // Move and pin someone, filter, then save.
    let id = h.state().doc().expect("open").network.find("p085").expect("p085");
    h.state_mut().push(Command::DragTo(id, [321.0, -123.0]));
    h.run_steps(1);
    h.get_by_label("10+ (64)").click();
    h.run_steps(3);
    for _ in 0..200 {
        h.step();
        if h.state().layout_status().0 == infonet::layout::LayoutStatus::Settled {
            break;
        }
    }
    assert_eq!(h.state().layout_status().0, infonet::layout::LayoutStatus::Settled);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("workshop.infonet");
    h.state_mut().push(Command::SaveProjectTo(path.clone()));
    h.run_steps(2);
    assert!(!h.state().dirty(), "saved");
    let saved_positions = h.state().layout().snapshot().positions.clone();
    let saved_pins = h.state().layout().snapshot().pinned.clone();
    let saved_camera = h.state().camera();
    let saved_filter = h.state().filter();

    let mut reopened = harness(vec![]);
    reopened.state_mut().push(Command::Open(path));
    reopened.run_steps(3);
    let app = reopened.state();
    assert_eq!(app.filter(), saved_filter);
    assert_eq!(app.camera(), saved_camera);
    assert_eq!(app.layout().snapshot().positions, saved_positions, "same positions after reopening");
    assert_eq!(app.layout().snapshot().pinned, saved_pins);
    let i = app.doc().expect("open").dense(id).expect("p085 laid out");
    assert_eq!(app.layout().snapshot().positions[i], [321.0, -123.0]);
    assert!(app.layout().snapshot().pinned[i]);
    reopened.get_by_label("27 of 91 people, 6 of 204 ties");
}

#[test]
fn scenes_step_with_clicker_keys_in_presentation_mode() {
    let mut h = harness(vec![]);
    // Scene 1: everyone. Scene 2: only 10+ years, zoomed on the most named person's ego view.
    h.state_mut().push(Command::SaveScene("Everyone".into()));
    h.run_steps(1);
    h.get_by_label("10+ (64)").click();
    h.run_steps(2);
    let id = h.state().doc().expect("open").network.find("p085").expect("p085");
    h.state_mut().push(Command::SetEgo(Some((id, 1))));
    h.state_mut().push(Command::SaveScene("Newcomers".into()));
    h.run_steps(2);
    assert_eq!(h.state().scenes().len(), 2);
    assert_eq!(h.state().scenes()[1].focus.as_deref(), Some("p085"));

    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().presenting());
    assert!(h.query_by_label("Filters").is_none(), "panels are hidden while presenting");
    // The first clicker press shows scene 1 (current is scene 2 after saving; go back first).
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().current_scene(), Some(0));
    assert!(h.state().filter().is_open(), "scene 1 shows everyone");
    assert_eq!(h.state().ego(), None);
    h.key_press(egui::Key::PageDown);
    h.run_steps(2);
    assert_eq!(h.state().current_scene(), Some(1));
    assert_eq!(h.state().filter().tenure.allowed, [true, true, false, true]);
    assert_eq!(h.state().ego().map(|(p, _)| p), Some(id));
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert_eq!(h.state().current_scene(), Some(1), "stays on the last scene");
    h.key_press(egui::Key::PageUp);
    h.run_steps(2);
    assert_eq!(h.state().current_scene(), Some(0));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!h.state().presenting());
    h.get_by_label("Filters");
}

#[test]
fn search_finds_names_typed_without_special_letters() {
    let mut h = harness(vec![]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    assert!(h.state().ui_state().search.is_some());
    // "asta lyso" finds "Åsta Lysø".
    h.state_mut().ui_state_mut().search = Some("asta lyso".into());
    h.run_steps(2);
    h.get_by_label("Åsta Lysø").click();
    h.run_steps(3);
    let doc = h.state().doc().expect("open");
    let found = h.state().selected().and_then(|id| doc.network.person(id)).map(|p| p.name.clone());
    assert_eq!(found.as_deref(), Some("Åsta Lysø"));
    assert!(h.state().pulse().is_some(), "the person pulses");
}

#[test]
fn survey_with_misspelt_names_offers_merges_and_applies_them() {
    let mut h = harness(vec![]);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/survey_misspelt.csv");
    h.state_mut().push(Command::Open(path));
    h.run_steps(1);
    h.state_mut().wait_for_load();
    h.run_steps(3);
    // 5 respondents; unmatched spellings become named-only people.
    let before = counts(&h);
    assert!(h.state().ui_state().show_import, "the import dialog opens for names to check");
    let duplicates = h.state().doc().expect("open").import.duplicates.clone();
    assert!(
        duplicates.iter().any(|d| d.b_name == "Kari Nordman" && d.a_name == "Kari Nordmann"),
        "{duplicates:?}"
    );
    assert!(
        duplicates.iter().any(|d| d.b_name.contains("Bjørg Aas") || d.a_name.contains("Bjørg Aas")),
        "{duplicates:?}"
    );
    // Merge every pair offered, then apply.
    for d in &duplicates {
        let label = format!("\"{}\" merge into \"{}\"", d.b_name, d.a_name);
        h.get_by_label(&label).click();
        h.run_steps(1);
    }
    h.get_by_label("Apply").click();
    h.run_steps(1);
    h.state_mut().wait_for_load();
    h.run_steps(2);
    let after = counts(&h);
    assert_eq!(after.0, before.0 - duplicates.len(), "each merge removes one person");
    // Kari Nordman, Bjørg Aas, Ola Hanssen and Per Saether are the respondents misspelt:
    // after merging, the five respondents and Tor Berg (named only) remain.
    assert_eq!(after.0, 6, "{after:?}");
}

#[test]
fn export_picture_writes_the_canvas_as_png_and_svg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("fjellvik.png");
    let svg = dir.path().join("fjellvik.svg");
    let mut h = harness(vec![PickResult::Picked(png.clone()), PickResult::Picked(svg.clone())]);
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Export picture…").click();
    h.run_steps(3);
    h.get_by_label("The whole network").click();
    h.get_by_label("Transparent background").click();
    h.run_steps(2);
    h.get_by_label("Save PNG…").click();
    h.run_steps(3);
    let bytes = std::fs::read(&png).expect("the PNG is written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    assert_eq!(width, 2400, "the default width");
    h.get_by_label_contains("Picture saved:");
    assert!(!h.state().ui_state().show_picture_dialog, "the window closes after saving");

    // SVG: every person drawn (91) plus the legend's samples, names included.
    h.state_mut().push(Command::PictureDialog);
    h.run_steps(2);
    h.get_by_label("Save SVG…").click();
    h.run_steps(3);
    let text = std::fs::read_to_string(&svg).expect("the SVG is written");
    assert!(text.matches("<circle").count() >= 91, "{} circles", text.matches("<circle").count());
    assert!(text.contains("Fjellvik"), "the legend's title");
}

#[test]
fn enter_in_the_path_field_saves_the_project_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("study.infonet");
    let mut h = harness(vec![PickResult::Unavailable]);
    h.state_mut().push(Command::SaveProjectAs);
    h.run_steps(2);
    let suggested = h.state().ui_state().path_field.clone().expect("the path field is shown");
    assert!(
        std::path::Path::new(&suggested).is_absolute(),
        "a full path is suggested, not a bare name: {suggested}"
    );
    h.state_mut().ui_state_mut().path_field = Some(target.display().to_string());
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert!(target.exists(), "Enter saved the project");
    assert!(h.state().ui_state().path_field.is_none(), "the field closes");
}

#[test]
fn a_gephi_file_opens_as_it_was_drawn() {
    let mut h = harness(vec![]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("drawn.gexf");
    // Gephi's y points up: Åse is drawn above Bjørn, Cecilie to the right of Bjørn.
    let gexf = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="directed">
    <nodes>
      <node id="a" label="Åse"><viz:position x="0" y="300" z="0"/></node>
      <node id="b" label="Bjørn"><viz:position x="0" y="0" z="0"/></node>
      <node id="c" label="Cecilie"><viz:position x="300" y="0" z="0"/></node>
    </nodes>
    <edges>
      <edge source="a" target="b"/>
      <edge source="c" target="b"/>
    </edges>
  </graph>
</gexf>"#;
    std::fs::write(&path, gexf).expect("write");
    h.state_mut().push(Command::Open(path));
    h.run_steps(1);
    h.state_mut().wait_for_load();
    h.run_steps(3);
    let app = h.state();
    let doc = app.doc().expect("opened");
    assert_eq!(doc.network.person_count(), 3);
    let at = |key: &str| {
        let id = doc.network.find(key).expect("person");
        app.layout().snapshot().positions[doc.dense(id).expect("laid out")]
    };
    let (a, b, c) = (at("a"), at("b"), at("c"));
    // Screen y points down, so Åse is above (smaller y); both ties are one link distance long.
    assert!((a[0] - b[0]).abs() < 1e-3 && a[1] < b[1], "{a:?} {b:?}");
    assert!((c[1] - b[1]).abs() < 1e-3 && c[0] > b[0], "{b:?} {c:?}");
    let k = app.view().layout.link_distance;
    assert!(((b[1] - a[1]) - k).abs() < 1e-3 && ((c[0] - b[0]) - k).abs() < 1e-3);
    assert_eq!(app.layout().snapshot().status, infonet::layout::LayoutStatus::Settled);
    match &app.status() {
        infonet::app::Status::Info(text) => assert!(text.contains("kept the file's own layout"), "{text}"),
        other => panic!("expected a note, got {other:?}"),
    }
}

#[test]
fn culture_names_give_the_municipalities_their_spelling() {
    let mut app = InfonetApp::headless(Box::new(FakePicker(vec![])));
    app.push(Command::OpenAllSamples);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut InfonetApp| app.ui(ui), app);
    h.run_steps(4);
    let names: Vec<String> = h.state().project_list().into_iter().map(|(_, n, _)| n).collect();
    // The files are asdalen.* and solboen.*; the culture file spells them Åsdalen and Solbøen.
    assert_eq!(names, ["Fjellvik", "Solbøen", "Åsdalen"]);
    assert_eq!(
        h.state().ui_state().ocai_panel.selected.as_deref(),
        Some("Fjellvik"),
        "the culture panel follows"
    );
}

#[test]
fn a_municipality_can_be_renamed_and_the_rename_undone() {
    let mut h = harness(vec![]);
    h.get_by_label("Rename…").click();
    h.run_steps(2);
    h.get_by_role(egui::accesskit::Role::TextInput).type_text(" kommune");
    h.run_steps(1);
    h.get_by_label("Rename").click();
    h.run_steps(3);
    assert_eq!(h.state().doc().map(|d| d.network.name.as_str()), Some("Fjellvik kommune"));
    assert_eq!(h.state().scene().legend.title, "Fjellvik kommune", "the legend's title follows");
    assert!(h.state().dirty());
    let saved = h.state().to_project_file();
    assert_eq!(saved.networks[0].name, "Fjellvik kommune", "kept in the project file");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().doc().map(|d| d.network.name.as_str()), Some("Fjellvik"));
}

#[test]
fn a_chart_slide_is_a_scene_that_steps_in_f5() {
    let mut app = InfonetApp::headless(Box::new(FakePicker(vec![])));
    app.push(Command::OpenAllSamples);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut InfonetApp| app.ui(ui), app);
    h.run_steps(4);
    h.state_mut().push(Command::SaveScene("The network".into()));
    h.state_mut().ui_state_mut().show_scenes = true;
    h.run_steps(2);
    h.get_by_label("Culture kite (OCAI)").click();
    h.run_steps(3);
    let scenes = &h.state().scenes();
    assert_eq!(scenes.len(), 2);
    let chart = scenes[1].chart.clone().expect("the second scene is a chart");
    assert_eq!(chart.kind, infonet::chart::ChartKind::Kite);
    assert_eq!(chart.municipality.as_deref(), Some("Fjellvik"));
    assert!(h.state().chart_shown(), "the kite is drawn on the canvas");
    h.get_by_label("Back to the network");

    h.state_mut().push(Command::GoToScene(0));
    h.run_steps(2);
    assert!(h.state().chart().is_none(), "a network scene shows the network");
    h.key_press(egui::Key::F5);
    h.run_steps(3);
    assert!(h.state().presenting());
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(h.state().current_scene(), Some(1));
    assert!(h.state().chart_shown(), "the chart slide fills the screen in F5");
    assert!(h.query_by_label("Back to the network").is_none(), "no buttons while presenting");
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(3);
    assert!(h.state().chart().is_none(), "back to the network scene");
}

#[test]
fn the_project_file_keeps_sizes_legend_corner_and_bigger_names() {
    let mut h = harness(vec![]);
    h.state_mut().view_mut().legend_corner = infonet::scene::frame::Corner::TopRight;
    h.state_mut().view_mut().label_size_by_degree = true;
    h.state_mut().push(Command::SetNodeSizes(Some([3.0, 30.0])));
    h.run_steps(2);
    let saved = h.state().to_project_file();
    let json = saved.to_json();
    let read =
        infonet::project::ProjectFile::from_json(std::path::Path::new("p.infonet"), &json).expect("reads");
    let mut app = InfonetApp::headless(Box::new(FakePicker(vec![])));
    app.load_project_file(&read);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut InfonetApp| app.ui(ui), app);
    h.run_steps(2);
    let other = h.state();
    assert_eq!(other.view().legend_corner, infonet::scene::frame::Corner::TopRight);
    assert_eq!(other.view().node_sizes, Some([3.0, 30.0]));
    assert!(other.view().label_size_by_degree);
    // The biggest disc is the most named person's, at the set size.
    let biggest = other.scene().nodes.iter().map(|n| n.radius).fold(0.0f32, f32::max);
    assert!((biggest - 30.0).abs() < 1e-3, "{biggest}");
}
