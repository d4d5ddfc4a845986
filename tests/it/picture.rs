//! A picture a room can trust, read back from the SVG that `infonet render` writes at
//! 1440x900: every name sits on its own person (no label box over another disc, another label
//! or the legend, none nearer another disc than its own), the most named are always named,
//! and disc area grows linearly with in-degree. Label boxes are measured here with the
//! embedded font, not taken from the file's halos.

use std::collections::BTreeMap as HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use infonet::scene::frame::TextMeasure as _;
use infonet::scene::svg::FontMeasure;

fn sample(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join(file)
}

/// Renders `input` to an SVG of 1440x900 and returns its text.
fn render(input: &Path, dir: &Path, extra: &[&str]) -> String {
    let out_path = dir.join("picture.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .arg("render")
        .arg(input)
        .args(["--width", "1440", "--height", "900"])
        .args(extra)
        .arg("-o")
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(&out_path).expect("written")
}

fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let rest = &element[start..];
    Some(&rest[..rest.find('"')?])
}

fn num(element: &str, name: &str) -> f32 {
    attr(element, name).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{name} in {element}"))
}

/// The body of `<g id="ID" ...>` up to its closing tag (groups are not nested).
fn group<'a>(svg: &'a str, id: &str) -> &'a str {
    let open = format!("<g id=\"{id}\"");
    let Some(start) = svg.find(&open) else { return "" };
    let body = &svg[start..];
    &body[..body.find("</g>").unwrap_or(body.len())]
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[derive(Clone, Copy, Debug)]
struct Box2 {
    min: [f32; 2],
    max: [f32; 2],
}

impl Box2 {
    fn distance_to(&self, p: [f32; 2]) -> f32 {
        let dx = (self.min[0] - p[0]).max(p[0] - self.max[0]).max(0.0);
        let dy = (self.min[1] - p[1]).max(p[1] - self.max[1]).max(0.0);
        (dx * dx + dy * dy).sqrt()
    }

    fn overlaps(&self, o: &Box2) -> bool {
        self.min[0] < o.max[0] && o.min[0] < self.max[0] && self.min[1] < o.max[1] && o.min[1] < self.max[1]
    }
}

/// A person's disc as drawn: centre and outer radius (fill plus half the centred stroke).
#[derive(Clone, Copy, Debug)]
struct DiscMark {
    centre: [f32; 2],
    radius: f32,
    /// The fill's radius, without the outline.
    fill_radius: f32,
}

struct Picture {
    discs: HashMap<usize, DiscMark>,
    labels: Vec<(usize, Box2, String)>,
    /// Leader lines by person: from the disc to the name.
    leaders: HashMap<usize, ([f32; 2], [f32; 2])>,
    legend: Option<Box2>,
}

fn distance_to_segment(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let ab = [b[0] - a[0], b[1] - a[1]];
    let len2 = ab[0] * ab[0] + ab[1] * ab[1];
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = [a[0] + ab[0] * t, a[1] + ab[1] * t];
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
}

