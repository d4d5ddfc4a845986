//! What a presenter and a newcomer tripped over in a full walkthrough, each as a reproduction:
//! headless, by label (egui_kittest), with the layout stepping inline and a fake file dialog.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use infonet::app::InfonetApp;
use infonet::command::Command;
use infonet::model::PersonId;
use infonet::ui::{FakePicker, PickResult};

fn harness(picker: Vec<PickResult>) -> Harness<'static, InfonetApp> {
    let mut app = InfonetApp::headless(Box::new(FakePicker(picker)));
    app.push(Command::OpenSample("fjellvik"));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut InfonetApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

fn person(h: &Harness<'static, InfonetApp>, key: &str) -> PersonId {
    h.state().doc().expect("open").network.find(key).expect("person")
}

/// Steps until the layout has settled.
fn settle(h: &mut Harness<'static, InfonetApp>) {
    for _ in 0..400 {
        h.step();
        if h.state().layout_status().0 == infonet::layout::LayoutStatus::Settled {
            return;
        }
    }
    panic!("the layout did not settle");
}

/// Opens p085's card and turns on their 1-step neighbourhood.
fn focus_on_p085(h: &mut Harness<'static, InfonetApp>) -> PersonId {
    let id = person(h, "p085");
    h.state_mut().push(Command::Select(Some(id)));
    h.run_steps(2);
    h.get_by_label("1 step").click();
    h.run_steps(2);
    assert_eq!(h.state().ego(), Some((id, 1)));
    id
}

const EVERYONE: &str = "91 of 91 people, 204 of 204 ties";

#[test]
fn the_neighbourhood_view_counts_zooms_and_is_left_by_esc_close_show_everyone_and_undo() {
    let mut h = harness(vec![]);
    settle(&mut h);
    let before = h.state().camera();
    let id = focus_on_p085(&mut h);
    // p085, the 19 who named them and whom they named; their ties.
    let network = &h.state().doc().expect("open").network;
    let people = network.neighbours(id).len() + 1;
    let ties = network.ties().filter(|(_, s, t, _)| *s == id || *t == id).count();
    assert!(people >= 20, "{people}");
    h.get_by_label(&format!("{people} of 91 people, {ties} of 204 ties"));
    // The camera heads for the neighbourhood: closer in than the whole network, everyone in it
    // inside the canvas.
    let goal = h.state().camera_goal();
    assert!(goal.scale > before.scale * 1.1, "{} -> {}", before.scale, goal.scale);
    let canvas = h.state().canvas_rect().expect("canvas");
    let near = infonet::analysis::filter::neighbourhood(network, id, 1);
    let doc = h.state().doc().expect("open");
    for (i, p) in doc.order.iter().enumerate() {
        if near[p.index()] {
            let at = goal.ui_from_world(canvas, h.state().layout().snapshot().positions[i]);
            assert!(canvas.contains(at), "{at:?} outside {canvas:?}");
        }
    }

    // Esc leaves it (and closes the card); the camera goes back to the whole network.
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().ego(), None);
    h.get_by_label(EVERYONE);
    h.run_steps(30);
    let back = h.state().camera();
    assert!(
        (back.scale - before.scale).abs() < 1e-3 && (back.centre[0] - before.centre[0]).abs() < 0.5,
        "back to the whole network: {back:?} {before:?}"
    );

    // Closing the card leaves it.
    focus_on_p085(&mut h);
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert_eq!(h.state().ego(), None);

    // "Show everyone" in the left panel is enabled while a focus is on, and leaves it.
    focus_on_p085(&mut h);
    let left = h
        .get_all_by_label("Show everyone")
        .find(|n| n.rect().center().x < 400.0)
        .expect("the left panel's Show everyone");
    assert!(!left.accesskit_node().is_disabled(), "enabled while a focus is on");
    left.click();
    h.run_steps(2);
    assert_eq!(h.state().ego(), None);
    h.get_by_label(EVERYONE);

    // Undo leaves it, and only it: an earlier filter stays.
    h.get_by_label("10+ (64)").click();
    h.run_steps(2);
    let filter = h.state().filter();
    focus_on_p085(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().ego(), None, "undo leaves the neighbourhood");
    assert_eq!(h.state().filter(), filter, "and keeps the filter");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().ego(), Some((id, 1)), "redo brings it back");
}

#[test]
fn looking_at_a_neighbourhood_leaves_nothing_unsaved() {
    let mut h = harness(vec![]);
    assert!(!h.state().dirty());
    focus_on_p085(&mut h);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().ego(), None);
    assert!(!h.state().dirty(), "closing the window would not ask to save");
}

