//! The domain: people, ties, sectors and bands. No egui, no fdg-sim, no file system.

mod attr_map;
mod attributes;
mod network;

pub use attr_map::{AttrMap, Entry as AttrEntry};
pub use attributes::{Age, AgeBand, Sector, Tenure, TenureBand, UnknownValue, Years};
pub use network::{Network, Person, PersonId, Tie, TieError, TieId, TieKind};

/// Case- and accent-insensitive key for matching names as people type or spell them:
/// "Åsdalen", "ASDALEN" and "Asdalen" fold alike, and so do "Bråten" and "braten".
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .flat_map(|word| std::iter::once(' ').chain(word.chars()))
        .skip(1)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'á' | 'à' | 'ä' | 'â' => 'a',
            'æ' => 'e',
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            'í' | 'ì' | 'ï' => 'i',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod fold_tests {
    #[test]
    fn spellings_of_one_name_fold_alike() {
        assert_eq!(super::fold("Åsdalen"), super::fold("asdalen"));
        assert_eq!(super::fold("  Åse   Bråten "), "ase braten");
        assert_ne!(super::fold("Åsdalen"), super::fold("Fjellvik"));
    }
}
