//! OCAI parsing and scoring against a hand-worked example.

use infonet::analysis::ocai::{
    Action, Culture, IssueKind, OcaiFormat, OcaiOptions, SumPolicy, parse, parse_and_score,
};

const EPS: f64 = 1e-12;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPS * (1.0 + b.abs())
}

/// Long layout. Fjellvik r1, r2; Åsdalen r3 (dimension 2 "now" sums to 120).
const LONG: &str = "\
municipality,respondent,dimension,a_now,b_now,c_now,d_now,a_preferred,b_preferred,c_preferred,d_preferred
Fjellvik,r1,1,40,20,10,30,50,30,10,10
Fjellvik,r1,2,40,20,10,30,50,30,10,10
Fjellvik,r1,3,40,20,10,30,50,30,10,10
Fjellvik,r1,4,40,20,10,30,50,30,10,10
Fjellvik,r1,5,40,20,10,30,50,30,10,10
Fjellvik,r1,6,10,20,40,30,50,30,10,10
Fjellvik,r2,1,20,20,20,40,40,40,10,10
Fjellvik,r2,2,20,20,20,40,40,40,10,10
Fjellvik,r2,3,20,20,20,40,40,40,10,10
Fjellvik,r2,4,20,20,20,40,60,20,10,10
Fjellvik,r2,5,20,20,20,40,60,20,10,10
Fjellvik,r2,6,20,20,20,40,60,20,10,10
Åsdalen,r3,1,25,25,25,25,10,40,40,10
Åsdalen,r3,2,30,30,30,30,10,40,40,10
Åsdalen,r3,3,25,25,25,25,10,40,40,10
Åsdalen,r3,4,25,25,25,25,10,40,40,10
Åsdalen,r3,5,25,25,25,25,10,40,40,10
Åsdalen,r3,6,25,25,25,25,10,40,40,10
";

/// The Fjellvik part of LONG in the wide layout (a1_now style for r2 to test both spellings).
fn wide() -> String {
    let mut header = String::from("kommune;respondent");
    for state in ["nå", "ønsket"] {
        for d in 1..=6 {
            for l in ['A', 'B', 'C', 'D'] {
                header.push_str(&format!(";{d}{l}_{state}"));
            }
        }
    }
    let r1_now = "40;20;10;30;".repeat(5) + "10;20;40;30";
    let r1_pref = ["50;30;10;10"; 6].join(";");
    let r2_now = ["20;20;20;40"; 6].join(";");
    let r2_pref = ["40;40;10;10"; 3].join(";") + ";" + &["60;20;10;10"; 3].join(";");
    format!("{header}\r\nFjellvik;r1;{r1_now};{r1_pref}\r\nFjellvik;r2;{r2_now};{r2_pref}\r\n")
}

