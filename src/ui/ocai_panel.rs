//! The OCAI panel: a municipality's organisational culture on the Competing Values Framework
//! (Cameron & Quinn; `docs/measures.md`, "OCAI culture scores").
//!
//! - [`ocai_panel_ui`]: for one municipality (or all of them overlaid) the CVF kite — four
//!   diagonal axes from the centre, Clan top-left, Adhocracy top-right, Market bottom-right,
//!   Hierarchy bottom-left; square gridlines every 10 points on a 0-50 or 0-100 scale (chosen
//!   to fit the means); the group mean *now* as a blue kite and *preferred* as a red dashed kite;
//!   each respondent's kites as thin faint lines (cut at the frame when they run past the
//!   scale) — with a legend, the gap table (preferred − now,
//!   gaps of 10 points or more highlighted as a meaningful desire for change, SD/min/max on
//!   hover) and the validation report (dimensions that did not sum to 100, and what was done).
//! - [`ocai_compare_ui`]: one small kite per municipality side by side, on one scale.
//!
//! Everything here only reads an [`OcaiReport`]; the scoring is `analysis::ocai`.

use std::f32::consts::{FRAC_PI_2, SQRT_2};

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, RichText, Sense, Shape, Stroke, Ui, Vec2, vec2};

use crate::analysis::ocai::{Action, Culture, GroupProfile, OcaiReport, Profile, State, SumPolicy};
use crate::i18n::{Lang, OcaiStrings};

// Colours of the OCAI views. The main engineer moves these to `ui/theme.rs`.
/// The group's *now* kite (blue, as in the study's figures).
pub const NOW_COLOUR: Color32 = Color32::from_rgb(0x1f, 0x64, 0xd0);
/// The group's *preferred* kite (red, as in the study's figures).
pub const PREFERRED_COLOUR: Color32 = Color32::from_rgb(0xd6, 0x2d, 0x2d);
/// [`NOW_COLOUR`] on a dark background (lighter, so it stands out from black).
pub const NOW_COLOUR_DARK: Color32 = Color32::from_rgb(0x5c, 0x9d, 0xff);
/// [`PREFERRED_COLOUR`] on a dark background.
pub const PREFERRED_COLOUR_DARK: Color32 = Color32::from_rgb(0xff, 0x6b, 0x6b);
/// Behind a gap of [`MEANINGFUL_GAP`] points or more (translucent amber: works on light and dark).
pub const GAP_HIGHLIGHT: Color32 = Color32::from_rgba_unmultiplied_const(0xf2, 0xa0, 0x00, 0x66);
/// One colour per municipality in the "all municipalities" overlay (Okabe-Ito, colour-blind safe).
pub const MUNICIPALITY_COLOURS: [Color32; 7] = [
    Color32::from_rgb(0x00, 0x72, 0xb2),
    Color32::from_rgb(0xd5, 0x5e, 0x00),
    Color32::from_rgb(0x00, 0x9e, 0x73),
    Color32::from_rgb(0xcc, 0x79, 0xa7),
    Color32::from_rgb(0xe6, 0x9f, 0x00),
    Color32::from_rgb(0x56, 0xb4, 0xe9),
    Color32::from_rgb(0x88, 0x88, 0x88),
];

pub use crate::analysis::ocai::MEANINGFUL_GAP;
pub use crate::i18n::is_meaningful_gap;

/// The now and preferred colours for the current theme.
pub fn kite_colours(ui: &Ui) -> (Color32, Color32) {
    if ui.visuals().dark_mode {
        (NOW_COLOUR_DARK, PREFERRED_COLOUR_DARK)
    } else {
        (NOW_COLOUR, PREFERRED_COLOUR)
    }
}

/// Dash and gap length of the *preferred* kite, in points.
const DASH: (f32, f32) = (7.0, 4.0);

/// What the panel remembers between frames.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OcaiPanelState {
    /// The municipality shown; `None` = all municipalities overlaid.
    pub selected: Option<String>,
    /// Draw each respondent's now and preferred kites as thin faint lines.
    pub show_respondents: bool,
}

impl Default for OcaiPanelState {
    fn default() -> Self {
        Self { selected: None, show_respondents: true }
    }
}

// ---------------------------------------------------------------------------------------------
// Geometry

