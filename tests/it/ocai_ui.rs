//! The OCAI panel, headless (egui_kittest): the bundled sample file, chosen by label.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use infonet::analysis::ocai::{OcaiOptions, OcaiReport, parse_and_score};
use infonet::i18n::Lang;
use infonet::ui::ocai_panel::{OcaiPanelState, ocai_compare_ui, ocai_panel_ui};

fn sample_report() -> OcaiReport {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-networks/ocai.csv");
    let bytes = std::fs::read(&path).expect("sample-networks/ocai.csv");
    let text = infonet::io::decode(&bytes).expect("decodes");
    parse_and_score(&text, &OcaiOptions::default()).expect("the sample parses")
}

fn panel(lang: Lang) -> Harness<'static, (OcaiReport, OcaiPanelState)> {
    let mut h = Harness::builder().with_size(egui::vec2(1100.0, 1000.0)).build_ui_state(
        move |ui, (report, state): &mut (OcaiReport, OcaiPanelState)| ocai_panel_ui(ui, report, state, lang),
        (sample_report(), OcaiPanelState::default()),
    );
    h.run();
    h
}

#[test]
fn the_sample_has_three_municipalities_and_one_rescaled_dimension() {
    let report = sample_report();
    let names: Vec<&str> = report.groups.iter().map(|g| g.municipality.as_str()).collect();
    assert_eq!(names, ["Fjellvik", "Solbøen", "Åsdalen"]);
    for g in &report.groups {
        let n = g.respondent_count.expect("individual answers");
        assert!((5..=14).contains(&n), "{} has {n} respondents", g.municipality);
    }
    assert_eq!(report.issues.len(), 1, "{:?}", report.issues);
    let issue = &report.issues[0];
    assert_eq!((issue.municipality.as_str(), issue.respondent.as_deref()), ("Fjellvik", Some("FJ07")));
    assert_eq!((issue.dimension, issue.sum), (Some(4), Some(90.0)));
    assert_eq!(report.excluded, 0);
}

#[test]
fn choosing_asdalen_shows_its_gap_table() {
    let mut h = Harness::new_ui_state(
        |ui, (report, state): &mut (OcaiReport, OcaiPanelState)| ocai_panel_ui(ui, report, state, Lang::En),
        (sample_report(), OcaiPanelState::default()),
    );
    h.run();
    // All municipalities first: one gap table each, and the validation report.
    assert_eq!(h.get_all_by_label("Gap").count(), 3);
    h.get_by_label("Validation (1 finding)");
    h.get_by_label("Line 41 · Fjellvik · FJ07 · dimension 4, now: sums to 90; rescaled to 100");

    h.get_by_role(egui::Role::ComboBox).click();
    h.run();
    h.get_by_label("Åsdalen").click();
    h.run();
    assert_eq!(h.state().1.selected.as_deref(), Some("Åsdalen"));

    for label in ["Type", "Now", "Preferred", "Gap", "Clan", "Adhocracy", "Market", "Hierarchy"] {
        h.get_by_label(label);
    }
    // Åsdalen wants much more clan and adhocracy and much less hierarchy (gaps of 10+).
    h.get_by_label("+17.4");
    h.get_by_label("+14.7");
    h.get_by_label("−5.1");
    h.get_by_label("−27.1");
    h.get_by_label("Dominant culture now: Hierarchy");
    h.get_by_label("Dominant culture preferred: Clan");
    h.get_by_label("n = 12 respondents");
}

#[test]
fn norwegian_labels_and_decimal_comma() {
    let mut h = panel(Lang::Nb);
    h.state_mut().1.selected = Some("Solbøen".into());
    h.run();
    for label in ["Kulturtype", "Nå", "Ønsket", "Differanse", "Klan", "Adhokrati", "Marked", "Hierarki"] {
        h.get_by_label(label);
    }
    h.get_by_label("Dominerende kultur nå: Klan");
    h.get_by_label("+9,9");
    h.get_by_label("n = 6 respondenter");
}

#[test]
fn a_municipality_not_in_the_report_falls_back_to_all() {
    let mut h = panel(Lang::En);
    h.state_mut().1.selected = Some("Nowhere".into());
    h.run();
    assert_eq!(h.state().1.selected, None);
    assert_eq!(h.get_all_by_label("Gap").count(), 3);
}

#[test]
fn compare_shows_one_kite_per_municipality() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(800.0, 400.0))
        .build_ui_state(|ui, report: &mut OcaiReport| ocai_compare_ui(ui, report, Lang::En), sample_report());
    h.run();
    for name in ["Fjellvik (n = 9)", "Solbøen (n = 6)", "Åsdalen (n = 12)"] {
        h.get_by_label(name);
    }
    assert_eq!(h.get_all_by_label("Dominant culture now: Hierarchy").count(), 2, "Fjellvik, Åsdalen");
    h.get_by_label("Dominant culture now: Clan");
    assert_eq!(h.get_all_by_label("Dominant culture preferred: Clan").count(), 3);
}
