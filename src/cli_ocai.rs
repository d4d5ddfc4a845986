//! `infonet ocai FILE [--json]`: score an OCAI file and print each municipality's culture
//! profile (Cameron & Quinn; `analysis::ocai`).
//!
//! The file is CSV/TSV text in the long, wide or profiles layout (any encoding
//! [`crate::io::decode`] reads), or an XLSX workbook, whose first sheet is read. Output: a
//! readable table, or with `--json` one JSON object:
//!
//! ```text
//! { "file", "format": "long"|"wide"|"profiles", "policy": "rescale"|"exclude",
//!   "meaningful_gap": 10,
//!   "municipalities": [ { "municipality", "n" (null for a group-profile row), "excluded",
//!       "now", "preferred", "gap": {clan, adhocracy, market, hierarchy},
//!       "dominant_now", "dominant_preferred", "meaningful_gaps": [type...],
//!       "stats": { "now"|"preferred": { type: {mean, sd, min, max, median} } },
//!       "respondents": [ {respondent, line, now, preferred, gap, dominant_now,
//!                         dominant_preferred, rescaled} ],
//!       "dimensions": [ {dimension, now, preferred, dominant_now} ] } ],
//!   "issues": [ {line, municipality, respondent, dimension, state, kind, sum, action} ],
//!   "excluded" }
//! ```
//!
//! Scores are unrounded. Lines are the file's lines (for XLSX: sheet rows). A file that cannot be
//! read or parsed prints `FILE:LINE:COLUMN: what is wrong` for every error on stderr and exits 1;
//! validation findings (a dimension not summing to 100) are part of the output, exit 0.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::analysis::ocai::{
    Action, Culture, CultureStats, DimensionProfile, GroupProfile, IndividualProfile, Issue, IssueKind,
    OcaiFormat, OcaiReport, Profile, State, SumPolicy,
};
use crate::io;

use crate::analysis::ocai::MEANINGFUL_GAP;

/// Runs `infonet ocai FILE [--json] [--anonymize]`.
pub fn run_ocai(path: &Path, json: bool, anonymize: bool) -> ExitCode {
    let mut report = match load(path) {
        Ok(report) => report,
        Err(messages) => {
            for message in messages {
                eprintln!("{message}");
            }
            return ExitCode::from(1);
        }
    };
    if anonymize {
        anonymize_respondents(&mut report);
    }
    let text = if json {
        match serde_json::to_string_pretty(&json_of(path, &report)) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{}: cannot write JSON: {err}", path.display());
                return ExitCode::from(1);
            }
        }
    } else {
        table(path, &report)
    };
    // A closed pipe (`| head`) is not an error worth a message.
    writeln!(std::io::stdout().lock(), "{text}").ok();
    ExitCode::SUCCESS
}

