//! The one home of the diagram's colours and sizes. Plain RGBA, no egui: the canvas and the
//! exports resolve colours here, so they always match.

use serde::{Deserialize, Serialize};

use crate::model::{Sector, TieKind};

/// An sRGB colour with straight (unmultiplied) alpha.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rgba(pub [u8; 4]);

/// `x.round() as u8` for `x` in 0..=255, without a call into libm: rounding is not an
/// instruction on baseline x86-64, and every tie's colour is faded on every scene build.
fn round_u8(x: f32) -> u8 {
    let whole = x as u8;
    // `x - whole` is exact here (both below 2^8), so this rounds half away from zero like
    // `f32::round`.
    if x - f32::from(whole) >= 0.5 { whole.saturating_add(1) } else { whole }
}

impl Rgba {
    /// Opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// The same colour with alpha scaled by `factor` (0..1).
    pub fn faded(self, factor: f32) -> Self {
        let [r, g, b, a] = self.0;
        Self([r, g, b, round_u8(f32::from(a) * factor.clamp(0.0, 1.0))])
    }

    /// `#rrggbb` for SVG.
    pub fn hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Alpha as 0..1.
    pub fn alpha(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }
}

/// Colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Palette {
    /// Canvas background.
    pub background: Rgba,
    /// Text on the canvas (labels, legend).
    pub text: Rgba,
    /// Legend box fill.
    pub legend_fill: Rgba,
    /// Node outline.
    pub outline: Rgba,
    /// Outline of the selected person.
    pub selection: Rgba,
    /// Pin marker.
    pub pin: Rgba,
    /// Node fill by sector, indexed by [`Sector::index`].
    pub sector: [Rgba; 4],
    /// Tie colour by kind, indexed by [`TieKind::index`].
    pub tie: [Rgba; 3],
    /// Add a second cue to sector colours (a centre dot or an inner ring), for colour-blind
    /// viewers and black-and-white printouts.
    pub sector_cue: bool,
}

/// Light or dark canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Theme {
    /// Light background (the study's diagrams; projectors in bright rooms).
    #[default]
    Light,
    /// Dark background.
    Dark,
}

/// The second cue of a sector, drawn inside the node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Marker {
    /// Plain disc.
    #[default]
    None,
    /// A light dot in the centre.
    Dot,
    /// A dark ring inside the edge.
    Ring,
}

impl Palette {
    /// The palette of a theme, optionally colour-blind-safe.
    pub fn of(theme: Theme, colour_blind: bool) -> Self {
        let base = match theme {
            Theme::Light => Self::LIGHT,
            Theme::Dark => Self::DARK,
        };
        if !colour_blind {
            return base;
        }
        // Okabe-Ito: vermillion, blue and bluish green stay apart for the common forms of
        // colour blindness, plus a second cue in the nodes. Ties take two colours no sector has,
        // light sky blue inside and orange across (vermillion across read as "public ties").
        Self {
            sector: [
                Rgba::rgb(0xd5, 0x5e, 0x00),
                Rgba::rgb(0x00, 0x72, 0xb2),
                Rgba::rgb(0x00, 0x9e, 0x73),
                base.sector[3],
            ],
            tie: [Rgba::rgb(0x56, 0xb4, 0xe9), Rgba::rgb(0xe6, 0x9f, 0x00), base.tie[2]],
            sector_cue: true,
            ..base
        }
    }

    /// The second cue of a sector (only when [`Self::sector_cue`] is on).
    pub fn marker(&self, s: Sector) -> Marker {
        if !self.sector_cue {
            return Marker::None;
        }
        match s {
            Sector::Public => Marker::None,
            Sector::Private => Marker::Dot,
            Sector::Other => Marker::Ring,
            Sector::Unknown => Marker::None,
        }
    }

    /// The study's colours on a dark background.
    pub const DARK: Self = Self {
        background: Rgba::rgb(0x16, 0x19, 0x1d),
        text: Rgba::rgb(0xe8, 0xe8, 0xe6),
        legend_fill: Rgba([0x22, 0x26, 0x2c, 0xeb]),
        outline: Rgba::rgb(0x16, 0x19, 0x1d),
        selection: Rgba::rgb(0xff, 0xff, 0xff),
        pin: Rgba::rgb(0xe8, 0xe8, 0xe6),
        sector: [
            Rgba::rgb(0xff, 0x5a, 0x4e), // public: red
            Rgba::rgb(0x4d, 0x8c, 0xff), // private: blue
            Rgba::rgb(0xff, 0xc2, 0x33), // other: amber
            Rgba::rgb(0x8a, 0x90, 0x96), // unknown: grey
        ],
        tie: [
            Rgba::rgb(0x2f, 0xd3, 0xd3), // internal: turquoise
            Rgba::rgb(0xff, 0x5a, 0x4e), // external: red
            Rgba::rgb(0x8a, 0x90, 0x96), // unknown: grey
        ],
        sector_cue: false,
    };

