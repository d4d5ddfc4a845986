//! The sample networks, built into the binary so the app always has something to show,
//! wherever it is started from and with no files next to it.

use super::{ImportReport, Loaded, ParseError, build_network, parse_people, parse_ties};

/// One bundled sample.
pub struct Sample {
    /// File stem in `sample-networks/`.
    pub stem: &'static str,
    /// Display name.
    pub title: &'static str,
    /// The people table.
    pub people: &'static [u8],
    /// The ties table.
    pub ties: &'static [u8],
}

/// All bundled samples (fictional municipalities, see `sample-networks/README.md`).
pub const SAMPLES: &[Sample] = &[
    Sample {
        stem: "fjellvik",
        title: "Fjellvik",
        people: include_bytes!("../../../../sample-networks/fjellvik.people.csv"),
        ties: include_bytes!("../../../../sample-networks/fjellvik.ties.csv"),
    },
    Sample {
        stem: "solboen",
        title: "Solbøen",
        people: include_bytes!("../../../../sample-networks/solboen.people.csv"),
        ties: include_bytes!("../../../../sample-networks/solboen.ties.csv"),
    },
    Sample {
        stem: "asdalen",
        title: "Åsdalen",
        people: include_bytes!("../../../../sample-networks/asdalen.people.csv"),
        ties: include_bytes!("../../../../sample-networks/asdalen.ties.csv"),
    },
];

/// Fictional OCAI culture survey answers for the samples (see `sample-networks/README.md`).
pub const OCAI: &str = include_str!("../../../../sample-networks/ocai.csv");

/// The sample the app opens when started with no file.
pub const DEFAULT: &str = "fjellvik";

/// Builds a sample by stem; `None` if there is no such sample.
pub fn load(stem: &str) -> Option<Result<Loaded, ParseError>> {
    let sample = SAMPLES.iter().find(|s| s.stem == stem)?;
    Some(build(sample))
}

fn build(sample: &Sample) -> Result<Loaded, ParseError> {
    let people = parse_people(sample.people)?.with_file(&format!("{}.people.csv", sample.stem));
    let ties = parse_ties(sample.ties)?.with_file(&format!("{}.ties.csv", sample.stem));
    let (network, report): (_, ImportReport) = build_network(sample.title, Some(people), ties);
    Ok(Loaded { network, report, ..Loaded::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_builds_without_warnings() {
        for sample in SAMPLES {
            let loaded = build(sample).expect("sample parses");
            assert!(loaded.network.person_count() >= 30, "{}", sample.stem);
            assert!(loaded.report.warnings.is_empty(), "{}: {:?}", sample.stem, loaded.report.warnings);
        }
        assert!(load(DEFAULT).is_some());
        assert!(load("nowhere").is_none());
    }
}