#[test]
fn hand_worked_long_layout_with_rescale() {
    let report = parse_and_score(LONG, &OcaiOptions::default()).expect("valid file");
    assert_eq!(report.groups.len(), 2);
    // Sorted by municipality: "Fjellvik" < "Åsdalen" (byte order).
    let f = &report.groups[0];
    assert_eq!(f.municipality, "Fjellvik");
    assert_eq!(f.respondent_count, Some(2));
    // r1 now: clan = (5 * 40 + 10) / 6 = 210 / 6 = 35; adhocracy 20;
    //         market = (5 * 10 + 40) / 6 = 90 / 6 = 15; hierarchy 30 (sum 100).
    let r1 = &f.respondents[0];
    assert_eq!(r1.respondent, "r1");
    assert!(close(r1.now.clan, 35.0) && close(r1.now.market, 15.0));
    assert!(close(r1.now.adhocracy, 20.0) && close(r1.now.hierarchy, 30.0));
    assert_eq!(r1.dominant_now, [Culture::Clan]);
    // r2 preferred: clan = (3 * 40 + 3 * 60) / 6 = 50; adhocracy = (3 * 40 + 3 * 20) / 6 = 30.
    let r2 = &f.respondents[1];
    assert!(close(r2.preferred.clan, 50.0) && close(r2.preferred.adhocracy, 30.0));
    assert_eq!(r2.dominant_now, [Culture::Hierarchy]);
    // Group now: clan (35 + 20) / 2 = 27.5, sample SD = sqrt(2 * 7.5^2 / 1) = 7.5 sqrt 2;
    // adhocracy (20, 20) = 20, SD 0; market (15, 20) = 17.5, SD 2.5 sqrt 2;
    // hierarchy (30, 40) = 35, SD 5 sqrt 2. Median of two = their mean.
    let clan = f.now[0];
    assert_eq!(clan.culture, Culture::Clan);
    assert!(close(clan.mean, 27.5));
    assert!(close(clan.sd.expect("n = 2"), 7.5 * 2f64.sqrt()));
    assert_eq!((clan.min, clan.max), (Some(20.0), Some(35.0)));
    assert!(close(clan.median.expect("n = 2"), 27.5));
    assert!(close(f.now[1].sd.expect("n = 2"), 0.0));
    assert!(close(f.now[2].mean, 17.5) && close(f.now[2].sd.expect("n = 2"), 2.5 * 2f64.sqrt()));
    assert!(close(f.now[3].mean, 35.0) && close(f.now[3].sd.expect("n = 2"), 5.0 * 2f64.sqrt()));
    assert_eq!(f.dominant_now, [Culture::Hierarchy]);
    // Group preferred: clan 50, adhocracy 30, market 10, hierarchy 10 -> clan dominant.
    assert!(close(f.preferred_mean.clan, 50.0) && close(f.preferred_mean.hierarchy, 10.0));
    assert_eq!(f.dominant_preferred, [Culture::Clan]);
    // Gap = preferred - now: clan 50 - 27.5 = 22.5, adhocracy 10, market -7.5, hierarchy -25.
    assert!(close(f.gap.clan, 22.5) && close(f.gap.adhocracy, 10.0));
    assert!(close(f.gap.market, -7.5) && close(f.gap.hierarchy, -25.0));
    // Dimension 6 now: clan (10 + 20) / 2 = 15, market (40 + 20) / 2 = 30.
    let d6 = &f.dimensions[5];
    assert_eq!(d6.dimension, 6);
    assert!(close(d6.now.clan, 15.0) && close(d6.now.market, 30.0));

    // Åsdalen r3: dimension 2 now sums to 120 -> rescaled to 25 each, so now = 25 everywhere;
    // preferred 10/40/40/10 has a tie for dominant.
    let a = &report.groups[1];
    assert_eq!(a.municipality, "Åsdalen");
    assert!(a.respondents[0].rescaled);
    assert!(close(a.now_mean.clan, 25.0) && close(a.now_mean.hierarchy, 25.0));
    assert_eq!(a.dominant_preferred, [Culture::Adhocracy, Culture::Market]);
    assert_eq!(a.now[0].sd, None, "one respondent: no SD");
    assert_eq!(report.issues.len(), 1);
    let issue = &report.issues[0];
    assert_eq!(
        (issue.line, issue.dimension, issue.kind, issue.action),
        (15, Some(2), IssueKind::SumNot100, Action::Rescaled)
    );
    assert_eq!(issue.sum, Some(120.0));
    assert_eq!(report.excluded, 0);
}

#[test]
fn exclude_policy_drops_the_respondent() {
    let options = OcaiOptions { policy: SumPolicy::Exclude, ..OcaiOptions::default() };
    let report = parse_and_score(LONG, &options).expect("valid file");
    assert_eq!(report.groups.len(), 1, "Åsdalen's only respondent is excluded");
    assert_eq!(report.excluded, 1);
    assert_eq!(report.issues[0].action, Action::Excluded);
}

