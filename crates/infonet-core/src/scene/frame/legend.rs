//! The legend card of a frame: its rows (sectors, tie kinds, sizes, counts, filter) measured,
//! wrapped and placed in the chosen corner.

use super::*;

/// Splits `text` into rows no wider than `max_width` at spaces (a single long word keeps
/// its own row), and calls `row` with each.
fn wrap_words<'t>(
    text: &'t str,
    font_points: f32,
    max_width: f32,
    measure: &dyn TextMeasure,
    mut row: impl FnMut(&'t str, [f32; 2]),
) {
    let mut start = 0usize;
    let mut end = 0usize;
    let mut size = [0.0f32, 0.0];
    for i in text.match_indices(' ').map(|(i, _)| i).chain(std::iter::once(text.len())) {
        let candidate_size = measure.size(text.get(start..i).unwrap_or(""), font_points);
        if candidate_size[0] > max_width && end > start {
            row(text.get(start..end).unwrap_or(""), size);
            start = end + 1;
            size = measure.size(text.get(start..i).unwrap_or(""), font_points);
        } else {
            size = candidate_size;
        }
        end = i;
    }
    row(text.get(start..).unwrap_or(""), size);
}

/// One legend row before it is placed.
#[derive(Clone, Copy)]
pub(super) enum RowKind {
    Heading,
    Item {
        icon: LegendItemIcon,
        height: f32,
    },
    /// `first` rows of a sentence get the gap above.
    Text {
        first: bool,
    },
}

#[derive(Clone, Copy)]
pub(super) enum LegendItemIcon {
    Swatch(Rgba, Marker),
    Line { colour: Rgba, mutual: bool },
    Size(f32),
}

