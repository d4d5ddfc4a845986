//! [`AttrMap`]: the extra columns of a person or a parsed node, by name.
//!
//! A person has a handful of attributes, and a big network has 100,000 people: a `BTreeMap`
//! allocates a 500-byte node for even one entry, so 100,000 people cost 50 MB in maps alone
//! (and as much again while a file is parsed). A sorted `Vec` holds the same entries in about a
//! fifth of that, keeps the same sorted iteration, and looks up a few keys just as fast.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Entries sorted by key, keys unique: a `BTreeMap<String, V>` for a few entries.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AttrMap<V>(Vec<(String, V)>);

impl<V> Default for AttrMap<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> AttrMap<V> {
    /// An empty map (allocates nothing).
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    fn search(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Sets `key` to `value`, returning the value it replaced.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.search(&key) {
            Ok(i) => self.0.get_mut(i).map(|slot| std::mem::replace(&mut slot.1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.search(key).ok().and_then(|i| self.0.get(i)).map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.search(key).is_ok()
    }

    /// Takes `key` out, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.search(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The entry of `key`, to fill in or look at.
    pub fn entry(&mut self, key: String) -> Entry<'_, V> {
        match self.search(&key) {
            Ok(index) => Entry::Occupied(OccupiedEntry { map: self, index }),
            Err(index) => Entry::Vacant(VacantEntry { map: self, index, key }),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &V)> + ExactSizeIterator + Clone {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator + Clone {
        self.0.iter().map(|(k, _)| k)
    }

    /// Maps every value, keeping the keys (and their order).
    pub fn map_values<W>(self, mut f: impl FnMut(V) -> W) -> AttrMap<W> {
        AttrMap(self.0.into_iter().map(|(k, v)| (k, f(v))).collect())
    }
}

/// An entry of [`AttrMap::entry`].
pub enum Entry<'a, V> {
    /// The key has a value.
    Occupied(OccupiedEntry<'a, V>),
    /// The key has none yet.
    Vacant(VacantEntry<'a, V>),
}

/// A key with a value.
pub struct OccupiedEntry<'a, V> {
    map: &'a mut AttrMap<V>,
    index: usize,
}

/// A key without a value, and where it goes.
pub struct VacantEntry<'a, V> {
    map: &'a mut AttrMap<V>,
    index: usize,
    key: String,
}

impl<'a, V> OccupiedEntry<'a, V> {
    /// The key.
    pub fn key(&self) -> &str {
        self.map.0.get(self.index).map_or("", |(k, _)| k.as_str())
    }

    /// The value, for as long as the map is borrowed.
    ///
    /// # Panics
    /// Never: the index came from a search of this map, which the entry borrows.
    pub fn into_mut(self) -> &'a mut V {
        &mut self.map.0.get_mut(self.index).expect("the entry's index is in the map").1
    }
}

impl<'a, V> VacantEntry<'a, V> {
    /// The key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Fills in the value.
    ///
    /// # Panics
    /// Never: the index came from a search of this map, which the entry borrows.
    pub fn insert(self, value: V) -> &'a mut V {
        let index = self.index.min(self.map.0.len());
        self.map.0.insert(index, (self.key, value));
        &mut self.map.0.get_mut(index).expect("just inserted").1
    }
}

impl<'a, V> Entry<'a, V> {
    /// The value, filling in `value` if there was none.
    pub fn or_insert(self, value: V) -> &'a mut V {
        match self {
            Self::Occupied(entry) => entry.into_mut(),
            Self::Vacant(entry) => entry.insert(value),
        }
    }

    /// The value, filling in `make()` if there was none.
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        match self {
            Self::Occupied(entry) => entry.into_mut(),
            Self::Vacant(entry) => entry.insert(make()),
        }
    }

    /// The value, filling in the default if there was none.
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

impl<V: fmt::Debug> fmt::Debug for AttrMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Like a `BTreeMap` collected: sorted, and the last value of a repeated key wins.
impl<V> FromIterator<(String, V)> for AttrMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut entries: Vec<(String, V)> = iter.into_iter().collect();
        // Already sorted and unique (moved from another map): nothing to do.
        if entries.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)) {
            return Self(entries);
        }
        // Stable: equal keys keep their order, and the last of each run is kept.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, V)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match out.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => out.push(entry),
            }
        }
        Self(out)
    }
}

impl<V, const N: usize> From<[(String, V); N]> for AttrMap<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> IntoIterator for AttrMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a AttrMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V: Serialize> Serialize for AttrMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for AttrMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = AttrMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of attribute names to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                // Capped: the size hint comes from the file.
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(entry) = access.next_entry::<String, V>()? {
                    entries.push(entry);
                }
                Ok(entries.into_iter().collect())
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_sorted_map() {
        let mut m: AttrMap<u32> = AttrMap::new();
        assert_eq!(m.insert("tenure".into(), 1), None);
        assert_eq!(m.insert("age".into(), 2), None);
        assert_eq!(m.insert("sektor".into(), 3), None);
        assert_eq!(m.insert("age".into(), 4), Some(2));
        assert_eq!(m.keys().map(String::as_str).collect::<Vec<_>>(), ["age", "sektor", "tenure"]);
        assert_eq!((m.get("age"), m.get("alder"), m.len()), (Some(&4), None, 3));
        assert_eq!(*m.entry("alder".into()).or_insert(9), 9);
        assert_eq!(*m.entry("alder".into()).or_insert(10), 9);
        assert_eq!(m.remove("sektor"), Some(3));
        assert!(!m.contains_key("sektor"));
        assert_eq!(m.keys().map(String::as_str).collect::<Vec<_>>(), ["age", "alder", "tenure"]);
    }

    #[test]
    fn collecting_keeps_the_last_of_a_repeated_key_like_a_btreemap() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("å", 4)].map(|(k, v)| (k.to_owned(), v));
        let ours: AttrMap<i32> = pairs.clone().into_iter().collect();
        let theirs: std::collections::BTreeMap<String, i32> = pairs.into_iter().collect();
        assert_eq!(ours.into_iter().collect::<Vec<_>>(), theirs.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn serializes_as_a_json_object() {
        let m: AttrMap<String> = [("z".to_owned(), "1".to_owned()), ("æ".to_owned(), "2".to_owned())].into();
        let json = serde_json::to_string(&m).expect("serializes");
        assert_eq!(json, r#"{"z":"1","æ":"2"}"#);
        let back: AttrMap<String> = serde_json::from_str(r#"{"æ":"2","z":"1","z":"3"}"#).expect("reads");
        assert_eq!(back.get("z").map(String::as_str), Some("3"));
        assert_eq!(back.len(), 2);
    }
}
