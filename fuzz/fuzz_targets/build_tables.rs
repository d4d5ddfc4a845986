#![no_main]
//! Building a network from tables and from surveys: the input split at the first 0x1E byte is a
//! people table and a ties table (`io::parse_people`, `io::parse_ties`, `io::build_network`);
//! the whole input is also a survey export (`io::survey::parse_survey`, `build_survey`, merging the
//! first two names it finds).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0x1E).unwrap_or(data.len());
    let (people, ties) = data.split_at(split);
    let people = infonet_core::io::parse_people(people).ok();
    if let Ok(ties) = infonet_core::io::parse_ties(ties.get(1..).unwrap_or_default()) {
        let (network, report) = infonet_core::io::build_network("fuzz", people, ties);
        assert_eq!(report.people, network.person_count());
        assert_eq!(report.ties, network.tie_count());
    }
    if let Ok(survey) = infonet_core::io::survey::parse_survey(data) {
        let (network, report, _) = infonet_core::io::survey::build_survey(&survey, &[]);
        assert_eq!(report.people, network.person_count());
        let keys: Vec<String> = network.people().map(|(_, p)| p.key.clone()).take(2).collect();
        if let [a, b] = keys.as_slice() {
            let _ = infonet_core::io::survey::build_survey(&survey, &[(a.clone(), b.clone())]);
        }
    }
});
