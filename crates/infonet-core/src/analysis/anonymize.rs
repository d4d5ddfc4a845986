//! Pseudonyms for showing a network to an audience: every name (and id) becomes the person's
//! sector and a number ("Public 3"), the network's own name (often a place or a person, or
//! taken from the file name) becomes a neutral one, exact ages and years become their bands,
//! and every other attribute, which could identify people in a small place, is dropped unless
//! the user names it. Numbers are handed out in an order drawn at random once per run, so they
//! tell nothing of the file's order, yet stay the same while the program runs.

use std::hash::{BuildHasher as _, RandomState};
use std::sync::OnceLock;

use crate::i18n::Lang;
use crate::model::{Network, Sector};

/// A copy of `network` with pseudonyms. Person ids (handles) are the same as in the original,
/// so selections and positions carry over.
pub fn anonymized(network: &Network, lang: Lang) -> Network {
    anonymized_keeping(network, lang, &[])
}

/// [`anonymized`], keeping the attributes named in `keep` (compared case-insensitively).
pub fn anonymized_keeping(network: &Network, lang: Lang, keep: &[String]) -> Network {
    anonymized_with(network, lang, keep, &mut Pseudonyms::default())
}

/// The numbers handed out so far, by the person's real key and sector. A network read again
/// with the same `Pseudonyms` (a live survey's next answer) keeps everyone's pseudonym; only
/// newcomers (and people whose sector changed) get the next free numbers, so "Public 3" on the
/// big screen stays the same person while the room answers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pseudonyms {
    by_key: std::collections::HashMap<String, (Sector, usize)>,
    /// The highest number handed out in each sector.
    last: [usize; 4],
}

/// [`anonymized_keeping`], numbering as `pseudonyms` did before and remembering the numbers.
pub fn anonymized_with(
    network: &Network,
    lang: Lang,
    keep: &[String],
    pseudonyms: &mut Pseudonyms,
) -> Network {
    let tr = lang.tr();
    let mut copy = network.clone();
    copy.name = tr.anonymized_network.to_owned();
    let keep: Vec<String> = keep.iter().map(|k| k.trim().to_lowercase()).collect();
    let order = shuffled(network);
    // Everyone known first keeps their number; newcomers follow in the drawn order.
    let mut numbered: Vec<(crate::model::PersonId, Option<usize>)> = order
        .into_iter()
        .map(|id| {
            let known = network
                .person(id)
                .and_then(|p| pseudonyms.by_key.get(&p.key).filter(|(s, _)| *s == p.sector).map(|(_, n)| *n));
            (id, known)
        })
        .collect();
    numbered.sort_by_key(|(_, known)| known.is_none());
    for (id, known) in numbered {
        let Some(real_key) = network.person(id).map(|p| p.key.clone()) else { continue };
        let Some(person) = copy.person_mut(id) else { continue };
        let slot = person.sector.index();
        let n = match known {
            Some(n) => n,
            None => {
                let n = pseudonyms.last.get(slot).copied().unwrap_or(0) + 1;
                if let Some(last) = pseudonyms.last.get_mut(slot) {
                    *last = n;
                }
                n
            }
        };
        pseudonyms.by_key.insert(real_key, (person.sector, n));
        let label = match person.sector {
            Sector::Unknown => tr.person_word,
            s => tr.sector(s),
        };
        person.name = format!("{label} {n}");
        person.attributes = std::mem::take(&mut person.attributes)
            .into_iter()
            .filter(|(k, _)| keep.contains(&k.trim().to_lowercase()))
            .collect();
        // Bands are what the pictures and measures use; an exact age can single someone out.
        person.tenure.years = None;
        person.age.years = None;
        let key = format!("{}-{n}", person.sector.key());
        copy.rekey(id, key);
    }
    copy
}

