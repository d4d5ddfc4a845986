//! One frame of the picture in screen space: every geometry decision the canvas makes (tie
//! ends at the node edge, arrowheads, mutual pairs, discs and outlines, the selection ring,
//! pin markers, which names fit, the legend's layout, culling and level of detail), made once
//! here without egui. The canvas paints a [`Frame`] with egui and the exports write the same
//! [`Frame`] as SVG (and PNG through a rasterizer), so an export looks exactly like the screen.
//!
//! Coordinates are points with the origin at the top-left corner of the viewport, y down.
//! [`FrameBuilder`] keeps its buffers between frames, so building one allocates nothing per
//! element once it has warmed up.

mod legend;
use super::style::{self, Marker, Palette, Rgba};
use super::{Emphasis, LegendItem, Scene};
use crate::model::PersonId;
use legend::{RowKind, layout_legend};

/// A point in screen points.
pub type Point = [f32; 2];

/// Smallest zoom (points per world unit), the same as the canvas camera's.
pub const MIN_SCALE: f32 = 1e-4;
/// Largest zoom (points per world unit), the same as the canvas camera's.
pub const MAX_SCALE: f32 = 50.0;
/// Margin around the network when a view is fitted to it, in points.
pub const FIT_MARGIN_POINTS: f32 = 36.0;

/// Culling margin around the viewport, in points.
const CULL_MARGIN_POINTS: f32 = 40.0;
/// More ties than this, zoomed out below [`DENSE_SCALE`], draws ordinary ties thin and
/// light without arrowheads.
const DENSE_TIES: usize = 20_000;
/// See [`DENSE_TIES`].
const DENSE_SCALE: f32 = 0.5;
/// Nodes at least this big on screen get an outline.
const OUTLINE_MIN_RADIUS_POINTS: f32 = 3.0;
/// Where the pin marker sits, as a fraction of the radius to the right and up.
const PIN_OFFSET: f32 = 0.72;
/// Gap between a node and its name, in points.
const LABEL_GAP_POINTS: f32 = 2.0;
/// The most named who are offered a name however small they are drawn.
const LABELS_BEFORE_LOD: usize = 25;
/// Beyond the [`LABELS_BEFORE_LOD`] most named, people smaller than this on screen get no name
/// (a crowd of tiny people would cost a search each and fit nowhere).
const LOD_RADIUS_POINTS: f32 = 3.5;
/// Estimated glyph width as a fraction of the font size, to reject names cheaply.
const LABEL_CHAR_WIDTH: f32 = 0.52;
/// Room kept free around each placed name, in points.
const LABEL_SPACING_POINTS: f32 = 2.0;
/// Horizontal padding of the halo behind a name, in points.
const HALO_PAD_POINTS: f32 = 3.0;
/// Corner radius of the halo behind a name, in points.
const HALO_ROUNDING_POINTS: f32 = 3.0;
/// Cell size of the label grid, in points.
const LABEL_CELL: Point = [96.0, 24.0];
/// Cell size of the disc grid, in points.
const DISC_CELL: Point = [32.0, 32.0];
/// How much bigger the most named person's name is than the least named's when names grow
/// with in-degree.
const LABEL_GROWTH: f32 = 0.6;
/// Largest number of label grid cells along each axis.
const LABEL_GRID_MAX: usize = 200;
/// Inner padding of the legend box, in points.
const LEGEND_PAD: f32 = 10.0;
/// Distance of the legend box from the viewport's corner, in points.
const LEGEND_MARGIN: f32 = 12.0;
/// Corner radius of the legend box, in points.
const LEGEND_ROUNDING: f32 = 6.0;
/// Outline width of the legend box, in points.
const LEGEND_STROKE_POINTS: f32 = 1.0;
/// Largest size sample in the legend, in points.
const LEGEND_MAX_RADIUS: f32 = 26.0;
/// Smallest width of the legend's icon column, in points.
const LEGEND_ICON_MIN_WIDTH: f32 = 30.0;
/// Gap between a legend icon and its text, in points.
const LEGEND_ICON_GAP: f32 = 6.0;
/// Height of a legend row with a swatch or a tie sample, in points.
const LEGEND_ROW_HEIGHT: f32 = 18.0;
/// Radius of a legend swatch, in points (the outline is centred on it).
const LEGEND_SWATCH_RADIUS: f32 = 6.5;
/// Arrowhead length and half width of legend tie samples, in points.
const LEGEND_ARROW: (f32, f32) = (7.0, 3.5);
/// Width at which the legend's filter sentence wraps, in points.
const LEGEND_WRAP_POINTS: f32 = 260.0;

/// An axis-aligned rectangle in points. Edges count as inside, like egui's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub min: Point,
    /// Bottom-right corner.
    pub max: Point,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub fn from_min_size(min: Point, size: [f32; 2]) -> Self {
        Self { min, max: [min[0] + size[0], min[1] + size[1]] }
    }

    /// A rectangle from its centre and size.
    pub fn from_center_size(center: Point, size: [f32; 2]) -> Self {
        let half = [size[0] * 0.5, size[1] * 0.5];
        Self {
            min: [center[0] - half[0], center[1] - half[1]],
            max: [center[0] + half[0], center[1] + half[1]],
        }
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    /// Centre.
    pub fn center(&self) -> Point {
        [(self.min[0] + self.max[0]) * 0.5, (self.min[1] + self.max[1]) * 0.5]
    }

    /// Grown by `dx` left and right and `dy` up and down.
    pub fn expand2(&self, dx: f32, dy: f32) -> Self {
        Self { min: [self.min[0] - dx, self.min[1] - dy], max: [self.max[0] + dx, self.max[1] + dy] }
    }

    /// Grown by `d` on every side.
    pub fn expand(&self, d: f32) -> Self {
        self.expand2(d, d)
    }

    /// Whether `p` is inside (edges included).
    pub fn contains(&self, p: Point) -> bool {
        self.min[0] <= p[0] && p[0] <= self.max[0] && self.min[1] <= p[1] && p[1] <= self.max[1]
    }

    /// Whether the two rectangles share any point (touching counts).
    pub fn intersects(&self, other: &Self) -> bool {
        self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }
}

