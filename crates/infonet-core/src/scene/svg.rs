//! SVG export of a [`Frame`]: the same primitives the canvas paints, written as SVG
//! elements (one `<circle>` per person, one per selection ring and one per pin marker). Text
//! uses the font the canvas uses (egui's default proportional font, Ubuntu Light), measured
//! here with the same shaper egui uses and embedded in the file, so names and the legend sit
//! exactly where they sit on screen, in any viewer.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::sync::OnceLock;

use base64::Engine as _;
use skrifa::MetadataProvider as _;

use super::Scene;
use super::frame::{
    Cue, Disc, Frame, FrameOptions, LabelBox, LegendIcon, Rect, Ring, TextMeasure, TextRun, TieLine,
    Viewport, layout_frame,
};
use super::style::Rgba;

/// The font the canvas draws text with: egui's default proportional font.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;
/// The family name the embedded font gets in an SVG.
pub const EMBEDDED_FONT_FAMILY: &str = "Infonet Ubuntu Light";
/// The `font-family` of SVG text: the embedded font, then the same font installed, then any.
pub const FONT_FAMILY_LIST: &str = "'Infonet Ubuntu Light', 'Ubuntu Light', Ubuntu, sans-serif";

/// GUI rounding of egui (1/32 point), which its font metrics go through.
fn round_ui(v: f32) -> f32 {
    (v * 32.0).round() / 32.0
}

/// Measures text with the canvas font file, shaped like egui shapes it (harfrust, the same
/// version), so exports and the screen agree on every text box.
pub struct FontMeasure {
    font: skrifa::FontRef<'static>,
    shaper_data: harfrust::ShaperData,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    leading: f32,
    buffer: RefCell<Option<harfrust::UnicodeBuffer>>,
}

impl FontMeasure {
    /// The measure for [`FONT_BYTES`].
    pub fn new() -> Result<Self, String> {
        let font = skrifa::FontRef::new(FONT_BYTES).map_err(|e| format!("cannot read the font: {e}"))?;
        let metrics =
            font.metrics(skrifa::instance::Size::unscaled(), skrifa::instance::LocationRef::default());
        let shaper_data = harfrust::ShaperData::new(&font);
        Ok(Self {
            units_per_em: f32::from(metrics.units_per_em.max(1)),
            ascent: metrics.ascent,
            descent: metrics.descent,
            leading: metrics.leading,
            shaper_data,
            font,
            buffer: RefCell::new(None),
        })
    }

    /// Distance from the top of a text box to the baseline, in points (egui's rule at one
    /// pixel per point).
    pub fn ascent(&self, font_points: f32) -> f32 {
        round_ui(self.ascent * font_points / self.units_per_em).round()
    }

    /// Height of one row, in points.
    pub fn row_height(&self, font_points: f32) -> f32 {
        let k = font_points / self.units_per_em;
        (round_ui(self.ascent * k) - round_ui(self.descent * k) + round_ui(self.leading * k)).round()
    }

    /// Advance width of `text`, in font units.
    fn advance_units(&self, text: &str) -> f32 {
        if text.is_empty() {
            return 0.0;
        }
        let mut slot = self.buffer.borrow_mut();
        let mut buffer = slot.take().unwrap_or_default();
        buffer.set_flags(harfrust::BufferFlags::BEGINNING_OF_TEXT | harfrust::BufferFlags::END_OF_TEXT);
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaper = self.shaper_data.shaper(&self.font).build();
        let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let total: i64 = glyphs.glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum();
        *slot = Some(glyphs.clear());
        total as f32
    }
}

impl TextMeasure for FontMeasure {
    fn size(&self, text: &str, font_points: f32) -> [f32; 2] {
        let width = round_ui(self.advance_units(text) * font_points / self.units_per_em);
        [width, self.row_height(font_points)]
    }
}

/// A rough measure (for when the font cannot be read, which should never happen).
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn size(&self, text: &str, font_points: f32) -> [f32; 2] {
        [text.chars().count() as f32 * font_points * 0.5, (font_points * 1.25).round()]
    }
}

/// The `<defs>` that embed the canvas font (for standalone SVGs made elsewhere: charts).
pub(crate) fn font_face_defs() -> String {
    format!(
        "<defs><style>@font-face{{font-family:'{EMBEDDED_FONT_FAMILY}';font-weight:normal;font-style:normal;\
         src:url(data:font/ttf;base64,{}) format('truetype');}}</style></defs>\n",
        font_base64()
    )
}

/// The embedded font as base64, encoded once.
fn font_base64() -> &'static str {
    static ENCODED: OnceLock<String> = OnceLock::new();
    ENCODED.get_or_init(|| base64::engine::general_purpose::STANDARD.encode(FONT_BYTES))
}

