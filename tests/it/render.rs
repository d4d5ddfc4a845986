//! Exports draw the same frame as the canvas: SVG elements and colours, PNG pixels, a
//! deterministic frame layout and names that never overlap, on a bundled sample with settled
//! (deterministic) positions.

use infonet::layout::{self, LayoutEngine, LayoutParams};
use infonet::model::{Network, PersonId, Sector};
use infonet::scene::frame::{FrameBuilder, FrameOptions, Rect, Viewport, layout_frame};
use infonet::scene::raster::render_png;
use infonet::scene::style::{self, Theme};
use infonet::scene::svg::{FontMeasure, render_svg, to_svg};
use infonet::scene::{self, Encoding, Palette, Scene};
use resvg::tiny_skia::Pixmap;

struct Fixture {
    network: Network,
    order: Vec<PersonId>,
    positions: Vec<[f32; 2]>,
}

fn fixture(stem: &str) -> Fixture {
    let network = infonet::io::samples::load(stem).expect("sample exists").expect("sample parses").network;
    let (graph, order) = layout::graph_of(&network);
    let mut engine = LayoutEngine::new(&graph, 1, &[], LayoutParams::default());
    engine.run_to_settle(3_000);
    Fixture { positions: engine.positions(), order, network }
}

fn scene_of(f: &Fixture, pinned: &[bool], selected: Option<PersonId>) -> Scene {
    scene_with(f, pinned, selected, &Encoding::default())
}

fn scene_with(f: &Fixture, pinned: &[bool], selected: Option<PersonId>, encoding: &Encoding) -> Scene {
    scene::build_whole(&f.network, &f.order, &f.positions, pinned, selected, encoding)
}

fn fitted(scene: &Scene, size: [f32; 2], options: &FrameOptions) -> Viewport {
    let measure = FontMeasure::new().expect("font");
    Viewport::fit_scene(scene, size, options, &measure).expect("scene has bounds")
}

/// The `<g id="...">` group's body.
fn group<'a>(svg: &'a str, id: &str) -> &'a str {
    let open = format!("<g id=\"{id}\"");
    let start = svg.find(&open).expect("group present");
    let body = &svg[start..];
    let end = body.find("</g>").expect("group closed");
    &body[..end]
}

fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let rest = &element[start..];
    Some(&rest[..rest.find('"')?])
}

#[test]
fn svg_has_one_circle_per_person_plus_ring_and_pin_with_sector_colours() {
    let f = fixture("fjellvik");
    let mut pinned = vec![false; f.order.len()];
    pinned[3] = true;
    let selected = f.order.get(5).copied();
    let scene = scene_of(&f, &pinned, selected);
    let options = FrameOptions::default();
    let view = fitted(&scene, [1200.0, 800.0], &options);
    let svg = render_svg(&scene, &view, &options);

    let people = group(&svg, "people");
    let circles: Vec<&str> = people.split("<circle").skip(1).collect();
    // Everyone is on screen when fitted: one circle each, plus one selection ring and one pin.
    assert_eq!(scene.nodes.len(), f.network.person_count());
    assert_eq!(circles.len(), f.network.person_count() + 2, "{people}");
    let rings: Vec<&&str> = circles.iter().filter(|c| attr(c, "fill") == Some("none")).collect();
    assert_eq!(rings.len(), 1);
    assert_eq!(attr(rings[0], "stroke"), Some(Palette::LIGHT.selection.hex().as_str()));
    let pins: Vec<&&str> =
        circles.iter().filter(|c| attr(c, "fill") == Some(Palette::LIGHT.pin.hex().as_str())).collect();
    assert_eq!(pins.len(), 1);

    // The person circles, in the scene's order, are filled with their sector's colour.
    let person_circles: Vec<&&str> = circles
        .iter()
        .filter(|c| {
            attr(c, "fill") != Some("none") && attr(c, "fill") != Some(Palette::LIGHT.pin.hex().as_str())
        })
        .collect();
    assert_eq!(person_circles.len(), scene.nodes.len());
    let mut by_sector = [0usize; 4];
    let mut outlined = 0usize;
    for (circle, node) in person_circles.iter().zip(&scene.nodes) {
        let sector = f.network.person(node.person).expect("person").sector;
        by_sector[sector.index()] += 1;
        let expected = Palette::LIGHT.sector_fill(sector).hex();
        assert_eq!(attr(circle, "fill"), Some(expected.as_str()), "{}", sector.index());
        // People drawn big enough for an outline get a white one.
        if let Some(stroke) = attr(circle, "stroke") {
            assert_eq!(stroke, "#ffffff", "white outline");
            outlined += 1;
        }
    }
    assert!(outlined * 2 > person_circles.len(), "most people are drawn with an outline: {outlined}");
    assert_eq!(Palette::LIGHT.sector_fill(Sector::Public).hex(), "#d62728", "public is red");
    assert_eq!(Palette::LIGHT.sector_fill(Sector::Private).hex(), "#1f5fbf", "private is blue");
    let count = |s: Sector| f.network.people().filter(|(_, p)| p.sector == s).count();
    assert_eq!(by_sector[Sector::Public.index()], count(Sector::Public));
    assert_eq!(by_sector[Sector::Private.index()], count(Sector::Private));
    assert!(by_sector[Sector::Public.index()] > 0 && by_sector[Sector::Private.index()] > 0);

    // Ties: lines with butt caps and arrowheads.
    let ties = group(&svg, "ties");
    assert!(ties.matches("<line").count() > 100);
    assert!(ties.contains("stroke-linecap=\"butt\""));
    assert!(ties.matches("<polygon").count() > 100);

    // Names keep æøå, text has the canvas font, the legend has its title and the font is
    // embedded.
    let labels = group(&svg, "labels");
    assert!(labels.contains("font-family=\"'Infonet Ubuntu Light'"));
    assert!(["å", "ø", "æ", "Å", "Ø"].iter().any(|c| labels.contains(c)), "{labels}");
    let legend = group(&svg, "legend");
    assert!(legend.contains(">Fjellvik</text>"));
    assert!(svg.contains("@font-face") && svg.contains("data:font/ttf;base64,"));
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
}