#[test]
fn searching_someone_outside_the_neighbourhood_moves_it_to_them() {
    let mut h = harness(vec![]);
    let id = focus_on_p085(&mut h);
    let network = &h.state().doc().expect("open").network;
    let near = infonet::analysis::filter::neighbourhood(network, id, 1);
    let (outsider, name) = network
        .people()
        .find(|(p, _)| !near[p.index()])
        .map(|(p, x)| (p, x.name.clone()))
        .expect("someone outside");
    let inside = network.neighbours(id)[0];
    // Someone inside: the focus stays.
    h.state_mut().push(Command::ZoomTo(inside));
    h.run_steps(2);
    assert_eq!(h.state().ego(), Some((id, 1)));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.state_mut().ui_state_mut().search = Some(name.clone());
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selected(), Some(outsider));
    assert_eq!(h.state().ego(), Some((outsider, 1)), "the focus moved to {name}");
    let drawn = h.state().scene().nodes.iter().find(|n| n.person == outsider).expect("drawn");
    assert_ne!(drawn.emphasis, infonet::scene::Emphasis::Faded, "{name} is not drawn faded");
}

#[test]
fn restarting_with_a_new_seed_keeps_pinned_people_where_they_were_pinned() {
    let mut h = harness(vec![]);
    settle(&mut h);
    let id = person(&h, "p085");
    h.state_mut().push(Command::DragTo(id, [321.0, -123.0]));
    h.run_steps(2);
    let other = person(&h, "p001");
    let dense =
        |h: &Harness<'static, InfonetApp>, p| h.state().doc().expect("open").dense(p).expect("laid out");
    let other_before = h.state().layout().snapshot().positions[dense(&h, other)];
    h.get_by_label("Restart with a new seed").click();
    h.run_steps(2);
    settle(&mut h);
    let snapshot = h.state().layout().snapshot();
    let i = dense(&h, id);
    assert!(snapshot.pinned[i], "still pinned");
    assert_eq!(snapshot.positions[i], [321.0, -123.0], "still where they were pinned");
    assert_eq!(snapshot.pinned.iter().filter(|p| **p).count(), 1, "nobody else pinned");
    assert_ne!(snapshot.positions[dense(&h, other)], other_before, "the others were laid out afresh");
}

/// Three scenes, the last one shown (as after saving them).
fn three_scenes(h: &mut Harness<'static, InfonetApp>) {
    for name in ["One", "Two", "Three"] {
        h.state_mut().push(Command::SaveScene(name.into()));
        h.run_steps(1);
    }
    assert_eq!(h.state().current_scene(), Some(2));
}

#[test]
fn f5_presents_from_the_first_scene_and_shift_f5_from_the_current_one() {
    let mut h = harness(vec![]);
    three_scenes(&mut h);
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().presenting());
    assert_eq!(h.state().current_scene(), Some(0), "F5 starts at scene 1");
    h.key_press(egui::Key::PageDown);
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!h.state().presenting());
    assert_eq!(h.state().current_scene(), Some(1));
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().presenting());
    assert_eq!(h.state().current_scene(), Some(1), "Shift+F5 starts at the current scene");
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(!h.state().presenting(), "F5 again stops");
}

#[test]
fn dragging_one_person_after_the_layout_settled_moves_only_them() {
    let mut h = harness(vec![]);
    settle(&mut h);
    h.run();
    let id = person(&h, "p085");
    let i = h.state().doc().expect("open").dense(id).expect("laid out");
    let before = h.state().layout().snapshot().positions.clone();
    // A real drag with the mouse, from the person 80 points to the right.
    let canvas = h.state().canvas_rect().expect("canvas");
    let from = h.state().camera().ui_from_world(canvas, before[i]);
    let press = |h: &mut Harness<'static, InfonetApp>, at: egui::Pos2, pressed: bool| {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    };
    h.event(egui::Event::PointerMoved(from));
    h.step();
    press(&mut h, from, true);
    h.step();
    for k in 1..=8 {
        h.event(egui::Event::PointerMoved(from + egui::vec2(10.0 * k as f32, 0.0)));
        h.step();
    }
    press(&mut h, from + egui::vec2(80.0, 0.0), false);
    h.run_steps(30);
    let after = h.state().layout().snapshot();
    assert!(after.pinned[i], "the dragged person is pinned");
    assert!((after.positions[i][0] - before[i][0]) * h.state().camera().scale > 60.0, "they moved");
    let moved: Vec<usize> =
        (0..before.len()).filter(|&j| j != i && after.positions[j] != before[j]).collect();
    assert!(moved.is_empty(), "{} others moved", moved.len());
    assert_eq!(after.status, infonet::layout::LayoutStatus::Settled, "the layout stays settled");
    // Undo puts them back, and still nobody else moves.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(30);
    let undone = h.state().layout().snapshot();
    assert_eq!(undone.positions, before);
    assert!(!undone.pinned[i]);
}

