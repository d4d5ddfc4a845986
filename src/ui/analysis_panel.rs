//! The analysis panel: measures of the shown and the whole network with plain-language
//! explanations, composition charts, the comparison of municipalities and the culture profiles.

use egui_plot::{Bar, BarChart, Plot};

use crate::analysis::explain::{MeasureKey, explain};
use crate::analysis::measures::Measures;
use crate::analysis::ocai::OcaiReport;
use crate::command::Command;
use crate::i18n::Lang;
use crate::insights::{ComparisonRow, Insights};
use crate::model::Network;
use crate::scene::{Palette, SizeBy};
use crate::settings::Setting;

pub use crate::settings::AnalysisTab;

use super::{UiState, theme};

/// What the analysis panel shows.
pub struct AnalysisInput<'a> {
    /// Language.
    pub lang: Lang,
    /// The tab shown.
    pub tab: AnalysisTab,
    /// What node size follows.
    pub size_by: SizeBy,
    /// Measures of the network on screen (computed in the background).
    pub insights: &'a Insights,
    /// The network on screen, as shown (pseudonyms while names are hidden).
    pub network: &'a Network,
    /// One row per open network in opening order (filled while the comparison tab is shown).
    pub comparison: &'a [ComparisonRow],
    /// The serial of the network on screen.
    pub active: u64,
    /// The culture survey, when one is open.
    pub ocai: Option<&'a OcaiReport>,
}

/// Which column the comparison table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompareSort {
    /// Column index.
    pub column: usize,
    /// Descending.
    pub descending: bool,
}

fn text(lang: Lang, pair: (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::En => pair.0,
        Lang::Nb => pair.1,
    }
}

fn fmt(v: Option<f64>, digits: usize) -> String {
    v.filter(|x| x.is_finite()).map_or_else(|| "–".to_owned(), |x| format!("{x:.digits$}"))
}

fn pct(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite()).map_or_else(|| "–".to_owned(), |x| format!("{:.0} %", x * 100.0))
}