/// The people in an order drawn once per run: stable while the program runs, unrelated to the
/// file's order (and not computable from the names by anyone else).
fn shuffled(network: &Network) -> Vec<crate::model::PersonId> {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    let hasher = KEYS.get_or_init(RandomState::new);
    let mut people: Vec<(u64, crate::model::PersonId)> =
        network.people().map(|(id, p)| (hasher.hash_one(&p.key), id)).collect();
    people.sort_unstable();
    people.into_iter().map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_and_id_is_replaced() {
        let original = crate::io::samples::load("fjellvik").expect("sample").expect("parses").network;
        let anon = anonymized(&original, Lang::En);
        assert_eq!(anon.person_count(), original.person_count());
        assert_eq!(anon.tie_count(), original.tie_count());
        for (id, p) in original.people() {
            let q = anon.person(id).expect("same handles");
            assert_ne!(q.name, p.name);
            assert_ne!(q.key, p.key);
            assert!(q.attributes.is_empty());
            assert_eq!(q.sector, p.sector);
            assert_eq!(anon.in_degree(id), original.in_degree(id));
            assert_eq!(anon.find(&q.key), Some(id));
        }
        let mut public: Vec<String> =
            anon.people().filter(|(_, p)| p.sector == Sector::Public).map(|(_, p)| p.name.clone()).collect();
        assert_eq!(public.len(), 44);
        // Numbered in a drawn order, not the file's.
        let in_file_order: Vec<String> = (1..=44).map(|n| format!("Public {n}")).collect();
        assert_ne!(public, in_file_order);
        public.sort_by_key(|name| name.rsplit(' ').next().and_then(|n| n.parse::<u32>().ok()));
        assert_eq!(public, in_file_order);
        // The same within a run.
        let again = anonymized(&original, Lang::En);
        assert!(anon.people().all(|(id, p)| again.person(id).is_some_and(|q| q.name == p.name)));
        assert_eq!(anon.name, "Anonymised network");
        assert!(anon.people().all(|(_, p)| p.age.years.is_none() && p.tenure.years.is_none()));
        assert_eq!(
            anon.people().map(|(_, p)| p.age.band).collect::<Vec<_>>(),
            original.people().map(|(_, p)| p.age.band).collect::<Vec<_>>()
        );
        let nb = anonymized(&original, Lang::Nb);
        assert!(nb.people().any(|(_, p)| p.name == "Offentlig 1"));
    }

    #[test]
    fn a_network_read_again_keeps_everyones_pseudonym() {
        use crate::model::Person;
        let mut network = Network::default();
        for (name, sector) in [("Kari", Sector::Public), ("Ola", Sector::Public), ("Per", Sector::Private)] {
            network.add_person(Person { sector, ..Person::new(name) }).expect("a new key");
        }
        let mut pseudonyms = Pseudonyms::default();
        let first = anonymized_with(&network, Lang::En, &[], &mut pseudonyms);
        let name_of =
            |n: &Network, key: &str| n.person(network.find(key).expect("there")).map(|p| p.name.clone());
        // Newcomers in both sectors, and Ola now says private: ten more reads, numbers stay.
        let mut grown = network.clone();
        for i in 0..10 {
            grown
                .add_person(Person { sector: Sector::Public, ..Person::new(format!("new{i}")) })
                .expect("new");
        }
        let ola = grown.find("Ola").expect("Ola");
        if let Some(p) = grown.person_mut(ola) {
            p.sector = Sector::Private;
        }
        let again = anonymized_with(&grown, Lang::En, &[], &mut pseudonyms);
        assert_eq!(name_of(&again, "Kari"), name_of(&first, "Kari"));
        assert_eq!(name_of(&again, "Per"), Some("Private 1".to_owned()));
        assert_eq!(
            again.person(ola).map(|p| p.name.clone()),
            Some("Private 2".to_owned()),
            "a new sector, a new number"
        );
        let mut public: Vec<usize> = again
            .people()
            .filter(|(_, p)| p.sector == Sector::Public)
            .filter_map(|(_, p)| p.name.strip_prefix("Public ")?.parse().ok())
            .collect();
        public.sort_unstable();
        // Kari and Ola had 1 and 2, the ten newcomers 3 to 12; Ola's old number is not reused.
        let ola_before: Option<usize> =
            name_of(&first, "Ola").and_then(|n| n.strip_prefix("Public ")?.parse().ok());
        let kari: Option<usize> =
            name_of(&again, "Kari").and_then(|n| n.strip_prefix("Public ")?.parse().ok());
        let mut expected: Vec<usize> = kari.into_iter().chain(3..=12).collect();
        expected.sort_unstable();
        assert_eq!(public, expected);
        assert!(ola_before.is_some_and(|n| n <= 2 && !public.contains(&n)));
    }
}
