//! The canvas: paints the scene (all ties in one mesh, all people in one mesh, then labels
//! and the legend), and turns pointer input into hover, click, drag, pan and zoom.

use std::sync::Arc;

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};

use crate::model::PersonId;
use crate::scene::style::{self, Palette};
use crate::scene::{Emphasis, LegendItem, Scene};

use super::theme::{colour, label_halo};
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
    label_grid: LabelGrid,
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
            let text = if pinned { "Unpin" } else { "Pin" };
            if ui.button(text).clicked() {
                out.set_pinned = Some((id, !pinned));
                ui.close();
            }
        });
    }

    // Paint.
    painter.rect_filled(rect, 0.0, colour(scene.background));
    let ppp = ui.ctx().pixels_per_point();
    let feather = 1.0 / ppp;
    let view = rect.expand(40.0);
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

    // Ties.
    let dense = scene.ties.len() > 20_000 && camera.scale < 0.5;
    let mut ties_mesh = Mesh::default();
    ties_mesh.reserve_vertices(scene.ties.len().min(400_000) * 8);
    let mut ties_drawn = 0usize;
    for tie in &scene.ties {
        let a = camera.ui_from_world(rect, tie.from);
        let b = camera.ui_from_world(rect, tie.to);
        if !segment_near_rect(a, b, view) {
            continue;
        }
        let d = b - a;
        let len = d.length();
        if len < 0.5 {
            continue;
        }
        let dir = d / len;
        let r_from = (tie.from_radius * camera.scale).max(style::NODE_RADIUS_MIN_POINTS);
        let r_to = (tie.to_radius * camera.scale).max(style::NODE_RADIUS_MIN_POINTS);
        let mut col = colour(tie.colour);
        let mut width = tie.width_points;
        if dense && tie.emphasis != Emphasis::Highlight {
            width *= 0.6;
            col = col.gamma_multiply(0.5);
        }
        let arrow_len = style::ARROW_LENGTH_POINTS * (width / style::TIE_WIDTH_POINTS).sqrt();
        let arrows = tie.arrow && len > r_from + r_to + 2.5 * arrow_len && !dense;
        let start = a + dir * r_from;
        let end = b - dir * r_to;
        let (line_start, line_end) = if arrows {
            (if tie.mutual { start + dir * arrow_len * 0.8 } else { start }, end - dir * arrow_len * 0.8)
        } else {
            (start, end)
        };
        if (line_end - line_start).dot(dir) > 0.0 {
            add_line(&mut ties_mesh, line_start, line_end, width, col, feather);
        }
        if arrows {
            let half = style::ARROW_HALF_WIDTH_POINTS * (width / style::TIE_WIDTH_POINTS).sqrt();
            add_arrow(&mut ties_mesh, end, dir, arrow_len, half, col, feather);
            if tie.mutual {
                add_arrow(&mut ties_mesh, start, -dir, arrow_len, half, col, feather);
            }
        }
        ties_drawn += 1;
    }
    painter.add(Shape::mesh(Arc::new(ties_mesh)));

    // People.
    let mut nodes_mesh = Mesh::default();
    nodes_mesh.reserve_vertices(scene.nodes.len().min(200_000) * 40);
    let mut nodes_drawn = 0usize;
    let outline_points = style::OUTLINE_POINTS;
    for node in &scene.nodes {
        let c = camera.ui_from_world(rect, node.pos);
        let r = (node.radius * camera.scale).max(style::NODE_RADIUS_MIN_POINTS);
        if !view.expand(r).contains(c) {
            continue;
        }
        let segments = ((r * 1.3) as usize).clamp(8, 64);
        let circle = state.unit_circles.get(segments).map_or(&[][..], Vec::as_slice);
        if r > 3.0 {
            add_disc(&mut nodes_mesh, c, r + outline_points, colour(node.outline), feather, circle);
        }
        add_disc(&mut nodes_mesh, c, r, colour(node.fill), feather, circle);
        if node.selected {
            add_ring(
                &mut nodes_mesh,
                c,
                r + 2.5,
                r + 5.0,
                colour(options.palette.selection),
                feather,
                circle,
            );
        }
        if node.pinned {
            let small = state.unit_circles.get(12).map_or(&[][..], Vec::as_slice);
            let p = c + vec2(0.72, -0.72) * r;
            let alpha = if node.emphasis == Emphasis::Faded { style::FADED_ALPHA } else { 1.0 };
            add_disc(&mut nodes_mesh, p, 4.2, colour(options.palette.outline.faded(alpha)), feather, small);
            add_disc(&mut nodes_mesh, p, 3.0, colour(options.palette.pin.faded(alpha)), feather, small);
        }
        nodes_drawn += 1;
    }
    painter.add(Shape::mesh(Arc::new(nodes_mesh)));
    state.last_drawn = (ties_drawn, nodes_drawn);

    // Names: most named first, skipped where they would overlap.
    paint_labels(&painter, scene, camera, rect, state, options);

    state.legend_rect = if options.show_legend {
        Some(paint_legend(&painter, scene, camera, rect, &options.palette))
    } else {
        None
    };
    out
}

