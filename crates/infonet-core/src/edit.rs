//! Undoable changes: live edits of the network (people, ties, attributes), moves and pins,
//! filter changes and the neighbourhood view. Each edit knows its inverse; people are named by
//! key so an edit stays valid after the person is removed and added back.

use crate::analysis::FilterSpec;
use crate::model::{Network, Person, Tie, TieError};

/// One undoable change.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new person, placed at `at` (world units) when given.
    AddPerson {
        /// The person.
        person: Person,
        /// Where to place them.
        at: Option<[f32; 2]>,
    },
    /// A person removed with their ties (kept so undo restores them).
    RemovePerson {
        /// The person.
        person: Person,
        /// Their ties: (source key, target key, tie).
        ties: Vec<(String, String, Tie)>,
        /// Where they were.
        at: Option<[f32; 2]>,
        /// Whether they were pinned.
        pinned: bool,
    },
    /// A new tie.
    AddTie {
        /// Who named.
        source: String,
        /// Who was named.
        target: String,
        /// The tie.
        tie: Tie,
    },
    /// A removed tie.
    RemoveTie {
        /// Who named.
        source: String,
        /// Who was named.
        target: String,
        /// The tie.
        tie: Tie,
    },
    /// Changed attributes (name, sector, tenure, age, respondent …); the key never changes.
    UpdatePerson {
        /// Before.
        before: Person,
        /// After.
        after: Person,
    },
    /// A person dragged from one place to another.
    Move {
        /// Who.
        key: String,
        /// From.
        from: [f32; 2],
        /// To.
        to: [f32; 2],
        /// Pinned before the drag (a drag always pins).
        pinned_before: bool,
    },
    /// Pinned or unpinned.
    Pin {
        /// Who.
        key: String,
        /// The new state.
        pinned: bool,
    },
    /// Several people pinned or unpinned at once (unpin all, and its undo).
    PinMany {
        /// (key, new state).
        pins: Vec<(String, bool)>,
    },
    /// The network (municipality) was renamed.
    Rename {
        /// Before.
        before: String,
        /// After.
        after: String,
    },
    /// Filters changed.
    Filter {
        /// Before.
        before: FilterSpec,
        /// After.
        after: FilterSpec,
    },
    /// The neighbourhood view changed: (person key, steps), `None` for everyone.
    Focus {
        /// Before.
        before: Option<(String, u8)>,
        /// After.
        after: Option<(String, u8)>,
    },
}

impl Edit {
    /// The edit that undoes this one. `PinMany` and `Pin` need the state before, which the
    /// caller records by building the inverse when it makes the edit (see [`History::push`]).
    pub fn inverse(&self) -> Self {
        match self.clone() {
            Self::AddPerson { person, at } => {
                Self::RemovePerson { person, ties: Vec::new(), at, pinned: false }
            }
            Self::RemovePerson { person, at, .. } => Self::AddPerson { person, at },
            Self::AddTie { source, target, tie } => Self::RemoveTie { source, target, tie },
            Self::RemoveTie { source, target, tie } => Self::AddTie { source, target, tie },
            Self::UpdatePerson { before, after } => Self::UpdatePerson { before: after, after: before },
            Self::Move { key, from, to, pinned_before } => {
                Self::Move { key, from: to, to: from, pinned_before: !pinned_before }
            }
            Self::Pin { key, pinned } => Self::Pin { key, pinned: !pinned },
            Self::PinMany { pins } => {
                Self::PinMany { pins: pins.into_iter().map(|(k, p)| (k, !p)).collect() }
            }
            Self::Filter { before, after } => Self::Filter { before: after, after: before },
            Self::Rename { before, after } => Self::Rename { before: after, after: before },
            Self::Focus { before, after } => Self::Focus { before: after, after: before },
        }
    }

    /// Whether the edit changes the network itself (rather than the view).
    pub fn changes_network(&self) -> bool {
        matches!(
            self,
            Self::AddPerson { .. }
                | Self::RemovePerson { .. }
                | Self::AddTie { .. }
                | Self::RemoveTie { .. }
                | Self::UpdatePerson { .. }
        )
    }
}

/// Why a network edit could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// A person with this key exists already.
    #[error("there is already a person with the id \"{0}\"")]
    KeyTaken(String),
    /// No such person.
    #[error("there is no person with the id \"{0}\"")]
    NoSuchPerson(String),
    /// The tie cannot be added.
    #[error("{0}")]
    Tie(#[from] TieError),
}