/// The right-hand analysis panel.
pub fn analysis_panel_ui(
    ui: &mut egui::Ui,
    input: &AnalysisInput<'_>,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let lang = input.lang;
    let tr = lang.tr();
    let max_width = ui.ctx().content_rect().width() * 0.45;
    egui::Panel::right("analysis_panel").resizable(true).default_size(360.0).max_size(max_width).show(
        ui,
        |ui| {
            ui.horizontal_wrapped(|ui| {
                for (tab, label) in [
                    (AnalysisTab::Measures, tr.tab_measures),
                    (AnalysisTab::Composition, tr.tab_composition),
                    (AnalysisTab::Compare, tr.tab_compare),
                    (AnalysisTab::Culture, tr.tab_culture),
                ] {
                    if ui.selectable_label(input.tab == tab, label).clicked() && input.tab != tab {
                        commands.push(Command::Set(Setting::AnalysisTab(tab)));
                    }
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| match input.tab {
                AnalysisTab::Measures => measures_ui(ui, input, commands),
                AnalysisTab::Composition => composition_ui(ui, input),
                AnalysisTab::Compare => compare_ui(ui, input, &mut state.compare_sort, commands),
                AnalysisTab::Culture => culture_ui(ui, input, state, commands),
            });
        },
    );
}

fn row_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    key: MeasureKey,
    label: &str,
    shown: String,
    whole: String,
    caveat: bool,
) {
    let tr = lang.tr();
    let mut response = ui.label(label);
    if caveat {
        response = response.on_hover_text(tr.an_uncertain_people_who_were_only);
    }
    response.on_hover_text(text(lang, explain(key)));
    ui.label(if caveat { format!("{shown} *") } else { shown });
    ui.label(whole);
    ui.end_row();
}

fn measures_ui(ui: &mut egui::Ui, input: &AnalysisInput<'_>, commands: &mut Vec<Command>) {
    let lang = input.lang;
    let tr = lang.tr();
    ui.horizontal(|ui| {
        ui.label(tr.size_by);
        egui::ComboBox::from_id_salt("size_by").selected_text(size_label(input.size_by, lang)).show_ui(
            ui,
            |ui| {
                for s in SizeBy::ALL {
                    if ui.selectable_label(input.size_by == s, size_label(s, lang)).clicked() {
                        commands.push(Command::Set(Setting::SizeBy(s)));
                    }
                }
            },
        );
    });
    let (Some(shown), Some(whole)) = (&input.insights.shown, &input.insights.whole) else {
        crate::ui::dialogs::slow_spinner(ui);
        return;
    };
    let caveat = |m: &Measures, key: MeasureKey| m.caveats.iter().any(|c| c.affects().contains(&key));
    egui::Grid::new("measures_grid").num_columns(3).striped(true).show(ui, |ui| {
        ui.label("");
        ui.label(egui::RichText::new(tr.visible).strong());
        ui.label(egui::RichText::new(tr.whole).strong());
        ui.end_row();
        row_ui(
            ui,
            lang,
            MeasureKey::People,
            tr.an_people,
            shown.people.to_string(),
            whole.people.to_string(),
            false,
        );
        row_ui(ui, lang, MeasureKey::Ties, tr.an_ties, shown.ties.to_string(), whole.ties.to_string(), false);
        row_ui(
            ui,
            lang,
            MeasureKey::Respondents,
            tr.an_respondents,
            shown.respondents.to_string(),
            whole.respondents.to_string(),
            false,
        );
        row_ui(
            ui,
            lang,
            MeasureKey::Density,
            tr.an_density,
            fmt(shown.density, 3),
            fmt(whole.density, 3),
            caveat(shown, MeasureKey::Density),
        );
        row_ui(
            ui,
            lang,
            MeasureKey::ReciprocityEdgewise,
            tr.an_reciprocity_share_of_ties_returned,
            fmt(shown.reciprocity.edgewise, 2),
            fmt(whole.reciprocity.edgewise, 2),
            caveat(shown, MeasureKey::ReciprocityEdgewise),
        );
        row_ui(
            ui,
            lang,
            MeasureKey::ReciprocityDyadic,
            tr.an_reciprocity_share_of_pairs_mutual,
            fmt(shown.reciprocity.dyadic, 2),
            fmt(whole.reciprocity.dyadic, 2),
            caveat(shown, MeasureKey::ReciprocityDyadic),
        );
        row_ui(
            ui,
            lang,
            MeasureKey::InDegreeCentralization,
            tr.an_centralization_named_by,
            fmt(shown.in_degree_centralization, 2),
            fmt(whole.in_degree_centralization, 2),
            false,
        );
        for (key, name) in [("sector", tr.sector), ("tenure", tr.tenure), ("age", tr.age)] {
            let (s, w) = (shown.partition(key), whole.partition(key));
            let value = |p: Option<&crate::analysis::measures::PartitionMeasures>| {
                p.map_or_else(|| "–".to_owned(), |p| format!("{} ({})", fmt(p.ei, 2), fmt(p.ei_expected, 2)))
            };
            row_ui(
                ui,
                lang,
                MeasureKey::EiIndex,
                &format!("E-I {name} ({})", tr.an_expected_short),
                value(s),
                value(w),
                false,
            );
        }
        row_ui(
            ui,
            lang,
            MeasureKey::WeakComponents,
            tr.an_components_weak,
            shown.weak_components.count.to_string(),
            whole.weak_components.count.to_string(),
            false,
        );
        row_ui(
            ui,
            lang,
            MeasureKey::StrongComponents,
            tr.an_components_strong,
            shown.strong_components.count.to_string(),
            whole.strong_components.count.to_string(),
            caveat(shown, MeasureKey::StrongComponents),
        );
        row_ui(
            ui,
            lang,
            MeasureKey::Isolates,
            tr.an_isolates,
            shown.isolates.len().to_string(),
            whole.isolates.len().to_string(),
            false,
        );
        row_ui(
            ui,
            lang,
            MeasureKey::BetweennessCentralization,
            tr.an_centralization_bridges,
            fmt(shown.betweenness_centralization, 3),
            fmt(whole.betweenness_centralization, 3),
            false,
        );
    });
    if shown.caveats.iter().any(|c| !c.affects().is_empty()) {
        ui.label(egui::RichText::new(tr.an_uncertain_named_only_people_s).weak().small());
    }

    // Ties between sectors.
    if let Some(p) = shown.partition("sector") {
        ui.separator();
        ui.label(egui::RichText::new(tr.mixing).strong())
            .on_hover_text(text(lang, explain(MeasureKey::MixingMatrix)));
        egui::Grid::new("mixing").striped(true).show(ui, |ui| {
            ui.label("");
            for g in &p.groups {
                ui.label(sector_name(&g.key, lang));
            }
            ui.end_row();
            for (g, row) in p.groups.iter().zip(&p.mixing) {
                ui.label(sector_name(&g.key, lang));
                for v in row {
                    ui.label(v.to_string());
                }
                ui.end_row();
            }
        });
        egui::Grid::new("coleman").striped(true).show(ui, |ui| {
            ui.label("");
            ui.label("E-I").on_hover_text(text(lang, explain(MeasureKey::EiSent)));
            ui.label(tr.an_expected);
            ui.label("Coleman").on_hover_text(text(lang, explain(MeasureKey::ColemanHomophily)));
            ui.end_row();
            for g in &p.groups {
                ui.label(sector_name(&g.key, lang));
                ui.label(fmt(g.ei_sent, 2));
                ui.label(fmt(g.ei_expected, 2));
                ui.label(fmt(g.coleman, 2));
                ui.end_row();
            }
        });
    }

    let network = input.network;
    let name_of = |index: usize| {
        network.people().find(|(id, _)| id.index() == index).map(|(id, p)| (id, p.name.clone()))
    };
    ui.separator();
    ui.label(egui::RichText::new(tr.most_named).strong())
        .on_hover_text(text(lang, explain(MeasureKey::MostNamed)));
    for n in shown.top_named(10) {
        if let Some((id, name)) = name_of(n.index) {
            ui.horizontal(|ui| {
                if ui.link(name).clicked() {
                    commands.push(Command::Select(Some(id)));
                }
                ui.label(egui::RichText::new(n.in_degree.to_string()).weak());
            });
        }
    }

    ui.separator();
    ui.label(egui::RichText::new(tr.top_betweenness).strong())
        .on_hover_text(text(lang, explain(MeasureKey::Betweenness)));
    if let Some(progress) = input.insights.betweenness_progress() {
        ui.add(egui::ProgressBar::new(progress).text(tr.computing));
    } else {
        let mut by_b: Vec<_> =
            shown.persons.iter().filter_map(|p| p.betweenness.map(|b| (p.index, b))).collect();
        by_b.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (index, b) in by_b.into_iter().take(10).filter(|(_, b)| *b > 0.0) {
            if let Some((id, name)) = name_of(index) {
                ui.horizontal(|ui| {
                    if ui.link(name).clicked() {
                        commands.push(Command::Select(Some(id)));
                    }
                    ui.label(egui::RichText::new(format!("{b:.1}")).weak());
                });
            }
        }
    }

    if let Some(brokerage) = &input.insights.brokerage {
        ui.separator();
        ui.label(egui::RichText::new(tr.brokerage).strong())
            .on_hover_text(tr.an_gould_fernandez_roles_how_often);
        let mut people: Vec<_> = brokerage.persons.iter().filter(|p| p.raw.total > 0).collect();
        people.sort_by_key(|p| std::cmp::Reverse(p.raw.total));
        egui::Grid::new("brokerage").striped(true).show(ui, |ui| {
            ui.label("");
            for h in [tr.an_coord, tr.an_itin, tr.an_repr, tr.an_gatek, tr.an_liaison] {
                ui.label(egui::RichText::new(h).small());
            }
            ui.end_row();
            for p in people.into_iter().take(10) {
                let Some((_, name)) = name_of(p.index) else { continue };
                ui.label(name);
                for v in [
                    p.raw.coordinator,
                    p.raw.itinerant,
                    p.raw.representative,
                    p.raw.gatekeeper,
                    p.raw.liaison,
                ] {
                    ui.label(v.to_string());
                }
                ui.end_row();
            }
        });
    }
}

fn sector_name(key: &str, lang: Lang) -> String {
    let tr = lang.tr();
    match crate::model::Sector::parse(key) {
        Ok(s) if key != "unknown" || s == crate::model::Sector::Unknown => tr.sector(s).to_owned(),
        _ => key.to_owned(),
    }
}

fn size_label(s: SizeBy, lang: Lang) -> &'static str {
    let tr = lang.tr();
    match s {
        SizeBy::InDegree => tr.size_in_degree,
        SizeBy::OutDegree => tr.size_out_degree,
        SizeBy::Betweenness => tr.size_betweenness,
        SizeBy::PageRank => tr.size_pagerank,
    }
}