#[test]
fn a_person_added_from_the_menu_lands_in_view_clear_of_the_crowd_selected_and_named() {
    let mut h = harness(vec![]);
    settle(&mut h);
    h.run();
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label("Add person…").click();
    h.run_steps(3);
    h.get_by_label("Add").click();
    h.run_steps(3);
    let app = h.state();
    let doc = app.doc().expect("open");
    let new = doc.network.find("new-1").expect("added");
    assert_eq!(app.selected(), Some(new), "the new person is selected");
    let positions = &app.layout().snapshot().positions;
    let at = positions[doc.dense(new).expect("laid out")];
    let nearest = doc
        .order
        .iter()
        .enumerate()
        .filter(|(_, p)| **p != new)
        .map(|(i, _)| ((positions[i][0] - at[0]).powi(2) + (positions[i][1] - at[1]).powi(2)).sqrt())
        .fold(f32::MAX, f32::min);
    let k = app.view().layout.link_distance;
    assert!(nearest >= k, "{nearest} from the nearest person (a tie is {k})");
    let canvas = app.canvas_rect().expect("canvas");
    assert!(canvas.contains(app.camera().ui_from_world(canvas, at)), "on screen");
    assert!(app.scene().labels.iter().any(|l| l.person == new), "their name is drawn");
    h.get_by_label("Named by (0)");
}

#[test]
fn without_a_file_dialog_save_png_brings_the_path_field_to_the_front_with_focus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("fjellvik.png");
    let mut h = harness(vec![PickResult::Unavailable]);
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Export picture…").click();
    h.run_steps(3);
    h.get_by_label("Save PNG…").click();
    h.run_steps(3);
    assert!(h.state().ui_state().path_field.is_some(), "the path field is asked for");
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    assert!(field.is_focused(), "the path field has the keyboard focus");
    // It is on top: the pointer reaches its own button, not the export window under it.
    h.state_mut().ui_state_mut().path_field = Some(png.display().to_string());
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Apply").click();
    h.run_steps(3);
    assert!(png.exists(), "the picture is saved");
    assert!(h.state().ui_state().path_field.is_none());
}

#[test]
fn a_long_error_is_shown_whole_with_its_file_line_and_column() {
    let mut h = harness(vec![]);
    let dir = tempfile::tempdir().expect("tempdir");
    // A deep folder, as on a real laptop, makes the message long.
    let folder = dir
        .path()
        .join("Workshops og samlinger 2026")
        .join("Fjellvik kommune, næringsutvikling")
        .join("Informantnettverk fra spørreundersøkelsen (endelig versjon)")
        .join("Til presentasjon for formannskapet");
    std::fs::create_dir_all(&folder).expect("folders");
    let path = folder.join("broken.ties.csv");
    std::fs::write(&path, b"source,target\n\"unclosed,p2\n").expect("write");
    h.state_mut().push(Command::Open(path));
    h.run_steps(1);
    h.state_mut().wait_for_load();
    h.run_steps(3);
    let infonet::app::Status::Error(message) = h.state().status().clone() else {
        panic!("expected an error, got {:?}", h.state().status())
    };
    assert!(message.contains("broken.ties.csv:2:1"), "{message}");
    assert!(message.len() > 250, "a long message: {message}");
    // Somewhere on screen the whole message is readable: inside the window, not under the
    // layout's status.
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0));
    let layout = h
        .get_all_by_label_contains("Layout ")
        .find(|n| text_of(n).contains(" · "))
        .expect("the layout's status in the status bar")
        .rect();
    let whole = h.get_all_by_label_contains("broken.ties.csv:2:1").find(|n| {
        let r = n.rect();
        text_of(n).contains(&message) && screen.contains_rect(r) && !r.intersects(layout)
    });
    assert!(whole.is_some(), "the whole message is on screen");
    // Closed, it comes back with a click on the status bar's line.
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert_eq!(h.state().ui_state().error_window, None);
    h.get_all_by_label_contains("broken.ties.csv:2:1").next().expect("the status line").click();
    h.run_steps(2);
    assert_eq!(h.state().ui_state().error_window.as_deref(), Some(message.as_str()));
}

