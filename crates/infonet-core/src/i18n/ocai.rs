//! The culture (OCAI) views' texts in English and Norwegian, and how scores, gaps and
//! validation findings are written in them (shared by the culture panel, charts and the CLI).

use super::Lang;
use crate::analysis::explain::{MeasureKey, explain};
use crate::analysis::ocai::{
    Action, Culture, CultureStats, GroupProfile, Issue, IssueKind, MEANINGFUL_GAP, State,
};

// The culture (OCAI) views' texts.

/// The OCAI views' texts in one language.
#[derive(Debug)]
pub struct OcaiStrings {
    /// The language.
    pub lang: Lang,
    pub title: &'static str,
    pub municipality: &'static str,
    pub all_municipalities: &'static str,
    pub unnamed_group: &'static str,
    pub show_respondents: &'static str,
    pub show_respondents_hint: &'static str,
    pub culture_type: &'static str,
    pub now: &'static str,
    pub preferred: &'static str,
    pub gap: &'static str,
    pub gap_hint: &'static str,
    pub now_mean: &'static str,
    pub preferred_mean: &'static str,
    pub each_respondent: &'static str,
    pub solid_dashed: &'static str,
    pub clan: &'static str,
    pub adhocracy: &'static str,
    pub market: &'static str,
    pub hierarchy: &'static str,
    pub flexibility: &'static str,
    pub stability: &'static str,
    pub internal: &'static str,
    pub external: &'static str,
    pub dominant_now: &'static str,
    pub dominant_preferred: &'static str,
    pub meaningful_gap: &'static str,
    pub scale: &'static str,
    pub gridlines: &'static str,
    pub same_scale: &'static str,
    pub mean: &'static str,
    pub sd: &'static str,
    pub median: &'static str,
    pub min: &'static str,
    pub max: &'static str,
    pub group_profile: &'static str,
    pub no_groups: &'static str,
    pub validation: &'static str,
    pub all_sum_100: &'static str,
    pub policy_rescale: &'static str,
    pub policy_exclude: &'static str,
    pub line: &'static str,
    pub dimension: &'static str,
    pub sums_to: &'static str,
    pub blank_as_zero: &'static str,
    pub missing: &'static str,
    pub rescaled: &'static str,
    pub excluded: &'static str,
    pub kept: &'static str,
    pub respondent_one: &'static str,
    pub respondent_many: &'static str,
    pub finding_one: &'static str,
    pub finding_many: &'static str,
    pub left_out: &'static str,
    pub kite_label: &'static str,
}

/// English.
pub static OCAI_EN: OcaiStrings = OcaiStrings {
    lang: Lang::En,
    title: "Organisational culture (OCAI)",
    municipality: "Municipality",
    all_municipalities: "All municipalities",
    unnamed_group: "(no municipality)",
    show_respondents: "Each respondent",
    show_respondents_hint: "Draw every respondent's now and preferred kites as thin lines",
    culture_type: "Type",
    now: "Now",
    preferred: "Preferred",
    gap: "Gap",
    gap_hint: "Preferred − now, in points out of 100",
    now_mean: "Now, group mean",
    preferred_mean: "Preferred, group mean",
    each_respondent: "Thin lines: each respondent",
    solid_dashed: "Solid: now · dashed: preferred",
    clan: "Clan",
    adhocracy: "Adhocracy",
    market: "Market",
    hierarchy: "Hierarchy",
    flexibility: "Flexibility & discretion",
    stability: "Stability & control",
    internal: "Internal focus",
    external: "External focus",
    dominant_now: "Dominant culture now",
    dominant_preferred: "Dominant culture preferred",
    meaningful_gap: "Highlighted: a gap of 10 points or more, read as a meaningful desire for change.",
    scale: "Scale",
    gridlines: "gridlines every 10 points",
    same_scale: "same scale for all",
    mean: "mean",
    sd: "SD",
    median: "median",
    min: "min",
    max: "max",
    group_profile: "group profile, no individual answers",
    no_groups: "No municipality could be scored.",
    validation: "Validation",
    all_sum_100: "Every dimension sums to 100 points.",
    policy_rescale: "Dimensions that do not sum to 100 are rescaled to 100.",
    policy_exclude: "Respondents with a dimension that does not sum to 100 are left out.",
    line: "Line",
    dimension: "dimension",
    sums_to: "sums to",
    blank_as_zero: "blank cell read as 0",
    missing: "missing",
    rescaled: "rescaled to 100",
    excluded: "respondent left out",
    kept: "kept",
    respondent_one: "respondent",
    respondent_many: "respondents",
    finding_one: "finding",
    finding_many: "findings",
    left_out: "left out",
    kite_label: "Culture profile",
};

