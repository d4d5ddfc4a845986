//! The canvas: paints the scene's [`Frame`] (all ties in one mesh, all people in one mesh,
//! then names and the legend), and turns pointer input into hover, click, drag, pan and zoom.
//! Where things go on screen is decided by [`crate::scene::frame`], which the exports share,
//! so an SVG or PNG shows exactly this picture.

use std::sync::Arc;

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};

use crate::model::PersonId;
use crate::scene::frame::{
    self, Cue, Disc, Frame, FrameBuilder, FrameOptions, LegendIcon, Point, TextMeasure, TextRun, TieLine,
    Viewport,
};
use crate::scene::style::Palette;
use crate::scene::{Emphasis, Scene};

use super::theme::colour;
use super::transform::Camera;

/// What happened on the canvas this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CanvasOutput {
    /// Person under the pointer.
    pub hovered: Option<PersonId>,
    /// A click: on a person (`Some(Some)`) or on the background (`Some(None)`).
    pub clicked: Option<Option<PersonId>>,
    /// A person being dragged to a world position.
    pub dragged_to: Option<(PersonId, [f32; 2])>,
    /// Pin or unpin from the context menu.
    pub set_pinned: Option<(PersonId, bool)>,
    /// The user moved or zoomed the view by hand.
    pub camera_moved: bool,
    /// The canvas rectangle (for fitting).
    pub rect: Option<Rect>,
}

/// State the canvas keeps between frames; buffers are reused so a frame allocates little.
#[derive(Default)]
pub struct CanvasState {
    dragging: Option<PersonId>,
    context_person: Option<(PersonId, bool)>,
    unit_circles: Vec<Vec<Vec2>>,
    frames: FrameBuilder,
    /// Last frame's meshes, refilled in place: fresh 10 MB meshes every frame cost more in
    /// page faults than filling them does.
    meshes: [Arc<Mesh>; 2],
    /// Ties and people drawn in the last frame (after culling), for tests and the status bar.
    pub last_drawn: (usize, usize),
    /// Where the legend was drawn last frame, so fitting can keep the network clear of it.
    pub legend_rect: Option<Rect>,
}

/// Options that change how the canvas paints.
#[derive(Clone, Copy, Debug)]
pub struct CanvasOptions {
    /// Draw the legend.
    pub show_legend: bool,
    /// Colours.
    pub palette: Palette,
    /// Largest number of names drawn at once.
    pub max_labels: usize,
    /// Language of the context menu.
    pub lang: crate::i18n::Lang,
    /// The legend's corner.
    pub legend_corner: crate::scene::frame::Corner,
    /// Names of the most named drawn bigger.
    pub label_size_by_degree: bool,
    /// Points at the bottom kept free of names.
    pub reserved_bottom: f32,
}

/// The line from the person a new tie starts at (screen point) to the pointer (Shift + drag).
pub fn paint_tie_band(ctx: &egui::Context, from: Pos2) {
    let Some(pointer) = ctx.pointer_latest_pos() else { return };
    let painter =
        ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("tie_band")));
    painter.arrow(from, pointer - from, Stroke::new(2.5, super::theme::tie_band()));
}

/// The expanding ring around a person found by search (screen point), `t` seconds after it
/// started: three rings in two seconds, fading out.
pub fn paint_pulse(ctx: &egui::Context, centre: Pos2, t: f32) {
    let phase = (t * 1.5).fract();
    let radius = 10.0 + 40.0 * phase;
    let alpha = (1.0 - phase) * (1.0 - (t / 2.0)).max(0.0);
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("pulse")));
    painter.circle_stroke(centre, radius, Stroke::new(4.0, super::theme::pulse().gamma_multiply(alpha)));
}