fn read_picture(svg: &str) -> Picture {
    let measure = FontMeasure::new().expect("font");
    let mut discs = HashMap::new();
    for element in group(svg, "people").split("<circle").skip(1) {
        let Some(person) = attr(element, "data-person") else { continue };
        let stroke = attr(element, "stroke-width").and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
        let r = num(element, "r");
        let mark = DiscMark {
            centre: [num(element, "cx"), num(element, "cy")],
            radius: r + stroke * 0.5,
            fill_radius: r - stroke * 0.5,
        };
        discs.entry(person.parse().expect("index")).or_insert(mark);
    }
    let mut labels = Vec::new();
    for element in group(svg, "labels").split("<text").skip(1) {
        let person: usize = attr(element, "data-person").expect("labels say whose").parse().expect("index");
        let size = num(element, "font-size");
        let text = unescape(
            &element[element.find('>').expect("text body") + 1..element.find("</text>").expect("closed")],
        );
        let [w, h] = measure.size(&text, size);
        let (x, baseline) = (num(element, "x"), num(element, "y"));
        let top = baseline - measure.ascent(size);
        labels.push((person, Box2 { min: [x, top], max: [x + w, top + h] }, text));
    }
    let mut leaders = HashMap::new();
    for element in group(svg, "labels").split("<line").skip(1) {
        let person: usize = attr(element, "data-person").expect("leaders say whose").parse().expect("index");
        leaders.insert(
            person,
            ([num(element, "x1"), num(element, "y1")], [num(element, "x2"), num(element, "y2")]),
        );
    }
    let legend = group(svg, "legend").split("<rect").nth(1).map(|card| {
        let (x, y) = (num(card, "x"), num(card, "y"));
        Box2 { min: [x, y], max: [x + num(card, "width"), y + num(card, "height")] }
    });
    Picture { discs, labels, leaders, legend }
}

#[derive(Debug, Default, PartialEq)]
struct Faults {
    over_other_disc: usize,
    over_other_label: usize,
    over_legend: usize,
    nearer_other_disc: usize,
    /// Leader lines that do not start on their own disc or cross someone else's.
    misleading_leaders: usize,
}

fn faults(p: &Picture) -> Faults {
    let mut f = Faults::default();
    for (i, (person, b, text)) in p.labels.iter().enumerate() {
        let own = p.discs.get(person).unwrap_or_else(|| panic!("{text}: a label without its disc"));
        // A name on a leader line is read where its line ends; the line starts on the disc.
        let own_distance = match p.leaders.get(person) {
            Some(&(start, end)) => {
                let starts_on_own = distance_to_segment(own.centre, start, start) <= own.radius + 2.0;
                let crosses = p
                    .discs
                    .iter()
                    .any(|(o, d)| o != person && distance_to_segment(d.centre, start, end) < d.radius);
                f.misleading_leaders += usize::from(!starts_on_own || crosses);
                b.distance_to(end)
            }
            None => (b.distance_to(own.centre) - own.radius).max(0.0),
        };
        let mut over = false;
        let mut nearer = false;
        for (other, d) in &p.discs {
            if other == person {
                continue;
            }
            let distance = b.distance_to(d.centre) - d.radius;
            over |= distance < 0.0;
            nearer |= distance < own_distance;
        }
        f.over_other_disc += usize::from(over);
        f.nearer_other_disc += usize::from(nearer);
        f.over_other_label +=
            usize::from(p.labels.iter().enumerate().any(|(j, (_, o, _))| j != i && o.overlaps(b)));
        f.over_legend += usize::from(p.legend.is_some_and(|l| l.overlaps(b)));
    }
    f
}

/// People CSV rows: (id, name, sector, tenure, age), and ties (source, target).
fn write_network(
    dir: &Path,
    stem: &str,
    people: &[(String, String, &str, u32, u32)],
    ties: &[(usize, usize)],
) -> PathBuf {
    let mut p = String::from("id,name,sector,tenure,age\n");
    for (id, name, sector, tenure, age) in people {
        p.push_str(&format!("{id},{name},{sector},{tenure},{age}\n"));
    }
    let mut t = String::from("source,target\n");
    for &(a, b) in ties {
        t.push_str(&format!("{},{}\n", people[a].0, people[b].0));
    }
    let path = dir.join(format!("{stem}.people.csv"));
    std::fs::write(&path, p).expect("people");
    std::fs::write(dir.join(format!("{stem}.ties.csv")), t).expect("ties");
    path
}

const FIRST: [&str; 16] = [
    "Kari", "Ola", "Ingeborg", "Håkon", "Sigrid", "Bjørn", "Åse", "Tormod", "Ragnhild", "Eirik", "Solveig",
    "Øystein", "Marit", "Leif", "Gunnhild", "Jon",
];
const LAST: [&str; 12] = [
    "Nordmann", "Gjærde", "Svartås", "Bråten", "Lysø", "Sætre", "Dahl", "Haugen", "Øvrebø", "Aune", "Berg",
    "Fjeld",
];

