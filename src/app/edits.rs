//! Changes to the open network and how it is looked at, with undo: network edits, moves,
//! pins, filters, renaming, the neighbourhood view; a drag in progress (one undo step per
//! drag) and a new tie being drawn. Every change says whether it left unsaved work.

use crate::edit::{self, Edit, History};
use crate::layout::worker::LayoutHandle;
use crate::model::PersonId;

use super::Repaint;
use super::workspace::{LayoutSettings, Placed, Start, Workspace};

/// What an edit works on.
pub struct Target<'a> {
    /// The open networks and what is looked at.
    pub workspace: &'a mut Workspace,
    /// The layout of the network on screen.
    pub layout: &'a mut LayoutHandle,
    /// How a network is laid out again after an edit.
    pub settings: LayoutSettings,
    /// A scene is shown, so the neighbourhood view is part of the project.
    pub scene_shown: bool,
}

/// What a change did besides itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Done {
    /// The project has unsaved changes now.
    pub dirty: bool,
    /// The network itself changed (its file on disk would now ask before reloading).
    pub network_changed: bool,
    /// The neighbourhood view: (was on, is on), when it changed.
    pub focus: Option<(bool, bool)>,
}

/// A drag of a person in progress.
#[derive(Clone, Copy, Debug)]
struct DragGesture {
    person: PersonId,
    from: [f32; 2],
    to: [f32; 2],
    pinned_before: bool,
}

/// Undo, redo and gestures in progress.
#[derive(Default)]
pub struct Edits {
    history: History,
    drag: Option<DragGesture>,
    /// Drawing a new tie from this person (Shift + drag).
    pub tie_from: Option<PersonId>,
}

impl Edits {
    /// Undo and redo.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Forgets every step (another project opened).
    pub fn clear(&mut self) {
        self.history.clear();
    }

    /// Whether a person is being dragged.
    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    /// Makes a change; `record` puts it on the undo stack (undo and redo do not). An edit the
    /// network refuses gives the reason.
    pub fn perform(&mut self, mut edit: Edit, record: bool, t: Target<'_>) -> Result<Done, String> {
        let ws = t.workspace;
        let mut done = Done::default();
        // Positions and pins by key, so the layout continues where it was.
        let mut placed = if edit.changes_network() { ws.placed(t.layout.snapshot()) } else { Placed::new() };
        let mut selected = ws.selected;
        let Some(doc) = ws.doc_mut() else { return Ok(done) };
        if edit.changes_network() {
            edit::apply_to_network(&mut doc.network, &mut edit).map_err(|e| e.to_string())?;
            if let Edit::AddPerson { person, at } = &edit {
                if let Some(at) = at {
                    placed.insert(person.key.clone(), (*at, false));
                }
                // Someone new is selected: their card opens and their name is drawn.
                selected = doc.network.find(&person.key);
            }
            let engine = doc.relayout(Start::Kept(&placed), &t.settings);
            t.layout.replace(engine);
            ws.selected = selected.filter(|id| doc.network.person(*id).is_some());
            ws.hovered = None;
            done.network_changed = true;
        } else {
            let dense = |key: &str| doc.network.find(key).and_then(|id| doc.dense(id));
            match &edit {
                Edit::Move { key, to, .. } => {
                    // Forward: the drag already happened; as undo/redo: put them there.
                    if !record && let Some(i) = dense(key) {
                        t.layout.place(i, *to, true);
                    }
                }
                Edit::Pin { key, pinned } => {
                    if let Some(i) = dense(key) {
                        t.layout.set_pinned(i, *pinned);
                    }
                }
                Edit::PinMany { pins } => {
                    for (key, pinned) in pins {
                        if let Some(i) = dense(key) {
                            t.layout.set_pinned(i, *pinned);
                        }
                    }
                }
                Edit::Filter { after, .. } => ws.filter = *after,
                Edit::Rename { after, .. } => doc.network.rename(after),
                Edit::Focus { after, .. } => {
                    let ego = after.as_ref().and_then(|(k, d)| Some((doc.network.find(k)?, *d)));
                    done.focus = Some((ws.ego.is_some(), ego.is_some()));
                    ws.ego = ego;
                }
                _ => {}
            }
        }
        // Looking around a neighbourhood changes nothing to save, unless a scene holds it.
        done.dirty = !matches!(edit, Edit::Focus { .. }) || t.scene_shown;
        if record {
            self.history.push(edit);
        }
        Ok(done)
    }