/// Replaces every respondent's id (often a name) with "Respondent N", numbered in an order drawn
/// at random once per run, and lists each group's respondents by that number.
fn anonymize_respondents(report: &mut OcaiReport) {
    use std::hash::BuildHasher as _;
    let hasher = std::hash::RandomState::new();
    let mut ids: Vec<String> = report
        .groups
        .iter()
        .flat_map(|g| g.respondents.iter().map(|r| r.respondent.clone()))
        .chain(report.issues.iter().filter_map(|i| i.respondent.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    ids.sort_by_key(|id| hasher.hash_one(id));
    let pseudonym = |id: &str| {
        ids.iter()
            .position(|i| i == id)
            .map_or_else(|| "Respondent".to_owned(), |n| format!("Respondent {}", n + 1))
    };
    for group in &mut report.groups {
        for respondent in &mut group.respondents {
            respondent.respondent = pseudonym(&respondent.respondent);
        }
        group.respondents.sort_by_key(|r| {
            r.respondent.rsplit(' ').next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(0)
        });
    }
    for issue in &mut report.issues {
        if let Some(id) = &issue.respondent {
            issue.respondent = Some(pseudonym(id));
        }
    }
}

/// Reads, decodes, parses and scores ([`io::open_culture`], the window's route too); errors as
/// `FILE:LINE:COLUMN: message` lines.
pub fn load(path: &Path) -> Result<OcaiReport, Vec<String>> {
    io::open_culture(path)
        .map(|opened| opened.report)
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct Json<'a> {
    file: String,
    format: OcaiFormat,
    policy: SumPolicy,
    meaningful_gap: f64,
    municipalities: Vec<MunicipalityJson<'a>>,
    issues: &'a [Issue],
    excluded: usize,
}

#[derive(Serialize)]
struct MunicipalityJson<'a> {
    municipality: &'a str,
    /// `None` for a pre-aggregated group profile.
    n: Option<usize>,
    excluded: usize,
    now: Profile,
    preferred: Profile,
    gap: Profile,
    dominant_now: &'a [Culture],
    dominant_preferred: &'a [Culture],
    meaningful_gaps: Vec<Culture>,
    stats: StatsJson,
    respondents: &'a [IndividualProfile],
    dimensions: &'a [DimensionProfile],
}

#[derive(Serialize)]
struct StatsJson {
    now: FourStats,
    preferred: FourStats,
}

#[derive(Serialize)]
struct FourStats {
    clan: OneStats,
    adhocracy: OneStats,
    market: OneStats,
    hierarchy: OneStats,
}

#[derive(Serialize)]
struct OneStats {
    mean: f64,
    sd: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    median: Option<f64>,
}

fn four(stats: &[CultureStats]) -> FourStats {
    let one = |culture: Culture| {
        stats.iter().find(|s| s.culture == culture).map_or(
            OneStats { mean: 0.0, sd: None, min: None, max: None, median: None },
            |s| OneStats { mean: s.mean, sd: s.sd, min: s.min, max: s.max, median: s.median },
        )
    };
    FourStats {
        clan: one(Culture::Clan),
        adhocracy: one(Culture::Adhocracy),
        market: one(Culture::Market),
        hierarchy: one(Culture::Hierarchy),
    }
}

fn meaningful_gaps(group: &GroupProfile) -> Vec<Culture> {
    Culture::ALL.into_iter().filter(|&c| crate::i18n::is_meaningful_gap(group.gap.get(c))).collect()
}

fn json_of<'a>(path: &Path, report: &'a OcaiReport) -> Json<'a> {
    Json {
        file: path.display().to_string(),
        format: report.format,
        policy: report.options.policy,
        meaningful_gap: MEANINGFUL_GAP,
        municipalities: report
            .groups
            .iter()
            .map(|g| MunicipalityJson {
                municipality: &g.municipality,
                n: g.respondent_count,
                excluded: g.excluded,
                now: g.now_mean,
                preferred: g.preferred_mean,
                gap: g.gap,
                dominant_now: &g.dominant_now,
                dominant_preferred: &g.dominant_preferred,
                meaningful_gaps: meaningful_gaps(g),
                stats: StatsJson { now: four(&g.now), preferred: four(&g.preferred) },
                respondents: &g.respondents,
                dimensions: &g.dimensions,
            })
            .collect(),
        issues: &report.issues,
        excluded: report.excluded,
    }
}

// ---------------------------------------------------------------------------------------------
// Table

fn num(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"))
}

fn cultures(list: &[Culture]) -> String {
    list.iter().map(|c| c.key()).collect::<Vec<_>>().join(" / ")
}

fn format_name(format: OcaiFormat) -> &'static str {
    match format {
        OcaiFormat::Long => "long",
        OcaiFormat::Wide => "wide",
        OcaiFormat::Profiles => "profiles",
    }
}

fn issue_text(file: &str, issue: &Issue) -> String {
    let mut who = Vec::new();
    if !issue.municipality.is_empty() {
        who.push(issue.municipality.clone());
    }
    if let Some(r) = &issue.respondent {
        who.push(r.clone());
    }
    if let Some(d) = issue.dimension {
        who.push(format!("dimension {d}"));
    }
    if let Some(state) = issue.state {
        who.push(match state {
            State::Now => "now".to_owned(),
            State::Preferred => "preferred".to_owned(),
        });
    }
    let problem = match (issue.kind, issue.sum) {
        (IssueKind::SumNot100, Some(sum)) => format!("sums to {}", trim_number(sum)),
        (IssueKind::SumNot100, None) => "does not sum to 100".to_owned(),
        (IssueKind::BlankAsZero, _) => "blank cell read as 0".to_owned(),
        (IssueKind::Missing, _) => "missing".to_owned(),
    };
    let action = match issue.action {
        Action::Kept => "kept",
        Action::Rescaled => "rescaled to 100",
        Action::Excluded => "respondent left out",
    };
    format!("{file}:{}: {}: {problem}; {action}", issue.line, who.join(" "))
}

