//! Every bundled sample network loads from either file of its pair, with the numbers an
//! independent count (Python's csv module over the same files) gives.

use std::path::PathBuf;

use infonet::analysis::summarize;
use infonet::io;

fn sample(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join(file)
}

struct Expected {
    stem: &'static str,
    people: usize,
    ties: usize,
    respondents: usize,
    sectors: [usize; 4],
    tenure: [usize; 4],
    age: [usize; 4],
    kinds: [usize; 3],
    top: (&'static str, usize),
    mutual: usize,
}

const EXPECTED: [Expected; 3] = [
    Expected {
        stem: "fjellvik",
        people: 91,
        ties: 204,
        respondents: 45,
        sectors: [44, 41, 4, 2],
        tenure: [9, 16, 64, 2],
        age: [2, 24, 63, 2],
        kinds: [122, 75, 7],
        top: ("p085", 19),
        mutual: 11,
    },
    Expected {
        stem: "solboen",
        people: 46,
        ties: 110,
        respondents: 25,
        sectors: [23, 20, 2, 1],
        tenure: [5, 8, 32, 1],
        age: [1, 12, 32, 1],
        kinds: [48, 60, 2],
        top: ("p016", 12),
        mutual: 13,
    },
    Expected {
        stem: "asdalen",
        people: 138,
        ties: 273,
        respondents: 66,
        sectors: [67, 62, 7, 2],
        tenure: [14, 24, 98, 2],
        age: [3, 37, 97, 1],
        kinds: [203, 62, 8],
        top: ("p129", 28),
        mutual: 11,
    },
];

#[test]
fn every_sample_loads_with_the_right_numbers_from_either_file() {
    for e in &EXPECTED {
        for file in [format!("{}.people.csv", e.stem), format!("{}.ties.csv", e.stem)] {
            let loaded = io::load(&sample(&file)).unwrap_or_else(|err| panic!("{file}: {err}"));
            assert!(loaded.report.warnings.is_empty(), "{file}: {:?}", loaded.report.warnings);
            assert_eq!(loaded.files.len(), 2, "{file}: both files of the pair are read");
            let s = summarize(&loaded.network);
            assert_eq!((s.people, s.ties, s.respondents), (e.people, e.ties, e.respondents), "{file}");
            assert_eq!(s.named_only, e.people - e.respondents);
            assert_eq!([s.sectors.public, s.sectors.private, s.sectors.other, s.sectors.unknown], e.sectors);
            assert_eq!([s.tenure["<4"], s.tenure["4-9"], s.tenure["10+"], s.tenure["unknown"]], e.tenure);
            assert_eq!([s.age["<30"], s.age["30-40"], s.age[">40"], s.age["unknown"]], e.age);
            assert_eq!([s.ties_by_kind.internal, s.ties_by_kind.external, s.ties_by_kind.unknown], e.kinds);
            assert_eq!(s.in_degree[e.top.0], e.top.1, "{file}: most named");
            assert_eq!(*s.in_degree.values().max().expect("people"), e.top.1);
            assert_eq!(s.mutual_pairs, e.mutual);
            // Names keep their æøå.
            assert!(loaded.network.people().any(|(_, p)| p.name.contains(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å'])));
        }
    }
}

#[test]
fn bundled_samples_match_the_files_on_disk() {
    for e in &EXPECTED {
        let from_disk = io::load(&sample(&format!("{}.people.csv", e.stem))).expect("loads");
        let built_in = io::samples::load(e.stem).expect("bundled").expect("parses");
        assert_eq!(summarize(&from_disk.network).in_degree, summarize(&built_in.network).in_degree);
    }
}