#[test]
fn svg_text_is_escaped_and_background_optional() {
    let mut f = fixture("solboen");
    f.network.name = "Solbøen & <Co> \"Æ\"".to_owned();
    let scene = scene_of(&f, &vec![false; f.order.len()], None);
    let options = FrameOptions::default();
    let view = fitted(&scene, [900.0, 700.0], &options);
    let frame = layout_frame(&scene, &view, &options, &FontMeasure::new().expect("font"));
    let svg = to_svg(&frame, None);
    assert!(svg.contains(">Solbøen &amp; &lt;Co&gt; &quot;Æ&quot;</text>"), "title escaped");
    assert!(!svg.contains("<rect width="), "no background rect when transparent");
    let with_bg = to_svg(&frame, Some(scene.background));
    assert!(
        with_bg
            .contains(&format!("<rect width=\"900\" height=\"700\" fill=\"{}\"/>", scene.background.hex()))
    );
}

#[test]
fn png_pixels_at_node_centres_have_the_sector_colour() {
    let f = fixture("solboen");
    let scene = scene_of(&f, &vec![false; f.order.len()], None);
    let options = FrameOptions { show_legend: false, ..FrameOptions::default() };
    let view = fitted(&scene, [480.0, 360.0], &options);
    let frame = layout_frame(&scene, &view, &options, &FontMeasure::new().expect("font"));
    let ppp = 2.0;
    let png = render_png(&scene, &view, &options, ppp, false).expect("renders");
    let pixmap = Pixmap::decode_png(&png).expect("decodes");
    assert_eq!((pixmap.width(), pixmap.height()), (960, 720));

    // The biggest person whose centre no other disc or name covers.
    let covered = |i: usize, p: [f32; 2]| {
        frame.people.iter().enumerate().any(|(j, o)| {
            j > i && {
                let d = [o.disc.centre[0] - p[0], o.disc.centre[1] - p[1]];
                (d[0] * d[0] + d[1] * d[1]).sqrt() < o.disc.radius + 2.0
            }
        }) || frame.labels.iter().any(|l| l.halo.expand(1.0).contains(p))
    };
    let mut checked = 0;
    for (i, person) in frame.people.iter().enumerate() {
        if person.disc.radius < 4.0 || covered(i, person.disc.centre) {
            continue;
        }
        let [x, y] = person.disc.centre;
        let px = pixmap.pixel((x * ppp) as u32, (y * ppp) as u32).expect("inside");
        let want = person.disc.fill.0;
        let got = [px.red(), px.green(), px.blue(), px.alpha()];
        for k in 0..4 {
            assert!(got[k].abs_diff(want[k]) <= 2, "{got:?} vs {want:?} at {x},{y}");
        }
        checked += 1;
    }
    assert!(checked >= 3, "{checked}");
    // The background is the scene's; transparent leaves it out.
    let corner = pixmap.pixel(1, 1).expect("corner");
    assert_eq!([corner.red(), corner.green(), corner.blue(), corner.alpha()], scene.background.0);
    let clear =
        Pixmap::decode_png(&render_png(&scene, &view, &options, 1.0, true).expect("renders")).expect("png");
    assert_eq!(clear.pixel(1, 1).expect("corner").alpha(), 0);
    assert!(render_png(&scene, &view, &options, 0.0, false).is_err());
}