/// Unit direction (screen coordinates, y down) of a culture's diagonal axis: Clan top-left,
/// Adhocracy top-right, Market bottom-right, Hierarchy bottom-left.
pub fn axis_direction(culture: Culture) -> Vec2 {
    let d = std::f32::consts::FRAC_1_SQRT_2;
    match culture {
        Culture::Clan => vec2(-d, -d),
        Culture::Adhocracy => vec2(d, -d),
        Culture::Market => vec2(d, d),
        Culture::Hierarchy => vec2(-d, d),
    }
}

/// Where a score lies on its axis: `radius` is the length of the diagonal from the centre to the
/// frame's corner, which stands for `scale` points. Scores are clamped to `0..=scale`.
pub fn kite_point(center: Pos2, radius: f32, scale: f64, culture: Culture, value: f64) -> Pos2 {
    let fraction = if scale > 0.0 { (value / scale).clamp(0.0, 1.0) } else { 0.0 };
    center + axis_direction(culture) * (radius * fraction as f32)
}

/// The four corners of a profile's kite, A-D (clockwise on screen).
pub fn kite_points(center: Pos2, radius: f32, scale: f64, profile: &Profile) -> [Pos2; 4] {
    Culture::ALL.map(|c| kite_point(center, radius, scale, c, profile.get(c)))
}

/// The scale that fits every value: 50 when all are at most 50 (most profiles), else 100.
pub fn auto_scale(values: impl IntoIterator<Item = f64>) -> f64 {
    if values.into_iter().all(|v| v <= 50.0 + 1e-9) { 50.0 } else { 100.0 }
}

/// A group's mean scores, now and preferred: what the scale is chosen to fit.
fn mean_values(group: &GroupProfile) -> impl Iterator<Item = f64> + '_ {
    group.now_mean.to_array().into_iter().chain(group.preferred_mean.to_array())
}

/// Whether some respondent scores above the scale (their thin lines are cut at the frame).
fn respondents_beyond(group: &GroupProfile, scale: f64) -> bool {
    group
        .respondents
        .iter()
        .any(|r| r.now.to_array().into_iter().chain(r.preferred.to_array()).any(|v| v > scale))
}

/// How much of the frame is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Axis names, gridline labels, large quadrant names.
    Full,
    /// Small multiples: quadrant names small, one scale label.
    Small,
}

/// Font sizes of the kite's texts.
const NAME_FONT: f32 = 14.0;
const NAME_FONT_SMALL: f32 = 10.5;
const AXIS_FONT: f32 = 12.5;

/// Where the frame (the outer gridline square) sits in the space a kite is given, and whether
/// the top and bottom axis names need a row of their own (when they would touch the quadrant
/// names beside them).
struct FrameLayout {
    frame: Rect,
    stacked: bool,
}

impl FrameLayout {
    fn new(ui: &Ui, rect: Rect, s: &OcaiStrings, detail: Detail) -> Self {
        let painter = ui.painter();
        let row = |size: f32| ui.fonts_mut(|f| f.row_height(&FontId::proportional(size)));
        let width = |text: &str, size: f32| {
            painter.layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::WHITE).size().x
        };
        let side = rect.width().min(rect.height());
        let (margin, stacked) = match detail {
            Detail::Small => (row(NAME_FONT_SMALL) + 3.0, false),
            Detail::Full => {
                let horizontal = row(AXIS_FONT) + 8.0;
                let single = row(NAME_FONT) + 6.0;
                let frame = side - 2.0 * horizontal.max(single);
                let crowded = |left: &str, centre: &str, right: &str| {
                    width(left, NAME_FONT).max(width(right, NAME_FONT))
                        + width(centre, AXIS_FONT) / 2.0
                        + 12.0
                        > frame / 2.0
                };
                let stacked = crowded(s.clan, s.flexibility, s.adhocracy)
                    || crowded(s.hierarchy, s.stability, s.market);
                let vertical = if stacked { single + row(AXIS_FONT) + 2.0 } else { single };
                (horizontal.max(vertical), stacked)
            }
        };
        let frame = Rect::from_center_size(rect.center(), Vec2::splat((side - 2.0 * margin).max(20.0)));
        Self { frame, stacked }
    }

    fn center(&self) -> Pos2 {
        self.frame.center()
    }

    /// Centre to corner: the length that stands for the whole scale.
    fn radius(&self) -> f32 {
        self.frame.width() / 2.0 * SQRT_2
    }
}