    /// Undoes the last change.
    pub fn undo(&mut self, t: Target<'_>) -> Result<Done, String> {
        let Some(edit) = self.history.take_undo() else { return Ok(Done::default()) };
        if let Edit::Move { key, from, pinned_before, .. } = &edit {
            // Undoing a move puts the person back and restores the pin they had.
            if let Some(i) = t.workspace.dense_of_key(key) {
                t.layout.place(i, *from, *pinned_before);
            }
            return Ok(Done { dirty: true, ..Done::default() });
        }
        let (ws, layout, settings) = (t.workspace, t.layout, t.settings);
        let again =
            Target { workspace: &mut *ws, layout: &mut *layout, settings, scene_shown: t.scene_shown };
        let done = self.perform(edit.inverse(), false, again)?;
        if let Edit::RemovePerson { ties, .. } = &edit {
            let placed = ws.placed(layout.snapshot());
            if let Some(doc) = ws.doc_mut() {
                edit::restore_ties(&mut doc.network, ties);
                // Lay out again with the ties back (positions are kept).
                layout.replace(doc.relayout(Start::Kept(&placed), &settings));
            }
        }
        Ok(done)
    }

    /// Redoes the last undone change.
    pub fn redo(&mut self, t: Target<'_>) -> Result<Done, String> {
        let Some(mut edit) = self.history.take_redo() else { return Ok(Done::default()) };
        if let Edit::Move { key, to, .. } = &edit {
            if let Some(i) = t.workspace.dense_of_key(key) {
                t.layout.place(i, *to, true);
            }
            return Ok(Done { dirty: true, ..Done::default() });
        }
        if let Edit::RemovePerson { ties, .. } = &mut edit {
            ties.clear();
        }
        self.perform(edit, false, t)
    }

    /// Drags a person to `p` (world units), pinning them; the first position of the drag is
    /// remembered for its one undo step. Returns whether someone moved.
    pub fn drag_to(
        &mut self,
        person: PersonId,
        p: [f32; 2],
        ws: &Workspace,
        layout: &mut LayoutHandle,
    ) -> bool {
        let Some(i) = ws.doc().and_then(|d| d.dense(person)) else { return false };
        if self.drag.as_ref().is_none_or(|g| g.person != person) {
            let snapshot = layout.snapshot();
            let from = snapshot.positions.get(i).copied().unwrap_or(p);
            let pinned_before = snapshot.pinned.get(i).copied().unwrap_or(false);
            self.drag = Some(DragGesture { person, from, to: p, pinned_before });
        }
        if let Some(g) = &mut self.drag {
            g.to = p;
        }
        layout.drag_to(i, p);
        true
    }

    /// The drag ended: its move, to be recorded as one step.
    pub fn end_drag(&mut self, ws: &Workspace) -> Option<Edit> {
        let g = self.drag.take()?;
        let key = ws.key_of(g.person)?;
        Some(Edit::Move { key, from: g.from, to: g.to, pinned_before: g.pinned_before })
    }