#[test]
fn png_draws_names_in_the_canvas_font() {
    let f = fixture("solboen");
    let scene = scene_of(&f, &vec![false; f.order.len()], None);
    let options = FrameOptions::default();
    let view = fitted(&scene, [640.0, 480.0], &options);
    let frame = layout_frame(&scene, &view, &options, &FontMeasure::new().expect("font"));
    let pixmap =
        Pixmap::decode_png(&render_png(&scene, &view, &options, 1.0, false).expect("renders")).expect("png");
    let label = frame.labels.first().expect("a name");
    // Some pixels in the name's box are dark (text), most of the halo is light.
    let mut dark = 0;
    let r = label.halo;
    for y in r.min[1] as u32..r.max[1] as u32 {
        for x in r.min[0] as u32..r.max[0] as u32 {
            if pixmap.pixel(x, y).is_some_and(|p| u32::from(p.red()) + u32::from(p.green()) < 200) {
                dark += 1;
            }
        }
    }
    assert!(dark > 10, "{dark} dark pixels in the name's box");
}

#[test]
fn frame_layout_is_deterministic() {
    let f = fixture("fjellvik");
    let scene = scene_of(&f, &vec![false; f.order.len()], None);
    let options = FrameOptions::default();
    let measure = FontMeasure::new().expect("font");
    let view = fitted(&scene, [1000.0, 700.0], &options);
    let a = layout_frame(&scene, &view, &options, &measure);
    // A reused builder that built something else in between gives the same frame.
    let mut builder = FrameBuilder::default();
    let zoomed = Viewport { scale: view.scale * 3.0, ..view };
    builder.build(&scene, &zoomed, &options, &measure);
    let b = builder.build(&scene, &view, &options, &measure).clone();
    assert_eq!(a, b);
    assert_eq!(to_svg(&a, None), to_svg(&b, None));
    // And again from scratch: the same settled positions give the same picture.
    let g = fixture("fjellvik");
    let scene2 = scene_of(&g, &vec![false; g.order.len()], None);
    assert_eq!(render_svg(&scene, &view, &options), render_svg(&scene2, &view, &options));
}

#[test]
fn names_never_overlap() {
    let f = fixture("asdalen");
    let scene = scene_of(&f, &vec![false; f.order.len()], None);
    let options = FrameOptions::default();
    let measure = FontMeasure::new().expect("font");
    let view = fitted(&scene, [1100.0, 750.0], &options);
    let mut builder = FrameBuilder::default();
    let mut placed_any = 0;
    for zoom in [0.3, 0.6, 1.0, 1.7, 3.0, 6.0] {
        let v = Viewport { scale: view.scale * zoom, ..view };
        let frame = builder.build(&scene, &v, &options, &measure);
        let boxes: Vec<Rect> =
            frame.labels.iter().map(|l| Rect::from_min_size(l.run.pos, l.run.size)).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.intersects(b), "zoom {zoom}: {a:?} overlaps {b:?}");
            }
            assert!(a.width() > 0.0 && a.height() > 0.0);
        }
        assert!(frame.labels.len() <= options.max_labels);
        placed_any += frame.labels.len();
    }
    assert!(placed_any > 50, "{placed_any}");
}

#[test]
fn fitting_keeps_the_network_clear_of_the_legend() {
    let f = fixture("fjellvik");
    let scene = scene_of(&f, &vec![false; f.order.len()], None);
    let options = FrameOptions::default();
    let view = fitted(&scene, [1400.0, 800.0], &options);
    let frame = layout_frame(&scene, &view, &options, &FontMeasure::new().expect("font"));
    let legend = frame.legend.as_ref().expect("legend").rect;
    for person in &frame.people {
        let c = person.disc.centre;
        assert!(c[0] - person.disc.radius >= legend.max[0], "{c:?} is left of the legend's edge {legend:?}");
        assert!(c[1] >= 0.0 && c[1] <= 800.0);
    }
}