/// Paints the scene and handles input. Call once per frame with the central panel's ui.
pub fn canvas_ui(
    ui: &mut Ui,
    scene: &Scene,
    camera: &mut Camera,
    state: &mut CanvasState,
    options: &CanvasOptions,
) -> CanvasOutput {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    let mut out = CanvasOutput { rect: Some(rect), ..CanvasOutput::default() };

    // Input first, so this frame already paints the result.
    let pointer = response.hover_pos();
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom * (scroll * 0.002).exp();
        if (factor - 1.0).abs() > 1e-4
            && let Some(p) = pointer
        {
            camera.zoom_around(rect, p, factor);
            out.camera_moved = true;
        }
    }
    if response.drag_started() {
        let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
        state.dragging = origin.and_then(|p| hit_test(scene, camera, rect, p));
    }
    if response.dragged() {
        match state.dragging {
            Some(id) => {
                if let Some(p) = ui.input(|i| i.pointer.interact_pos()) {
                    out.dragged_to = Some((id, camera.world_from_ui(rect, p)));
                }
            }
            None => {
                camera.pan_points(response.drag_delta());
                out.camera_moved = true;
            }
        }
    }
    if response.drag_stopped() {
        state.dragging = None;
    }
    out.hovered = state.dragging.or_else(|| pointer.and_then(|p| hit_test(scene, camera, rect, p)));
    if response.clicked() {
        out.clicked = Some(pointer.and_then(|p| hit_test(scene, camera, rect, p)));
    }
    if response.secondary_clicked() {
        state.context_person = pointer.and_then(|p| hit_test(scene, camera, rect, p)).map(|id| {
            let pinned = scene.nodes.iter().find(|n| n.person == id).is_some_and(|n| n.pinned);
            (id, pinned)
        });
    }
    if let Some((id, pinned)) = state.context_person {
        response.context_menu(|ui| {
            let tr = options.lang.tr();
            let text = if pinned { tr.unpin } else { tr.pin };
            if ui.button(text).clicked() {
                out.set_pinned = Some((id, !pinned));
                ui.close();
            }
        });
    }

    // Paint: every geometry decision is made by the frame layout (shared with the exports);
    // here it only becomes meshes and galleys.
    let ppp = ui.ctx().pixels_per_point();
    if state.unit_circles.is_empty() {
        state.unit_circles = (0..=64)
            .map(|n: usize| {
                (0..n.max(1))
                    .map(|i| {
                        let a = i as f32 / n.max(1) as f32 * std::f32::consts::TAU;
                        vec2(a.cos(), a.sin())
                    })
                    .collect()
            })
            .collect();
    }
    let viewport =
        Viewport { size: [rect.width(), rect.height()], camera_centre: camera.centre, scale: camera.scale };
    let frame_options = FrameOptions {
        show_legend: options.show_legend,
        max_labels: options.max_labels,
        palette: options.palette,
        legend_corner: options.legend_corner,
        label_size_by_degree: options.label_size_by_degree,
        reserved_bottom: options.reserved_bottom,
    };
    let measure = EguiMeasure { painter: &painter };
    let frame = state.frames.build(scene, &viewport, &frame_options, &measure);
    let offset = rect.min.to_vec2();
    paint_frame(&painter, frame, rect, 1.0 / ppp, &state.unit_circles, &mut state.meshes);
    state.last_drawn = frame.drawn;
    state.legend_rect = frame.legend.as_ref().map(|l| ui_rect(&l.rect, offset));
    out
}

/// Text sizes from egui's own font layout, so the frame places text exactly as painted.
struct EguiMeasure<'a> {
    painter: &'a egui::Painter,
}

impl TextMeasure for EguiMeasure<'_> {
    fn size(&self, text: &str, font_points: f32) -> [f32; 2] {
        let galley = self.painter.layout_no_wrap(
            text.to_owned(),
            FontId::proportional(font_points),
            Color32::PLACEHOLDER,
        );
        let size = galley.size();
        [size.x, size.y]
    }
}

fn ui_pos(p: Point, offset: Vec2) -> Pos2 {
    pos2(p[0], p[1]) + offset
}

fn ui_rect(r: &frame::Rect, offset: Vec2) -> Rect {
    Rect::from_min_max(ui_pos(r.min, offset), ui_pos(r.max, offset))
}

