//! Pseudonyms for showing a network to an audience: every name (and id) becomes the person's
//! sector and a number ("Public 3"), stable for the same network, and free-text attributes,
//! which could identify people in a small place, are dropped.

use crate::i18n::Lang;
use crate::model::{Network, Sector};

/// A copy of `network` with pseudonyms. Person ids (handles) are the same as in the original,
/// so selections and positions carry over.
pub fn anonymized(network: &Network, lang: Lang) -> Network {
    let tr = lang.tr();
    let mut copy = network.clone();
    let mut counters = [0usize; 4];
    let ids: Vec<_> = network.person_ids().collect();
    for id in ids {
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
        person.attributes.clear();
        let key = format!("{}-{n}", person.sector.key());
        copy.rekey(id, key);
    }
    copy
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
        let public: Vec<_> =
            anon.people().filter(|(_, p)| p.sector == Sector::Public).map(|(_, p)| p.name.clone()).collect();
        assert_eq!(public.first().map(String::as_str), Some("Public 1"));
        assert_eq!(public.len(), 44);
        assert_eq!(public.last().map(String::as_str), Some("Public 44"));
        let nb = anonymized(&original, Lang::Nb);
        assert!(nb.people().any(|(_, p)| p.name == "Offentlig 1"));
    }
}
