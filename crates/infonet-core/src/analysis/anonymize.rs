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
    let tr = lang.tr();
    let mut copy = network.clone();
    copy.name = tr.anonymized_network.to_owned();
    let keep: Vec<String> = keep.iter().map(|k| k.trim().to_lowercase()).collect();
    let mut counters = [0usize; 4];
    let order = shuffled(network);
    for id in order {
        let Some(person) = copy.person_mut(id) else { continue };
        let slot = person.sector.index();
        let n = counters.get(slot).copied().unwrap_or(0) + 1;
        if let Some(c) = counters.get_mut(slot) {
            *c = n;
        }
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
}
