//! Which files a path means: the people + ties pair, named `people.csv` + `ties.csv` or
//! `NAME.people.csv` + `NAME.ties.csv`, in English or Norwegian, and the network's name.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization as _;

/// Which table of the pair a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    People,
    Ties,
}

const PEOPLE_WORDS: &[&str] = &["people", "personer"];
const TIES_WORDS: &[&str] = &["ties", "baand", "bånd", "relasjoner"];
const EXTENSIONS: &[&str] = &["csv", "txt", "tsv"];
/// What may stand between NAME and the word: `fjellvik.people.csv`, also `fjellvik_people.csv`.
const SEPARATORS: &[char] = &['.', '_', '-', ' '];

/// What a file name says about the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Naming {
    /// The role from the name, if the name tells.
    pub role: Option<Role>,
    /// NAME as written, without the word and separator; `None` for plain `people.csv`. When the
    /// name does not tell the role, the whole stem.
    pub prefix: Option<String>,
    /// The separator between NAME and the word (`.` when there is none).
    pub separator: char,
    /// The extension as written (without the dot), if any.
    pub extension: Option<String>,
}

impl Naming {
    /// Reads a file name (NFC-normalised, case-insensitive).
    pub fn of(file_name: &str) -> Self {
        let name: String = file_name.nfc().collect();
        let (stem, extension) = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && EXTENSIONS.contains(&ext.to_lowercase().as_str()) => {
                (stem.to_owned(), Some(ext.to_owned()))
            }
            _ => (name.clone(), None),
        };
        if extension.is_some() {
            for (words, role) in [(PEOPLE_WORDS, Role::People), (TIES_WORDS, Role::Ties)] {
                for word in words {
                    if let Some((prefix, separator)) = split_word(&stem, word) {
                        return Self { role: Some(role), prefix, separator, extension };
                    }
                }
            }
        }
        let prefix = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
        let prefix = if prefix.is_empty() { name.as_str() } else { prefix };
        Self { role: None, prefix: Some(prefix.to_owned()), separator: '.', extension }
    }

    /// The file name a partner would most likely have, for messages: `fjellvik.ties.csv`.
    pub fn expected_partner(&self, role: Role) -> String {
        let word = match role {
            Role::People => "people",
            Role::Ties => "ties",
        };
        let extension = self.extension.as_deref().unwrap_or("csv");
        match &self.prefix {
            Some(prefix) => format!("{prefix}{}{word}.{extension}", self.separator),
            None => format!("{word}.{extension}"),
        }
    }

    /// The network name: NAME with its first letter upper-cased; for plain `people.csv`, the
    /// folder's name; "Network" if there is none.
    pub fn network_name(&self, path: &Path) -> String {
        if let Some(prefix) = self.prefix.as_deref().filter(|p| !p.trim().is_empty()) {
            return upper_first(prefix.trim());
        }
        let folder = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()));
        match folder {
            Some(folder) if !folder.is_empty() => upper_first(&folder),
            _ => "Network".to_owned(),
        }
    }
}

/// `stem` = `word` (no prefix) or `PREFIX<sep>word`, compared case-insensitively.
fn split_word(stem: &str, word: &str) -> Option<(Option<String>, char)> {
    let word_chars = word.chars().count();
    let start = if stem.chars().count() == word_chars {
        0
    } else {
        stem.char_indices().rev().nth(word_chars.checked_sub(1)?)?.0
    };
    let tail = stem.get(start..)?;
    if tail.to_lowercase() != word {
        return None;
    }
    if start == 0 {
        return Some((None, '.'));
    }
    let head = stem.get(..start)?;
    let separator = head.chars().next_back().filter(|c| SEPARATORS.contains(c))?;
    let prefix = head.get(..head.len() - separator.len_utf8())?;
    (!prefix.is_empty()).then(|| (Some(prefix.to_owned()), separator))
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The partner file of `path` in the same folder with the given role and the same NAME
/// (case-insensitive). Prefers the same extension, then the plain `.` separator, then name order.
pub(crate) fn find_partner(path: &Path, naming: &Naming, role: Role) -> Option<PathBuf> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let wanted_prefix = naming.prefix.as_deref().map(str::to_lowercase);
    let wanted_extension = naming.extension.as_deref().map(str::to_lowercase);
    let mut candidates: Vec<(bool, bool, String)> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter_map(|name| {
            let other = Naming::of(&name);
            let same_prefix = other.prefix.as_deref().map(str::to_lowercase) == wanted_prefix;
            (other.role == Some(role) && same_prefix).then(|| {
                let other_extension = other.extension.as_deref().map(str::to_lowercase);
                (other_extension != wanted_extension, other.separator != '.', name)
            })
        })
        .filter(|(_, _, name)| path.with_file_name(name).is_file())
        .collect();
    candidates.sort();
    candidates.into_iter().next().map(|(_, _, name)| path.with_file_name(name))
}