    /// The study's colours on a light background.
    pub const LIGHT: Self = Self {
        background: Rgba::rgb(0xfb, 0xfb, 0xf8),
        text: Rgba::rgb(0x1f, 0x23, 0x28),
        legend_fill: Rgba([0xff, 0xff, 0xff, 0xe6]),
        outline: Rgba::rgb(0xff, 0xff, 0xff),
        selection: Rgba::rgb(0x11, 0x11, 0x11),
        pin: Rgba::rgb(0x33, 0x33, 0x33),
        sector: [
            Rgba::rgb(0xd6, 0x27, 0x28), // public: red
            Rgba::rgb(0x1f, 0x5f, 0xbf), // private: blue
            Rgba::rgb(0xe6, 0x9f, 0x00), // other: amber
            Rgba::rgb(0x9a, 0xa0, 0xa6), // unknown: grey
        ],
        tie: [
            Rgba::rgb(0x1a, 0xb0, 0xb0), // internal: turquoise
            Rgba::rgb(0xe0, 0x3c, 0x31), // external: red
            Rgba::rgb(0xa0, 0xa4, 0xa8), // unknown: grey
        ],
        sector_cue: false,
    };

    /// Fill of a sector.
    pub fn sector_fill(&self, s: Sector) -> Rgba {
        self.sector.get(s.index()).copied().unwrap_or(self.outline)
    }

    /// Colour of a tie kind.
    pub fn tie_colour(&self, k: TieKind) -> Rgba {
        self.tie.get(k.index()).copied().unwrap_or(self.outline)
    }
}

impl Default for Palette {
    fn default() -> Self {
        Self::LIGHT
    }
}

/// Colours for groups of an attribute (Okabe-Ito, then a few more), when people are coloured
/// by something other than sector.
pub const CATEGORY: [Rgba; 9] = [
    Rgba::rgb(0xe6, 0x9f, 0x00),
    Rgba::rgb(0x56, 0xb4, 0xe9),
    Rgba::rgb(0x00, 0x9e, 0x73),
    Rgba::rgb(0xd5, 0x5e, 0x00),
    Rgba::rgb(0x00, 0x72, 0xb2),
    Rgba::rgb(0xcc, 0x79, 0xa7),
    Rgba::rgb(0xf0, 0xe4, 0x42),
    Rgba::rgb(0x8c, 0x56, 0x4b),
    Rgba::rgb(0x6a, 0x3d, 0x9a),
];

// How big a person is drawn lives in `layout` (the layout keeps big people apart).
pub use crate::layout::size::{
    NODE_RADIUS_BASE, NODE_RADIUS_MAX, NODE_RADIUS_MIN_UNIT, node_radius, node_radius_in, node_unit,
};