/// Paints the CVF frame: square gridlines, the quadrant dividers, the diagonals, the quadrant
/// names outside the corners and (in full detail) gridline labels and axis names.
fn paint_frame(
    painter: &Painter,
    ui: &Ui,
    layout: &FrameLayout,
    scale: f64,
    s: &OcaiStrings,
    detail: Detail,
) {
    let visuals = ui.visuals();
    let frame = layout.frame;
    let center = layout.center();
    let half = frame.width() / 2.0;
    let grid = visuals.widgets.noninteractive.bg_stroke.color;
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    painter.rect_filled(frame, 0.0, visuals.extreme_bg_color);
    let steps = (scale / 10.0).round().max(1.0) as u32;
    let small_font = FontId::proportional(if detail == Detail::Full { 10.5 } else { 9.5 });
    for step in 1..=steps {
        let v = f64::from(step) * 10.0;
        let h = half * (v / scale) as f32;
        let width = if step == steps { 1.5 } else { 1.0 };
        painter.rect_stroke(
            Rect::from_center_size(center, Vec2::splat(2.0 * h)),
            0.0,
            Stroke::new(width, grid),
            egui::StrokeKind::Middle,
        );
        if detail == Detail::Full || step == steps {
            painter.text(
                center + vec2(3.0, -h + 1.0),
                Align2::LEFT_TOP,
                format!("{v:.0}"),
                small_font.clone(),
                weak,
            );
        }
    }
    // Quadrant dividers (the two CVF dimensions) and the four diagonal axes.
    let divider = Stroke::new(1.5, text.gamma_multiply(0.55));
    painter.line_segment([center - vec2(half, 0.0), center + vec2(half, 0.0)], divider);
    painter.line_segment([center - vec2(0.0, half), center + vec2(0.0, half)], divider);
    for culture in Culture::ALL {
        painter.line_segment(
            [center, center + axis_direction(culture) * layout.radius()],
            Stroke::new(1.0, grid),
        );
    }
    // Quadrant names just outside the corners, where no kite reaches.
    let font = FontId::proportional(if detail == Detail::Full { NAME_FONT } else { NAME_FONT_SMALL });
    let lift = 3.0;
    for (culture, corner, anchor) in [
        (Culture::Clan, frame.left_top() - vec2(0.0, lift), Align2::LEFT_BOTTOM),
        (Culture::Adhocracy, frame.right_top() - vec2(0.0, lift), Align2::RIGHT_BOTTOM),
        (Culture::Market, frame.right_bottom() + vec2(0.0, lift), Align2::RIGHT_TOP),
        (Culture::Hierarchy, frame.left_bottom() + vec2(0.0, lift), Align2::LEFT_TOP),
    ] {
        painter.text(corner, anchor, s.culture(culture), font.clone(), text);
    }
    if detail == Detail::Full {
        let axis_font = FontId::proportional(AXIS_FONT);
        let gap = 5.0;
        let extra = if layout.stacked { ui.fonts_mut(|f| f.row_height(&font)) + 2.0 } else { 0.0 };
        painter.text(
            frame.center_top() - vec2(0.0, gap + extra),
            Align2::CENTER_BOTTOM,
            s.flexibility,
            axis_font.clone(),
            weak,
        );
        painter.text(
            frame.center_bottom() + vec2(0.0, gap + extra),
            Align2::CENTER_TOP,
            s.stability,
            axis_font.clone(),
            weak,
        );
        for (label, x, angle) in
            [(s.internal, frame.left() - gap, -FRAC_PI_2), (s.external, frame.right() + gap, FRAC_PI_2)]
        {
            let galley = painter.layout_no_wrap(label.to_owned(), axis_font.clone(), weak);
            let size = galley.size();
            // Rotated about its centre, the text's height becomes its width.
            let side = if angle < 0.0 { -1.0 } else { 1.0 };
            let target = Pos2::new(x + side * size.y / 2.0, center.y);
            let shape = egui::epaint::TextShape::new(target - size / 2.0, galley, weak)
                .with_angle_and_anchor(angle, Align2::CENTER_CENTER);
            painter.add(shape);
        }
    }
}