/// Paints a frame laid out for `rect`: ties in one mesh, people in one mesh, then names and
/// the legend.
fn paint_frame(
    painter: &egui::Painter,
    frame: &Frame,
    rect: Rect,
    feather: f32,
    circles: &[Vec<Vec2>],
    meshes: &mut [Arc<Mesh>; 2],
) {
    let offset = rect.min.to_vec2();
    painter.rect_filled(rect, 0.0, colour(frame.background));

    let [ties_arc, people_arc] = meshes;
    let ties_mesh = reuse(ties_arc);
    ties_mesh.reserve_vertices(frame.ties.len() * 6);
    ties_mesh.reserve_triangles(frame.ties.len() * 4);
    for tie in &frame.ties {
        add_tie(ties_mesh, tie, offset, feather);
    }
    painter.add(Shape::Mesh(ties_arc.clone()));

    let people_mesh = reuse(people_arc);
    // Small discs (the many, when zoomed out) take 13-17 vertices; the buffers are reused,
    // so a bigger frame grows them once.
    people_mesh.reserve_vertices(frame.people.len() * 17);
    people_mesh.reserve_triangles(frame.people.len() * 24);
    for person in &frame.people {
        let segments = segments_for(person.disc.radius, feather);
        add_frame_disc(people_mesh, &person.disc, offset, feather, circle(circles, segments));
        match &person.cue {
            Some(Cue::Dot(dot)) => {
                add_frame_disc(people_mesh, dot, offset, feather, circle(circles, segments));
            }
            Some(Cue::Ring(ring)) => {
                let c = ui_pos(ring.centre, offset);
                let col = colour(ring.colour);
                add_ring(people_mesh, c, ring.inner, ring.outer, col, feather, circle(circles, segments));
            }
            None => {}
        }
        if let Some(ring) = &person.ring {
            let c = ui_pos(ring.centre, offset);
            add_ring(
                people_mesh,
                c,
                ring.inner,
                ring.outer,
                colour(ring.colour),
                feather,
                circle(circles, segments),
            );
        }
        if let Some(pin) = &person.pin {
            add_frame_disc(people_mesh, pin, offset, feather, circle(circles, PIN_SEGMENTS));
        }
    }
    painter.add(Shape::Mesh(people_arc.clone()));

    for label in &frame.labels {
        if let Some([a, b]) = label.leader {
            let stroke = Stroke::new(
                crate::scene::svg::LEADER_WIDTH_POINTS,
                colour(label.run.colour.faded(crate::scene::svg::LEADER_ALPHA)),
            );
            painter.line_segment([pos2(a[0], a[1]) + offset, pos2(b[0], b[1]) + offset], stroke);
        }
        painter.rect_filled(ui_rect(&label.halo, offset), label.halo_rounding, colour(label.halo_colour));
        paint_text(painter, frame, &label.run, offset);
    }

    if let Some(legend) = &frame.legend {
        let boxed = ui_rect(&legend.rect, offset);
        painter.rect_filled(boxed, legend.rounding, colour(legend.fill));
        painter.rect_stroke(
            boxed,
            legend.rounding,
            Stroke::new(legend.stroke_width, colour(legend.stroke)),
            egui::StrokeKind::Inside,
        );
        let mut icons = Mesh::default();
        for row in &legend.rows {
            match &row.icon {
                Some(LegendIcon::Disc(disc)) => {
                    let segments = segments_for(disc.stroke_radius(), feather).max(LEGEND_SEGMENTS);
                    add_frame_disc(&mut icons, disc, offset, feather, circle(circles, segments));
                }
                Some(LegendIcon::Tie(tie)) => add_tie(&mut icons, tie, offset, feather),
                None => {}
            }
            match &row.cue {
                Some(Cue::Dot(dot)) => {
                    add_frame_disc(&mut icons, dot, offset, feather, circle(circles, LEGEND_SEGMENTS));
                }
                Some(Cue::Ring(ring)) => {
                    let c = ui_pos(ring.centre, offset);
                    let col = colour(ring.colour);
                    add_ring(
                        &mut icons,
                        c,
                        ring.inner,
                        ring.outer,
                        col,
                        feather,
                        circle(circles, LEGEND_SEGMENTS),
                    );
                }
                None => {}
            }
        }
        painter.add(Shape::mesh(Arc::new(icons)));
        paint_text(painter, frame, &legend.title, offset);
        for row in &legend.rows {
            paint_text(painter, frame, &row.text, offset);
        }
    }
}

/// Last frame's mesh, emptied, when egui has let go of it (it has after tessellating);
/// otherwise a new one.
fn reuse(arc: &mut Arc<Mesh>) -> &mut Mesh {
    if Arc::get_mut(arc).is_none() {
        *arc = Arc::new(Mesh::default());
    }
    let mesh = Arc::make_mut(arc);
    mesh.clear();
    mesh
}

/// Segments of a node's circle: more for bigger discs. `feather` is one physical pixel: a
/// disc under 2.5 pixels across its radius is a feathered diamond, which no eye tells from a
/// circle at that size and which halves the triangles of a zoomed-out 100,000-person frame.
fn segments_for(radius: f32, feather: f32) -> usize {
    if radius < 2.5 * feather {
        4
    } else if radius < 3.0 {
        6
    } else {
        ((radius * 1.3) as usize).clamp(8, 64)
    }
}