/// What part of the world is shown, and how big.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Size in points.
    pub size: [f32; 2],
    /// World point shown at the centre.
    pub camera_centre: [f32; 2],
    /// Points per world unit.
    pub scale: f32,
}

impl Viewport {
    /// A world point in screen points.
    pub fn screen_from_world(&self, p: [f32; 2]) -> Point {
        [
            self.size[0] * 0.5 + (p[0] - self.camera_centre[0]) * self.scale,
            self.size[1] * 0.5 + (p[1] - self.camera_centre[1]) * self.scale,
        ]
    }

    /// A screen point in world coordinates.
    pub fn world_from_screen(&self, p: Point) -> [f32; 2] {
        [
            self.camera_centre[0] + (p[0] - self.size[0] * 0.5) / self.scale,
            self.camera_centre[1] + (p[1] - self.size[1] * 0.5) / self.scale,
        ]
    }

    /// The whole viewport as a rectangle.
    pub fn rect(&self) -> Rect {
        Rect { min: [0.0, 0.0], max: self.size }
    }

    /// The view of `size` points that shows world `bounds` with `margin` points around.
    pub fn fitting(size: [f32; 2], bounds: ([f32; 2], [f32; 2]), margin: f32) -> Self {
        let target = Rect { min: [0.0, 0.0], max: size };
        Self::fitting_within(size, target, bounds, margin)
    }

    /// Like [`Self::fitting`], but the bounds go inside `target`, a part of the viewport.
    pub fn fitting_within(size: [f32; 2], target: Rect, bounds: ([f32; 2], [f32; 2]), margin: f32) -> Self {
        let (min, max) = bounds;
        let world = [(max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0)];
        let avail = [(target.width() - 2.0 * margin).max(10.0), (target.height() - 2.0 * margin).max(10.0)];
        let scale = (avail[0] / world[0]).min(avail[1] / world[1]).clamp(MIN_SCALE, MAX_SCALE);
        let target_centre = target.center();
        let shift = [size[0] * 0.5 - target_centre[0], size[1] * 0.5 - target_centre[1]];
        Self {
            size,
            camera_centre: [
                (min[0] + max[0]) * 0.5 + shift[0] / scale,
                (min[1] + max[1]) * 0.5 + shift[1] / scale,
            ],
            scale,
        }
    }

    /// The part of a viewport the network goes in: beside the legend or above/below it,
    /// whichever shows `bounds` bigger (the app's rule when it fits the view, so the legend
    /// sits in the margin, never over the network).
    pub fn fit_target(size: [f32; 2], legend: Option<Rect>, bounds: ([f32; 2], [f32; 2])) -> Rect {
        let whole = Rect { min: [0.0, 0.0], max: size };
        let Some(legend) = legend else { return whole };
        let world = [(bounds.1[0] - bounds.0[0]).max(1.0), (bounds.1[1] - bounds.0[1]).max(1.0)];
        let mut beside = whole;
        if legend.center()[0] < size[0] * 0.5 {
            beside.min[0] = legend.max[0];
        } else {
            beside.max[0] = legend.min[0];
        }
        let mut above = whole;
        if legend.center()[1] > size[1] * 0.5 {
            above.max[1] = legend.min[1];
        } else {
            above.min[1] = legend.max[1];
        }
        let scale = |r: &Rect| {
            let avail = [
                (r.width() - 2.0 * FIT_MARGIN_POINTS).max(1.0),
                (r.height() - 2.0 * FIT_MARGIN_POINTS).max(1.0),
            ];
            (avail[0] / world[0]).min(avail[1] / world[1])
        };
        if scale(&beside) >= scale(&above) { beside } else { above }
    }

    /// The view of `size` points that shows the whole scene, clear of the legend when there
    /// is room (like the app's "fit"). `None` for an empty scene.
    pub fn fit_scene(
        scene: &Scene,
        size: [f32; 2],
        options: &FrameOptions,
        measure: &dyn TextMeasure,
    ) -> Option<Self> {
        let bounds = scene.bounds?;
        let mut view = Self::fitting(size, bounds, FIT_MARGIN_POINTS);
        let mut builder = FrameBuilder::default();
        // The legend's size samples follow the zoom, and names stick out past the people at the
        // edge, so settle the three together.
        for _ in 0..3 {
            let frame = builder.build(scene, &view, options, measure);
            let legend = if options.show_legend { frame.legend.as_ref().map(|l| l.rect) } else { None };
            let lo = view.screen_from_world(bounds.0);
            let hi = view.screen_from_world(bounds.1);
            let stick_out = frame
                .labels
                .iter()
                .map(|l| {
                    (lo[0] - l.halo.min[0])
                        .max(l.halo.max[0] - hi[0])
                        .max(lo[1] - l.halo.min[1])
                        .max(l.halo.max[1] - hi[1])
                })
                .fold(0.0f32, f32::max);
            let margin = (FIT_MARGIN_POINTS + stick_out.max(0.0)).min(size[0].min(size[1]) * 0.2);
            view = Self::fitting_within(size, Self::fit_target(size, legend, bounds), bounds, margin);
        }
        Some(view)
    }
}