/// Norwegian bokmål.
pub static OCAI_NB: OcaiStrings = OcaiStrings {
    lang: Lang::Nb,
    title: "Organisasjonskultur (OCAI)",
    municipality: "Kommune",
    all_municipalities: "Alle kommuner",
    unnamed_group: "(uten kommune)",
    show_respondents: "Hver respondent",
    show_respondents_hint: "Tegn hver respondents nå- og ønsket-profil som tynne linjer",
    culture_type: "Kulturtype",
    now: "Nå",
    preferred: "Ønsket",
    gap: "Differanse",
    gap_hint: "Ønsket − nå, i poeng av 100",
    now_mean: "Nå, gjennomsnitt",
    preferred_mean: "Ønsket, gjennomsnitt",
    each_respondent: "Tynne linjer: hver respondent",
    solid_dashed: "Heltrukket: nå · stiplet: ønsket",
    clan: "Klan",
    adhocracy: "Adhokrati",
    market: "Marked",
    hierarchy: "Hierarki",
    flexibility: "Fleksibilitet og handlefrihet",
    stability: "Stabilitet og kontroll",
    internal: "Internt fokus",
    external: "Eksternt fokus",
    dominant_now: "Dominerende kultur nå",
    dominant_preferred: "Ønsket dominerende kultur",
    meaningful_gap: "Uthevet: en differanse på 10 poeng eller mer, som leses som et tydelig ønske om endring.",
    scale: "Skala",
    gridlines: "linjer for hvert 10. poeng",
    same_scale: "samme skala for alle",
    mean: "snitt",
    sd: "std.avvik",
    median: "median",
    min: "min",
    max: "maks",
    group_profile: "gruppeprofil, uten enkeltsvar",
    no_groups: "Ingen kommune kunne skåres.",
    validation: "Kontroll av svarene",
    all_sum_100: "Alle dimensjoner summerer til 100 poeng.",
    policy_rescale: "Dimensjoner som ikke summerer til 100, skaleres til 100.",
    policy_exclude: "Respondenter med en dimensjon som ikke summerer til 100, er utelatt.",
    line: "Linje",
    dimension: "dimensjon",
    sums_to: "summerer til",
    blank_as_zero: "tom celle lest som 0",
    missing: "mangler",
    rescaled: "skalert til 100",
    excluded: "respondenten er utelatt",
    kept: "beholdt",
    respondent_one: "respondent",
    respondent_many: "respondenter",
    finding_one: "funn",
    finding_many: "funn",
    left_out: "utelatt",
    kite_label: "Kulturprofil",
};

// ---------------------------------------------------------------------------------------------
// The formatting helpers.