/// Segments of the pin marker's discs.
const PIN_SEGMENTS: usize = 12;
/// Fewest segments of the legend's discs.
const LEGEND_SEGMENTS: usize = 24;

fn circle(circles: &[Vec<Vec2>], segments: usize) -> &[Vec2] {
    circles.get(segments).map_or(&[][..], Vec::as_slice)
}

fn paint_text(painter: &egui::Painter, frame: &Frame, run: &TextRun, offset: Vec2) {
    let text = frame.text(run.text);
    if text.is_empty() {
        return;
    }
    let galley =
        painter.layout_no_wrap(text.to_owned(), FontId::proportional(run.font_points), Color32::PLACEHOLDER);
    painter.galley(ui_pos(run.pos, offset), galley, colour(run.colour));
}

/// A tie: the line, then its heads.
fn add_tie(mesh: &mut Mesh, tie: &TieLine, offset: Vec2, feather: f32) {
    let col = colour(tie.colour);
    if tie.line {
        add_line(mesh, ui_pos(tie.a, offset), ui_pos(tie.b, offset), tie.width, col, feather);
    }
    for head in tie.heads.iter().flatten() {
        add_triangle(
            mesh,
            ui_pos(head.tip, offset),
            ui_pos(head.left, offset),
            ui_pos(head.right, offset),
            col,
            feather,
        );
    }
}

/// A frame disc: the fill out to `radius + outline_width / 2` and the outline band from
/// `radius` to `radius + outline_width` over it (what an SVG circle with fill and stroke
/// draws). With opaque colours that is an outline disc under a fill disc, which is cheaper.
fn add_frame_disc(mesh: &mut Mesh, disc: &Disc, offset: Vec2, feather: f32, circle: &[Vec2]) {
    let c = ui_pos(disc.centre, offset);
    let (r, w) = (disc.radius, disc.outline_width);
    if w <= 0.0 {
        add_disc(mesh, c, r, colour(disc.fill), feather, circle);
    } else if disc.fill.0[3] == 255 && disc.outline.0[3] == 255 {
        add_disc(mesh, c, r + w, colour(disc.outline), feather, circle);
        add_disc(mesh, c, r, colour(disc.fill), feather, circle);
    } else {
        add_disc(mesh, c, r + w * 0.5, colour(disc.fill), feather, circle);
        add_ring(mesh, c, r, r + w, colour(disc.outline), feather, circle);
    }
}

/// The person under `p`, topmost first.
pub fn hit_test(scene: &Scene, camera: &Camera, rect: Rect, p: Pos2) -> Option<PersonId> {
    let mut best: Option<(f32, PersonId)> = None;
    for node in scene.nodes.iter().rev() {
        let c = camera.ui_from_world(rect, node.pos);
        let r = crate::scene::frame::screen_radius(node.radius, camera.scale) + 3.0;
        let d = c.distance(p);
        if d <= r && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, node.person));
            if node.emphasis != Emphasis::Faded {
                // Topmost normal node wins at once.
                break;
            }
        }
    }
    best.map(|(_, id)| id)
}

fn vertex(pos: Pos2, color: Color32) -> Vertex {
    Vertex { pos, uv: WHITE_UV, color }
}

/// A filled, anti-aliased disc: a fan plus a one-pixel feather ring.
fn add_disc(mesh: &mut Mesh, c: Pos2, r: f32, color: Color32, feather: f32, circle: &[Vec2]) {
    let n = circle.len() as u32;
    if n < 3 {
        return;
    }
    let base = mesh.vertices.len() as u32;
    mesh.vertices.push(vertex(c, color));
    let inner = (r - feather * 0.5).max(0.0);
    let outer = r + feather * 0.5;
    for u in circle {
        mesh.vertices.push(vertex(c + *u * inner, color));
        mesh.vertices.push(vertex(c + *u * outer, Color32::TRANSPARENT));
    }
    for i in 0..n {
        let j = (i + 1) % n;
        let (ii, io, ji, jo) = (base + 1 + 2 * i, base + 2 + 2 * i, base + 1 + 2 * j, base + 2 + 2 * j);
        mesh.indices.extend_from_slice(&[base, ii, ji, ii, io, jo, ii, jo, ji]);
    }
}