#[test]
fn wide_layout_with_norwegian_headers_gives_the_same_profile() {
    let long = parse_and_score(LONG, &OcaiOptions::default()).expect("long");
    let input = parse(&wide()).expect("wide");
    assert_eq!(input.format, OcaiFormat::Wide);
    let wide = parse_and_score(&wide(), &OcaiOptions::default()).expect("wide");
    assert_eq!(wide.groups.len(), 1);
    assert_eq!(wide.groups[0].now, long.groups[0].now);
    assert_eq!(wide.groups[0].gap, long.groups[0].gap);
    assert_eq!(wide.groups[0].dimensions, long.groups[0].dimensions);
}

#[test]
fn norwegian_long_headers_semicolons_and_decimal_commas() {
    let text = "kommune;Respondent;Dimensjon;A nå;B nå;C nå;D nå;A ønsket;B ønsket;C ønsket;D ønsket\n\
                K;x;1;12,5;37,5;25;25;25;25;25;25\n\
                K;x;2;25;25;25;25;25;25;25;25\nK;x;3;25;25;25;25;25;25;25;25\n\
                K;x;4;25;25;25;25;25;25;25;25\nK;x;5;25;25;25;25;25;25;25;25\n\
                K;x;6;25;25;25;25;25;25;25;25\n";
    let r = parse_and_score(text, &OcaiOptions::default()).expect("valid");
    // Clan now = (12.5 + 5 * 25) / 6 = 137.5 / 6.
    assert!(close(r.groups[0].now_mean.clan, 137.5 / 6.0));
    assert!(r.issues.is_empty());
}

#[test]
fn blank_cells_and_missing_dimensions() {
    // Dimension 1 now: D blank, A-C sum to 100 -> D read as 0 (kept). Dimension 6 missing ->
    // respondent excluded.
    let mut text = String::from("respondent,dimension,a_now,b_now,c_now,d_now,a_pref,b_pref,c_pref,d_pref\n");
    text.push_str("x,1,50,25,25,,25,25,25,25\n");
    for d in 2..=6 {
        text.push_str(&format!("x,{d},25,25,25,25,25,25,25,25\n"));
    }
    for d in 2..=5 {
        text.push_str(&format!("y,{d},25,25,25,25,25,25,25,25\n"));
    }
    let r = parse_and_score(&text, &OcaiOptions::default()).expect("valid");
    assert_eq!(r.groups.len(), 1);
    assert_eq!(r.groups[0].municipality, "");
    assert_eq!(r.groups[0].respondent_count, Some(1));
    assert_eq!(r.groups[0].excluded, 1);
    // x: clan now = (50 + 5 * 25) / 6 = 175 / 6.
    assert!(close(r.groups[0].respondents[0].now.clan, 175.0 / 6.0));
    let kinds: Vec<_> = r.issues.iter().map(|i| (i.kind, i.action, i.dimension)).collect();
    assert!(kinds.contains(&(IssueKind::BlankAsZero, Action::Kept, Some(1))));
    assert!(kinds.contains(&(IssueKind::Missing, Action::Excluded, Some(1))), "{kinds:?}");
    assert!(kinds.contains(&(IssueKind::Missing, Action::Excluded, Some(6))));
}

