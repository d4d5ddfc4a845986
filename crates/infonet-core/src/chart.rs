//! The study's other pictures as slides, without egui: the composition of a network by
//! tenure, age and sector, a municipality's culture kite (OCAI), and the comparison of
//! municipalities (table and small multiples). Each is written as a standalone SVG with the
//! canvas font embedded; the PNG export rasterizes that SVG, and the app shows the same SVG
//! rasterized at the screen's size, so a slide looks the same on the big screen and in a file.
//!
//! Text is large: a slide is read from the back of a room. Sizes follow the picture's height.

use std::fmt::Write as _;

use crate::analysis::composition::{Breakdown, Composition, Share};
use crate::analysis::ocai::{Culture, GroupProfile, Profile};
use crate::i18n::Lang;
use crate::insights::ComparisonRow;
use crate::model::{AgeBand, Sector, TenureBand};
use crate::scene::frame::TextMeasure;
use crate::scene::style::{Palette, Rgba};
use crate::scene::svg::{self, FontMeasure};

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Who the people are: tenure, age and sector, everyone beside the most named.
    Composition,
    /// One municipality's culture kite: now (blue) and preferred (red).
    Kite,
    /// The municipalities side by side: a table and small multiples.
    Compare,
    /// How to join a live survey: the question, a QR code, the address, the answers so far.
    Join,
}

impl ChartKind {
    /// All, in menu order.
    pub const ALL: [Self; 3] = [Self::Composition, Self::Kite, Self::Compare];

    /// The name used on the command line (`--chart`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Composition => "composition",
            Self::Kite => "kite",
            Self::Compare => "compare",
            Self::Join => "join",
        }
    }
}

/// What a chart shows.
pub enum ChartData<'a> {
    /// A network's composition, with its name.
    Composition { name: &'a str, composition: &'a Composition },
    /// A municipality's culture profile.
    Kite { group: &'a GroupProfile },
    /// One row per municipality.
    Compare { rows: &'a [ComparisonRow] },
    /// A live survey's join slide.
    Join { question: &'a str, url: &'a str, answers: usize },
}

/// Colours of "now" and "preferred" on the kite (the study's: now blue, preferred red).
pub const KITE_NOW: Rgba = Rgba([31, 95, 191, 255]);
/// See [`KITE_NOW`].
pub const KITE_PREFERRED: Rgba = Rgba([214, 39, 40, 255]);

/// A chart as a standalone SVG of `size` points, in `palette`'s colours and `lang`.
pub fn chart_svg(data: &ChartData<'_>, size: [f32; 2], palette: &Palette, lang: Lang) -> String {
    let measure: Box<dyn TextMeasure> = match FontMeasure::new() {
        Ok(m) => Box::new(m),
        Err(_) => Box::new(svg::ApproxMeasure),
    };
    let mut w = Writer { out: String::new(), measure: measure.as_ref(), palette, size };
    w.begin();
    match data {
        ChartData::Composition { name, composition } => w.composition(name, composition, lang),
        ChartData::Kite { group } => w.kite(group, lang),
        ChartData::Compare { rows } => w.compare(rows, lang),
        ChartData::Join { question, url, answers } => w.join(question, url, *answers, lang),
    }
    w.out.push_str("</svg>\n");
    w.out
}

struct Writer<'a> {
    out: String,
    measure: &'a dyn TextMeasure,
    palette: &'a Palette,
    size: [f32; 2],
}

/// One attribute's shares of a breakdown.
type Pick = fn(&Breakdown) -> &Vec<Share>;
/// One value of a comparison row.
type RowValue = fn(&ComparisonRow) -> Option<f64>;