/// What a node says: its label, else its value (egui puts a plain label's text there).
fn text_of(n: &egui_kittest::Node<'_>) -> String {
    let node = n.accesskit_node();
    node.label().or_else(|| node.value()).unwrap_or_default()
}

/// Opens a people + ties pair where 1,201 people marked "not a respondent" name someone: one
/// warning each.
fn open_with_many_warnings(h: &mut Harness<'static, InfonetApp>, dir: &std::path::Path) -> usize {
    let n = 1_201;
    let mut people = String::from("id,name,sector,respondent\n");
    let mut ties = String::from("source,target\n");
    for i in 0..=n {
        people.push_str(&format!("p{i},Person {i},public,no\n"));
        if i < n {
            ties.push_str(&format!("p{i},p{}\n", i + 1));
        }
    }
    std::fs::write(dir.join("big.people.csv"), people).expect("write");
    std::fs::write(dir.join("big.ties.csv"), ties).expect("write");
    h.state_mut().push(Command::Open(dir.join("big.ties.csv")));
    h.run_steps(1);
    h.state_mut().wait_for_load();
    h.run_steps(3);
    let warnings = h.state().doc().expect("open").report.warnings.len();
    assert_eq!(warnings, n, "one warning per person marked not a respondent who names someone");
    warnings
}

#[test]
fn a_thousand_warnings_show_a_few_in_the_tooltip_and_all_in_the_import_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(vec![]);
    let warnings = open_with_many_warnings(&mut h, dir.path());
    h.state_mut().push(Command::SetPaused(true));
    h.state_mut().ui_state_mut().show_import = false;
    h.run_steps(2);
    let status = h.get_by_label_contains("(1,201 warnings)");
    status.hover();
    // egui shows a tooltip once the pointer has rested for a moment.
    for _ in 0..60 {
        h.step();
    }
    assert_eq!(warnings, 1_201);
    let more = "and 1,193 more: click to see them all in the import report";
    let note = h.get_by_label(more);
    // The tooltip is a few lines, not half the screen.
    assert!(note.rect().min.y > 900.0 / 2.0, "the tooltip reaches up to {:?}", note.rect());
    let shown = h.get_all_by_label_contains("counted as a respondent").count();
    assert_eq!(shown, 8, "eight warnings in the tooltip");
    // A click opens the import report with the warnings open.
    h.get_by_label_contains("(1,201 warnings)").click();
    h.run_steps(3);
    assert!(h.state().ui_state().show_import);
    h.get_by_label("warnings (1,201)");
    assert!(h.get_all_by_label_contains("counted as a respondent").count() > 8, "the list is open");
}

#[test]
fn the_import_dialog_keeps_apply_and_close_on_screen_with_its_warnings_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(vec![]);
    open_with_many_warnings(&mut h, dir.path());
    h.state_mut().push(Command::ImportSettings);
    h.run_steps(4);
    h.get_by_label("warnings (1,201)").click();
    h.run_steps(3);
    assert!(h.get_all_by_label_contains("counted as a respondent").count() > 8, "the list is open");
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0));
    for label in ["Apply", "Close"] {
        let button = h.get_by_role_and_label(egui::accesskit::Role::Button, label);
        assert!(screen.contains_rect(button.rect()), "{label} at {:?}", button.rect());
    }
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Close").click();
    h.run_steps(2);
    assert!(!h.state().ui_state().show_import, "Close closes it");
}

#[test]
fn an_error_while_presenting_waits_until_the_presentation_ends() {
    let mut h = harness(vec![]);
    h.state_mut().push(Command::SaveScene("One".into()));
    h.run_steps(1);
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().presenting());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.ties.csv");
    std::fs::write(&path, b"source,target\n\"unclosed,p2\n").expect("write");
    h.state_mut().push(Command::Open(path));
    h.run_steps(1);
    h.state_mut().wait_for_load();
    h.run_steps(3);
    assert!(matches!(h.state().status(), infonet::app::Status::Error(_)));
    assert_eq!(h.state().ui_state().error_window, None, "no window in front of the audience");
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(!h.state().presenting());
    assert!(h.state().ui_state().error_window.as_deref().is_some_and(|e| e.contains("broken.ties.csv:2:1")));
}
