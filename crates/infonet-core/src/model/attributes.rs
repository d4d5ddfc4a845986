//! Sector, tenure and age with the study's exact band rules (`docs/formats.md` §1).

use serde::{Deserialize, Serialize};

/// A word that is not one of the accepted values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a recognised value")]
pub struct UnknownValue;

/// Which side of the local community a person belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sector {
    /// Municipal / public sector (red in the study's diagrams).
    Public,
    /// Private business (blue).
    Private,
    /// Voluntary organisations and anything else.
    Other,
    /// Not given.
    #[default]
    Unknown,
}

impl Sector {
    /// All values in display order.
    pub const ALL: [Self; 4] = [Self::Public, Self::Private, Self::Other, Self::Unknown];

    /// Parses a sector word in English or Norwegian. `Ok(Unknown)` for blanks and "unknown"
    /// words, `Err(UnknownValue)` for anything unrecognised.
    pub fn parse(text: &str) -> Result<Self, UnknownValue> {
        let t = text.trim().to_lowercase();
        Ok(match t.as_str() {
            "public" | "municipal" | "municipality" | "offentlig" | "kommune" | "kommunal" | "k" => {
                Self::Public
            }
            "private" | "business" | "privat" | "næringsliv" | "naeringsliv" | "p" => Self::Private,
            "other" | "annet" | "frivillig" | "voluntary" => Self::Other,
            "" | "-" | "na" | "n/a" | "ukjent" | "unknown" => Self::Unknown,
            _ => return Err(UnknownValue),
        })
    }

    /// Stable machine key, as used in JSON output and filters.
    pub fn key(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Private => "private",
            Self::Other => "other",
            Self::Unknown => "unknown",
        }
    }

    /// Index into [`Self::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Years living in the municipality, in the study's three bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum TenureBand {
    /// t < 4
    Under4,
    /// 4 <= t < 10
    From4To9,
    /// t >= 10
    TenPlus,
    /// Not given.
    #[default]
    Unknown,
}

impl TenureBand {
    /// All values in display order.
    pub const ALL: [Self; 4] = [Self::Under4, Self::From4To9, Self::TenPlus, Self::Unknown];

    /// Puts a number of years in its band. Negative or non-finite numbers are unknown.
    pub fn from_years(years: f64) -> Self {
        if !years.is_finite() || years < 0.0 {
            Self::Unknown
        } else if years < 4.0 {
            Self::Under4
        } else if years < 10.0 {
            Self::From4To9
        } else {
            Self::TenPlus
        }
    }

    /// Recognises band texts such as "under 4", "4-9", "4–9", "10+", "over 10",
    /// "mer enn 10", "mindre enn 4" (case-insensitive).
    pub fn parse_band(text: &str) -> Option<Self> {
        let t = normalise_band_text(text);
        Some(match t.as_str() {
            "<4" | "under4" | "lessthan4" | "mindreenn4" | "under4år" | "0-3" | "0-4" => Self::Under4,
            "4-9" | "4-10" | "4to9" => Self::From4To9,
            "10+" | ">=10" | "over10" | "morethan10" | "merenn10" | "10ormore" | "10ellermer" | ">10"
            | "over10år" => Self::TenPlus,
            "" | "-" | "na" | "n/a" | "unknown" | "ukjent" => Self::Unknown,
            _ => return None,
        })
    }

    /// Short label as shown on chips and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Self::Under4 => "<4",
            Self::From4To9 => "4-9",
            Self::TenPlus => "10+",
            Self::Unknown => "unknown",
        }
    }

    /// Index into [`Self::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Age in the study's three bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum AgeBand {
    /// a < 30
    Under30,
    /// 30 <= a <= 40
    From30To40,
    /// a > 40
    Over40,
    /// Not given.
    #[default]
    Unknown,
}

impl AgeBand {
    /// All values in display order.
    pub const ALL: [Self; 4] = [Self::Under30, Self::From30To40, Self::Over40, Self::Unknown];

    /// Puts an age in its band. Negative or non-finite numbers are unknown.
    pub fn from_years(years: f64) -> Self {
        if !years.is_finite() || years < 0.0 {
            Self::Unknown
        } else if years < 30.0 {
            Self::Under30
        } else if years <= 40.0 {
            Self::From30To40
        } else {
            Self::Over40
        }
    }

    /// Recognises band texts such as "under 30", "30-40", "30–40", "over 40".
    pub fn parse_band(text: &str) -> Option<Self> {
        let t = normalise_band_text(text);
        Some(match t.as_str() {
            "<30" | "under30" | "lessthan30" | "mindreenn30" | "under30år" => Self::Under30,
            "30-40" | "30to40" => Self::From30To40,
            ">40" | "over40" | "40+" | "morethan40" | "merenn40" | "over40år" => Self::Over40,
            "" | "-" | "na" | "n/a" | "unknown" | "ukjent" => Self::Unknown,
            _ => return None,
        })
    }