/// The person under `p`, topmost first.
pub fn hit_test(scene: &Scene, camera: &Camera, rect: Rect, p: Pos2) -> Option<PersonId> {
    let mut best: Option<(f32, PersonId)> = None;
    for node in scene.nodes.iter().rev() {
        let c = camera.ui_from_world(rect, node.pos);
        let r = (node.radius * camera.scale).max(style::NODE_RADIUS_MIN_POINTS) + 3.0;
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

fn segment_near_rect(a: Pos2, b: Pos2, r: Rect) -> bool {
    let min = a.min(b);
    let max = a.max(b);
    max.x >= r.min.x && min.x <= r.max.x && max.y >= r.min.y && min.y <= r.max.y
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

/// An arrowhead whose tip is at `tip`, pointing along `dir`.
fn add_arrow(
    mesh: &mut Mesh,
    tip: Pos2,
    dir: Vec2,
    length: f32,
    half_width: f32,
    color: Color32,
    feather: f32,
) {
    let n = vec2(-dir.y, dir.x);
    let back = tip - dir * length;
    let l = back + n * half_width;
    let r = back - n * half_width;
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend_from_slice(&[vertex(tip, color), vertex(l, color), vertex(r, color)]);
    mesh.indices.extend_from_slice(&[base, base + 1, base + 2]);
    // Feather the two long edges.
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

/// A coarse grid of placed label rectangles for quick overlap checks.
#[derive(Default)]
struct LabelGrid {
    cell: Vec2,
    cols: usize,
    rows: usize,
    origin: Pos2,
    cells: Vec<Vec<Rect>>,
}

impl LabelGrid {
    fn reset(&mut self, rect: Rect) {
        self.cell = vec2(96.0, 24.0);
        self.origin = rect.min;
        self.cols = ((rect.width() / self.cell.x).ceil() as usize).clamp(1, 200);
        self.rows = ((rect.height() / self.cell.y).ceil() as usize).clamp(1, 200);
        self.cells.resize_with(self.cols * self.rows, Vec::new);
        self.cells.iter_mut().for_each(Vec::clear);
    }

    fn range(&self, r: Rect) -> (usize, usize, usize, usize) {
        let to_col =
            |x: f32| (((x - self.origin.x) / self.cell.x).floor().max(0.0) as usize).min(self.cols - 1);
        let to_row =
            |y: f32| (((y - self.origin.y) / self.cell.y).floor().max(0.0) as usize).min(self.rows - 1);
        (to_col(r.min.x), to_col(r.max.x), to_row(r.min.y), to_row(r.max.y))
    }

    fn overlaps(&self, r: Rect) -> bool {
        let (c0, c1, r0, r1) = self.range(r);
        (r0..=r1).any(|row| {
            (c0..=c1).any(|col| {
                self.cells.get(row * self.cols + col).is_some_and(|v| v.iter().any(|o| o.intersects(r)))
            })
        })
    }

    fn insert(&mut self, r: Rect) {
        let (c0, c1, r0, r1) = self.range(r);
        for row in r0..=r1 {
            for col in c0..=c1 {
                if let Some(v) = self.cells.get_mut(row * self.cols + col) {
                    v.push(r);
                }
            }
        }
    }
}

fn paint_labels(
    painter: &egui::Painter,
    scene: &Scene,
    camera: &Camera,
    rect: Rect,
    state: &mut CanvasState,
    options: &CanvasOptions,
) {
    state.label_grid.reset(rect);
    let font = FontId::proportional(style::LABEL_POINTS);
    let strong_font = FontId::proportional(style::LABEL_POINTS + 1.5);
    let halo = label_halo(scene.background);
    let mut placed = 0usize;
    // Estimated glyph width, to reject overlapping labels before laying them out.
    let char_w = style::LABEL_POINTS * 0.52;
    for label in &scene.labels {
        if placed >= options.max_labels {
            break;
        }
        let c = camera.ui_from_world(rect, label.pos);
        let r = (label.radius * camera.scale).max(style::NODE_RADIUS_MIN_POINTS);
        let top = pos2(c.x, c.y + r + 2.0);
        if !rect.contains(top) {
            continue;
        }
        // Level of detail: when people are tiny on screen, only the most named get names.
        if !label.strong && placed >= 25 && r < 3.5 {
            continue;
        }
        let est_w = label.text.chars().count() as f32 * char_w;
        let est = Rect::from_center_size(pos2(top.x, top.y + 8.0), vec2(est_w, 16.0));
        if !label.strong && state.label_grid.overlaps(est.shrink(2.0)) {
            continue;
        }
        let f = if label.strong { strong_font.clone() } else { font.clone() };
        let galley = painter.layout_no_wrap(label.text.clone(), f, colour(label.colour));
        let size = galley.size();
        let text_rect = Rect::from_min_size(pos2(top.x - size.x * 0.5, top.y), size);
        if !label.strong && state.label_grid.overlaps(text_rect) {
            continue;
        }
        state.label_grid.insert(text_rect.expand(2.0));
        painter.rect_filled(text_rect.expand2(vec2(3.0, 0.0)), 3.0, halo);
        painter.galley(text_rect.min, galley, colour(label.colour));
        placed += 1;
    }
}

/// Largest size sample in the legend, in points.
const LEGEND_MAX_RADIUS: f32 = 26.0;

/// Paints the legend in the bottom-left corner and returns where it went.
fn paint_legend(
    painter: &egui::Painter,
    scene: &Scene,
    camera: &Camera,
    rect: Rect,
    palette: &Palette,
) -> Rect {
    let legend = &scene.legend;
    let text = colour(palette.text);
    let font = FontId::proportional(style::LEGEND_POINTS);
    let heading_font = FontId::proportional(style::LEGEND_POINTS);
    let title_font = FontId::proportional(style::LEGEND_TITLE_POINTS);
    let pad = 10.0;
    // Size samples match the nodes at this zoom; when zoomed far in they are scaled down
    // together (largest sample at most LEGEND_MAX_RADIUS) so they stay in proportion.
    let largest = legend
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| if let LegendItem::Size { radius, .. } = i { Some(*radius) } else { None })
        .fold(0.0f32, f32::max);
    let size_scale =
        if largest * camera.scale > LEGEND_MAX_RADIUS { LEGEND_MAX_RADIUS / largest } else { camera.scale };
    let icon_w = (2.0 * legend_radius(largest, size_scale) + 4.0).max(30.0);

    // Lay out every row first to know the box size.
    enum Row {
        Title(Arc<egui::Galley>),
        Heading(Arc<egui::Galley>),
        Item(LegendItem, Arc<egui::Galley>, f32),
        Text(Arc<egui::Galley>),
    }
    let mut rows = Vec::new();
    rows.push(Row::Title(painter.layout_no_wrap(legend.title.clone(), title_font, text)));
    for section in &legend.sections {
        if section.items.is_empty() {
            continue;
        }
        rows.push(Row::Heading(painter.layout_no_wrap(section.heading.clone(), heading_font.clone(), text)));
        for item in &section.items {
            let (label, height) = match item {
                LegendItem::Swatch { label, .. } | LegendItem::Line { label, .. } => (label, 18.0),
                LegendItem::Size { radius, label } => {
                    (label, (2.0 * legend_radius(*radius, size_scale) + 4.0).max(18.0))
                }
            };
            let g = painter.layout_no_wrap(label.clone(), font.clone(), text);
            rows.push(Row::Item(item.clone(), g, height));
        }
    }
    if let Some(f) = &legend.filter_line {
        rows.push(Row::Text(painter.layout(f.clone(), font.clone(), text, 260.0)));
    }
    rows.push(Row::Text(painter.layout_no_wrap(legend.counts_line.clone(), font, text)));

    let mut width: f32 = 0.0;
    let mut height = 0.0;
    for row in &rows {
        let (w, h) = match row {
            Row::Title(g) => (g.size().x, g.size().y + 6.0),
            Row::Heading(g) => (g.size().x, g.size().y + 8.0),
            Row::Item(_, g, h) => (icon_w + 6.0 + g.size().x, h.max(g.size().y) + 2.0),
            Row::Text(g) => (g.size().x, g.size().y + 4.0),
        };
        width = width.max(w);
        height += h;
    }
    let size = vec2(width + 2.0 * pad, height + 2.0 * pad);
    let min = pos2(rect.min.x + 12.0, rect.max.y - 12.0 - size.y);
    let boxed = Rect::from_min_size(min, size);
    painter.rect_filled(boxed, 6.0, colour(palette.legend_fill));
    painter.rect_stroke(boxed, 6.0, Stroke::new(1.0, text.gamma_multiply(0.25)), egui::StrokeKind::Inside);

    let mut y = boxed.min.y + pad;
    let x = boxed.min.x + pad;
    for row in rows {
        match row {
            Row::Title(g) => {
                let h = g.size().y;
                painter.galley(pos2(x, y), g, text);
                y += h + 6.0;
            }
            Row::Heading(g) => {
                let h = g.size().y;
                y += 4.0;
                painter.galley(pos2(x, y), g, text.gamma_multiply(0.7));
                y += h + 4.0;
            }
            Row::Item(item, g, h) => {
                let h = h.max(g.size().y);
                let mid = y + h * 0.5;
                let icon_c = pos2(x + icon_w * 0.5, mid);
                match item {
                    LegendItem::Swatch { colour: c, .. } => {
                        painter.circle(icon_c, 6.5, colour(c), Stroke::new(1.0, colour(palette.outline)));
                    }
                    LegendItem::Line { colour: c, mutual, .. } => {
                        let w = if mutual { style::MUTUAL_TIE_WIDTH_POINTS } else { style::TIE_WIDTH_POINTS };
                        let a = pos2(x + 2.0, mid);
                        let b = pos2(x + icon_w - 2.0, mid);
                        let col = colour(c);
                        let mut mesh = Mesh::default();
                        add_line(
                            &mut mesh,
                            a + vec2(if mutual { 6.0 } else { 0.0 }, 0.0),
                            b - vec2(6.0, 0.0),
                            w,
                            col,
                            1.0,
                        );
                        add_arrow(&mut mesh, b, vec2(1.0, 0.0), 7.0, 3.5, col, 1.0);
                        if mutual {
                            add_arrow(&mut mesh, a, vec2(-1.0, 0.0), 7.0, 3.5, col, 1.0);
                        }
                        painter.add(Shape::mesh(Arc::new(mesh)));
                    }
                    LegendItem::Size { radius, .. } => {
                        let r = legend_radius(radius, size_scale);
                        painter.circle(
                            icon_c,
                            r,
                            text.gamma_multiply(0.35),
                            Stroke::new(1.0, text.gamma_multiply(0.6)),
                        );
                    }
                }
                painter.galley(pos2(x + icon_w + 6.0, mid - g.size().y * 0.5), g, text);
                y += h + 2.0;
            }
            Row::Text(g) => {
                let h = g.size().y;
                y += 4.0;
                painter.galley(pos2(x, y), g, text);
                y += h;
            }
        }
    }
    boxed
}

/// A size sample's radius on screen.
fn legend_radius(world_radius: f32, scale: f32) -> f32 {
    (world_radius * scale).max(style::NODE_RADIUS_MIN_POINTS)
}