/// How one kite is drawn.
#[derive(Clone, Copy)]
struct KiteStyle {
    stroke: Stroke,
    dashed: bool,
    fill: Color32,
    dots: bool,
}

fn paint_kite(painter: &Painter, points: [Pos2; 4], style: KiteStyle) {
    if style.fill != Color32::TRANSPARENT {
        painter.add(Shape::convex_polygon(points.to_vec(), style.fill, Stroke::NONE));
    }
    if style.dashed {
        let [first, ..] = points;
        let mut closed = points.to_vec();
        closed.push(first);
        painter.extend(Shape::dashed_line(&closed, style.stroke, DASH.0, DASH.1));
    } else {
        painter.add(Shape::closed_line(points.to_vec(), style.stroke));
    }
    if style.dots {
        for p in points {
            painter.circle_filled(p, style.stroke.width + 1.5, style.stroke.color);
        }
    }
}

/// A mean kite corner the pointer can hover.
struct Vertex {
    pos: Pos2,
    group: usize,
    culture: Culture,
    state: State,
}

/// The big kite: one group (now blue, preferred red, respondents faint) or several overlaid (one
/// colour each; now solid, preferred dashed). Hovering a corner shows its mean, SD, min and max.
fn kite_ui(
    ui: &mut Ui,
    groups: &[&GroupProfile],
    side: f32,
    scale: f64,
    show_respondents: bool,
    s: &OcaiStrings,
) {
    let (now_colour, pref_colour) = kite_colours(ui);
    let (response, painter) = ui.allocate_painter(Vec2::splat(side), Sense::hover());
    let layout = FrameLayout::new(ui, response.rect, s, Detail::Full);
    let (center, radius) = (layout.center(), layout.radius());
    paint_frame(&painter, ui, &layout, scale, s, Detail::Full);
    let overlay = groups.len() > 1;
    let mut vertices = Vec::new();
    if !overlay && show_respondents {
        // Respondents may score above the scale (it fits the means): their lines run on to the
        // frame's edge and are cut there, instead of being bent back onto it.
        let painter = painter.with_clip_rect(layout.frame.intersect(painter.clip_rect()));
        for group in groups {
            for r in &group.respondents {
                for (profile, colour) in [(&r.now, now_colour), (&r.preferred, pref_colour)] {
                    let style = KiteStyle {
                        stroke: Stroke::new(1.0, colour.gamma_multiply(0.3)),
                        dashed: false,
                        fill: Color32::TRANSPARENT,
                        dots: false,
                    };
                    let points = Culture::ALL.map(|c| {
                        let fraction = (profile.get(c) / scale).clamp(0.0, 2.0) as f32;
                        center + axis_direction(c) * (radius * fraction)
                    });
                    paint_kite(&painter, points, style);
                }
            }
        }
    }
    for (g, group) in groups.iter().enumerate() {
        for state in [State::Now, State::Preferred] {
            let profile = if state == State::Now { &group.now_mean } else { &group.preferred_mean };
            let colour = if overlay {
                group_colour(g)
            } else if state == State::Now {
                now_colour
            } else {
                pref_colour
            };
            let fill = if overlay { Color32::TRANSPARENT } else { colour.gamma_multiply(0.12) };
            let style = KiteStyle {
                stroke: Stroke::new(if overlay { 2.0 } else { 2.5 }, colour),
                dashed: state == State::Preferred,
                fill,
                dots: true,
            };
            let points = kite_points(center, radius, scale, profile);
            paint_kite(&painter, points, style);
            for (culture, pos) in Culture::ALL.into_iter().zip(points) {
                vertices.push(Vertex { pos, group: g, culture, state });
            }
        }
    }
    let names: Vec<String> = groups.iter().map(|g| s.group_name(g).to_owned()).collect();
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, format!("{}: {}", s.kite_label, names.join(", ")))
    });
    let hovered = response.hover_pos().and_then(|pointer| {
        vertices
            .iter()
            .map(|v| (v.pos.distance(pointer), v))
            .filter(|(d, _)| *d <= 12.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, v)| v)
    });
    if let Some(v) = hovered
        && let Some(group) = groups.get(v.group)
    {
        let stats = if v.state == State::Now { &group.now } else { &group.preferred };
        let line = stats.iter().find(|st| st.culture == v.culture);
        let title = format!("{} · {} · {}", s.group_title(group), s.culture(v.culture), s.state(v.state));
        let body = line.map(|st| s.stats(st)).unwrap_or_default();
        response.on_hover_ui_at_pointer(|ui| {
            ui.label(RichText::new(title).strong());
            ui.label(body);
        });
    }
}