#[test]
fn colour_blind_cues_are_drawn_inside_the_nodes() {
    let f = fixture("fjellvik");
    let palette = Palette::of(Theme::Light, true);
    let encoding = Encoding { palette, ..Encoding::default() };
    let scene = scene_with(&f, &vec![false; f.order.len()], None, &encoding);
    let options = FrameOptions { palette, ..FrameOptions::default() };
    let view = fitted(&scene, [1200.0, 800.0], &options);
    let frame = layout_frame(&scene, &view, &options, &FontMeasure::new().expect("font"));
    let big_enough = |s: Sector| {
        frame
            .people
            .iter()
            .filter(|p| f.network.person(p.person).is_some_and(|x| x.sector == s))
            .filter(|p| p.disc.radius >= style::CUE_MIN_RADIUS_POINTS)
            .count()
    };
    let (dots, rings) = (big_enough(Sector::Private), big_enough(Sector::Other));
    assert!(dots > 0 && rings > 0, "{dots} {rings}");
    let svg = to_svg(&frame, None);
    let people = group(&svg, "people");
    let circles: Vec<&str> = people.split("<circle").skip(1).collect();
    assert_eq!(circles.len(), frame.people.len() + dots + rings);
    let white_dots =
        circles.iter().filter(|c| attr(c, "fill") == Some("#ffffff") && attr(c, "stroke").is_none());
    assert_eq!(white_dots.count(), dots);
    let dark_rings =
        circles.iter().filter(|c| attr(c, "fill") == Some("none") && attr(c, "stroke") == Some("#111111"));
    assert_eq!(dark_rings.count(), rings);
    // Colour-blind-safe fills: private is blue, public vermillion.
    assert!(people.contains("fill=\"#0072b2\"") && people.contains("fill=\"#d55e00\""));
}

#[test]
fn a_name_that_had_to_move_stays_put_when_its_first_place_frees_up() {
    // A (named twice) with B right below it: A's name cannot go below A, so it goes right.
    let mut network = Network::new("Stable");
    let mut add = |key: &str| {
        let mut p = infonet::model::Person::new(key.to_owned());
        p.name = format!("Person {key}");
        network.add_person(p).expect("new")
    };
    let (a, b, c, d) = (add("a"), add("b"), add("c"), add("d"));
    for (s, t) in [(c, a), (d, a), (c, b)] {
        network.add_tie(s, t, infonet::model::Tie::default()).expect("tie");
    }
    let order = vec![a, b, c, d];
    let build = |b_at: [f32; 2]| {
        let positions = vec![[0.0, 0.0], b_at, [-150.0, -80.0], [150.0, -80.0]];
        scene::build_whole(&network, &order, &positions, &[false; 4], None, &Encoding::default())
    };
    let options = FrameOptions { show_legend: false, ..FrameOptions::default() };
    let view = Viewport { size: [600.0, 400.0], camera_centre: [0.0, 0.0], scale: 1.0 };
    let measure = FontMeasure::new().expect("font");
    let mut builder = FrameBuilder::default();
    let offset_of_a = |frame: &infonet::scene::frame::Frame| {
        let label = frame.labels.iter().find(|l| l.person == a).expect("A is named");
        let disc = frame.people.iter().find(|p| p.person == a).expect("A is drawn");
        [label.halo.min[0] - disc.disc.centre[0], label.halo.min[1] - disc.disc.centre[1]]
    };
    let blocked = offset_of_a(builder.build(&build([0.0, 24.0]), &view, &options, &measure));
    assert!(blocked[0] > 0.0, "A's name went to the side: {blocked:?}");
    // B walks away: below A is free again, but A's name stays where it was read.
    let freed = offset_of_a(builder.build(&build([0.0, 140.0]), &view, &options, &measure));
    assert_eq!(freed, blocked, "no jump while the layout moves");
    // A fresh picture (an export) takes the first free place: below.
    let fresh =
        offset_of_a(&infonet::scene::frame::layout_frame(&build([0.0, 140.0]), &view, &options, &measure));
    assert!(fresh[0] < 0.0 && fresh[1] > 0.0, "below, centred: {fresh:?}");
}