/// For a ties file with no partner by name: the one table in the same folder whose name says
/// it holds people or node attributes (`Krack-High-Tec-Attributes.csv`, `nodes.csv` …).
/// `None` when there is no such file or more than one.
pub(crate) fn find_attributes_file(path: &Path) -> Option<PathBuf> {
    const WORDS: &[&str] = &["attribute", "attributter", "node", "vertices", "vertex"];
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let own = path.file_name()?.to_string_lossy().to_lowercase();
    let found: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter(|name| {
            let lower = name.to_lowercase();
            lower != own
                && [".csv", ".tsv", ".txt"].iter().any(|e| lower.ends_with(e))
                && WORDS.iter().any(|w| lower.contains(w))
        })
        .map(|name| path.with_file_name(name))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naming(role: Option<Role>, prefix: Option<&str>, separator: char, ext: Option<&str>) -> Naming {
        Naming { role, prefix: prefix.map(str::to_owned), separator, extension: ext.map(str::to_owned) }
    }

    #[test]
    fn reads_pair_names() {
        assert_eq!(Naming::of("people.csv"), naming(Some(Role::People), None, '.', Some("csv")));
        assert_eq!(Naming::of("Ties.TXT"), naming(Some(Role::Ties), None, '.', Some("TXT")));
        assert_eq!(
            Naming::of("fjellvik.people.csv"),
            naming(Some(Role::People), Some("fjellvik"), '.', Some("csv"))
        );
        assert_eq!(
            Naming::of("Fjellvik.BÅND.tsv"),
            naming(Some(Role::Ties), Some("Fjellvik"), '.', Some("tsv"))
        );
        assert_eq!(
            Naming::of("sør-dal_relasjoner.csv"),
            naming(Some(Role::Ties), Some("sør-dal"), '_', Some("csv"))
        );
        assert_eq!(Naming::of("personer.txt").role, Some(Role::People));
        assert_eq!(Naming::of("a.baand.csv").role, Some(Role::Ties));
        // NFD "bånd" as some file systems store it.
        assert_eq!(Naming::of("x.ba\u{30A}nd.csv").role, Some(Role::Ties));
    }

    #[test]
    fn names_that_do_not_tell() {
        assert_eq!(Naming::of("survey.csv"), naming(None, Some("survey"), '.', Some("csv")));
        assert_eq!(Naming::of("mypeople.csv").role, None);
        assert_eq!(Naming::of("people.xlsx").role, None);
        assert_eq!(Naming::of("people").role, None);
        assert_eq!(Naming::of(".people.csv").role, None);
    }

    #[test]
    fn network_names_and_expected_partners() {
        let fjellvik = Naming::of("fjellvik.people.csv");
        assert_eq!(fjellvik.network_name(Path::new("/data/fjellvik.people.csv")), "Fjellvik");
        assert_eq!(fjellvik.expected_partner(Role::Ties), "fjellvik.ties.csv");
        let plain = Naming::of("people.csv");
        assert_eq!(plain.network_name(Path::new("/data/øyfjord/people.csv")), "Øyfjord");
        assert_eq!(plain.expected_partner(Role::Ties), "ties.csv");
        assert_eq!(Naming::of("survey.csv").network_name(Path::new("survey.csv")), "Survey");
        assert_eq!(Naming::of("x_ties.txt").expected_partner(Role::People), "x_people.txt");
    }
}