/// Measures text the way the target draws it: the canvas asks egui, exports ask the font
/// file egui uses, so both place names and the legend identically.
pub trait TextMeasure {
    /// Width and height (one row) of `text` at `font_points`, in points.
    fn size(&self, text: &str, font_points: f32) -> [f32; 2];
}

/// Options that change how a frame is laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameOptions {
    /// Draw the legend.
    pub show_legend: bool,
    /// Largest number of names drawn at once.
    pub max_labels: usize,
    /// Colours of the markers and the legend.
    pub palette: Palette,
    /// The corner the legend sits in.
    pub legend_corner: Corner,
    /// Names of the most named are drawn bigger.
    pub label_size_by_degree: bool,
    /// Points at the bottom kept free of names (the presenting hint line).
    pub reserved_bottom: f32,
}

impl Default for FrameOptions {
    fn default() -> Self {
        Self {
            show_legend: true,
            max_labels: 300,
            palette: Palette::LIGHT,
            legend_corner: Corner::default(),
            label_size_by_degree: false,
            reserved_bottom: 0.0,
        }
    }
}

/// A corner of the picture (where the legend sits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Corner {
    /// Bottom left (the default: the eye ends there after reading the network).
    #[default]
    BottomLeft,
    /// Bottom right.
    BottomRight,
    /// Top left.
    TopLeft,
    /// Top right.
    TopRight,
}

impl Corner {
    /// All corners, for menus.
    pub const ALL: [Self; 4] = [Self::TopLeft, Self::TopRight, Self::BottomLeft, Self::BottomRight];
}

/// A range of [`Frame::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextRef {
    start: u32,
    end: u32,
}

/// A filled triangle (an arrowhead): the tip and the two back corners.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Arrowhead {
    /// The tip, on the node's edge.
    pub tip: Point,
    /// Back corner on the left of the direction of travel.
    pub left: Point,
    /// Back corner on the right.
    pub right: Point,
}

/// One tie: a straight line with butt ends and up to two arrowheads in the same colour.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TieLine {
    /// Line start.
    pub a: Point,
    /// Line end.
    pub b: Point,
    /// Whether the line is drawn (a short tie may show only its heads).
    pub line: bool,
    /// Line width in points.
    pub width: f32,
    /// Colour of the line and the heads.
    pub colour: Rgba,
    /// Arrowheads: at the target, and for mutual pairs also at the source.
    pub heads: [Option<Arrowhead>; 2],
}

/// A filled disc with an optional outline: the fill covers `radius + outline_width / 2`
/// and the outline covers the band from `radius` to `radius + outline_width` on top of it
/// (SVG's fill-then-stroke of a circle with radius `radius + outline_width / 2`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Disc {
    /// Centre.
    pub centre: Point,
    /// Radius of the visible fill, in points.
    pub radius: f32,
    /// Fill colour.
    pub fill: Rgba,
    /// Outline colour.
    pub outline: Rgba,
    /// Outline width in points; 0 for none.
    pub outline_width: f32,
}

impl Disc {
    /// Radius of the SVG circle whose fill and centred stroke draw this disc.
    pub fn stroke_radius(&self) -> f32 {
        self.radius + self.outline_width * 0.5
    }
}

/// A ring (the selection marker) between two radii.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ring {
    /// Centre.
    pub centre: Point,
    /// Inner radius, points.
    pub inner: f32,
    /// Outer radius, points.
    pub outer: f32,
    /// Colour.
    pub colour: Rgba,
}

/// The second cue of a sector inside a node (colour-blind-safe palette).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cue {
    /// A light dot in the centre.
    Dot(Disc),
    /// A dark ring inside the edge.
    Ring(Ring),
}

/// One person: the disc, the sector cue, then the selection ring and the pin marker on top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PersonMark {
    /// Who.
    pub person: PersonId,
    /// The node.
    pub disc: Disc,
    /// The sector's second cue.
    pub cue: Option<Cue>,
    /// The selection ring.
    pub ring: Option<Ring>,
    /// The pin marker.
    pub pin: Option<Disc>,
}

/// A run of text on one row.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TextRun {
    /// The text, in [`Frame::text`].
    pub text: TextRef,
    /// Top-left corner of the text's box.
    pub pos: Point,
    /// Size of the text's box, as measured.
    pub size: [f32; 2],
    /// Font size in points.
    pub font_points: f32,
    /// Colour.
    pub colour: Rgba,
}

/// A name with the halo behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelBox {
    /// Whose name.
    pub person: PersonId,
    /// The name.
    pub run: TextRun,
    /// The halo's rectangle.
    pub halo: Rect,
    /// The halo's corner radius.
    pub halo_rounding: f32,
    /// The halo's colour.
    pub halo_colour: Rgba,
    /// A short line from the disc to a name that had to sit further out.
    pub leader: Option<[Point; 2]>,
}

/// The picture at the start of a legend row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegendIcon {
    /// A swatch or a size sample.
    Disc(Disc),
    /// A tie sample.
    Tie(TieLine),
}

/// One legend row: an optional icon and its text (headings and sentences have no icon).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LegendRow {
    /// The icon.
    pub icon: Option<LegendIcon>,
    /// The text.
    pub text: TextRun,
    /// A sector swatch's second cue (colour-blind-safe palette), as on the discs.
    pub cue: Option<Cue>,
}

/// The legend box in its corner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegendBox {
    /// The box.
    pub rect: Rect,
    /// Corner radius.
    pub rounding: f32,
    /// Fill colour.
    pub fill: Rgba,
    /// Outline colour (the outline lies inside the box).
    pub stroke: Rgba,
    /// Outline width.
    pub stroke_width: f32,
    /// The network's name.
    pub title: TextRun,
    /// Headings, rows and sentences, top to bottom.
    pub rows: Vec<LegendRow>,
}

