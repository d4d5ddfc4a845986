use super::*;
use crate::model::{AgeBand, TenureBand};

const SURVEY: &str = "respondent;navn;sektor;botid;alder;named_1;named_2;named_3;merknad\n\
                          r1;Kari Nordmann;kommune;12;45;Ola Hansen;Bjørg Ås;;æøå\n\
                          r2;Ola Hansen;privat;2,5;33;kari  nordmann;Bjørg Aas;Kari Nordman\n\
                          r3;Siv Lie;;;;r1;;Ola Hansen\n\
                          ;Tor Berg;annet;7;61;Siv Lie;Tor Berg\n\
                          \n\
                          r5;;;;;Bjørg Ås;Kari\n";

fn survey(text: &str) -> Survey {
    parse_survey(text.as_bytes()).expect("valid survey")
}

fn person<'n>(network: &'n Network, key: &str) -> &'n Person {
    network.find(key).and_then(|id| network.person(id)).expect("person")
}

#[test]
fn names_typed_without_accents_match_the_respondent() {
    let s = survey("id,name,named_1\nr1,Åse Bråten,Ola Dahl\nr2,Ola Dahl,ase  BRATEN\nr3,Kari,Åse Braten\n");
    let (network, report, _) = build_survey(&s, &[]);
    assert_eq!(
        tie_keys(&network),
        [("r1", "r2"), ("r2", "r1"), ("r3", "r1")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(report.named_only, 0, "nobody split in two");
    let messages: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|m| m.starts_with("3:") && m.ends_with("ignoring case and spacing and accents")),
        "{messages:#?}"
    );
}

fn tie_keys(network: &Network) -> Vec<(String, String)> {
    let key = |id| network.person(id).map(|p| p.key.clone()).unwrap_or_default();
    network.ties().map(|(_, s, t, _)| (key(s), key(t))).collect()
}

#[test]
fn named_headers() {
    for header in ["named_1", "Named 2", "navn 3", "kilde3", "Source_10", "person #4", "KILDE-1", "navn.2"] {
        assert!(is_named_header(header), "{header}");
    }
    for header in ["navn", "person", "named", "kilde_fra", "person_id", "source", "navn 1a", "nr 1"] {
        assert!(!is_named_header(header), "{header}");
    }
}

#[test]
fn parses_rows_with_generated_keys_and_warnings() {
    let s = survey(SURVEY);
    let keys: Vec<&str> = s.rows.iter().map(|r| r.person.key.as_str()).collect();
    assert_eq!(keys, ["r1", "r2", "r3", "r001", "r5"]);
    let r2 = s.rows.get(1).expect("r2");
    assert_eq!((r2.line, r2.key_column), (3, 1));
    assert_eq!(r2.person.tenure.years, Some(2.5));
    assert_eq!(r2.person.tenure.band, TenureBand::Under4);
    assert_eq!(r2.person.age.band, AgeBand::From30To40);
    assert_eq!(
        r2.named.iter().map(|n| (n.text.as_str(), n.column)).collect::<Vec<_>>(),
        [("kari  nordmann", 6), ("Bjørg Aas", 7), ("Kari Nordman", 8)]
    );
    assert_eq!(
        s.rows.first().and_then(|r| r.person.attributes.get("merknad")).map(String::as_str),
        Some("æøå")
    );
    let r5 = s.rows.get(4).expect("r5");
    assert!(!r5.name_given);
    assert_eq!((r5.person.name.as_str(), r5.line), ("r5", 7));
    let warnings: Vec<String> = s.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, ["5:1: the respondent id is blank; \"Tor Berg\" is given the key r001"]);
}