/// An anti-aliased ring between two radii.
fn add_ring(mesh: &mut Mesh, c: Pos2, r0: f32, r1: f32, color: Color32, feather: f32, circle: &[Vec2]) {
    let n = circle.len() as u32;
    if n < 3 {
        return;
    }
    let base = mesh.vertices.len() as u32;
    let radii = [r0 - feather * 0.5, r0 + feather * 0.5, r1 - feather * 0.5, r1 + feather * 0.5];
    let colours = [Color32::TRANSPARENT, color, color, Color32::TRANSPARENT];
    for u in circle {
        for (r, col) in radii.iter().zip(colours) {
            mesh.vertices.push(vertex(c + *u * *r, col));
        }
    }
    for i in 0..n {
        let j = (i + 1) % n;
        for k in 0..3u32 {
            let (a, b, cc, d) =
                (base + 4 * i + k, base + 4 * i + k + 1, base + 4 * j + k, base + 4 * j + k + 1);
            mesh.indices.extend_from_slice(&[a, b, d, a, d, cc]);
        }
    }
}

/// An anti-aliased line: an opaque core and a feathered edge on each side.
fn add_line(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32, feather: f32) {
    let d = b - a;
    let len = d.length();
    if len <= 0.0 || !len.is_finite() {
        return;
    }
    let n = vec2(-d.y, d.x) / len;
    // Lines thinner than a pixel keep a pixel core and fade instead.
    let (core, color) = if width < feather {
        (0.0, color.gamma_multiply(width / feather))
    } else {
        ((width - feather) * 0.5, color)
    };
    let outer = core + feather;
    let base = mesh.vertices.len() as u32;
    if core == 0.0 {
        // A hairline (only dense, zoomed-out networks have them): a one-pixel band, which
        // covers the same ink as a feathered spine two pixels wide, in 2 triangles, not 4.
        // A 300,000-tie frame is all hairlines, and software GL pays per triangle.
        let half = n * (feather * 0.5);
        for p in [a, b] {
            mesh.vertices.push(vertex(p + half, color));
            mesh.vertices.push(vertex(p - half, color));
        }
        mesh.indices.extend_from_slice(&[base, base + 1, base + 3, base, base + 3, base + 2]);
        return;
    }
    for p in [a, b] {
        mesh.vertices.push(vertex(p + n * outer, Color32::TRANSPARENT));
        mesh.vertices.push(vertex(p + n * core, color));
        mesh.vertices.push(vertex(p - n * core, color));
        mesh.vertices.push(vertex(p - n * outer, Color32::TRANSPARENT));
    }
    for k in 0..3u32 {
        let (p0, p1, q0, q1) = (base + k, base + k + 1, base + 4 + k, base + 4 + k + 1);
        mesh.indices.extend_from_slice(&[p0, p1, q1, p0, q1, q0]);
    }
}