/// Everything one frame draws, in screen points and in drawing order: background, ties,
/// people (disc, ring, pin), names (halo, text), legend.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// Size of the viewport.
    pub size: [f32; 2],
    /// Background colour.
    pub background: Rgba,
    /// Ties, faded first.
    pub ties: Vec<TieLine>,
    /// People, faded first.
    pub people: Vec<PersonMark>,
    /// Names that fit.
    pub labels: Vec<LabelBox>,
    /// The legend.
    pub legend: Option<LegendBox>,
    /// All text of the frame; [`TextRun::text`] points into it.
    pub text: String,
    /// Ties and people drawn (after culling).
    pub drawn: (usize, usize),
}

impl Frame {
    /// The text of a run.
    pub fn text(&self, r: TextRef) -> &str {
        self.text.get(r.start as usize..r.end as usize).unwrap_or("")
    }

    fn push_text(&mut self, s: &str) -> TextRef {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        TextRef { start, end: self.text.len() as u32 }
    }
}

/// Builds frames, keeping its buffers between them.
#[derive(Default)]
pub struct FrameBuilder {
    frame: Frame,
    labels: LabelSpace,
    spare_legend: Option<LegendBox>,
    legend_kinds: Vec<RowKind>,
}

/// Lays out one frame with fresh buffers; see [`FrameBuilder::build`] to reuse them.
pub fn layout_frame(
    scene: &Scene,
    viewport: &Viewport,
    options: &FrameOptions,
    measure: &dyn TextMeasure,
) -> Frame {
    let mut builder = FrameBuilder::default();
    builder.build(scene, viewport, options, measure);
    builder.frame
}

impl FrameBuilder {
    /// The last frame built.
    pub fn frame(&self) -> &Frame {
        &self.frame
    }

    /// Lays out `scene` for `viewport` and returns the frame (valid until the next build).
    pub fn build(
        &mut self,
        scene: &Scene,
        viewport: &Viewport,
        options: &FrameOptions,
        measure: &dyn TextMeasure,
    ) -> &Frame {
        let frame = &mut self.frame;
        frame.size = viewport.size;
        frame.background = scene.background;
        frame.ties.clear();
        frame.people.clear();
        frame.labels.clear();
        frame.text.clear();
        if let Some(legend) = frame.legend.take() {
            self.spare_legend = Some(legend);
        }
        let ties_drawn = add_ties(frame, scene, viewport);
        let people_drawn = add_people(frame, scene, viewport, &options.palette);
        frame.drawn = (ties_drawn, people_drawn);
        // The legend first: names keep clear of it.
        if options.show_legend {
            let mut legend = self.spare_legend.take().unwrap_or_default();
            legend.rows.clear();
            layout_legend(frame, &mut legend, &mut self.legend_kinds, scene, viewport, options, measure);
            frame.legend = Some(legend);
        }
        add_labels(frame, &mut self.labels, scene, viewport, options, measure);
        &self.frame
    }
}

/// A disc's radius on screen: its world radius at `scale`, never below the smallest visible
/// disc. Discs, tie ends, the label search and the legend's size samples all use this rule.
pub fn screen_radius(world_radius: f32, scale: f32) -> f32 {
    (world_radius * scale).max(style::NODE_RADIUS_MIN_POINTS)
}

fn sub(a: Point, b: Point) -> Point {
    [a[0] - b[0], a[1] - b[1]]
}

fn add(a: Point, b: Point) -> Point {
    [a[0] + b[0], a[1] + b[1]]
}

fn mul(a: Point, k: f32) -> Point {
    [a[0] * k, a[1] * k]
}

fn dot(a: Point, b: Point) -> f32 {
    a[0] * b[0] + a[1] * b[1]
}

/// Whether a segment's bounding box touches `r`.
fn segment_near_rect(a: Point, b: Point, r: &Rect) -> bool {
    let min = [a[0].min(b[0]), a[1].min(b[1])];
    let max = [a[0].max(b[0]), a[1].max(b[1])];
    max[0] >= r.min[0] && min[0] <= r.max[0] && max[1] >= r.min[1] && min[1] <= r.max[1]
}

/// An arrowhead whose tip is at `tip`, pointing along the unit vector `dir`.
pub fn arrowhead(tip: Point, dir: Point, length: f32, half_width: f32) -> Arrowhead {
    let n = [-dir[1], dir[0]];
    let back = sub(tip, mul(dir, length));
    Arrowhead { tip, left: add(back, mul(n, half_width)), right: sub(back, mul(n, half_width)) }
}