/// Horizontal anchoring of a text.
#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Writer<'_> {
    /// The type size everything else follows: a 900-point-high slide gets 22-point text.
    fn unit(&self) -> f32 {
        (self.size[1] / 41.0).clamp(9.0, 40.0)
    }

    fn begin(&mut self) {
        let [w, h] = self.size;
        let _ = writeln!(
            self.out,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}">"#,
            svg::FONT_FAMILY_LIST
        );
        self.out.push_str(&svg::font_face_defs());
        let _ = writeln!(
            self.out,
            r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
            self.palette.background.hex()
        );
    }

    fn text(&mut self, x: f32, y_top: f32, size: f32, text: &str, anchor: Anchor, colour: Rgba) {
        let width = self.measure.size(text, size)[0];
        let x = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width * 0.5,
            Anchor::End => x - width,
        };
        let baseline = y_top + size * 0.95;
        let _ = write!(
            self.out,
            r#"<text x="{x:.1}" y="{baseline:.1}" font-size="{size:.1}" fill="{}">"#,
            colour.hex()
        );
        svg::escape_into(&mut self.out, text);
        self.out.push_str("</text>\n");
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgba) {
        let _ = writeln!(
            self.out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{}" fill-opacity="{:.2}"/>"#,
            w.max(0.0),
            h.max(0.0),
            fill.hex(),
            fill.alpha()
        );
    }

    fn line(&mut self, a: [f32; 2], b: [f32; 2], colour: Rgba, width: f32) {
        let _ = writeln!(
            self.out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-opacity="{:.2}" stroke-width="{width:.1}"/>"#,
            a[0],
            a[1],
            b[0],
            b[1],
            colour.hex(),
            colour.alpha()
        );
    }

    /// `size`, made smaller if `text` would be wider than the slide's margins allow.
    fn fitting(&self, text: &str, size: f32) -> f32 {
        let room = self.size[0] - 2.0 * self.unit();
        let width = self.measure.size(text, size)[0];
        if width > room && width > 0.0 { size * room / width } else { size }
    }

    fn title(&mut self, title: &str, subtitle: &str) -> f32 {
        let u = self.unit();
        let text = self.palette.text;
        let size = self.fitting(title, u * 1.6);
        self.text(self.size[0] * 0.5, u * 0.9, size, title, Anchor::Middle, text);
        let size = self.fitting(subtitle, u * 0.9);
        self.text(self.size[0] * 0.5, u * 3.0, size, subtitle, Anchor::Middle, text.faded(0.7));
        u * 5.0
    }

    /// Three panels (tenure, age, sector); in each, one row per value with bars for everyone,
    /// the most named and the share of nominations.
    fn composition(&mut self, name: &str, c: &Composition, lang: Lang) {
        let tr = lang.tr();
        let u = self.unit();
        let top = self.title(&format!("{name}: {}", tr.chart_composition), tr.chart_composition_sub);
        let series: [(&Breakdown, &str, Rgba); 3] = [
            (&c.all, tr.chart_everyone, self.palette.text.faded(0.35)),
            (&c.most_named, tr.chart_most_named, self.palette.text.faded(0.85)),
            (&c.weighted, tr.chart_weighted, KITE_NOW),
        ];
        // The key.
        let mut x = u * 2.0;
        let key_y = top;
        for (_, label, colour) in &series {
            self.rect(x, key_y + u * 0.2, u * 1.2, u * 0.8, *colour);
            self.text(x + u * 1.6, key_y, u * 0.85, label, Anchor::Start, self.palette.text);
            x += u * 2.4 + self.measure.size(label, u * 0.85)[0];
        }
        let panels: [(&str, Vec<&'static str>, Pick); 3] = [
            (
                tr.facet(crate::analysis::FacetKind::Tenure),
                TenureBand::ALL.iter().map(|&b| tr.tenure_band(b)).collect(),
                |b| &b.tenure,
            ),
            (
                tr.facet(crate::analysis::FacetKind::Age),
                AgeBand::ALL.iter().map(|&b| tr.age_band(b)).collect(),
                |b| &b.age,
            ),
            (
                tr.facet(crate::analysis::FacetKind::Sector),
                Sector::ALL.iter().map(|&s| tr.sector(s)).collect(),
                |b| &b.sector,
            ),
        ];
        let area_top = top + u * 2.5;
        let gap = u * 2.0;
        let panel_w = (self.size[0] - gap * 4.0) / 3.0;
        let panel_h = self.size[1] - area_top - u * 1.5;
        for (p, (heading, values, pick)) in panels.iter().enumerate() {
            let px = gap + p as f32 * (panel_w + gap);
            self.text(px, area_top, u * 1.1, heading, Anchor::Start, self.palette.text);
            let rows_top = area_top + u * 2.2;
            let row_h = (panel_h - u * 2.2) / values.len() as f32;
            let label_w =
                values.iter().map(|v| self.measure.size(v, u * 0.85)[0]).fold(0.0, f32::max) + u * 0.8;
            let bar_w = panel_w - label_w - u * 3.2;
            for (r, value) in values.iter().enumerate() {
                let ry = rows_top + r as f32 * row_h;
                let bar_h = (row_h * 0.8 / 3.0).min(u * 1.1);
                let middle = ry + row_h * 0.1 + bar_h * 1.5;
                self.text(
                    px + label_w - u * 0.6,
                    middle - u * 0.5,
                    u * 0.85,
                    value,
                    Anchor::End,
                    self.palette.text,
                );
                for (s, (breakdown, _, colour)) in series.iter().enumerate() {
                    let share = pick(breakdown).get(r).and_then(|x| x.share).unwrap_or(0.0) as f32;
                    let by = ry + row_h * 0.1 + s as f32 * bar_h;
                    self.rect(px + label_w, by, bar_w * share, bar_h * 0.86, *colour);
                    let pct = format!("{:.0} %", share * 100.0);
                    self.text(
                        px + label_w + bar_w * share + u * 0.3,
                        by + bar_h * 0.43 - u * 0.36,
                        u * 0.7,
                        &pct,
                        Anchor::Start,
                        self.palette.text.faded(0.8),
                    );
                }
            }
        }
    }

    /// The competing values kite: four diagonal axes from the centre (Clan top left, Adhocracy
    /// top right, Market bottom right, Hierarchy bottom left), now and preferred as polygons.
    fn kite(&mut self, g: &GroupProfile, lang: Lang) {
        let tr = lang.tr();
        let u = self.unit();
        let n = g.respondent_count.unwrap_or(g.respondents.len());
        let name = if g.municipality.is_empty() { tr.chart_all } else { g.municipality.as_str() };
        let top = self.title(&format!("{name}: {}", tr.chart_culture), &tr.chart_culture_sub(n));
        let max = [g.now_mean, g.preferred_mean]
            .iter()
            .flat_map(|p| [p.clan, p.adhocracy, p.market, p.hierarchy])
            .fold(0.0f64, f64::max);
        let scale = ((max / 10.0).ceil() * 10.0).clamp(10.0, 100.0);
        let avail_h = self.size[1] - top - u * 2.0;
        // Room above and below for the corner names.
        let half = ((avail_h - u * 3.0) * 0.5).min(self.size[0] * 0.28);
        let centre = [self.size[0] * 0.42, top + avail_h * 0.5 + u * 0.2];
        let grid = self.palette.text.faded(0.18);
        // Square grid rings every 10 points; the diagonals are the axes.
        let mut ring = 10.0;
        while ring <= scale + 1e-9 {
            let r = half * (ring / scale) as f32;
            let pts = [[-r, -r], [r, -r], [r, r], [-r, r]].map(|[dx, dy]| [centre[0] + dx, centre[1] + dy]);
            for k in 0..4 {
                self.line(pts[k], pts[(k + 1) % 4], grid, 1.0);
            }
            self.text(
                centre[0] + r + u * 0.2,
                centre[1] - u * 0.45,
                u * 0.6,
                &format!("{ring:.0}"),
                Anchor::Start,
                grid.faded(3.0),
            );
            ring += 10.0;
        }
        self.line([centre[0] - half, centre[1] - half], [centre[0] + half, centre[1] + half], grid, 1.0);
        self.line([centre[0] + half, centre[1] - half], [centre[0] - half, centre[1] + half], grid, 1.0);
        self.line([centre[0] - half, centre[1]], [centre[0] + half, centre[1]], grid.faded(2.0), 1.5);
        self.line([centre[0], centre[1] - half], [centre[0], centre[1] + half], grid.faded(2.0), 1.5);
        let corner = |c: Culture| -> [f32; 2] {
            match c {
                Culture::Clan => [-1.0, -1.0],
                Culture::Adhocracy => [1.0, -1.0],
                Culture::Market => [1.0, 1.0],
                Culture::Hierarchy => [-1.0, 1.0],
            }
        };
        for c in Culture::ALL {
            let d = corner(c);
            let label = tr.culture_name(c);
            let y = if d[1] < 0.0 { centre[1] - half - u * 1.6 } else { centre[1] + half + u * 0.4 };
            let anchor = if d[0] < 0.0 { Anchor::Start } else { Anchor::End };
            let x = if d[0] < 0.0 { centre[0] - half } else { centre[0] + half };
            self.text(x, y, u * 1.0, label, anchor, self.palette.text);
        }
        let point = |p: &Profile, c: Culture| {
            let v = match c {
                Culture::Clan => p.clan,
                Culture::Adhocracy => p.adhocracy,
                Culture::Market => p.market,
                Culture::Hierarchy => p.hierarchy,
            };
            let d = corner(c);
            let f = (v / scale).clamp(0.0, 1.0) as f32 * half;
            [centre[0] + d[0] * f, centre[1] + d[1] * f]
        };
        for (profile, colour, dashed) in
            [(&g.now_mean, KITE_NOW, false), (&g.preferred_mean, KITE_PREFERRED, true)]
        {
            let pts: Vec<String> = Culture::ALL
                .iter()
                .map(|&c| {
                    let p = point(profile, c);
                    format!("{:.1},{:.1}", p[0], p[1])
                })
                .collect();
            let _ = writeln!(
                self.out,
                r#"<polygon points="{}" fill="{}" fill-opacity="0.12" stroke="{}" stroke-width="{:.1}"{}/>"#,
                pts.join(" "),
                colour.hex(),
                colour.hex(),
                u * 0.2,
                if dashed {
                    format!(r#" stroke-dasharray="{:.1} {:.1}""#, u * 0.6, u * 0.35)
                } else {
                    String::new()
                }
            );
        }
        // The key and the numbers, right of the kite.
        let kx = centre[0] + half + u * 3.0;
        let mut ky = top + u * 1.5;
        for (label, colour, profile) in
            [(tr.chart_now, KITE_NOW, &g.now_mean), (tr.chart_preferred, KITE_PREFERRED, &g.preferred_mean)]
        {
            self.rect(kx, ky + u * 0.25, u * 1.4, u * 0.7, colour);
            self.text(kx + u * 1.9, ky, u * 1.0, label, Anchor::Start, self.palette.text);
            ky += u * 1.7;
            for c in Culture::ALL {
                let v = match c {
                    Culture::Clan => profile.clan,
                    Culture::Adhocracy => profile.adhocracy,
                    Culture::Market => profile.market,
                    Culture::Hierarchy => profile.hierarchy,
                };
                self.text(
                    kx + u * 1.9,
                    ky,
                    u * 0.8,
                    &format!("{}: {v:.1}", tr.culture_name(c)),
                    Anchor::Start,
                    self.palette.text.faded(0.85),
                );
                ky += u * 1.2;
            }
            ky += u * 0.8;
        }
    }

    /// The join slide: the question on top, a QR code as large as the slide allows, the short
    /// address under it and the number of answers so far.
    fn join(&mut self, question: &str, url: &str, answers: usize, lang: Lang) {
        let tr = lang.tr();
        let u = self.unit();
        let [w, h] = self.size;
        let text = self.palette.text;
        let size = self.fitting(question, u * 1.5);
        self.text(w * 0.5, u * 0.8, size, question, Anchor::Middle, text);
        let Some((side, modules)) = crate::collect::qr_modules(url) else {
            self.text(w * 0.5, h * 0.5, u * 1.4, url, Anchor::Middle, text);
            return;
        };
        // A quiet zone of four modules around the code, white whatever the theme (phones read
        // dark modules on light).
        let room = (h - u * 9.0).min(w * 0.5).max(u * 4.0);
        let module = room / (side as f32 + 8.0);
        let left = w * 0.32 - room * 0.5;
        let top = u * 3.6;
        self.rect(left, top, room, room, Rgba([255, 255, 255, 255]));
        let (x0, y0) = (left + module * 4.0, top + module * 4.0);
        let dark = Rgba([0, 0, 0, 255]);
        for row in 0..side {
            // One rectangle per run of dark modules keeps the file small.
            let mut col = 0;
            while col < side {
                if modules.get(row * side + col).copied().unwrap_or(false) {
                    let start = col;
                    while col < side && modules.get(row * side + col).copied().unwrap_or(false) {
                        col += 1;
                    }
                    self.rect(
                        x0 + start as f32 * module,
                        y0 + row as f32 * module,
                        (col - start) as f32 * module + 0.3,
                        module + 0.3,
                        dark,
                    );
                } else {
                    col += 1;
                }
            }
        }
        self.text(w * 0.32, top + room + u * 0.6, u * 1.0, url, Anchor::Middle, text);
        let cx = w * 0.76;
        self.text(cx, h * 0.36, u * 5.0, &answers.to_string(), Anchor::Middle, text);
        self.text(cx, h * 0.36 + u * 5.6, u * 1.2, tr.join_answers_so_far, Anchor::Middle, text.faded(0.75));
        self.text(cx, h * 0.36 + u * 8.0, u * 0.9, tr.join_scan, Anchor::Middle, text.faded(0.75));
    }

    /// One row per municipality (people, ties, density, E-I, centralization, tenure and age
    /// shares), then small multiples of the three shares the study reads.
    fn compare(&mut self, rows: &[ComparisonRow], lang: Lang) {
        let tr = lang.tr();
        let u = self.unit();
        let top = self.title(tr.chart_compare, tr.chart_compare_sub);
        let pct = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{:.0} %", v * 100.0));
        let num = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
        let headers = [
            tr.chart_municipality,
            tr.chart_people,
            tr.chart_ties,
            tr.chart_density,
            tr.chart_ei,
            tr.chart_centralization,
            tr.chart_tenure_10,
            tr.chart_over_40,
            tr.chart_under_30,
        ];
        let cells: Vec<[String; 9]> = rows
            .iter()
            .map(|r| {
                [
                    r.name.clone(),
                    r.people.to_string(),
                    r.ties.to_string(),
                    num(r.density),
                    num(r.ei),
                    num(r.centralization),
                    pct(r.tenure_10_plus),
                    pct(r.over_40),
                    pct(r.under_30),
                ]
            })
            .collect();
        let font = u * 0.85;
        let mut widths = headers.map(|h| self.measure.size(h, font * 0.9)[0]);
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = w.max(self.measure.size(cell, font)[0]);
            }
        }
        let pad = u * 1.2;
        let total: f32 = widths.iter().sum::<f32>() + pad * 8.0;
        let scale_x = ((self.size[0] - u * 4.0) / total).min(1.0);
        let mut x0 = (self.size[0] - total * scale_x) * 0.5;
        let row_h = u * 1.6;
        let mut y = top + u * 0.5;
        let faint = self.palette.text.faded(0.6);
        let mut xs = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            xs.push(x0);
            let anchor_x = if i == 0 { x0 } else { x0 + widths[i] * scale_x };
            self.text(
                anchor_x,
                y,
                font * 0.9 * scale_x.max(0.7),
                h,
                if i == 0 { Anchor::Start } else { Anchor::End },
                faint,
            );
            x0 += (widths[i] + pad) * scale_x;
        }
        y += row_h;
        self.line([xs[0], y - u * 0.3], [x0 - pad * scale_x, y - u * 0.3], faint, 1.0);
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                let anchor_x = if i == 0 { xs[i] } else { xs[i] + widths[i] * scale_x };
                self.text(
                    anchor_x,
                    y,
                    font * scale_x.max(0.7),
                    cell,
                    if i == 0 { Anchor::Start } else { Anchor::End },
                    self.palette.text,
                );
            }
            y += row_h;
        }
        // Small multiples: one bar chart per share, the municipalities in the same order.
        let multiples: [(&str, RowValue); 3] = [
            (tr.chart_tenure_10, |r| r.tenure_10_plus),
            (tr.chart_over_40, |r| r.over_40),
            (tr.chart_under_30, |r| r.under_30),
        ];
        let area_top = y + u * 1.5;
        let area_h = self.size[1] - area_top - u * 1.0;
        if area_h < u * 6.0 || rows.is_empty() {
            return;
        }
        let gap = u * 2.0;
        let w = (self.size[0] - gap * 4.0) / 3.0;
        let name_w =
            rows.iter().map(|r| self.measure.size(&r.name, u * 0.8)[0]).fold(0.0, f32::max).min(w * 0.4)
                + u * 0.6;
        for (m, (heading, value)) in multiples.iter().enumerate() {
            let px = gap + m as f32 * (w + gap);
            self.text(px, area_top, u * 0.95, heading, Anchor::Start, self.palette.text);
            let bar_area = w - name_w - u * 3.0;
            let bh = ((area_h - u * 2.0) / rows.len() as f32).min(u * 2.4);
            for (i, r) in rows.iter().enumerate() {
                let by = area_top + u * 1.8 + i as f32 * bh;
                let name = crate::scene::ellipsize(&r.name, 18);
                self.text(
                    px + name_w - u * 0.4,
                    by + bh * 0.5 - u * 0.45,
                    u * 0.8,
                    &name,
                    Anchor::End,
                    self.palette.text,
                );
                let share = value(r).unwrap_or(0.0) as f32;
                self.rect(px + name_w, by + bh * 0.12, bar_area * share, bh * 0.76, KITE_NOW.faded(0.85));
                self.text(
                    px + name_w + bar_area * share + u * 0.3,
                    by + bh * 0.5 - u * 0.45,
                    u * 0.7,
                    &pct(value(r)),
                    Anchor::Start,
                    faint,
                );
            }
        }
    }
}