fn composition_ui(ui: &mut egui::Ui, input: &AnalysisInput<'_>) {
    let lang = input.lang;
    let tr = lang.tr();
    let Some(c) = &input.insights.composition else {
        crate::ui::dialogs::slow_spinner(ui);
        return;
    };
    let series = [
        (tr.whole, &c.all, theme::colour(Palette::LIGHT.tie[2])),
        (tr.most_named_quartile, &c.most_named, theme::colour(Palette::LIGHT.sector[1])),
        (tr.weighted_by_named, &c.weighted, theme::colour(Palette::LIGHT.sector[2])),
    ];
    if let Some(t) = c.most_named_threshold {
        ui.label(egui::RichText::new(format!("{}: {} ≥ {t}", tr.most_named_quartile, tr.named_by)).weak());
    }
    // One key for the three charts, above them: a key inside a chart covered its tallest bars.
    for (name, _, colour) in &series {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, *colour);
            ui.label(*name);
        });
    }
    for (title, pick, labels) in [
        (tr.tenure, 0usize, ["<4", "4-9", "10+", "unknown"]),
        (tr.age, 1, ["<30", "30-40", ">40", "unknown"]),
        (tr.sector, 2, ["public", "private", "other", "unknown"]),
    ] {
        ui.label(egui::RichText::new(title).strong());
        let shares = |b: &crate::analysis::composition::Breakdown| -> Vec<f64> {
            let list = match pick {
                0 => &b.tenure,
                1 => &b.age,
                _ => &b.sector,
            };
            labels
                .iter()
                .map(|k| list.iter().find(|s| s.key == *k).and_then(|s| s.share).unwrap_or(0.0) * 100.0)
                .collect()
        };
        let charts: Vec<BarChart> = series
            .iter()
            .enumerate()
            .map(|(i, (name, b, colour))| {
                let bars = shares(b)
                    .into_iter()
                    .enumerate()
                    .map(|(j, v)| Bar::new(j as f64 + (i as f64 - 1.0) * 0.27, v).width(0.25))
                    .collect();
                BarChart::new(*name, bars).color(*colour)
            })
            .collect();
        let names: Vec<String> = labels
            .iter()
            .map(|k| match pick {
                0 => tr.tenure_band(crate::model::TenureBand::parse_band(k).unwrap_or_default()).to_owned(),
                1 => tr.age_band(crate::model::AgeBand::parse_band(k).unwrap_or_default()).to_owned(),
                _ => sector_name(k, lang),
            })
            .collect();
        Plot::new(format!("composition_{pick}"))
            .height(150.0)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .include_y(0.0)
            .include_y(100.0)
            .y_axis_label("%")
            .x_axis_formatter(move |mark, _| {
                let v = mark.value;
                if (v - v.round()).abs() < 1e-6 {
                    names.get(v.round() as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .show(ui, |plot| {
                for chart in charts {
                    plot.bar_chart(chart);
                }
            });
    }
}

fn compare_ui(
    ui: &mut egui::Ui,
    input: &AnalysisInput<'_>,
    compare_sort: &mut CompareSort,
    commands: &mut Vec<Command>,
) {
    let lang = input.lang;
    let tr = lang.tr();
    let rows = input.comparison;
    if rows.len() < 2 {
        ui.label(tr.an_open_several_municipalities_to_compare);
        return;
    }
    let headers: [&str; 9] = [
        tr.an_municipality,
        tr.an_people,
        tr.an_ties,
        tr.an_density,
        tr.an_e_i_sector,
        tr.an_centraliz,
        tr.an_10_years,
        tr.an_over_40,
        tr.an_under_30,
    ];
    let value = |r: &ComparisonRow, c: usize| -> f64 {
        match c {
            1 => r.people as f64,
            2 => r.ties as f64,
            3 => r.density.unwrap_or(f64::NAN),
            4 => r.ei.unwrap_or(f64::NAN),
            5 => r.centralization.unwrap_or(f64::NAN),
            6 => r.tenure_10_plus.unwrap_or(f64::NAN),
            7 => r.over_40.unwrap_or(f64::NAN),
            8 => r.under_30.unwrap_or(f64::NAN),
            _ => 0.0,
        }
    };
    let mut sorted = rows.to_vec();
    let sort = *compare_sort;
    sorted.sort_by(|a, b| {
        let o = if sort.column == 0 {
            a.name.cmp(&b.name)
        } else {
            value(a, sort.column).total_cmp(&value(b, sort.column))
        };
        if sort.descending { o.reverse() } else { o }
    });
    egui::ScrollArea::horizontal().id_salt("compare_scroll").show(ui, |ui| {
        egui::Grid::new("compare_table").striped(true).show(ui, |ui| {
            for (c, h) in headers.iter().enumerate() {
                let arrow = if sort.column == c { if sort.descending { " v" } else { " ^" } } else { "" };
                if ui.button(format!("{}{arrow}", *h)).clicked() {
                    *compare_sort =
                        CompareSort { column: c, descending: sort.column == c && !sort.descending };
                }
            }
            ui.end_row();
            for r in &sorted {
                let active = input.active == r.serial;
                if ui.selectable_label(active, &r.name).clicked() {
                    commands.push(Command::Activate(r.serial));
                }
                ui.label(r.people.to_string());
                ui.label(r.ties.to_string());
                ui.label(fmt(r.density, 3));
                ui.label(format!("{} ({})", fmt(r.ei, 2), fmt(r.ei_expected, 2)));
                ui.label(fmt(r.centralization, 2));
                ui.label(pct(r.tenure_10_plus));
                ui.label(pct(r.over_40));
                ui.label(pct(r.under_30));
                ui.end_row();
            }
        })
    });
    if let Some(report) = input.ocai {
        ui.separator();
        super::ocai_panel::ocai_compare_ui(ui, report, lang);
    }
    ui.separator();
    // Small multiples: one bar chart per measure, one bar per municipality.
    let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    for c in [3usize, 4, 5, 6, 7, 8] {
        ui.label(egui::RichText::new(headers[c]).strong());
        let pct_column = c >= 6;
        let bars: Vec<Bar> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let v = value(r, c);
                Bar::new(i as f64, if pct_column { v * 100.0 } else { v }).width(0.6).name(&r.name)
            })
            .collect();
        let names = names.clone();
        Plot::new(format!("multiple_{c}"))
            .height(90.0)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .include_y(0.0)
            .x_axis_formatter(move |mark, _| {
                let v = mark.value;
                if (v - v.round()).abs() < 1e-6 {
                    names.get(v.round() as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new(headers[c], bars).color(theme::colour(Palette::LIGHT.sector[1])),
                );
            });
    }
}

fn culture_ui(
    ui: &mut egui::Ui,
    input: &AnalysisInput<'_>,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let tr = input.lang.tr();
    if ui.button(tr.open_ocai).clicked() {
        commands.push(Command::OcaiDialog);
    }
    match input.ocai {
        Some(report) => super::ocai_panel::ocai_panel_ui(ui, report, &mut state.ocai_panel, input.lang),
        None => {
            ui.label(tr.no_ocai);
        }
    }
}