fn group_colour(index: usize) -> Color32 {
    MUNICIPALITY_COLOURS.get(index % MUNICIPALITY_COLOURS.len()).copied().unwrap_or(NOW_COLOUR)
}

/// A short line sample for a legend.
fn swatch(ui: &mut Ui, colour: Color32, width: f32, dashed: bool) {
    let (rect, _) = ui.allocate_exact_size(vec2(30.0, 14.0), Sense::hover());
    let painter = ui.painter();
    let a = rect.left_center() + vec2(2.0, 0.0);
    let b = rect.right_center() - vec2(2.0, 0.0);
    if dashed {
        painter.extend(Shape::dashed_line(&[a, b], Stroke::new(width, colour), 6.0, 3.0));
    } else {
        painter.line_segment([a, b], Stroke::new(width, colour));
    }
}

fn legend_ui(ui: &mut Ui, groups: &[&GroupProfile], scale: f64, show_respondents: bool, s: &OcaiStrings) {
    let (now_colour, pref_colour) = kite_colours(ui);
    let overlay = groups.len() > 1;
    if overlay {
        for (g, group) in groups.iter().enumerate() {
            ui.horizontal(|ui| {
                swatch(ui, group_colour(g), 2.5, false);
                ui.label(s.group_title(group));
            });
        }
        ui.horizontal(|ui| {
            let colour = ui.visuals().text_color();
            swatch(ui, colour, 2.0, false);
            swatch(ui, colour, 2.0, true);
            ui.label(s.solid_dashed);
        });
    } else if let Some(group) = groups.first() {
        let n = match group.respondent_count {
            Some(n) => s.n_respondents(n),
            None => s.group_profile.to_owned(),
        };
        let excluded =
            if group.excluded > 0 { format!(" ({} {})", group.excluded, s.left_out) } else { String::new() };
        ui.label(RichText::new(format!("n = {n}{excluded}")).strong());
        ui.horizontal(|ui| {
            swatch(ui, now_colour, 2.5, false);
            ui.label(s.now_mean);
        });
        ui.horizontal(|ui| {
            swatch(ui, pref_colour, 2.5, true);
            ui.label(s.preferred_mean);
        });
        if show_respondents && !group.respondents.is_empty() {
            ui.horizontal(|ui| {
                swatch(ui, now_colour.gamma_multiply(0.45), 1.0, false);
                ui.label(s.each_respondent);
            });
            if respondents_beyond(group, scale) {
                ui.label(RichText::new(s.beyond_scale(scale)).weak());
            }
        }
    }
    ui.label(RichText::new(s.scale_note(scale)).weak());
}