fn person(i: usize) -> (String, String, &'static str, u32, u32) {
    let name = format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len() + i) % LAST.len()]);
    let sector = if i.is_multiple_of(2) { "public" } else { "private" };
    (format!("p{i}"), name, sector, 3 + (i as u32 * 7) % 30, 25 + (i as u32 * 13) % 45)
}

/// A small deterministic generator (no dependency on the library's own).
fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

/// 120 people, of whom 20 are named by nearly everyone: the dense core that buried names.
fn dense_network(dir: &Path) -> PathBuf {
    let people: Vec<_> = (0..120).map(person).collect();
    let mut state = 7u64;
    let mut ties = Vec::new();
    for a in 0..120 {
        for hub in 0..20 {
            if a != hub && lcg(&mut state) % 10 < 9 {
                ties.push((a, hub));
            }
        }
        for _ in 0..2 {
            let b = 20 + (lcg(&mut state) as usize % 100);
            if b != a {
                ties.push((a, b));
            }
        }
    }
    write_network(dir, "dense", &people, &ties)
}

/// `n` people by preferential attachment (each names 2 earlier people).
fn big_network(dir: &Path, n: usize) -> PathBuf {
    let people: Vec<_> = (0..n).map(person).collect();
    let mut state = 11u64;
    let mut pool: Vec<usize> = vec![0, 1];
    let mut ties = vec![(1, 0)];
    for a in 2..n {
        let mut named = Vec::new();
        for _ in 0..2 {
            let b = pool[lcg(&mut state) as usize % pool.len()];
            if !named.contains(&b) {
                named.push(b);
                ties.push((a, b));
            }
        }
        pool.extend(named);
        pool.push(a);
    }
    write_network(dir, "big", &people, &ties)
}

/// In-degree of each person index (people are numbered in file order).
fn in_degrees(people_file: &Path) -> Vec<(usize, u32)> {
    let stem = people_file
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".people.csv"))
        .expect("stem");
    let people = std::fs::read_to_string(people_file).expect("people");
    let ids: Vec<String> =
        people.lines().skip(1).map(|l| l.split(',').next().unwrap_or("").to_owned()).collect();
    let ties = std::fs::read_to_string(people_file.with_file_name(format!("{stem}.ties.csv"))).expect("ties");
    let mut degree = vec![0u32; ids.len()];
    let mut seen = std::collections::HashSet::new();
    let header = ties.lines().next().unwrap_or("");
    let target_col = header.split([',', ';']).position(|h| h == "target" || h == "named").unwrap_or(1);
    let source_col = header.split([',', ';']).position(|h| h == "source" || h == "respondent").unwrap_or(0);
    for line in ties.lines().skip(1) {
        let cols: Vec<&str> = line.split([',', ';']).collect();
        let (Some(s), Some(t)) = (cols.get(source_col), cols.get(target_col)) else { continue };
        if seen.insert((s.to_string(), t.to_string()))
            && let Some(i) = ids.iter().position(|id| id == t)
        {
            degree[i] += 1;
        }
    }
    let mut by: Vec<(usize, u32)> = degree.into_iter().enumerate().collect();
    by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    by
}

fn check(input: &Path, extra: &[&str], top_named: usize) -> (Picture, Faults) {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = render(input, dir.path(), extra);
    let picture = read_picture(&svg);
    let f = faults(&picture);
    assert_eq!(f, Faults::default(), "{}: names that can be read as someone else's", input.display());
    if top_named > 0 {
        let labelled: std::collections::HashSet<usize> = picture.labels.iter().map(|l| l.0).collect();
        for (index, degree) in in_degrees(input).into_iter().take(top_named) {
            assert!(
                labelled.contains(&index),
                "{}: person {index} (named by {degree}) has no label",
                input.display()
            );
        }
    }
    (picture, f)
}