/// The legend in its corner: title, sections with swatches, tie samples and
/// size samples that match the nodes at this zoom (scaled down together when zoomed far in so
/// they stay in proportion), the filter sentence and the counts.
pub(super) fn layout_legend(
    frame: &mut Frame,
    legend_box: &mut LegendBox,
    kinds: &mut Vec<RowKind>,
    scene: &Scene,
    viewport: &Viewport,
    options: &FrameOptions,
    measure: &dyn TextMeasure,
) {
    let palette = &options.palette;
    let legend = &scene.legend;
    let text_colour = palette.text;
    let font = style::LEGEND_POINTS;
    let largest = legend
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| if let LegendItem::Size { radius, .. } = i { Some(*radius) } else { None })
        .fold(0.0f32, f32::max);
    let size_scale = if largest * viewport.scale > LEGEND_MAX_RADIUS {
        LEGEND_MAX_RADIUS / largest
    } else {
        viewport.scale
    };
    let icon_w = (2.0 * screen_radius(largest, size_scale) + 4.0).max(LEGEND_ICON_MIN_WIDTH);

    // Measure every row first (positions relative to the box's top-left) to know the size.
    let title_size = measure.size(&legend.title, style::LEGEND_TITLE_POINTS);
    let title_text = frame.push_text(&legend.title);
    let mut width = title_size[0];
    let mut height = title_size[1] + 6.0;
    kinds.clear();
    let rows = &mut legend_box.rows;
    let mut push_row = |frame: &mut Frame, kind: RowKind, text: &str, size: [f32; 2]| {
        let text = frame.push_text(text);
        let colour = match kind {
            RowKind::Heading => text_colour.faded(style::LEGEND_HEADING_ALPHA),
            _ => text_colour,
        };
        let (w, h) = match kind {
            RowKind::Heading => (size[0], size[1] + 8.0),
            RowKind::Item { height, .. } => (icon_w + LEGEND_ICON_GAP + size[0], height.max(size[1]) + 2.0),
            RowKind::Text { first } => (size[0], size[1] + if first { 4.0 } else { 0.0 }),
        };
        width = width.max(w);
        height += h;
        kinds.push(kind);
        rows.push(LegendRow {
            icon: None,
            text: TextRun { text, pos: [0.0, 0.0], size, font_points: font, colour },
            cue: None,
        });
    };
    for section in &legend.sections {
        if section.items.is_empty() {
            continue;
        }
        let size = measure.size(&section.heading, font);
        push_row(frame, RowKind::Heading, &section.heading, size);
        for item in &section.items {
            let (label, icon, row_h) = match item {
                LegendItem::Swatch { colour, label, marker } => {
                    (label, LegendItemIcon::Swatch(*colour, *marker), LEGEND_ROW_HEIGHT)
                }
                LegendItem::Line { colour, label, mutual } => {
                    (label, LegendItemIcon::Line { colour: *colour, mutual: *mutual }, LEGEND_ROW_HEIGHT)
                }
                LegendItem::Size { radius, label } => {
                    let r = screen_radius(*radius, size_scale);
                    (label, LegendItemIcon::Size(r), (2.0 * r + 4.0).max(LEGEND_ROW_HEIGHT))
                }
            };
            let size = measure.size(label, font);
            push_row(frame, RowKind::Item { icon, height: row_h }, label, size);
        }
    }
    if let Some(sentence) = &legend.filter_line {
        let mut first = true;
        wrap_words(sentence, font, LEGEND_WRAP_POINTS, measure, |line, size| {
            push_row(frame, RowKind::Text { first }, line, size);
            first = false;
        });
    }
    let counts_size = measure.size(&legend.counts_line, font);
    push_row(frame, RowKind::Text { first: true }, &legend.counts_line, counts_size);

    let size = [width + 2.0 * LEGEND_PAD, height + 2.0 * LEGEND_PAD];
    let (right, bottom) = match options.legend_corner {
        Corner::BottomLeft => (false, true),
        Corner::BottomRight => (true, true),
        Corner::TopLeft => (false, false),
        Corner::TopRight => (true, false),
    };
    let min = [
        if right { viewport.size[0] - LEGEND_MARGIN - size[0] } else { LEGEND_MARGIN },
        if bottom { viewport.size[1] - LEGEND_MARGIN - size[1] } else { LEGEND_MARGIN },
    ];
    legend_box.rect = Rect::from_min_size(min, size);
    legend_box.rounding = LEGEND_ROUNDING;
    legend_box.fill = palette.legend_fill;
    legend_box.stroke = text_colour.faded(style::LEGEND_STROKE_ALPHA);
    legend_box.stroke_width = LEGEND_STROKE_POINTS;

    // Place the rows.
    let x = min[0] + LEGEND_PAD;
    let mut y = min[1] + LEGEND_PAD;
    legend_box.title = TextRun {
        text: title_text,
        pos: [x, y],
        size: title_size,
        font_points: style::LEGEND_TITLE_POINTS,
        colour: text_colour,
    };
    y += title_size[1] + 6.0;
    for (kind, row) in kinds.iter().zip(legend_box.rows.iter_mut()) {
        let h = row.text.size[1];
        match *kind {
            RowKind::Heading => {
                y += 4.0;
                row.text.pos = [x, y];
                y += h + 4.0;
            }
            RowKind::Item { icon, height } => {
                let h = height.max(h);
                let mid = y + h * 0.5;
                let icon_c = [x + icon_w * 0.5, mid];
                row.icon = Some(match icon {
                    LegendItemIcon::Swatch(fill, marker) => {
                        row.cue = cue_of(marker, icon_c, LEGEND_SWATCH_RADIUS, 1.0);
                        LegendIcon::Disc(Disc {
                            centre: icon_c,
                            radius: LEGEND_SWATCH_RADIUS - 0.5 * style::OUTLINE_POINTS,
                            fill,
                            outline: palette.outline,
                            outline_width: style::OUTLINE_POINTS,
                        })
                    }
                    LegendItemIcon::Line { colour, mutual } => {
                        let width =
                            if mutual { style::MUTUAL_TIE_WIDTH_POINTS } else { style::TIE_WIDTH_POINTS };
                        let a = [x + 2.0, mid];
                        let b = [x + icon_w - 2.0, mid];
                        let (len, half) = LEGEND_ARROW;
                        LegendIcon::Tie(TieLine {
                            a: [a[0] + if mutual { 6.0 } else { 0.0 }, mid],
                            b: [b[0] - 6.0, mid],
                            line: true,
                            width,
                            colour,
                            heads: [
                                Some(arrowhead(b, [1.0, 0.0], len, half)),
                                mutual.then(|| arrowhead(a, [-1.0, 0.0], len, half)),
                            ],
                        })
                    }
                    LegendItemIcon::Size(r) => LegendIcon::Disc(Disc {
                        centre: icon_c,
                        radius: r - 0.5 * style::OUTLINE_POINTS,
                        fill: text_colour.faded(style::SIZE_SAMPLE_FILL_ALPHA),
                        outline: text_colour.faded(style::SIZE_SAMPLE_STROKE_ALPHA),
                        outline_width: style::OUTLINE_POINTS,
                    }),
                });
                row.text.pos = [x + icon_w + LEGEND_ICON_GAP, mid - row.text.size[1] * 0.5];
                y += h + 2.0;
            }
            RowKind::Text { first } => {
                if first {
                    y += 4.0;
                }
                row.text.pos = [x, y];
                y += h;
            }
        }
    }
}