fn add_ties(frame: &mut Frame, scene: &Scene, viewport: &Viewport) -> usize {
    let view = viewport.rect().expand(CULL_MARGIN_POINTS);
    let scale = viewport.scale;
    let dense = scene.ties.len() > DENSE_TIES && scale < DENSE_SCALE;
    frame.ties.reserve(scene.ties.len().min(400_000));
    let mut drawn = 0usize;
    for tie in &scene.ties {
        let a = viewport.screen_from_world(tie.from);
        let b = viewport.screen_from_world(tie.to);
        if !segment_near_rect(a, b, &view) {
            continue;
        }
        let d = sub(b, a);
        let len = dot(d, d).sqrt();
        if len < 0.5 || !len.is_finite() {
            continue;
        }
        let dir = mul(d, 1.0 / len);
        let r_from = screen_radius(tie.from_radius, scale);
        let r_to = screen_radius(tie.to_radius, scale);
        let mut colour = tie.colour;
        let mut width = tie.width_points;
        if dense && tie.emphasis != Emphasis::Highlight {
            width *= style::DENSE_TIE_WIDTH;
            colour = colour.faded(style::DENSE_TIE_ALPHA);
        }
        let thickness = (width / style::TIE_WIDTH_POINTS).sqrt();
        let arrow_len = style::ARROW_LENGTH_POINTS * thickness;
        let arrows = tie.arrow && len > r_from + r_to + 2.5 * arrow_len && !dense;
        let start = add(a, mul(dir, r_from));
        let end = sub(b, mul(dir, r_to));
        let (line_start, line_end) = if arrows {
            let back = mul(dir, arrow_len * 0.8);
            (if tie.mutual { add(start, back) } else { start }, sub(end, back))
        } else {
            (start, end)
        };
        let mut heads = [None, None];
        if arrows {
            let half = style::ARROW_HALF_WIDTH_POINTS * thickness;
            heads[0] = Some(arrowhead(end, dir, arrow_len, half));
            if tie.mutual {
                heads[1] = Some(arrowhead(start, mul(dir, -1.0), arrow_len, half));
            }
        }
        frame.ties.push(TieLine {
            a: line_start,
            b: line_end,
            line: dot(sub(line_end, line_start), dir) > 0.0,
            width,
            colour,
            heads,
        });
        drawn += 1;
    }
    drawn
}

/// The second cue of a sector inside a disc at `c` of radius `r` (none on tiny discs).
fn cue_of(marker: Marker, c: Point, r: f32, alpha: f32) -> Option<Cue> {
    match marker {
        _ if r < style::CUE_MIN_RADIUS_POINTS => None,
        Marker::None => None,
        Marker::Dot => Some(Cue::Dot(Disc {
            centre: c,
            radius: r * style::CUE_DOT_FRACTION,
            fill: style::CUE_DOT.faded(alpha),
            outline: style::CUE_DOT.faded(alpha),
            outline_width: 0.0,
        })),
        Marker::Ring => Some(Cue::Ring(Ring {
            centre: c,
            inner: r * style::CUE_RING_FRACTIONS.0,
            outer: r * style::CUE_RING_FRACTIONS.1,
            colour: style::CUE_RING.faded(alpha),
        })),
    }
}

fn add_people(frame: &mut Frame, scene: &Scene, viewport: &Viewport, palette: &Palette) -> usize {
    let view = viewport.rect().expand(CULL_MARGIN_POINTS);
    frame.people.reserve(scene.nodes.len().min(200_000));
    let mut drawn = 0usize;
    for node in &scene.nodes {
        let c = viewport.screen_from_world(node.pos);
        let r = screen_radius(node.radius, viewport.scale);
        if !view.expand(r).contains(c) {
            continue;
        }
        let outline_width = if r > OUTLINE_MIN_RADIUS_POINTS { style::OUTLINE_POINTS } else { 0.0 };
        let disc = Disc { centre: c, radius: r, fill: node.fill, outline: node.outline, outline_width };
        // The cue fades with the node.
        let cue = cue_of(node.marker, c, r, node.fill.alpha());
        let ring = node.selected.then_some(Ring {
            centre: c,
            inner: r + style::SELECTION_GAP_POINTS,
            outer: r + style::SELECTION_GAP_POINTS + style::SELECTION_RING_POINTS,
            colour: palette.selection,
        });
        let pin = node.pinned.then(|| {
            let alpha = if node.emphasis == Emphasis::Faded { style::FADED_ALPHA } else { 1.0 };
            Disc {
                centre: add(c, [PIN_OFFSET * r, -PIN_OFFSET * r]),
                radius: style::PIN_RADIUS_POINTS,
                fill: palette.pin.faded(alpha),
                outline: palette.outline.faded(alpha),
                outline_width: style::PIN_OUTLINE_POINTS,
            }
        });
        frame.people.push(PersonMark { person: node.person, disc, cue, ring, pin });
        drawn += 1;
    }
    drawn
}

/// A uniform grid over the viewport (a spatial hash) holding small items by their bounding
/// boxes, so each overlap test looks at the few items near a box instead of all of them.
#[derive(Default)]
struct Grid<T> {
    cols: usize,
    rows: usize,
    cell: Point,
    cells: Vec<Vec<T>>,
}

impl<T: Copy> Grid<T> {
    fn reset(&mut self, size: [f32; 2], cell: Point) {
        self.cell = cell;
        self.cols = ((size[0] / cell[0]).ceil() as usize).clamp(1, LABEL_GRID_MAX);
        self.rows = ((size[1] / cell[1]).ceil() as usize).clamp(1, LABEL_GRID_MAX);
        self.cell = [size[0].max(1.0) / self.cols as f32, size[1].max(1.0) / self.rows as f32];
        self.cells.resize_with(self.cols * self.rows, Vec::new);
        self.cells.iter_mut().for_each(Vec::clear);
    }

    /// The column of `x`, clamped to the grid. `as usize` truncates (the floor of a positive
    /// number) and saturates negatives and NaN to 0: the same as `floor().max(0.0)` without a
    /// libm call per disc on baseline x86-64.
    fn col(&self, x: f32) -> usize {
        ((x / self.cell[0]) as usize).min(self.cols.saturating_sub(1))
    }

    /// The row of `y`, clamped like [`Self::col`].
    fn row(&self, y: f32) -> usize {
        ((y / self.cell[1]) as usize).min(self.rows.saturating_sub(1))
    }