#[test]
fn sample_names_sit_on_their_own_people_and_the_ten_most_named_are_named() {
    for stem in ["fjellvik", "asdalen", "solboen"] {
        let (picture, _) = check(&sample(&format!("{stem}.people.csv")), &[], 10);
        assert!(picture.labels.len() >= 30, "{stem}: only {} names", picture.labels.len());
    }
}

#[test]
fn presenting_size_names_also_sit_on_their_own_people() {
    // Dark theme and colour-blind cues change the marks, not where names may go.
    check(&sample("asdalen.people.csv"), &["--dark", "--colour-blind"], 10);
}

#[test]
fn a_dense_core_keeps_its_hubs_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dense_network(dir.path());
    check(&input, &[], 10);
}

#[test]
fn three_thousand_people_label_only_what_fits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = big_network(dir.path(), 3000);
    let (picture, _) = check(&input, &[], 0);
    assert!(!picture.labels.is_empty(), "the hubs are named");
    // The most named is labelled first of all.
    let top = in_degrees(&input)[0].0;
    assert!(picture.labels.iter().any(|l| l.0 == top), "the most named person has a name");
}

#[test]
fn disc_area_grows_linearly_with_in_degree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = sample("fjellvik.people.csv");
    let svg = render(&input, dir.path(), &["--no-labels"]);
    let picture = read_picture(&svg);
    // r² = a + b·d: fit on two people, check everyone.
    let degrees = in_degrees(&input);
    let area = |i: usize| {
        let r = picture.discs.get(&i).expect("drawn").fill_radius;
        r * r
    };
    let (hi, d_hi) = degrees[0];
    let (lo, d_lo) = *degrees.last().expect("people");
    let b = (area(hi) - area(lo)) / (d_hi - d_lo) as f32;
    let a = area(lo) - b * d_lo as f32;
    assert!(b > 0.0);
    for (i, d) in degrees {
        let expected = a + b * d as f32;
        assert!(
            (area(i) - expected).abs() <= expected * 0.02 + 0.5,
            "person {i} named by {d}: r² {} vs {expected}",
            area(i)
        );
    }
}

#[test]
fn a_one_megabyte_name_is_drawn_short_and_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "Kari Nordmann ".repeat(75_000);
    let people = vec![
        ("a".to_owned(), long, "public", 12, 50),
        ("b".to_owned(), "Ola Dahl".to_owned(), "private", 3, 28),
    ];
    let input = write_network(dir.path(), "long", &people, &[(1, 0)]);
    let svg = render(&input, dir.path(), &[]);
    let picture = read_picture(&svg);
    let name =
        picture.labels.iter().find(|l| l.0 == 0).map(|l| l.2.clone()).expect("the named person is labelled");
    assert_eq!(name.chars().count(), infonet::scene::frame::MAX_LABEL_CHARS);
    assert!(name.ends_with('…'));
    assert!(!svg.contains(&"Kari Nordmann ".repeat(4)), "the picture does not carry the whole name");
}

fn render_chart(args: &[&str], dir: &Path, out: &str) -> String {
    let out_path = dir.join(out);
    let output = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .arg("render")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks"))
        .args(args)
        .arg("-o")
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    std::fs::read_to_string(&out_path).unwrap_or_default()
}