    /// When the next frame is needed: at once while a new tie is drawn (it follows the pointer).
    pub fn wake(&self) -> Repaint {
        if self.tie_from.is_some() { Repaint::Now } else { Repaint::Idle }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::layout::LayoutParams;

    fn open() -> (Workspace, LayoutHandle, LayoutSettings) {
        let (mut ws, mut layout) = (Workspace::default(), LayoutHandle::inline());
        let s = LayoutSettings { node_sizes: None, seed: 1, params: LayoutParams::default() };
        let loaded = crate::io::samples::load("fjellvik").expect("a sample").expect("it reads");
        let arrival = super::super::workspace::Arrival {
            loaded,
            source: super::super::workspace::Source::Sample("fjellvik"),
            path: None,
            choices: None,
            joins: false,
        };
        ws.install(arrival, &mut layout, &s, Lang::En);
        (ws, layout, s)
    }

    fn target<'a>(ws: &'a mut Workspace, layout: &'a mut LayoutHandle, s: LayoutSettings) -> Target<'a> {
        Target { workspace: ws, layout, settings: s, scene_shown: false }
    }

    #[test]
    fn a_removed_person_comes_back_with_their_ties_and_place() {
        let (mut ws, mut layout, s) = open();
        let mut edits = Edits::default();
        let id = ws.doc().and_then(|d| d.network.find("p085")).expect("p085");
        let person = ws.doc().and_then(|d| d.network.person(id).cloned()).expect("p085");
        let named_by = ws.doc().map(|d| d.network.named_by(id).len()).expect("open");
        let placed = ws.placed(layout.snapshot());
        let at = placed.get("p085").map(|v| v.0);
        let remove = Edit::RemovePerson { person, ties: Vec::new(), at, pinned: false };
        let done = edits.perform(remove, true, target(&mut ws, &mut layout, s)).expect("removed");
        assert!(done.dirty && done.network_changed);
        assert!(ws.doc().and_then(|d| d.network.find("p085")).is_none());
        edits.undo(target(&mut ws, &mut layout, s)).expect("undone");
        let doc = ws.doc().expect("open");
        let back = doc.network.find("p085").expect("back");
        assert_eq!(doc.network.named_by(back).len(), named_by, "with the ties that named them");
        assert_eq!(ws.placed(layout.snapshot()), placed, "everyone where they were");
        edits.redo(target(&mut ws, &mut layout, s)).expect("redone");
        assert!(ws.doc().and_then(|d| d.network.find("p085")).is_none());
    }

    #[test]
    fn a_drag_is_one_step_that_undo_puts_back() {
        let (mut ws, mut layout, s) = open();
        let mut edits = Edits::default();
        let id = ws.doc().and_then(|d| d.network.find("p085")).expect("p085");
        let start = ws.placed(layout.snapshot()).get("p085").copied().expect("placed");
        for x in [10.0, 20.0, 30.0] {
            assert!(edits.drag_to(id, [x, 5.0], &ws, &mut layout));
        }
        let step = edits.end_drag(&ws).expect("a move");
        assert_eq!(
            step,
            Edit::Move { key: "p085".into(), from: start.0, to: [30.0, 5.0], pinned_before: start.1 }
        );
        let done = edits.perform(step, true, target(&mut ws, &mut layout, s)).expect("recorded");
        assert!(done.dirty, "a moved person is unsaved work");
        assert_eq!(
            ws.placed(layout.snapshot()).get("p085"),
            Some(&([30.0, 5.0], true)),
            "dragged and pinned"
        );
        edits.undo(target(&mut ws, &mut layout, s)).expect("undone");
        assert_eq!(ws.placed(layout.snapshot()).get("p085"), Some(&start));
    }

    #[test]
    fn looking_at_a_neighbourhood_is_unsaved_only_in_a_scene() {
        let (mut ws, mut layout, s) = open();
        let mut edits = Edits::default();
        let focus = Edit::Focus { before: None, after: Some(("p085".into(), 1)) };
        let done = edits.perform(focus.clone(), true, target(&mut ws, &mut layout, s)).expect("on");
        assert_eq!(done.focus, Some((false, true)));
        assert!(!done.dirty);
        assert!(ws.ego.is_some());
        let off = Edit::Focus { before: Some(("p085".into(), 1)), after: None };
        let shown = Target { scene_shown: true, ..target(&mut ws, &mut layout, s) };
        let done = edits.perform(off, true, shown).expect("off");
        assert_eq!(done.focus, Some((true, false)));
        assert!(done.dirty, "a scene holds the view");
        assert!(edits.history().can_undo());
    }
}
