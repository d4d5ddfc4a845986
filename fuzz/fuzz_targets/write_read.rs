#![no_main]
//! Every writer, then the reader: a network made from the input (names split at 0x00, control
//! characters and all; ties from the first chunk's bytes) is exported as GraphML, GEXF, JSON and
//! the CSV pair and opened again; the people, their names and sectors and the ties must come back.
//!
//! What a format cannot hold is compared as the format holds it: XML has no place for most
//! control characters (the writers put U+FFFD there), and text is read back NFC-normalised.
//! Names that are blank or start or end with whitespace are left out (readers trim keys).

use std::sync::OnceLock;

use infonet_core::io::Progress;
use infonet_core::io::open::{LoadOptions, open};
use infonet_core::model::{Network, Person, Sector, Tie};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization as _;

static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn canonical(text: &str, xml: bool) -> String {
    let text: String = text.chars().map(|c| if xml && !xml_char(c) { '\u{FFFD}' } else { c }).collect();
    text.nfc().collect()
}

fn network_of(data: &[u8]) -> Network {
    let mut chunks = data.split(|&b| b == 0);
    let ties = chunks.next().unwrap_or_default();
    let mut network = Network::new("fuzz");
    let sectors = [Sector::Public, Sector::Private, Sector::Other, Sector::Unknown];
    for (i, chunk) in chunks.take(64).enumerate() {
        let name = String::from_utf8_lossy(chunk).into_owned();
        if name.trim().is_empty() || name.trim() != name || name.starts_with('\u{feff}') {
            continue;
        }
        let mut person = Person::new(name.clone());
        person.sector = sectors.get(i % 4).copied().unwrap_or(Sector::Unknown);
        let _ = network.add_person(person);
    }
    let ids: Vec<_> = network.person_ids().collect();
    if ids.len() >= 2 {
        for pair in ties.chunks_exact(2) {
            if let [a, b] = pair
                && let (Some(&s), Some(&t)) = (ids.get(usize::from(*a) % ids.len()), ids.get(usize::from(*b) % ids.len()))
                && s != t
            {
                let _ = network.add_tie(s, t, Tie { declared_kind: None, weight: 1.0, undirected: false });
            }
        }
    }
    network
}

fuzz_target!(|data: &[u8]| {
    let network = network_of(data);
    if network.person_count() < 2 {
        return;
    }
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder")).path().to_owned();
    for name in ["out.graphml", "out.gexf", "out.json", "out.csv"] {
        let xml = name.ends_with("graphml") || name.ends_with("gexf");
        let Ok(files) = infonet_core::io::export::export(&network, &dir.join(name), None) else { continue };
        let Some(first) = files.first() else { continue };
        let back = match open(first, &LoadOptions::default(), &Progress::new()) {
            Ok(loaded) => loaded.network,
            Err(e) => panic!("{name}: written but not read back: {e}"),
        };
        assert_eq!(back.person_count(), network.person_count(), "{name}");
        assert_eq!(back.tie_count(), network.tie_count(), "{name}");
        let mut expected: Vec<(String, String, Sector)> = network
            .people()
            .map(|(_, p)| (canonical(&p.key, xml), canonical(&p.name, xml), p.sector))
            .collect();
        let mut got: Vec<(String, String, Sector)> =
            back.people().map(|(_, p)| (p.key.clone(), p.name.clone(), p.sector)).collect();
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "{name}");
        for file in files {
            let _ = std::fs::remove_file(file);
        }
    }
});