#[test]
fn the_study_charts_render_from_a_folder_of_municipalities() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kite = render_chart(
        &["--chart", "kite", "--municipality", "fjellvik", "--width", "1440", "--height", "900"],
        dir.path(),
        "k.svg",
    );
    assert!(kite.contains("Fjellvik: organisational culture (OCAI)"), "titled with the municipality");
    // Now (blue, solid) and preferred (red, dashed): one polygon each, corners named.
    let polygons: Vec<&str> = kite.split("<polygon").skip(1).collect();
    assert_eq!(polygons.len(), 2);
    assert!(polygons[0].contains("stroke=\"#1f5fbf\"") && !polygons[0].contains("dasharray"));
    assert!(polygons[1].contains("stroke=\"#d62728\"") && polygons[1].contains("dasharray"));
    for culture in ["Clan", "Adhocracy", "Market", "Hierarchy"] {
        assert!(kite.contains(&format!(">{culture}</text>")), "{culture} is named");
    }
    // Clan's corner is top left and Market's bottom right.
    let first = polygons[0].split('"').nth(1).expect("points");
    let points: Vec<[f32; 2]> = first
        .split(' ')
        .map(|p| {
            let mut xy = p.split(',').map(|v| v.parse::<f32>().expect("number"));
            [xy.next().expect("x"), xy.next().expect("y")]
        })
        .collect();
    assert!(points[0][0] < points[2][0] && points[0][1] < points[2][1], "clan top left, market bottom right");

    let composition =
        render_chart(&["--chart", "composition", "--municipality", "Åsdalen"], dir.path(), "c.svg");
    assert!(composition.contains("Åsdalen: Who the people are"), "the culture file's spelling");
    for heading in ["Years in municipality", "Age", "Sector", "10+", "&gt;40", "The most named"] {
        assert!(composition.contains(heading), "{heading}");
    }
    let compare = render_chart(&["--chart", "compare"], dir.path(), "m.svg");
    for name in ["Fjellvik", "Åsdalen", "Solbøen", "E-I index", "Under 30"] {
        assert!(compare.contains(name), "{name}");
    }
    let png = dir.path().join("k.png");
    render_chart(&["--chart", "kite", "--width", "1200"], dir.path(), "k.png");
    assert!(std::fs::read(&png).expect("png").starts_with(b"\x89PNG"));
    // A municipality that is not there is a clear error.
    let out = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .arg("render")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks"))
        .args(["--chart", "kite", "--municipality", "Bergen", "-o"])
        .arg(dir.path().join("x.svg"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Fjellvik"), "names the municipalities there are");
}

/// Pairs of discs that overlap by more than `tolerance` (points or world units).
fn overlapping(discs: &[([f32; 2], f32)], tolerance: f32) -> usize {
    let mut count = 0;
    for (i, (a, ra)) in discs.iter().enumerate() {
        for (b, rb) in &discs[i + 1..] {
            let d = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
            count += usize::from(d + tolerance < ra + rb);
        }
    }
    count
}

#[test]
fn settled_discs_do_not_overlap_on_the_picture() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dense = dense_network(dir.path());
    for input in
        [sample("fjellvik.people.csv"), sample("asdalen.people.csv"), sample("solboen.people.csv"), dense]
    {
        let svg = render(&input, dir.path(), &["--no-labels"]);
        let discs: Vec<([f32; 2], f32)> =
            read_picture(&svg).discs.values().map(|d| (d.centre, d.fill_radius)).collect();
        assert_eq!(overlapping(&discs, 0.5), 0, "{}", input.display());
    }
}

#[test]
fn three_thousand_settled_people_do_not_overlap() {
    use infonet::layout::{self, LayoutEngine, LayoutParams};
    let dir = tempfile::tempdir().expect("temp dir");
    let input = big_network(dir.path(), 3000);
    let loaded =
        infonet::io::open::open(&input, &Default::default(), &infonet::io::Progress::new()).expect("reads");
    let (graph, _) = layout::graph_of(&loaded.network);
    let mut engine = LayoutEngine::new(&graph, 1, &[], LayoutParams::default());
    engine.run_to_settle(3_000);
    let discs: Vec<([f32; 2], f32)> =
        engine.positions().into_iter().zip(graph.radii.iter().copied()).collect();
    assert_eq!(overlapping(&discs, 0.01), 0, "world discs of 3,000 people overlap after settling");
}