    /// Short label as shown on chips and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Self::Under30 => "<30",
            Self::From30To40 => "30-40",
            Self::Over40 => ">40",
            Self::Unknown => "unknown",
        }
    }

    /// Index into [`Self::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Lower-cases, drops spaces and turns en/em dashes into hyphens, so "30 – 40" and "30-40" match.
fn normalise_band_text(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{2265}' => '>',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A value that is either a number of years (kept for the card and for export) or only a band.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Years<B> {
    /// The number of years when the file gave one.
    pub years: Option<f64>,
    /// The band, derived from `years` or read as text.
    pub band: B,
}

/// Tenure: years living in the municipality.
pub type Tenure = Years<TenureBand>;
/// Age in years.
pub type Age = Years<AgeBand>;

impl Tenure {
    /// A tenure from a number of years.
    pub fn from_number(years: f64) -> Self {
        Self { years: Some(years), band: TenureBand::from_years(years) }
    }
}

impl Age {
    /// An age from a number of years.
    pub fn from_number(years: f64) -> Self {
        Self { years: Some(years), band: AgeBand::from_years(years) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenure_band_boundaries() {
        assert_eq!(TenureBand::from_years(0.0), TenureBand::Under4);
        assert_eq!(TenureBand::from_years(3.99), TenureBand::Under4);
        assert_eq!(TenureBand::from_years(4.0), TenureBand::From4To9);
        assert_eq!(TenureBand::from_years(9.99), TenureBand::From4To9);
        assert_eq!(TenureBand::from_years(10.0), TenureBand::TenPlus);
        assert_eq!(TenureBand::from_years(55.0), TenureBand::TenPlus);
        assert_eq!(TenureBand::from_years(-1.0), TenureBand::Unknown);
        assert_eq!(TenureBand::from_years(f64::NAN), TenureBand::Unknown);
    }

    #[test]
    fn age_band_boundaries() {
        assert_eq!(AgeBand::from_years(29.0), AgeBand::Under30);
        assert_eq!(AgeBand::from_years(29.9), AgeBand::Under30);
        assert_eq!(AgeBand::from_years(30.0), AgeBand::From30To40);
        assert_eq!(AgeBand::from_years(40.0), AgeBand::From30To40);
        assert_eq!(AgeBand::from_years(40.5), AgeBand::Over40);
        assert_eq!(AgeBand::from_years(41.0), AgeBand::Over40);
    }

    #[test]
    fn band_texts() {
        assert_eq!(TenureBand::parse_band("under 4"), Some(TenureBand::Under4));
        assert_eq!(TenureBand::parse_band("Mindre enn 4"), Some(TenureBand::Under4));
        assert_eq!(TenureBand::parse_band("4–9"), Some(TenureBand::From4To9));
        assert_eq!(TenureBand::parse_band("4 - 9"), Some(TenureBand::From4To9));
        assert_eq!(TenureBand::parse_band("10+"), Some(TenureBand::TenPlus));
        assert_eq!(TenureBand::parse_band("over 10"), Some(TenureBand::TenPlus));
        assert_eq!(TenureBand::parse_band("mer enn 10"), Some(TenureBand::TenPlus));
        assert_eq!(TenureBand::parse_band("lots"), None);
        assert_eq!(AgeBand::parse_band("under 30"), Some(AgeBand::Under30));
        assert_eq!(AgeBand::parse_band("30–40"), Some(AgeBand::From30To40));
        assert_eq!(AgeBand::parse_band("Over 40"), Some(AgeBand::Over40));
        assert_eq!(AgeBand::parse_band("old"), None);
    }

    #[test]
    fn sector_words() {
        for w in ["public", "Municipal", "municipality", "offentlig", "KOMMUNE", "kommunal", "k"] {
            assert_eq!(Sector::parse(w), Ok(Sector::Public), "{w}");
        }
        for w in ["private", "business", "privat", "Næringsliv", "naeringsliv", "P"] {
            assert_eq!(Sector::parse(w), Ok(Sector::Private), "{w}");
        }
        for w in ["other", "annet", "frivillig", "voluntary"] {
            assert_eq!(Sector::parse(w), Ok(Sector::Other), "{w}");
        }
        for w in ["", " ", "-", "NA", "ukjent", "unknown"] {
            assert_eq!(Sector::parse(w), Ok(Sector::Unknown), "{w:?}");
        }
        assert_eq!(Sector::parse("kommunen?"), Err(UnknownValue));
    }
}