impl OcaiStrings {
    /// The strings of a language.
    pub fn of(lang: Lang) -> &'static Self {
        match lang {
            Lang::En => &crate::i18n::OCAI_EN,
            Lang::Nb => &crate::i18n::OCAI_NB,
        }
    }

    /// A culture type's name.
    pub fn culture(&self, culture: Culture) -> &'static str {
        match culture {
            Culture::Clan => self.clan,
            Culture::Adhocracy => self.adhocracy,
            Culture::Market => self.market,
            Culture::Hierarchy => self.hierarchy,
        }
    }

    /// One plain-language sentence about a culture type.
    pub fn culture_explained(&self, culture: Culture) -> &'static str {
        let key = match culture {
            Culture::Clan => MeasureKey::OcaiClan,
            Culture::Adhocracy => MeasureKey::OcaiAdhocracy,
            Culture::Market => MeasureKey::OcaiMarket,
            Culture::Hierarchy => MeasureKey::OcaiHierarchy,
        };
        let (en, nb) = explain(key);
        if self.lang == Lang::Nb { nb } else { en }
    }

    /// Tied dominant types joined: "Clan / Hierarchy".
    pub fn cultures(&self, cultures: &[Culture]) -> String {
        cultures.iter().map(|&c| self.culture(c)).collect::<Vec<_>>().join(" / ")
    }

    /// A score with one decimal (decimal comma in Norwegian).
    pub fn num(&self, value: f64) -> String {
        let text = format!("{:.1}", round1(value).abs());
        let text = if self.lang == Lang::Nb { text.replace('.', ",") } else { text };
        if round1(value) < 0.0 { format!("−{text}") } else { text }
    }

    /// Points as given: "90" for a whole number, else one decimal ("87.5").
    pub fn points(&self, value: f64) -> String {
        if (value - value.round()).abs() < 1e-9 { format!("{value:.0}") } else { self.num(value) }
    }

    /// A gap with its sign: "+17.4", "−27.1", "0.0".
    pub fn signed(&self, value: f64) -> String {
        if round1(value) > 0.0 { format!("+{}", self.num(value)) } else { self.num(value) }
    }

    /// "9 respondents".
    pub fn n_respondents(&self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.respondent_one } else { self.respondent_many })
    }

    /// "Fjellvik (n = 9)" for legends and titles.
    pub fn group_title(&self, group: &GroupProfile) -> String {
        let name = self.group_name(group);
        match group.respondent_count {
            Some(n) => format!("{name} (n = {n})"),
            None => name.to_owned(),
        }
    }

    /// The municipality's name, or "(no municipality)" for a file without that column.
    pub fn group_name<'a>(&self, group: &'a GroupProfile) -> &'a str {
        if group.municipality.is_empty() { self.unnamed_group } else { &group.municipality }
    }

    /// "mean 31.7 · SD 6.2 · median 31.0 · min 22.5 · max 40.8".
    pub fn stats(&self, stats: &CultureStats) -> String {
        let mut parts = vec![format!("{} {}", self.mean, self.num(stats.mean))];
        let optional =
            [(self.sd, stats.sd), (self.median, stats.median), (self.min, stats.min), (self.max, stats.max)];
        for (label, value) in optional {
            if let Some(v) = value {
                parts.push(format!("{label} {}", self.num(v)));
            }
        }
        parts.join(" · ")
    }

    /// "Some respondents score above 50: their lines are cut at the edge."
    pub fn beyond_scale(&self, scale: f64) -> String {
        match self.lang {
            Lang::En => format!("Some respondents score above {scale:.0}: their lines are cut at the edge."),
            Lang::Nb => format!("Noen respondenter skårer over {scale:.0}: linjene deres kuttes ved kanten."),
        }
    }

    /// "Scale 0–50, gridlines every 10 points".
    pub fn scale_note(&self, scale: f64) -> String {
        format!("{} 0–{scale:.0}, {}", self.scale, self.gridlines)
    }

    /// One validation finding as a sentence.
    pub fn issue(&self, issue: &Issue) -> String {
        let mut place = vec![format!("{} {}", self.line, issue.line)];
        if !issue.municipality.is_empty() {
            place.push(issue.municipality.clone());
        }
        if let Some(r) = &issue.respondent {
            place.push(r.clone());
        }
        let mut what = String::new();
        if let Some(d) = issue.dimension {
            what.push_str(&format!("{} {d}", self.dimension));
        }
        if let Some(state) = issue.state {
            if !what.is_empty() {
                what.push_str(", ");
            }
            what.push_str(&self.state(state).to_lowercase());
        }
        if !what.is_empty() {
            place.push(what);
        }
        let problem = match issue.kind {
            IssueKind::SumNot100 => match issue.sum {
                Some(sum) => format!("{} {}", self.sums_to, self.points(sum)),
                None => format!("{} ?", self.sums_to),
            },
            IssueKind::BlankAsZero => self.blank_as_zero.to_owned(),
            IssueKind::Missing => self.missing.to_owned(),
        };
        let action = match issue.action {
            Action::Kept => self.kept,
            Action::Rescaled => self.rescaled,
            Action::Excluded => self.excluded,
        };
        format!("{}: {problem}; {action}", place.join(" · "))
    }

    /// "Now" or "Preferred".
    pub fn state(&self, state: State) -> &'static str {
        match state {
            State::Now => self.now,
            State::Preferred => self.preferred,
        }
    }
}

/// A value rounded to one decimal, as shown (never "-0.0").
pub fn round1(value: f64) -> f64 {
    let r = (value * 10.0).round() / 10.0;
    // No "-0.0".
    if r == 0.0 { 0.0 } else { r }
}

/// Whether a gap (preferred − now) counts as a meaningful desire for change, judged on the value
/// as shown (one decimal), so a shown "10.0" is always highlighted and "9.9" never.
pub fn is_meaningful_gap(gap: f64) -> bool {
    round1(gap).abs() >= MEANINGFUL_GAP
}