/// Lays the scene out for `viewport` with the canvas font and writes a standalone SVG with
/// the scene's background and the font embedded.
pub fn render_svg(scene: &Scene, viewport: &Viewport, options: &FrameOptions) -> String {
    let frame = match FontMeasure::new() {
        Ok(measure) => layout_frame(scene, viewport, options, &measure),
        Err(err) => {
            log::error!("{err}; text sizes are estimated");
            layout_frame(scene, viewport, options, &ApproxMeasure)
        }
    };
    to_svg(&frame, Some(scene.background))
}

/// A standalone SVG of `frame`, with the canvas font embedded; `background` fills the
/// picture when given (else it is transparent).
pub fn to_svg(frame: &Frame, background: Option<Rgba>) -> String {
    write_svg(frame, background, true)
}

/// Like [`to_svg`], optionally without the embedded font (the rasterizer loads the font
/// itself, so it need not parse it from the file).
pub(crate) fn write_svg(frame: &Frame, background: Option<Rgba>, embed_font: bool) -> String {
    let measure = FontMeasure::new().ok();
    let ascent =
        |font_points: f32| measure.as_ref().map_or((font_points * 0.8).round(), |m| m.ascent(font_points));
    let mut out = String::with_capacity(4096 + 120 * (frame.ties.len() + frame.people.len()));
    let [w, h] = frame.size;
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    out.push('\n');
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">"#,
        Num(w),
        Num(h),
        Num(w),
        Num(h)
    )
    .ok();
    out.push('\n');
    if embed_font {
        writeln!(
            out,
            "<defs><style>@font-face{{font-family:'{EMBEDDED_FONT_FAMILY}';font-weight:normal;font-style:normal;\
             src:url(data:font/ttf;base64,{}) format('truetype');}}</style></defs>",
            font_base64()
        )
        .ok();
    }
    if let Some(bg) = background {
        write!(out, r#"<rect width="{}" height="{}"{}/>"#, Num(w), Num(h), Paint("fill", bg)).ok();
        out.push('\n');
    }

    out.push_str("<g id=\"ties\">\n");
    for tie in &frame.ties {
        write_tie(&mut out, tie);
    }
    out.push_str("</g>\n<g id=\"people\">\n");
    for person in &frame.people {
        write_person_disc(&mut out, &person.disc, person.person.index());
        match &person.cue {
            Some(Cue::Dot(dot)) => write_disc(&mut out, dot),
            Some(Cue::Ring(ring)) => write_ring(&mut out, ring),
            None => {}
        }
        if let Some(ring) = &person.ring {
            write_ring(&mut out, ring);
        }
        if let Some(pin) = &person.pin {
            write_disc(&mut out, pin);
        }
    }
    writeln!(out, "</g>\n<g id=\"labels\" font-family=\"{FONT_FAMILY_LIST}\" xml:space=\"preserve\">").ok();
    for label in &frame.labels {
        write_label(&mut out, frame, label, &ascent);
    }
    out.push_str("</g>\n");
    if let Some(legend) = &frame.legend {
        writeln!(out, "<g id=\"legend\" font-family=\"{FONT_FAMILY_LIST}\" xml:space=\"preserve\">").ok();
        write_rounded_rect(&mut out, &legend.rect, legend.rounding, Paint("fill", legend.fill));
        // The outline lies inside the box.
        let half = legend.stroke_width * 0.5;
        write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="none"{} stroke-width="{}"/>"#,
            Num(legend.rect.min[0] + half),
            Num(legend.rect.min[1] + half),
            Num(legend.rect.width() - legend.stroke_width),
            Num(legend.rect.height() - legend.stroke_width),
            Num((legend.rounding - half).max(0.0)),
            Paint("stroke", legend.stroke),
            Num(legend.stroke_width)
        )
        .ok();
        out.push('\n');
        write_text(&mut out, frame, &legend.title, &ascent);
        for row in &legend.rows {
            match &row.icon {
                Some(LegendIcon::Disc(disc)) => write_disc(&mut out, disc),
                Some(LegendIcon::Tie(tie)) => write_tie(&mut out, tie),
                None => {}
            }
            match &row.cue {
                Some(Cue::Dot(dot)) => write_disc(&mut out, dot),
                Some(Cue::Ring(ring)) => write_ring(&mut out, ring),
                None => {}
            }
            write_text(&mut out, frame, &row.text, &ascent);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// A number with at most three decimals and no trailing zeros.
struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { (self.0 * 1000.0).round() / 1000.0 } else { 0.0 };
        let v = if v == 0.0 { 0.0 } else { v };
        let s = format!("{v:.3}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        f.write_str(s)
    }
}

/// ` fill="#rrggbb" fill-opacity="a"` (or stroke), opacity only when not opaque.
#[derive(Clone, Copy)]
struct Paint(&'static str, Rgba);

impl std::fmt::Display for Paint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Paint(what, colour) = self;
        write!(f, r#" {what}="{}""#, colour.hex())?;
        if colour.0[3] != 255 {
            write!(f, r#" {what}-opacity="{}""#, Num(colour.alpha()))?;
        }
        Ok(())
    }
}

fn write_tie(out: &mut String, tie: &TieLine) {
    if tie.line {
        write!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{} stroke-width="{}" stroke-linecap="butt"/>"#,
            Num(tie.a[0]),
            Num(tie.a[1]),
            Num(tie.b[0]),
            Num(tie.b[1]),
            Paint("stroke", tie.colour),
            Num(tie.width)
        )
        .ok();
        out.push('\n');
    }
    for head in tie.heads.iter().flatten() {
        write!(
            out,
            r#"<polygon points="{},{} {},{} {},{}"{}/>"#,
            Num(head.tip[0]),
            Num(head.tip[1]),
            Num(head.left[0]),
            Num(head.left[1]),
            Num(head.right[0]),
            Num(head.right[1]),
            Paint("fill", tie.colour)
        )
        .ok();
        out.push('\n');
    }
}

/// A person's disc, tagged with whose it is (`data-person`, the person's index) so that
/// scripts and tests can tell discs and names apart without reading names.
fn write_person_disc(out: &mut String, disc: &Disc, person: usize) {
    write!(out, r#"<circle data-person="{person}""#).ok();
    write_disc_attributes(out, disc);
}

fn write_disc(out: &mut String, disc: &Disc) {
    out.push_str("<circle");
    write_disc_attributes(out, disc);
}

fn write_disc_attributes(out: &mut String, disc: &Disc) {
    write!(
        out,
        r#" cx="{}" cy="{}" r="{}"{}"#,
        Num(disc.centre[0]),
        Num(disc.centre[1]),
        Num(disc.stroke_radius()),
        Paint("fill", disc.fill)
    )
    .ok();
    if disc.outline_width > 0.0 {
        write!(out, r#"{} stroke-width="{}""#, Paint("stroke", disc.outline), Num(disc.outline_width)).ok();
    }
    out.push_str("/>\n");
}

fn write_ring(out: &mut String, ring: &Ring) {
    write!(
        out,
        r#"<circle cx="{}" cy="{}" r="{}" fill="none"{} stroke-width="{}"/>"#,
        Num(ring.centre[0]),
        Num(ring.centre[1]),
        Num((ring.inner + ring.outer) * 0.5),
        Paint("stroke", ring.colour),
        Num(ring.outer - ring.inner)
    )
    .ok();
    out.push('\n');
}

fn write_rounded_rect(out: &mut String, rect: &Rect, rounding: f32, paint: Paint) {
    out.push_str("<rect");
    write_rect_attributes(out, rect, rounding, paint);
}

fn write_rect_attributes(out: &mut String, rect: &Rect, rounding: f32, paint: Paint) {
    write!(
        out,
        r#" x="{}" y="{}" width="{}" height="{}" rx="{}"{paint}/>"#,
        Num(rect.min[0]),
        Num(rect.min[1]),
        Num(rect.width()),
        Num(rect.height()),
        Num(rounding)
    )
    .ok();
    out.push('\n');
}

fn write_label(out: &mut String, frame: &Frame, label: &LabelBox, ascent: &dyn Fn(f32) -> f32) {
    let person = label.person.index();
    if let Some([a, b]) = label.leader {
        write!(
            out,
            r#"<line data-person="{person}" x1="{}" y1="{}" x2="{}" y2="{}"{} stroke-width="{}"/>"#,
            Num(a[0]),
            Num(a[1]),
            Num(b[0]),
            Num(b[1]),
            Paint("stroke", label.run.colour.faded(LEADER_ALPHA)),
            Num(LEADER_WIDTH_POINTS)
        )
        .ok();
        out.push('\n');
    }
    write!(out, r#"<rect data-person="{person}""#).ok();
    write_rect_attributes(out, &label.halo, label.halo_rounding, Paint("fill", label.halo_colour));
    write!(out, r#"<text data-person="{person}""#).ok();
    write_text_attributes(out, frame, &label.run, ascent);
}

/// Opacity of a leader line (the name's colour, lighter).
pub const LEADER_ALPHA: f32 = 0.55;
/// Width of a leader line, in points.
pub const LEADER_WIDTH_POINTS: f32 = 1.0;

fn write_text(out: &mut String, frame: &Frame, run: &TextRun, ascent: &dyn Fn(f32) -> f32) {
    if frame.text(run.text).is_empty() {
        return;
    }
    out.push_str("<text");
    write_text_attributes(out, frame, run, ascent);
}

fn write_text_attributes(out: &mut String, frame: &Frame, run: &TextRun, ascent: &dyn Fn(f32) -> f32) {
    let text = frame.text(run.text);
    write!(
        out,
        r#" x="{}" y="{}" font-size="{}"{}>"#,
        Num(run.pos[0]),
        Num(run.pos[1] + ascent(run.font_points)),
        Num(run.font_points),
        Paint("fill", run.colour)
    )
    .ok();
    escape_into(out, text);
    out.push_str("</text>\n");
}

/// Appends `text` with XML's special characters escaped (the one escaping of every writer).
pub(crate) use crate::io::escape_markup as escape_into;
