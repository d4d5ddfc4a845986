use proptest::prelude::*;

use super::*;

const CHARS: &[char] = &[',', ';', '\n', '"', ' ', 'a', 'b', 'ø', 'Å', '1', '2'];

fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(CHARS), 0..200).prop_map(|c| c.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(survey) = parse_survey(&bytes) {
            build_survey(&survey, &[]);
        }
    }

    #[test]
    fn survey_like_text_never_panics(
        header in proptest::sample::select(vec!["id,name,named_1,named_2\n", "navn;navn 1;navn 2;sektor\n", "respondent,kilde1\n"]),
        text in body(),
        merges in proptest::collection::vec(("[abr0-9]{1,4}", "[abn0-9]{1,4}"), 0..4),
    ) {
        let text = format!("{header}{text}");
        match parse_survey(text.as_bytes()) {
            Ok(survey) => {
                let (network, report, duplicates) = build_survey(&survey, &merges);
                prop_assert_eq!(network.person_count(), report.people);
                for d in &duplicates {
                    prop_assert!(d.a_key != d.b_key);
                }
                let sheet = Sheet { name: "s".into(), rows: text.lines().map(|l| l.split(',').map(str::to_owned).collect()).collect() };
                if let Ok(survey) = survey_from_sheet(&sheet) {
                    build_survey(&survey, &merges);
                }
            }
            Err(e) => prop_assert!(e.line > 0 && e.column > 0),
        }
    }
}