/// A filled triangle (an arrowhead) with its two long edges feathered.
fn add_triangle(mesh: &mut Mesh, tip: Pos2, l: Pos2, r: Pos2, color: Color32, feather: f32) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend_from_slice(&[vertex(tip, color), vertex(l, color), vertex(r, color)]);
    mesh.indices.extend_from_slice(&[base, base + 1, base + 2]);
    for (p, q) in [(tip, l), (r, tip)] {
        let e = q - p;
        let en = vec2(e.y, -e.x).normalized() * feather;
        let b2 = mesh.vertices.len() as u32;
        mesh.vertices.extend_from_slice(&[
            vertex(p, color),
            vertex(q, color),
            vertex(q + en, Color32::TRANSPARENT),
            vertex(p + en, Color32::TRANSPARENT),
        ]);
        mesh.indices.extend_from_slice(&[b2, b2 + 1, b2 + 2, b2, b2 + 2, b2 + 3]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{self, LayoutEngine, LayoutParams};
    use crate::scene::Encoding;
    use crate::scene::style;
    use crate::scene::svg::FontMeasure;

    fn run_frame(ctx: &egui::Context, size: Vec2, mut add: impl FnMut(&mut Ui)) {
        let raw =
            egui::RawInput { screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)), ..Default::default() };
        let mut output = ctx.run_ui(raw, |ui| {
            egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| add(ui));
        });
        // No renderer here: the font atlas updates go nowhere.
        output.textures_delta.clear();
    }

    #[test]
    fn the_export_font_measures_text_like_egui() {
        let ctx = egui::Context::default();
        let measure = FontMeasure::new().expect("font");
        let texts = [
            "Åsta Lysø",
            "Ellinor Rømo",
            "Fjellvik",
            "Named by 12 people",
            "91 of 91 people, 204 of 204 ties",
            "AV Tøffe WAVE, fjord-æøå",
            "x",
            "",
        ];
        let mut checked = 0;
        for _ in 0..2 {
            run_frame(&ctx, vec2(400.0, 300.0), |ui| {
                let egui_measure = EguiMeasure { painter: ui.painter() };
                for text in texts {
                    for points in [style::LABEL_POINTS, style::LABEL_POINTS + 1.5, style::LEGEND_POINTS, 17.0]
                    {
                        let ours = measure.size(text, points);
                        let theirs = egui_measure.size(text, points);
                        assert!(
                            (ours[0] - theirs[0]).abs() < 0.02 && (ours[1] - theirs[1]).abs() < 0.02,
                            "{text:?} at {points}: {ours:?} vs egui {theirs:?}"
                        );
                        checked += 1;
                    }
                }
            });
        }
        assert_eq!(checked, 2 * texts.len() * 4);
    }

    /// The canvas paints exactly the frame an export lays out for the same view.
    #[test]
    fn the_canvas_frame_is_the_export_frame() {
        let network = crate::io::samples::load("fjellvik").expect("sample").expect("parses").network;
        let (graph, order) = layout::graph_of(&network);
        let mut engine = LayoutEngine::new(&graph, 1, &[], LayoutParams::default());
        engine.run_to_settle(3_000);
        let positions = engine.positions();
        let mut pinned = vec![false; positions.len()];
        pinned[2] = true;
        let encoding = Encoding::default();
        let scene = crate::scene::build_whole(
            &network,
            &order,
            &positions,
            &pinned,
            order.get(4).copied(),
            &encoding,
        );
        let size = vec2(1000.0, 700.0);
        let bounds = scene.bounds.expect("bounds");
        let mut camera = Camera::fitting(Rect::from_min_size(Pos2::ZERO, size), bounds, 36.0);
        let options = CanvasOptions {
            show_legend: true,
            palette: Palette::LIGHT,
            max_labels: 300,
            lang: Default::default(),
            legend_corner: Default::default(),
            label_size_by_degree: false,
            reserved_bottom: 0.0,
        };
        let mut state = CanvasState::default();
        let ctx = egui::Context::default();
        for _ in 0..2 {
            run_frame(&ctx, size, |ui| {
                canvas_ui(ui, &scene, &mut camera, &mut state, &options);
            });
        }
        let on_screen = state.frames.frame().clone();
        let viewport = Viewport { size: [size.x, size.y], camera_centre: camera.centre, scale: camera.scale };
        let frame_options = FrameOptions::default();
        let export =
            frame::layout_frame(&scene, &viewport, &frame_options, &FontMeasure::new().expect("font"));
        assert_eq!(on_screen.ties, export.ties);
        assert_eq!(on_screen.people, export.people);
        assert_eq!(on_screen.text, export.text);
        assert_eq!(on_screen.labels.len(), export.labels.len());
        assert!(on_screen.labels.len() > 20);
        let close = |a: Point, b: Point| (a[0] - b[0]).abs() < 0.05 && (a[1] - b[1]).abs() < 0.05;
        for (a, b) in on_screen.labels.iter().zip(&export.labels) {
            assert!(close(a.run.pos, b.run.pos) && close(a.run.size, b.run.size), "{a:?} vs {b:?}");
        }
        let (a, b) = (on_screen.legend.expect("legend"), export.legend.expect("legend"));
        assert!(
            close(a.rect.min, b.rect.min) && close(a.rect.max, b.rect.max),
            "{:?} vs {:?}",
            a.rect,
            b.rect
        );
        assert_eq!(a.rows.len(), b.rows.len());
        for (x, y) in a.rows.iter().zip(&b.rows) {
            assert!(close(x.text.pos, y.text.pos), "{x:?} vs {y:?}");
        }
        assert_eq!(state.last_drawn, (export.ties.len(), export.people.len()));
        let legend_rect = state.legend_rect.expect("legend drawn");
        assert!((legend_rect.min.x - b.rect.min[0]).abs() < 0.05);
    }
}