/// "90" for whole numbers, else as given.
fn trim_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { format!("{v}") }
}

fn table(path: &Path, report: &OcaiReport) -> String {
    let file = path.display().to_string();
    let mut t = String::new();
    let respondents: usize = report.groups.iter().filter_map(|g| g.respondent_count).sum();
    t.push_str(&format!(
        "{file}: {} layout, {respondents} respondents in {} municipalities, {} left out\n",
        format_name(report.format),
        report.groups.len(),
        report.excluded
    ));
    let mut any_star = false;
    for group in &report.groups {
        let name = if group.municipality.is_empty() { "(no municipality)" } else { &group.municipality };
        let n = group.respondent_count.map_or_else(|| "group profile".to_owned(), |n| format!("n = {n}"));
        let excluded =
            if group.excluded > 0 { format!(", {} left out", group.excluded) } else { String::new() };
        t.push_str(&format!("\n{name} ({n}{excluded})\n"));
        t.push_str(&format!(
            "  {:<10} {:>6} {:>5} {:>5} {:>5}   {:>6} {:>5} {:>5} {:>5}   {:>6}\n",
            "type", "now", "sd", "min", "max", "pref", "sd", "min", "max", "gap"
        ));
        for culture in Culture::ALL {
            let find = |stats: &[CultureStats]| stats.iter().find(|s| s.culture == culture).copied();
            let cells = |s: Option<CultureStats>| {
                s.map_or_else(
                    || vec!["-".to_owned(); 4],
                    |s| vec![num(Some(s.mean)), num(s.sd), num(s.min), num(s.max)],
                )
            };
            let (now, pref) = (cells(find(&group.now)), cells(find(&group.preferred)));
            let gap = group.gap.get(culture);
            let star = meaningful_gaps(group).contains(&culture);
            any_star |= star;
            let cell = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
            t.push_str(&format!(
                "  {:<10} {:>6} {:>5} {:>5} {:>5}   {:>6} {:>5} {:>5} {:>5}   {:>+6.1}{}\n",
                culture.key(),
                cell(&now, 0),
                cell(&now, 1),
                cell(&now, 2),
                cell(&now, 3),
                cell(&pref, 0),
                cell(&pref, 1),
                cell(&pref, 2),
                cell(&pref, 3),
                (gap * 10.0).round() / 10.0 + 0.0,
                if star { " *" } else { "" }
            ));
        }
        t.push_str(&format!(
            "  dominant now: {}; preferred: {}\n",
            cultures(&group.dominant_now),
            cultures(&group.dominant_preferred)
        ));
    }
    if any_star {
        t.push_str("\n* a gap of 10 points or more: a meaningful desire for change\n");
    }
    let policy = match report.options.policy {
        SumPolicy::Rescale => "dimensions not summing to 100 are rescaled",
        SumPolicy::Exclude => "respondents with a dimension not summing to 100 are left out",
    };
    if report.issues.is_empty() {
        t.push_str(&format!("\nvalidation: every dimension sums to 100 ({policy})"));
    } else {
        let n = report.issues.len();
        t.push_str(&format!("\nvalidation: {n} finding{} ({policy})", if n == 1 { "" } else { "s" }));
        for issue in &report.issues {
            t.push_str(&format!("\n  {}", issue_text(&file, issue)));
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_rounding_matches_the_panel() {
        assert_eq!(format!("{:>+6.1}", (-0.04_f64 * 10.0).round() / 10.0 + 0.0), "  +0.0");
        assert_eq!(trim_number(90.0), "90");
        assert_eq!(trim_number(87.5), "87.5");
    }
}