/// Applies the network part of an edit. View edits (moves, pins, filters) do nothing here.
/// For `RemovePerson`, the person's ties are recorded into the edit so undo can restore them.
pub fn apply_to_network(network: &mut Network, edit: &mut Edit) -> Result<(), EditError> {
    match edit {
        Edit::AddPerson { person, .. } => {
            network.add_person(person.clone()).map_err(|_| EditError::KeyTaken(person.key.clone()))?;
        }
        Edit::RemovePerson { person, ties, .. } => {
            let id = network.find(&person.key).ok_or_else(|| EditError::NoSuchPerson(person.key.clone()))?;
            ties.clear();
            for (_, s, t, tie) in network.ties() {
                if s == id || t == id {
                    let key = |p| network.person(p).map(|x| x.key.clone()).unwrap_or_default();
                    ties.push((key(s), key(t), tie.clone()));
                }
            }
            if let Some(p) = network.remove_person(id) {
                *person = p;
            }
        }
        Edit::AddTie { source, target, tie } => {
            let s = network.find(source).ok_or_else(|| EditError::NoSuchPerson(source.clone()))?;
            let t = network.find(target).ok_or_else(|| EditError::NoSuchPerson(target.clone()))?;
            network.add_tie(s, t, tie.clone())?;
        }
        Edit::RemoveTie { source, target, .. } => {
            let s = network.find(source).ok_or_else(|| EditError::NoSuchPerson(source.clone()))?;
            let t = network.find(target).ok_or_else(|| EditError::NoSuchPerson(target.clone()))?;
            if let Some(tie) = network.find_tie(s, t) {
                network.remove_tie(tie);
            }
        }
        Edit::UpdatePerson { after, .. } => {
            let id = network.find(&after.key).ok_or_else(|| EditError::NoSuchPerson(after.key.clone()))?;
            if let Some(p) = network.person_mut(id) {
                *p = after.clone();
            }
        }
        Edit::Rename { after, .. } => network.rename(after),
        Edit::Move { .. }
        | Edit::Pin { .. }
        | Edit::PinMany { .. }
        | Edit::Filter { .. }
        | Edit::Focus { .. } => {}
    }
    Ok(())
}

/// Restores the ties recorded by a `RemovePerson` after its undo added the person back.
pub fn restore_ties(network: &mut Network, ties: &[(String, String, Tie)]) {
    for (s, t, tie) in ties {
        if let (Some(a), Some(b)) = (network.find(s), network.find(t)) {
            network.add_tie(a, b, tie.clone()).ok();
        }
    }
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

/// Most edits remembered.
const HISTORY_MAX: usize = 500;

impl History {
    /// Records an edit that was just applied; clears redo.
    pub fn push(&mut self, edit: Edit) {
        self.undo.push(edit);
        if self.undo.len() > HISTORY_MAX {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The edit to undo (its inverse is what to apply); moves it to redo.
    pub fn take_undo(&mut self) -> Option<Edit> {
        let edit = self.undo.pop()?;
        self.redo.push(edit.clone());
        Some(edit)
    }

    /// The edit to redo; moves it back to undo.
    pub fn take_redo(&mut self) -> Option<Edit> {
        let edit = self.redo.pop()?;
        self.undo.push(edit.clone());
        Some(edit)
    }

    /// Replaces the edit on top of the undo stack (after applying filled in details).
    pub fn replace_top_undo(&mut self, edit: Edit) {
        if let Some(top) = self.undo.last_mut() {
            *top = edit;
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (a new network).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sector;

    #[test]
    fn removing_a_person_and_undoing_restores_their_ties() {
        let mut n = crate::io::samples::load("solboen").expect("sample").expect("parses").network;
        let (people, ties) = (n.person_count(), n.tie_count());
        let key = "p016".to_owned();
        let id = n.find(&key).expect("p016");
        let touching = n.in_degree(id) + n.out_degree(id);
        let person = n.person(id).expect("p016").clone();
        let mut edit = Edit::RemovePerson { person, ties: Vec::new(), at: None, pinned: false };
        apply_to_network(&mut n, &mut edit).expect("removes");
        let Edit::RemovePerson { ties: removed, .. } = &edit else { panic!("same edit") };
        assert_eq!(removed.len(), touching);
        assert_eq!(n.person_count(), people - 1);
        assert_eq!(n.tie_count(), ties - removed.len());
        let mut undo = edit.inverse();
        apply_to_network(&mut n, &mut undo).expect("adds back");
        restore_ties(&mut n, removed);
        assert_eq!((n.person_count(), n.tie_count()), (people, ties));
        assert_eq!(n.in_degree(n.find(&key).expect("back")), 12);
    }

    #[test]
    fn history_undo_redo_order() {
        let mut h = History::default();
        let a = Edit::Filter { before: FilterSpec::default(), after: FilterSpec::default() };
        let b = Edit::Pin { key: "x".into(), pinned: true };
        h.push(a.clone());
        h.push(b.clone());
        assert_eq!(h.take_undo(), Some(b.clone()));
        assert_eq!(h.take_undo(), Some(a.clone()));
        assert_eq!(h.take_undo(), None);
        assert_eq!(h.take_redo(), Some(a));
        assert!(h.can_redo());
        h.push(Edit::Pin { key: "y".into(), pinned: false });
        assert!(!h.can_redo(), "a new edit clears redo");
    }

    #[test]
    fn update_and_add_tie() {
        let mut n = Network::new("t");
        let mut add = Edit::AddPerson { person: Person::new("a"), at: None };
        apply_to_network(&mut n, &mut add).expect("adds");
        apply_to_network(&mut n, &mut Edit::AddPerson { person: Person::new("b"), at: None }).expect("adds");
        assert_eq!(
            apply_to_network(&mut n, &mut Edit::AddPerson { person: Person::new("a"), at: None }),
            Err(EditError::KeyTaken("a".into()))
        );
        let mut tie = Edit::AddTie { source: "a".into(), target: "b".into(), tie: Tie::default() };
        apply_to_network(&mut n, &mut tie).expect("ties");
        assert_eq!(n.tie_count(), 1);
        let before = n.person(n.find("a").expect("a")).expect("a").clone();
        let after = Person { sector: Sector::Private, name: "Åse".into(), ..before.clone() };
        apply_to_network(&mut n, &mut Edit::UpdatePerson { before, after }).expect("updates");
        assert_eq!(n.person(n.find("a").expect("a")).expect("a").name, "Åse");
        apply_to_network(&mut n, &mut tie.inverse()).expect("unties");
        assert_eq!(n.tie_count(), 0);
    }
}