#[test]
fn builds_the_network_with_matching_and_duplicates() {
    let (network, report, duplicates) = build_survey(&survey(SURVEY), &[]);
    let keys: Vec<String> = network.people().map(|(_, p)| p.key.clone()).collect();
    // Respondents first, then named-only people in order of first mention.
    assert_eq!(keys, ["r1", "r2", "r3", "r001", "r5", "n001", "n002", "n003", "n004"]);
    assert_eq!(person(&network, "n001").name, "Bjørg Ås");
    assert_eq!(person(&network, "n002").name, "Bjørg Aas");
    assert_eq!(person(&network, "n003").name, "Kari Nordman");
    assert_eq!(person(&network, "n004").name, "Kari");
    assert!(person(&network, "r5").respondent && !person(&network, "n001").respondent);
    assert_eq!(person(&network, "r001").sector, Sector::Other);
    assert_eq!(
        tie_keys(&network),
        [
            ("r1", "r2"),
            ("r1", "n001"),
            ("r2", "r1"),
            ("r2", "n002"),
            ("r2", "n003"),
            ("r3", "r1"),
            ("r3", "r2"),
            ("r001", "r3"),
            ("r5", "n001"),
            ("r5", "n004")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!((report.people, report.ties, report.respondents, report.named_only), (9, 10, 5, 4));
    assert_eq!(report.self_ties_dropped, 1);
    let messages: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
            messages.contains(
                &"3:6: \"kari  nordmann\" is read as the respondent \"Kari Nordmann\" (r1), matched by name ignoring \
                  case and spacing"
                    .to_owned()
            ),
            "{messages:#?}"
        );
    assert!(messages.iter().any(|m| m.starts_with("5:2: dropped 1 self-nomination")), "{messages:#?}");
    let found: Vec<(&str, &str, usize, Similarity)> =
        duplicates.iter().map(|d| (d.a_key.as_str(), d.b_key.as_str(), d.distance, d.reason)).collect();
    assert_eq!(
        found,
        [
            ("r1", "n003", 1, Similarity::Spelling),
            ("r1", "n004", 9, Similarity::Subset),
            ("n001", "n002", 2, Similarity::Spelling),
            ("n003", "n004", 8, Similarity::Subset)
        ]
    );
    assert!(messages.iter().any(|m| m.contains("4 possible duplicates")), "{messages:#?}");
}

#[test]
fn merges_repoint_ties_and_drop_what_they_duplicate() {
    let merges = [
        ("r1".to_owned(), "n003".to_owned()),
        ("n001".to_owned(), "n002".to_owned()),
        ("x".to_owned(), "r2".to_owned()),
    ];
    let (network, report, duplicates) = build_survey(&survey(SURVEY), &merges);
    assert!(network.find("n003").is_none() && network.find("n002").is_none());
    // r2 named r1 twice now (kari nordmann, Kari Nordman): one is dropped as a duplicate.
    assert_eq!(report.duplicate_ties_dropped, 1);
    assert_eq!(report.people, 7);
    let messages: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("3:8: merged \"Kari Nordman\" (n003) into \"Kari Nordmann\" (r1)")),
        "{messages:#?}"
    );
    assert!(messages.iter().any(|m| m.contains("merge of \"r2\" into \"x\" ignored")), "{messages:#?}");
    let found: Vec<(&str, &str)> = duplicates.iter().map(|d| (d.a_key.as_str(), d.b_key.as_str())).collect();
    assert_eq!(found, [("r1", "n004")]);
    // A merged named-only person takes nothing away from a respondent's answers.
    assert!(person(&network, "r1").respondent);
}

#[test]
fn merge_fills_unknown_attributes_and_makes_respondents() {
    let text = "id,name,sector,named_1\na,Anne,,Bo\nb,Bo,public,\n";
    let (network, _, _) = build_survey(&survey(text), &[("a".to_owned(), "b".to_owned())]);
    assert_eq!(person(&network, "a").sector, Sector::Public);
    assert_eq!(network.person_count(), 1);
}

#[test]
fn same_names_of_two_respondents_are_listed() {
    let text = "id,name,named_1\n1,Kari Nordmann,Ola\n2,Kari  Nordmann,Ola\n";
    let (_, _, duplicates) = build_survey(&survey(text), &[]);
    assert_eq!(
        duplicates.first().map(|d| (d.a_key.as_str(), d.b_key.as_str(), d.reason)),
        Some(("1", "2", Similarity::SameName))
    );
    let (_, report, _) =
        build_survey(&survey("id,name,named_1\n1,Kari Nordmann,kari nordmann\n2,Kari Nordmann,x\n"), &[]);
    assert!(report.warnings.iter().any(|w| w.message.contains("matches the names of 2 respondents")));
}

#[test]
fn errors_have_positions() {
    let error = parse_survey(b"id,name,sector\n1,a,public\n").expect_err("no named columns");
    assert_eq!((error.line, error.column), (1, 1));
    assert!(error.message.contains("named_1"), "{error}");
    let error = parse_survey(b"id,named_1\n1,a\n1,b\n").expect_err("duplicate id");
    assert_eq!((error.line, error.column), (3, 1));
    let error = parse_survey("id;sektor;navn 1\n1;kommunen?;x\n".as_bytes()).expect_err("bad sector");
    assert_eq!((error.line, error.column), (2, 2));
    let error = parse_survey(b"").expect_err("empty");
    assert_eq!((error.line, error.column), (1, 1));
    let s = survey("id,named_1\n,Ola\n1,a,extra\n");
    let warnings: Vec<String> = s.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "2:1: this row names \"Ola\" but has no respondent id and no name; it is skipped",
            "3:3: 1 row has values right of the last of the 2 header columns; they are ignored"
        ]
    );
}