/// The gap table of one group: type, now, preferred, gap; then the dominant cultures.
/// `coloured`: the now and preferred headers in the kites' blue and red (one municipality).
fn gap_table_ui(ui: &mut Ui, group: &GroupProfile, s: &OcaiStrings, coloured: bool) {
    let (now_colour, pref_colour) = kite_colours(ui);
    egui::Grid::new(("ocai_gap_table", group.municipality.as_str()))
        .num_columns(4)
        .striped(true)
        .min_col_width(58.0)
        .spacing(vec2(14.0, 4.0))
        .show(ui, |ui| {
            ui.label(RichText::new(s.culture_type).strong());
            let header = |text: &str, colour: Color32| {
                let text = RichText::new(text).strong();
                if coloured { text.color(colour) } else { text }
            };
            ui.label(header(s.now, now_colour));
            ui.label(header(s.preferred, pref_colour));
            ui.label(RichText::new(s.gap).strong()).on_hover_text(s.gap_hint);
            ui.end_row();
            for culture in Culture::ALL {
                ui.label(s.culture(culture)).on_hover_text(s.culture_explained(culture));
                for stats in [&group.now, &group.preferred] {
                    let cell = stats.iter().find(|st| st.culture == culture);
                    let text = cell.map_or_else(String::new, |st| s.num(st.mean));
                    let response = ui.label(text);
                    if let Some(st) = cell {
                        response.on_hover_text(s.stats(st));
                    }
                }
                let gap = group.gap.get(culture);
                let mut text = RichText::new(s.signed(gap));
                if is_meaningful_gap(gap) {
                    text = text.strong().background_color(GAP_HIGHLIGHT);
                }
                ui.label(text).on_hover_text(s.meaningful_gap);
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    ui.label(format!("{}: {}", s.dominant_now, s.cultures(&group.dominant_now)));
    ui.label(format!("{}: {}", s.dominant_preferred, s.cultures(&group.dominant_preferred)));
}

/// The validation report: which respondents and dimensions did not sum to 100, and what was done.
fn validation_ui(ui: &mut Ui, report: &OcaiReport, s: &OcaiStrings) {
    let n = report.issues.len();
    let header = if n == 0 {
        s.validation.to_owned()
    } else {
        format!("{} ({n} {})", s.validation, if n == 1 { s.finding_one } else { s.finding_many })
    };
    egui::CollapsingHeader::new(header).id_salt("ocai_validation").default_open(n > 0).show(ui, |ui| {
        let policy = match report.options.policy {
            SumPolicy::Rescale => s.policy_rescale,
            SumPolicy::Exclude => s.policy_exclude,
        };
        if n == 0 {
            ui.label(s.all_sum_100);
        }
        ui.label(RichText::new(policy).weak());
        if n > 0 {
            egui::ScrollArea::vertical().id_salt("ocai_issues").max_height(160.0).show(ui, |ui| {
                for issue in &report.issues {
                    let colour = match issue.action {
                        Action::Excluded => ui.visuals().error_fg_color,
                        Action::Rescaled | Action::Kept => ui.visuals().warn_fg_color,
                    };
                    ui.label(RichText::new(s.issue(issue)).color(colour));
                }
            });
        }
        if report.excluded > 0 {
            ui.label(format!("{}: {}", s.left_out, s.n_respondents(report.excluded)));
        }
    });
}

/// The OCAI panel for a scored file: choose a municipality (or all, overlaid), see its CVF kite,
/// the gap table and the validation report. It does not scroll: put it in a vertical
/// `ScrollArea` (the analysis panel's tab area is one). Below about 760 points of width the legend
/// and tables go under the kite.
pub fn ocai_panel_ui(ui: &mut Ui, report: &OcaiReport, state: &mut OcaiPanelState, lang: Lang) {
    let s = OcaiStrings::of(lang);
    // A municipality that is not in this report (another file was opened) falls back to all.
    if let Some(name) = &state.selected
        && !report.groups.iter().any(|g| &g.municipality == name)
    {
        state.selected = None;
    }
    ui.vertical(|ui| {
        if report.groups.is_empty() {
            ui.label(s.no_groups);
            ui.add_space(8.0);
            validation_ui(ui, report, s);
            return;
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(s.municipality);
            let selected_text = match &state.selected {
                None => s.all_municipalities.to_owned(),
                Some(name) => report
                    .groups
                    .iter()
                    .find(|g| &g.municipality == name)
                    .map_or_else(|| name.clone(), |g| s.group_name(g).to_owned()),
            };
            egui::ComboBox::from_id_salt("ocai_municipality")
                .selected_text(selected_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut state.selected, None, s.all_municipalities);
                    for group in &report.groups {
                        ui.selectable_value(
                            &mut state.selected,
                            Some(group.municipality.clone()),
                            s.group_name(group),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_space(12.0);
            ui.add_enabled(
                state.selected.is_some(),
                egui::Checkbox::new(&mut state.show_respondents, s.show_respondents),
            )
            .on_hover_text(s.show_respondents_hint);
        });
        ui.add_space(6.0);
        let groups: Vec<&GroupProfile> = match &state.selected {
            Some(name) => report.groups.iter().filter(|g| &g.municipality == name).collect(),
            None => report.groups.iter().collect(),
        };
        let scale = auto_scale(groups.iter().flat_map(|g| mean_values(g)));
        let width = ui.available_width();
        let wide = width >= 760.0;
        let side = if wide { (width - 340.0).clamp(320.0, 560.0) } else { width.clamp(240.0, 480.0) };
        let show_respondents = state.show_respondents;
        // One municipality: legend and gap table beside the kite. All: the legend beside it and
        // one gap table per municipality below, in rows of as many as fit.
        let single = groups.len() == 1;
        let details = |ui: &mut Ui| {
            legend_ui(ui, &groups, scale, show_respondents, s);
            if let [group] = groups.as_slice() {
                ui.add_space(10.0);
                gap_table_ui(ui, group, s, true);
                ui.add_space(6.0);
                ui.label(RichText::new(s.meaningful_gap).weak());
            }
        };
        if wide {
            ui.horizontal_top(|ui| {
                kite_ui(ui, &groups, side, scale, show_respondents, s);
                ui.add_space(12.0);
                ui.vertical(details);
            });
        } else {
            kite_ui(ui, &groups, side, scale, show_respondents, s);
            ui.add_space(8.0);
            details(ui);
        }
        if !single {
            ui.add_space(10.0);
            const TABLE_WIDTH: f32 = 300.0;
            let per_row = ((ui.available_width() / TABLE_WIDTH).floor() as usize).max(1);
            for (row, chunk) in groups.chunks(per_row).enumerate() {
                ui.horizontal_top(|ui| {
                    for (i, group) in chunk.iter().enumerate() {
                        ui.vertical(|ui| {
                            ui.set_width(TABLE_WIDTH - 16.0);
                            ui.horizontal(|ui| {
                                swatch(ui, group_colour(row * per_row + i), 2.5, false);
                                ui.label(RichText::new(s.group_title(group)).strong());
                            });
                            gap_table_ui(ui, group, s, false);
                        });
                        ui.add_space(16.0);
                    }
                });
                ui.add_space(8.0);
            }
            ui.label(RichText::new(s.meaningful_gap).weak());
        }
        ui.add_space(10.0);
        ui.separator();
        validation_ui(ui, report, s);
    });
}

/// Small multiples: one small kite per municipality, side by side on one scale, with n and the
/// dominant culture now and preferred under each.
pub fn ocai_compare_ui(ui: &mut Ui, report: &OcaiReport, lang: Lang) {
    let (now_colour, pref_colour) = kite_colours(ui);
    let s = OcaiStrings::of(lang);
    if report.groups.is_empty() {
        ui.label(s.no_groups);
        return;
    }
    let scale = auto_scale(report.groups.iter().flat_map(mean_values));
    ui.horizontal_wrapped(|ui| {
        swatch(ui, now_colour, 2.5, false);
        ui.label(s.now_mean);
        ui.add_space(8.0);
        swatch(ui, pref_colour, 2.5, true);
        ui.label(s.preferred_mean);
        ui.add_space(8.0);
        ui.label(RichText::new(format!("{}, {}", s.scale_note(scale), s.same_scale)).weak());
    });
    ui.add_space(4.0);
    // As many kites per row as fit (a wrapped layout cannot wrap whole columns, and one long
    // row widened the panel past the window), at least one, shrunk to fit a narrow panel.
    let gap = 10.0;
    let side = ui.available_width().clamp(120.0, 220.0);
    let per_row = (((ui.available_width() + gap) / (side + gap)).floor() as usize).max(1);
    for row in report.groups.chunks(per_row) {
        ui.horizontal(|ui| {
            for group in row {
                ui.vertical(|ui| {
                    ui.set_width(side);
                    ui.label(RichText::new(s.group_title(group)).strong());
                    let (response, painter) = ui.allocate_painter(Vec2::splat(side), Sense::hover());
                    let layout = FrameLayout::new(ui, response.rect, s, Detail::Small);
                    let (center, radius) = (layout.center(), layout.radius());
                    paint_frame(&painter, ui, &layout, scale, s, Detail::Small);
                    for (state, colour) in [(State::Now, now_colour), (State::Preferred, pref_colour)] {
                        let profile =
                            if state == State::Now { &group.now_mean } else { &group.preferred_mean };
                        let style = KiteStyle {
                            stroke: Stroke::new(2.0, colour),
                            dashed: state == State::Preferred,
                            fill: colour.gamma_multiply(0.12),
                            dots: false,
                        };
                        paint_kite(&painter, kite_points(center, radius, scale, profile), style);
                    }
                    let summary = Culture::ALL
                        .iter()
                        .map(|&c| {
                            format!(
                                "{}: {} {}, {} {}, {} {}",
                                s.culture(c),
                                s.now.to_lowercase(),
                                s.num(group.now_mean.get(c)),
                                s.preferred.to_lowercase(),
                                s.num(group.preferred_mean.get(c)),
                                s.gap.to_lowercase(),
                                s.signed(group.gap.get(c))
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    let name = s.group_name(group).to_owned();
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Image,
                            true,
                            format!("{}: {name}", s.kite_label),
                        )
                    });
                    response.on_hover_text(summary);
                    ui.label(format!("{}: {}", s.dominant_now, s.cultures(&group.dominant_now)));
                    ui.label(format!("{}: {}", s.dominant_preferred, s.cultures(&group.dominant_preferred)));
                });
                ui.add_space(gap);
            }
        });
        ui.add_space(gap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ocai::{Issue, IssueKind};

    fn close(a: Pos2, b: Pos2) -> bool {
        a.distance(b) < 1e-3
    }

    #[test]
    fn clan_40_lies_on_the_top_left_diagonal_at_40_percent() {
        let center = Pos2::new(200.0, 150.0);
        let radius = 100.0;
        let p = kite_point(center, radius, 100.0, Culture::Clan, 40.0);
        // On the top-left diagonal: equal steps left and up.
        let d = p - center;
        assert!(d.x < 0.0 && d.y < 0.0, "{d:?}");
        assert!((d.x - d.y).abs() < 1e-4, "{d:?}");
        // At 40 % of the radius.
        assert!((d.length() - 40.0).abs() < 1e-4, "{}", d.length());
        assert!(close(p, center + vec2(-40.0, -40.0) / SQRT_2));
    }

    #[test]
    fn each_culture_has_its_own_corner_and_scores_are_clamped() {
        let c = Pos2::ZERO;
        let corner = |culture| kite_point(c, SQRT_2, 50.0, culture, 50.0);
        assert!(close(corner(Culture::Clan), Pos2::new(-1.0, -1.0)));
        assert!(close(corner(Culture::Adhocracy), Pos2::new(1.0, -1.0)));
        assert!(close(corner(Culture::Market), Pos2::new(1.0, 1.0)));
        assert!(close(corner(Culture::Hierarchy), Pos2::new(-1.0, 1.0)));
        assert!(close(
            kite_point(c, 10.0, 50.0, Culture::Market, 80.0),
            kite_point(c, 10.0, 50.0, Culture::Market, 50.0)
        ));
        assert!(close(kite_point(c, 10.0, 50.0, Culture::Market, -5.0), c));
        assert!(close(kite_point(c, 10.0, 0.0, Culture::Market, 5.0), c));
    }

    #[test]
    fn scale_is_50_unless_something_is_above_50() {
        assert_eq!(auto_scale([10.0, 50.0, 31.2]), 50.0);
        assert_eq!(auto_scale([10.0, 50.5]), 100.0);
        assert_eq!(auto_scale(std::iter::empty()), 50.0);
    }

    #[test]
    fn numbers_gaps_and_highlight() {
        assert_eq!(crate::i18n::OCAI_EN.signed(17.44), "+17.4");
        assert_eq!(crate::i18n::OCAI_EN.signed(-27.06), "−27.1");
        assert_eq!(crate::i18n::OCAI_EN.signed(-0.04), "0.0");
        assert_eq!(crate::i18n::OCAI_NB.signed(9.94), "+9,9");
        assert!(is_meaningful_gap(9.96));
        assert!(is_meaningful_gap(-10.0));
        assert!(!is_meaningful_gap(9.94));
    }

    #[test]
    fn issue_sentences() {
        let issue = Issue {
            line: 50,
            municipality: "Fjellvik".into(),
            respondent: Some("FJ07".into()),
            dimension: Some(4),
            state: Some(State::Now),
            kind: IssueKind::SumNot100,
            sum: Some(90.0),
            action: Action::Rescaled,
        };
        assert_eq!(
            crate::i18n::OCAI_EN.issue(&issue),
            "Line 50 · Fjellvik · FJ07 · dimension 4, now: sums to 90; rescaled to 100"
        );
        assert_eq!(
            crate::i18n::OCAI_NB.issue(&issue),
            "Linje 50 · Fjellvik · FJ07 · dimensjon 4, nå: summerer til 90; skalert til 100"
        );
    }
}