/// Smallest radius on screen, in points, so nobody vanishes when zoomed out.
pub const NODE_RADIUS_MIN_POINTS: f32 = 2.0;
/// Width of a one-way tie, in points.
pub const TIE_WIDTH_POINTS: f32 = 1.3;
/// Width of a mutual pair (drawn as one line with two heads), in points.
pub const MUTUAL_TIE_WIDTH_POINTS: f32 = 2.6;
/// Arrowhead length, in points.
pub const ARROW_LENGTH_POINTS: f32 = 8.0;
/// Arrowhead half width, in points.
pub const ARROW_HALF_WIDTH_POINTS: f32 = 3.5;
/// Node outline width, in points.
pub const OUTLINE_POINTS: f32 = 1.0;
/// Label font size, in points; it stays this size whatever the zoom.
pub const LABEL_POINTS: f32 = 12.5;
/// Legend font size, in points.
pub const LEGEND_POINTS: f32 = 13.0;
/// Legend title font size, in points.
pub const LEGEND_TITLE_POINTS: f32 = 17.0;
/// Alpha factor of faded people and ties.
pub const FADED_ALPHA: f32 = 0.13;
/// Alpha factor of ties in normal drawing (overlaps stay readable).
pub const TIE_ALPHA: f32 = 0.75;
/// Alpha factor of the halo behind names, so they stay readable over ties.
pub const LABEL_HALO_ALPHA: f32 = 0.75;
/// Alpha factor of ordinary ties when a huge network is zoomed out (they are also thinner).
pub const DENSE_TIE_ALPHA: f32 = 0.5;
/// Width factor of ordinary ties when a huge network is zoomed out.
pub const DENSE_TIE_WIDTH: f32 = 0.6;
/// Alpha factor (of the text colour) of legend section headings. The canvas has always shown
/// them in the full text colour (a 0.7 it once asked for never took effect), so 1.0 keeps
/// the picture people know; lower it for lighter headings on screen and in exports alike.
pub const LEGEND_HEADING_ALPHA: f32 = 1.0;
/// Alpha factor (of the text colour) of the legend box outline.
pub const LEGEND_STROKE_ALPHA: f32 = 0.25;
/// Alpha factor (of the text colour) of the legend's size sample fill.
pub const SIZE_SAMPLE_FILL_ALPHA: f32 = 0.35;
/// Alpha factor (of the text colour) of the legend's size sample outline.
pub const SIZE_SAMPLE_STROKE_ALPHA: f32 = 0.6;
/// Gap between a node and the selection ring, in points.
pub const SELECTION_GAP_POINTS: f32 = 2.5;
/// Width of the selection ring, in points.
pub const SELECTION_RING_POINTS: f32 = 2.5;
/// Radius of the pin marker's dot, in points.
pub const PIN_RADIUS_POINTS: f32 = 3.0;
/// Width of the pin marker's outline, in points.
pub const PIN_OUTLINE_POINTS: f32 = 1.2;
/// Colour of the light dot that marks a sector for colour-blind viewers.
pub const CUE_DOT: Rgba = Rgba::rgb(0xff, 0xff, 0xff);
/// Colour of the dark ring that marks a sector for colour-blind viewers.
pub const CUE_RING: Rgba = Rgba::rgb(0x11, 0x11, 0x11);
/// Radius of the cue dot, as a fraction of the node's radius.
pub const CUE_DOT_FRACTION: f32 = 0.38;
/// Inner and outer radius of the cue ring, as fractions of the node's radius.
pub const CUE_RING_FRACTIONS: (f32, f32) = (0.5, 0.72);
/// Nodes smaller than this on screen, in points, show no cue (it would be a smudge).
pub const CUE_MIN_RADIUS_POINTS: f32 = 4.0;

#[cfg(test)]
mod tests {
    use super::{Palette, Rgba, Theme, round_u8};

    #[test]
    fn fading_rounds_like_f32_round() {
        for a in 0..=255u8 {
            for k in 0..=1000 {
                let x = f32::from(a) * (k as f32 / 1000.0);
                assert_eq!(round_u8(x), x.round() as u8, "{a} * {k}/1000");
            }
        }
        assert_eq!(round_u8(f32::NAN), 0);
        assert_eq!(round_u8(0.5), 1);
        assert_eq!(round_u8(254.5), 255);
    }

    /// How a colour looks with a colour-vision deficiency (Machado et al. 2009, severity 1, on
    /// linear RGB).
    fn seen_with(m: [[f32; 3]; 3], c: Rgba) -> [f32; 3] {
        let lin = [c.0[0], c.0[1], c.0[2]].map(|v| (f32::from(v) / 255.0).powf(2.2));
        let row = |r: [f32; 3]| {
            let v = (r[0] * lin[0] + r[1] * lin[1] + r[2] * lin[2]).clamp(0.0, 1.0);
            255.0 * v.powf(1.0 / 2.2)
        };
        [row(m[0]), row(m[1]), row(m[2])]
    }

    fn distance(a: [f32; 3], b: [f32; 3]) -> f32 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    #[test]
    fn colour_blind_ties_stay_apart_from_every_sector_colour() {
        let visions = [
            ("normal", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
            (
                "protan",
                [
                    [0.152_286, 1.052_583, -0.204_868],
                    [0.114_503, 0.786_281, 0.099_216],
                    [-0.003_882, -0.048_116, 1.051_998],
                ],
            ),
            (
                "deutan",
                [
                    [0.367_322, 0.860_646, -0.227_968],
                    [0.280_085, 0.672_501, 0.047_413],
                    [-0.011_820, 0.042_940, 0.968_881],
                ],
            ),
            (
                "tritan",
                [
                    [1.255_528, -0.076_749, -0.178_779],
                    [-0.078_411, 0.930_809, 0.147_602],
                    [0.004_733, 0.691_367, 0.303_900],
                ],
            ),
        ];
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::of(theme, true);
            for (name, m) in visions {
                // Inside and across (unknown ties are grey like unknown people, on purpose).
                for tie in &p.tie[..2] {
                    for sector in &p.sector[..3] {
                        let d = distance(seen_with(m, *tie), seen_with(m, *sector));
                        assert!(d > 55.0, "{name}: tie {tie:?} is {d:.0} from sector {sector:?}");
                    }
                }
                let d = distance(seen_with(m, p.tie[0]), seen_with(m, p.tie[1]));
                assert!(d > 150.0, "{name}: the two tie colours are {d:.0} apart");
            }
        }
    }
}