    /// Cells touched by `r` (clamped to the grid; `None` when `r` lies wholly outside).
    fn range(&self, r: &Rect) -> Option<(usize, usize, usize, usize)> {
        let w = self.cols as f32 * self.cell[0];
        let h = self.rows as f32 * self.cell[1];
        // NaN corners fail every comparison below and land here too.
        let inside =
            r.max[0] >= 0.0 && r.max[1] >= 0.0 && r.min[0] <= w && r.min[1] <= h && r.min[0] <= r.max[0];
        if !inside {
            return None;
        }
        Some((self.col(r.min[0]), self.col(r.max[0]), self.row(r.min[1]), self.row(r.max[1])))
    }

    fn insert(&mut self, r: &Rect, item: T) {
        let Some((c0, c1, r0, r1)) = self.range(r) else { return };
        for row in r0..=r1 {
            for col in c0..=c1 {
                if let Some(v) = self.cells.get_mut(row * self.cols + col) {
                    v.push(item);
                }
            }
        }
    }

    /// Puts `item` in the cell of `p` only (a small item; queries reach out by its size).
    /// A point off the grid goes to the nearest edge cell, where queries near the edge find it.
    fn insert_point(&mut self, p: Point, item: T) {
        if !(p[0].is_finite() && p[1].is_finite()) {
            return;
        }
        let (col, row) = (self.col(p[0]), self.row(p[1]));
        if let Some(v) = self.cells.get_mut(row * self.cols + col) {
            v.push(item);
        }
    }

    /// How many items the cell at `p` holds.
    fn count_at(&self, p: Point) -> usize {
        self.range(&Rect { min: p, max: p })
            .and_then(|(c0, _, r0, _)| self.cells.get(r0 * self.cols + c0))
            .map_or(0, Vec::len)
    }

    /// Whether any item near `r` satisfies `hit` (an item may be seen more than once).
    fn any(&self, r: &Rect, mut hit: impl FnMut(T) -> bool) -> bool {
        let Some((c0, c1, r0, r1)) = self.range(r) else { return false };
        (r0..=r1).any(|row| {
            (c0..=c1)
                .any(|col| self.cells.get(row * self.cols + col).is_some_and(|v| v.iter().any(|&i| hit(i))))
        })
    }
}