#[test]
fn with_file_names_the_warnings() {
    let s = survey("id,named_1\n,Ola\n").with_file("svar.csv");
    assert_eq!(
        s.warnings.first().map(ToString::to_string).as_deref(),
        Some("svar.csv:2:1: this row names \"Ola\" but has no respondent id and no name; it is skipped")
    );
    let (_, report, _) = build_survey(&s, &[]);
    assert!(report.warnings.iter().all(|w| w.file == "svar.csv"));
}

#[test]
fn names_only_survey_uses_generated_keys() {
    let s = survey("navn,navn 1,navn 2\nÅse,Per,\nPer,Åse,Liv\n");
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let (network, report, _) = build_survey(&s, &[]);
    assert_eq!(report.respondents, 2);
    assert_eq!(
        tie_keys(&network),
        [("r001", "r002"), ("r002", "r001"), ("r002", "n001")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(network.name, "Survey");
}

#[test]
fn cells_without_letters_that_match_no_id_are_flagged() {
    let (network, report, _) = build_survey(&survey("id,named_1,named_2\n1,2,17\n2,1,\n"), &[]);
    assert_eq!(person(&network, "n001").name, "17");
    let messages: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "2:3: \"17\" has no letters and is no respondent's id; it is read as the name of someone only named"
        ]
    );
}

#[test]
fn generated_keys_skip_used_ids() {
    let s = survey("id,name,named_1\nr001,A,n001\n,B,C\nn001,D,\n");
    let keys: Vec<&str> = s.rows.iter().map(|r| r.person.key.as_str()).collect();
    assert_eq!(keys, ["r001", "r002", "n001"]);
    let (network, _, _) = build_survey(&s, &[]);
    // "n001" in a named cell is D's id; the named-only C gets n002.
    assert_eq!(person(&network, "n002").name, "C");
}

#[test]
fn damerau_levenshtein_distances() {
    let d = |a: &str, b: &str| {
        damerau_levenshtein(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>())
    };
    assert_eq!(d("", ""), 0);
    assert_eq!(d("abc", ""), 3);
    assert_eq!(d("kari", "karl"), 1);
    assert_eq!(d("ab", "ba"), 1);
    assert_eq!(d("kari nordmann", "kari nordman"), 1);
    assert_eq!(d("bjørg ås", "bjørg aas"), 2);
    assert_eq!(d("ca", "abc"), 3);
    assert_eq!(normalise_name("  Kari\u{a0} NORDMANN "), "kari nordmann");
    assert_eq!(normalise_name("A\u{30a}se"), "åse");
}

#[test]
fn similar_names_pairs_by_spelling_and_by_words() {
    let names: Vec<String> =
        ["kari nordmann", "kari nordman", "ola", "ole", "", "kari", "ola", "kari nordmann jr"]
            .map(str::to_owned)
            .to_vec();
    let pairs: Vec<(usize, usize, usize, Similarity)> =
        similar_names(&names).iter().map(|p| (p.a, p.b, p.distance, p.reason)).collect();
    assert_eq!(
        pairs,
        [
            (0, 1, 1, Similarity::Spelling),
            (0, 5, 9, Similarity::Subset),
            (0, 7, 3, Similarity::Subset),
            (1, 5, 8, Similarity::Subset),
            (2, 3, 1, Similarity::Spelling),
            (2, 6, 0, Similarity::SameName),
            (3, 6, 1, Similarity::Spelling),
            (5, 7, 12, Similarity::Subset),
        ]
    );
}

/// Many people: the duplicate check stays near-linear.
#[test]
fn many_people_are_checked_for_duplicates() {
    let first = ["Kari", "Ola", "Åse", "Bjørn", "Ingrid", "Øystein", "Sølvi", "Kåre", "Mette", "Jørgen"];
    let last = ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Sæther", "Næss", "Ødegård", "Strøm", "Lie"];
    let mut text = String::from("id,name,named_1,named_2\n");
    for i in 0..1_500 {
        let name = |k: usize| {
            format!(
                "{} {} {}",
                first.get(k % 10).copied().unwrap_or(""),
                last.get(k / 10 % 10).copied().unwrap_or(""),
                k / 100
            )
        };
        text.push_str(&format!("p{i},{},{},{}\n", name(i), name(i * 7 + 1), name(i * 13 + 5)));
    }
    let (network, _, duplicates) = build_survey(&survey(&text), &[]);
    assert!(network.person_count() >= 1_500);
    assert!(!duplicates.is_empty());
}