#[test]
fn positioned_errors() {
    let text = "municipality,respondent,dimension,a_now,b_now,c_now,d_now,a_preferred,b_preferred,c_preferred,d_preferred\n\
                M,r,1,abc,20,10,30,50,30,10,10\n\
                M,r,7,40,20,10,30,50,30,10,10\n\
                M,r,2,40,20,10,130,50,30,10,10\n\
                M,r,1,40,20,10,30,50,30,10,10\n";
    let errors = parse(text).expect_err("bad cells").0;
    let positions: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
    // Line 5 repeats dimension 1 of respondent r (first on line 2).
    assert_eq!(positions, [(2, 4), (3, 3), (4, 7), (5, 3)], "{errors:?}");
    assert!(errors[0].message.contains("not a number"));
    assert!(errors[1].message.contains("1-6"));
    assert!(errors[2].message.contains("0-100"));
    assert_eq!(errors[0].to_string(), "2:4: \"abc\" is not a number (expected points 0-100)");
    assert!(errors[3].message.contains("first on line 2"));
    // Duplicate dimension with the respondent column before the dimension column.
    let dup = "respondent,dimension,a_now,b_now,c_now,d_now,a_preferred,b_preferred,c_preferred,d_preferred\n\
               r,1,25,25,25,25,25,25,25,25\nr,1,25,25,25,25,25,25,25,25\n";
    let e = parse(dup).expect_err("duplicate").0;
    assert_eq!((e[0].line, e[0].column), (3, 2));
    assert!(e[0].message.contains("first on line 2"));
    // Headers.
    let e = parse("name,value\nx,1\n").expect_err("no OCAI columns").0;
    assert_eq!((e[0].line, e[0].column), (1, 1));
    let e = parse("respondent,dimension,a_now,b_now\nx,1,1,2\n").expect_err("missing columns").0;
    assert!(e[0].message.contains("c_now"), "{}", e[0].message);
    assert!(parse("").is_err());
}

#[test]
fn pre_aggregated_profiles() {
    // Without a respondent column: group rows taken as they are.
    let text = "kommune,klan_nå,adhokrati_nå,marked_nå,hierarki_nå,klan_ønsket,adhokrati_ønsket,marked_ønsket,hierarki_ønsket\n\
                B,30,20,20,30,40,30,15,15\nA,25,25,25,25,20,30,30,20\n";
    let r = parse_and_score(text, &OcaiOptions::default()).expect("valid");
    assert_eq!(r.format, OcaiFormat::Profiles);
    assert_eq!(r.groups.iter().map(|g| g.municipality.as_str()).collect::<Vec<_>>(), ["A", "B"]);
    let b = &r.groups[1];
    assert_eq!(b.respondent_count, None);
    assert_eq!(b.now[0].sd, None);
    assert_eq!(b.dominant_now, [Culture::Clan, Culture::Hierarchy]);
    assert!(close(b.gap.clan, 10.0) && close(b.gap.hierarchy, -15.0));
    // With a respondent column: individual profiles -> group statistics.
    // Clan now values 30, 40, 20: mean 30, sample SD sqrt((0 + 100 + 100) / 2) = 10, median 30.
    let text = "municipality,respondent,clan_now,adhocracy_now,market_now,hierarchy_now,clan_preferred,adhocracy_preferred,market_preferred,hierarchy_preferred\n\
                M,1,30,20,20,30,40,30,15,15\nM,2,40,20,20,20,40,30,15,15\nM,3,20,30,30,20,40,30,15,15\n";
    let r = parse_and_score(text, &OcaiOptions::default()).expect("valid");
    let m = &r.groups[0];
    assert_eq!(m.respondent_count, Some(3));
    assert!(close(m.now[0].mean, 30.0) && close(m.now[0].sd.expect("n = 3"), 10.0));
    assert_eq!(m.now[0].median, Some(30.0));
    // Duplicate municipality rows without respondents are an error.
    let dup = "municipality,clan_now,adhocracy_now,market_now,hierarchy_now,clan_preferred,adhocracy_preferred,market_preferred,hierarchy_preferred\n\
               A,25,25,25,25,25,25,25,25\nA,25,25,25,25,25,25,25,25\n";
    assert!(parse(dup).is_err());
}

#[test]
fn wide_header_spellings() {
    // q1a_now / dim1a_preferred prefixes and a1 order all name dimension 1, statement A.
    let mut header = String::from("respondent");
    let mut row = String::from("x");
    for (state, prefix) in [("now", "q"), ("preferred", "dim")] {
        for d in 1..=6 {
            for l in ['a', 'b', 'c', 'd'] {
                header.push_str(&format!(",{prefix}{d}{l}_{state}"));
                row.push_str(",25");
            }
        }
    }
    let input = parse(&format!("{header}\n{row}\n")).expect("valid");
    assert_eq!(input.format, OcaiFormat::Wide);
}