/// Distance from `p` to the segment `a`-`b`.
fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let ab = sub(b, a);
    let len2 = dot(ab, ab);
    let t = if len2 > 0.0 { (dot(sub(p, a), ab) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let q = add(a, mul(ab, t));
    let d = sub(p, q);
    dot(d, d).sqrt()
}

/// Whether the segment `a`-`b` passes through `r` (Liang-Barsky clipping).
fn segment_crosses_rect(a: Point, b: Point, r: &Rect) -> bool {
    let d = sub(b, a);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in
        [(-d[0], a[0] - r.min[0]), (d[0], r.max[0] - a[0]), (-d[1], a[1] - r.min[1]), (d[1], r.max[1] - a[1])]
    {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

/// Distance from a point to a rectangle (0 inside).
fn distance_to_rect(p: Point, r: &Rect) -> f32 {
    let dx = (r.min[0] - p[0]).max(p[0] - r.max[0]).max(0.0);
    let dy = (r.min[1] - p[1]).max(p[1] - r.max[1]).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

/// Where a name may go around its person, in order of preference: below (the usual place),
/// right, left, above, the four diagonals, centred on a disc big enough to carry it, then the
/// eight directions again on rings further out, with a leader line back to the disc (how
/// cartographers name a point in a crowd).
const LABEL_SLOTS: usize = SLOT_CENTRED + 1 + 8 * LEADER_RINGS.len();
/// The slot of a name centred on its own disc.
const SLOT_CENTRED: usize = 8;
/// How much further out the leader-line rings sit, in points.
const LEADER_RINGS: [f32; 3] = [14.0, 32.0, 56.0];
/// Discs in one disc-grid cell (32 points square) above which it counts as a crowd.
const CROWDED_CELL: usize = 8;
/// Names searched a place per frame (beyond those of the selected and focused), most named
/// first; a crowd where nothing fits costs no more than this.
const MAX_LABEL_ATTEMPTS: usize = 300;
/// A name must be at least this much nearer its own disc than any other disc, in points.
const LABEL_CLEARANCE_POINTS: f32 = 1.5;
/// Longest name drawn, in characters; longer names end in "…" (the card shows them whole).
pub const MAX_LABEL_CHARS: usize = 40;

/// Unit directions of the eight slots around a disc (below, right, left, above, diagonals).
const SLOT_DIRECTIONS: [Point; 8] = [
    [0.0, 1.0],
    [1.0, 0.0],
    [-1.0, 0.0],
    [0.0, -1.0],
    [std::f32::consts::FRAC_1_SQRT_2, std::f32::consts::FRAC_1_SQRT_2],
    [-std::f32::consts::FRAC_1_SQRT_2, std::f32::consts::FRAC_1_SQRT_2],
    [std::f32::consts::FRAC_1_SQRT_2, -std::f32::consts::FRAC_1_SQRT_2],
    [-std::f32::consts::FRAC_1_SQRT_2, -std::f32::consts::FRAC_1_SQRT_2],
];

/// The box of size `size` in `slot` around a disc at `c` with radius `r` (the box just
/// touches the circle of radius `r + gap` in that direction), and the leader line's ends for
/// the far slots.
fn slot_box(slot: usize, c: Point, r: f32, size: [f32; 2]) -> (Rect, Option<[Point; 2]>) {
    if slot == SLOT_CENTRED {
        return (Rect::from_center_size(c, size), None);
    }
    let far = slot > SLOT_CENTRED;
    let (dir, extra) = if far {
        let k = slot - SLOT_CENTRED - 1;
        (SLOT_DIRECTIONS[k % 8], LEADER_RINGS.get(k / 8).copied().unwrap_or(0.0))
    } else {
        (SLOT_DIRECTIONS[slot % 8], 0.0)
    };
    let reach = r + LABEL_GAP_POINTS + extra;
    let anchor = add(c, mul(dir, reach));
    // The box corner (or edge middle) nearest the disc sits on the anchor.
    let start = |a: f32, d: f32, len: f32| {
        if d > 0.1 {
            a
        } else if d < -0.1 {
            a - len
        } else {
            a - len * 0.5
        }
    };
    let min = [start(anchor[0], dir[0], size[0]), start(anchor[1], dir[1], size[1])];
    let rect = Rect::from_min_size(min, size);
    let leader = far.then(|| {
        let edge = add(c, mul(dir, r + 1.0));
        let end = [anchor[0].clamp(rect.min[0], rect.max[0]), anchor[1].clamp(rect.min[1], rect.max[1])];
        [edge, sub(end, mul(dir, 1.0))]
    });
    (rect, leader)
}

/// Everything the label search tests candidates against: placed names (and the legend) in
/// one grid, people's discs in another.
#[derive(Default)]
struct LabelSpace {
    placed: Grid<Rect>,
    discs: Grid<u32>,
    /// The slot each person's name took last frame (`u8::MAX`: none), so names stay put
    /// while the layout moves as long as their place stays free.
    previous: Vec<u8>,
    next: Vec<(PersonId, u8)>,
    spare_next: Vec<(PersonId, u8)>,
    /// The largest footprint of the discs kept by their centre's cell only (this frame).
    small_reach: f32,
    mark_of: Vec<u32>,
}

impl LabelSpace {
    /// Whether a name whose halo is `b` and text box `t`, for the person whose mark is `own`
    /// at `own_distance` from the text, is free: inside the view, clear of placed names and
    /// the legend, over no other disc, and its text nearer its own disc than any other.
    #[expect(clippy::too_many_arguments, reason = "one test, its parts named")]
    fn is_free(
        &self,
        b: &Rect,
        t: &Rect,
        leader: Option<[Point; 2]>,
        own: Option<usize>,
        own_distance: f32,
        view: &Rect,
        people: &[PersonMark],
    ) -> bool {
        if b.min[0] < view.min[0]
            || b.min[1] < view.min[1]
            || b.max[0] > view.max[0]
            || b.max[1] > view.max[1]
        {
            return false;
        }
        if self.placed.any(b, |o| o.intersects(b)) {
            return false;
        }
        // A leader line crosses no one else's disc and no other name.
        if let Some([a, e]) = leader {
            let line = Rect { min: [a[0].min(e[0]), a[1].min(e[1])], max: [a[0].max(e[0]), a[1].max(e[1])] };
            let crosses_disc = self.discs.any(&line.expand(self.small_reach), |i| {
                let i = i as usize;
                Some(i) != own
                    && people.get(i).is_some_and(|m| {
                        distance_to_segment(m.disc.centre, a, e) <= footprint(m) + LABEL_CLEARANCE_POINTS
                    })
            });
            if crosses_disc || self.placed.any(&line, |o| segment_crosses_rect(a, e, &o)) {
                return false;
            }
        }
        let reach = own_distance + LABEL_CLEARANCE_POINTS;
        !self.discs.any(&b.expand(reach + self.small_reach), |i| {
            let i = i as usize;
            if Some(i) == own {
                return false;
            }
            let Some(mark) = people.get(i) else { return false };
            let r = footprint(mark);
            distance_to_rect(mark.disc.centre, t) - r <= reach
                || distance_to_rect(mark.disc.centre, b) - r <= 0.0
        })
    }
}

/// How far a person's mark reaches from its centre: the disc with its outline, or the
/// selection ring.
fn footprint(mark: &PersonMark) -> f32 {
    mark.ring.map_or(mark.disc.radius + mark.disc.outline_width, |r| r.outer)
}

/// Names, most named first (the selected and focused before all), each in the first free slot
/// around its own disc, starting from the slot it had last frame; a name that fits nowhere is
/// left out rather than put where it could be read as someone else's. When people are tiny
/// on screen only the most named get names.
fn add_labels(
    frame: &mut Frame,
    space: &mut LabelSpace,
    scene: &Scene,
    viewport: &Viewport,
    options: &FrameOptions,
    measure: &dyn TextMeasure,
) {
    let mut view = viewport.rect();
    view.max[1] -= options.reserved_bottom.clamp(0.0, view.height());
    space.placed.reset(viewport.size, LABEL_CELL);
    space.discs.reset(viewport.size, DISC_CELL);
    if let Some(legend) = &frame.legend {
        space.placed.insert(&legend.rect, legend.rect.expand(LABEL_SPACING_POINTS));
    }
    // Discs by mark index, and the mark index of each person with a candidate name.
    // The mark of each person, in a buffer kept between frames (only this frame's entries are
    // set, and cleared again at the end).
    let mut mark_of = std::mem::take(&mut space.mark_of);
    // Small discs (most of a big network) go into the cell of their centre only, and queries
    // reach out by the largest of them; big discs go into every cell they cover.
    space.small_reach = 0.0;
    for (i, mark) in frame.people.iter().enumerate() {
        let reach = footprint(mark);
        if 2.0 * reach <= DISC_CELL[0] {
            space.discs.insert_point(mark.disc.centre, i as u32);
            space.small_reach = space.small_reach.max(reach);
        } else {
            space
                .discs
                .insert(&Rect::from_center_size(mark.disc.centre, [2.0 * reach, 2.0 * reach]), i as u32);
        }
        let index = mark.person.index();
        if index >= mark_of.len() {
            mark_of.resize(index + 1, u32::MAX);
        }
        mark_of[index] = i as u32;
    }
    let mut attempts = 0usize;
    let halo_colour = scene.background.faded(style::LABEL_HALO_ALPHA);
    let char_w = style::LABEL_POINTS * LABEL_CHAR_WIDTH;
    let max_degree = scene.labels.iter().filter(|l| !l.strong).map(|l| l.priority).max().unwrap_or(0).max(1);
    // Last frame's slots stay readable in `previous` while this frame's are collected.
    let last = std::mem::take(&mut space.next);
    let mut next = std::mem::take(&mut space.spare_next);
    next.clear();
    let mut placed = 0usize;
    for (rank, label) in scene.labels.iter().enumerate() {
        if placed >= options.max_labels {
            break;
        }
        // Most people of a big network are too small on screen for a name: tell from the
        // scene alone (an upper bound of the disc's footprint: no selection ring on a name that
        // is not strong), before looking up their mark.
        if !label.strong
            && rank >= LABELS_BEFORE_LOD
            && screen_radius(label.radius, viewport.scale) + style::OUTLINE_POINTS < LOD_RADIUS_POINTS
        {
            continue;
        }
        let own = mark_of.get(label.person.index()).copied().filter(|&i| i != u32::MAX).map(|i| i as usize);
        let (c, r) = match own.and_then(|i| frame.people.get(i)) {
            Some(mark) => (mark.disc.centre, footprint(mark)),
            None => continue,
        };
        if !view.contains(c) {
            continue;
        }
        if !label.strong && rank >= LABELS_BEFORE_LOD && r < LOD_RADIUS_POINTS {
            continue;
        }
        // A person in a crowd (many discs in their own grid cell) has no free place nearby:
        // beyond the most named, they are not searched one.
        if !label.strong && rank >= LABELS_BEFORE_LOD && space.discs.count_at(c) > CROWDED_CELL {
            continue;
        }
        let font_points = if label.strong {
            style::LABEL_POINTS + 1.5
        } else if options.label_size_by_degree {
            let share = (label.priority as f32 / max_degree as f32).clamp(0.0, 1.0).sqrt();
            style::LABEL_POINTS * (1.0 + LABEL_GROWTH * share)
        } else {
            style::LABEL_POINTS
        };
        // Leader lines only for the most named: a crowd of lines would be noise.
        let slots = if label.strong || rank < crate::layout::size::NAMED_ROOMS {
            LABEL_SLOTS
        } else {
            SLOT_CENTRED + 1
        };
        let previous = space.previous.get(label.person.index()).copied().unwrap_or(u8::MAX) as usize;
        let order =
            std::iter::once(previous).filter(|&s| s < slots).chain((0..slots).filter(|&s| s != previous));
        let fits = |space: &LabelSpace, slot: usize, size: [f32; 2]| -> Option<(Rect, Option<[Point; 2]>)> {
            if slot == SLOT_CENTRED && r < size[1] * 0.8 {
                return None;
            }
            let (b, leader) = slot_box(slot, c, r, size);
            let t = b.expand2(-HALO_PAD_POINTS, 0.0);
            // A name on a leader line belongs to where its line ends.
            let own_distance = match leader {
                Some([_, end]) => distance_to_rect(end, &t),
                None => (distance_to_rect(c, &t) - r).max(0.0),
            };
            space.is_free(&b, &t, leader, own, own_distance, &view, &frame.people).then_some((b, leader))
        };
        // A cheap estimate first: most names in a crowd fit nowhere, and measuring is the
        // expensive part.
        let est = [
            label.text.chars().count() as f32 * char_w * font_points / style::LABEL_POINTS
                + 2.0 * HALO_PAD_POINTS
                - 4.0,
            12.0,
        ];
        if !label.strong {
            // A crowd where names fit nowhere costs a bounded search, hubs first.
            attempts += 1;
            if attempts > MAX_LABEL_ATTEMPTS {
                break;
            }
            if !order.clone().any(|slot| fits(space, slot, est).is_some()) {
                continue;
            }
        }
        let size = measure.size(&label.text, font_points);
        let halo_size = [size[0] + 2.0 * HALO_PAD_POINTS, size[1]];
        let found = order.clone().find_map(|slot| fits(space, slot, halo_size).map(|f| (slot, f)));
        let Some((slot, (halo, leader))) = found else { continue };
        space.placed.insert(&halo.expand(LABEL_SPACING_POINTS), halo.expand(LABEL_SPACING_POINTS));
        next.push((label.person, slot as u8));
        let text = frame.push_text(&label.text);
        frame.labels.push(LabelBox {
            person: label.person,
            run: TextRun {
                text,
                pos: [halo.min[0] + HALO_PAD_POINTS, halo.min[1]],
                size,
                font_points,
                colour: label.colour,
            },
            halo,
            halo_rounding: HALO_ROUNDING_POINTS,
            halo_colour,
            leader,
        });
        placed += 1;
    }
    for mark in &frame.people {
        if let Some(m) = mark_of.get_mut(mark.person.index()) {
            *m = u32::MAX;
        }
    }
    space.mark_of = mark_of;
    for &(person, _) in &last {
        if let Some(s) = space.previous.get_mut(person.index()) {
            *s = u8::MAX;
        }
    }
    space.spare_next = last;
    for &(person, slot) in &next {
        let index = person.index();
        if index >= space.previous.len() {
            space.previous.resize(index + 1, u8::MAX);
        }
        space.previous[index] = slot;
    }
    space.next = next;
}