#[test]
fn names_keep_their_place_while_the_layout_moves() {
    let f = fixture("asdalen");
    let pinned = vec![false; f.order.len()];
    let scene = scene_of(&f, &pinned, None);
    let options = FrameOptions::default();
    let view = fitted(&scene, [1440.0, 900.0], &options);
    let measure = FontMeasure::new().expect("font");
    let mut builder = FrameBuilder::default();
    let offsets = |frame: &infonet::scene::frame::Frame, scene: &Scene| {
        let centre_of: std::collections::HashMap<PersonId, [f32; 2]> =
            frame.people.iter().map(|p| (p.person, p.disc.centre)).collect();
        let _ = scene;
        frame
            .labels
            .iter()
            .filter_map(|l| {
                let c = centre_of.get(&l.person)?;
                Some((l.person, [l.halo.min[0] - c[0], l.halo.min[1] - c[1]]))
            })
            .collect::<std::collections::HashMap<_, _>>()
    };
    let before = offsets(builder.build(&scene, &view, &options, &measure), &scene);
    // Everyone drifts a little, as while the layout settles.
    let moved: Vec<[f32; 2]> = f
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| [p[0] + (i % 3) as f32 * 0.3, p[1] - (i % 2) as f32 * 0.3])
        .collect();
    let moved_fixture = Fixture { network: f.network.clone(), order: f.order.clone(), positions: moved };
    let scene2 = scene_of(&moved_fixture, &pinned, None);
    let after = offsets(builder.build(&scene2, &view, &options, &measure), &scene2);
    let kept = before
        .iter()
        .filter(|(p, o)| {
            after.get(p).is_some_and(|a| (a[0] - o[0]).abs() < 0.01 && (a[1] - o[1]).abs() < 0.01)
        })
        .count();
    assert!(before.len() > 30);
    assert!(
        kept * 100 >= before.len() * 95,
        "{kept} of {} names stayed beside their person as before",
        before.len()
    );
}

#[test]
fn colour_blind_ties_have_colours_of_their_own_in_the_picture_and_the_legend() {
    let f = fixture("fjellvik");
    let palette = Palette::of(Theme::Light, true);
    let encoding = Encoding { palette, ..Encoding::default() };
    let scene = scene_with(&f, &vec![false; f.order.len()], None, &encoding);
    let options = FrameOptions { palette, ..FrameOptions::default() };
    let view = fitted(&scene, [1200.0, 800.0], &options);
    let frame = layout_frame(&scene, &view, &options, &FontMeasure::new().expect("font"));
    let svg = to_svg(&frame, None);
    // Sky blue inside a sector, orange across; never a sector's colour (vermillion read as
    // "public ties").
    for part in [group(&svg, "ties"), group(&svg, "legend")] {
        assert!(part.contains("\"#56b4e9\"") && part.contains("\"#e69f00\""), "{part}");
        for sector in ["#d55e00", "#0072b2", "#009e73"] {
            assert!(!part.contains(&format!("stroke=\"{sector}\"")), "a tie drawn in {sector}");
        }
    }
}

#[test]
fn colour_blind_legend_swatches_carry_the_discs_second_cue() {
    let f = fixture("fjellvik");
    let palette = Palette::of(Theme::Light, true);
    let encoding = Encoding { palette, ..Encoding::default() };
    let scene = scene_with(&f, &vec![false; f.order.len()], None, &encoding);
    let options = FrameOptions { palette, ..FrameOptions::default() };
    let view = fitted(&scene, [1200.0, 800.0], &options);
    let svg = to_svg(&layout_frame(&scene, &view, &options, &FontMeasure::new().expect("font")), None);
    let legend = group(&svg, "legend");
    let dot = style::CUE_DOT.hex();
    let ring = style::CUE_RING.hex();
    // Private carries the dot, Other the ring, as their discs do; Public has none.
    let circles =
        |part: &str, paint: &str| part.split("<circle").skip(1).filter(|c| c.contains(paint)).count();
    assert_eq!(circles(legend, &format!("fill=\"{dot}\"")), 1, "{legend}");
    assert_eq!(circles(legend, &format!("stroke=\"{ring}\"")), 1, "{legend}");
    // Without the colour-blind palette, no cues.
    let plain = to_svg(
        &layout_frame(
            &scene_of(&f, &vec![false; f.order.len()], None),
            &view,
            &FrameOptions::default(),
            &FontMeasure::new().expect("font"),
        ),
        None,
    );
    assert_eq!(circles(group(&plain, "legend"), &format!("fill=\"{dot}\"")), 0);
}
