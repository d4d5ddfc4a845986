//! The open networks of the project (one on screen, the others kept with their positions, one
//! perhaps shown beside), the culture survey, and what is looked at: filters, the
//! neighbourhood view, the selection. Also the one place a network's layout is built again.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::analysis::ocai::OcaiReport;
use crate::analysis::{self, FilterSpec};
use crate::i18n::Lang;
use crate::io::open::LoadOptions;
use crate::io::{ImportReport, Loaded};
use crate::layout::worker::{LayoutHandle, Snapshot};
use crate::layout::{self, LayoutEngine, LayoutGraph, LayoutParams};
use crate::model::{Network, PersonId};
use crate::project::{ProjectFile, SavedCamera, SavedNetwork, SavedScene};
use crate::ui::ImportInfo;

/// From this many people, a freshly opened network is drawn once before its layout starts.
pub const BIG_FIRST_PICTURE: usize = 20_000;

/// Networks added to the project this small are laid out at once; larger ones when first shown.
const LAY_OUT_ON_ADD: usize = 3_000;

/// Where the open network came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Files on disk (people file first when there is one).
    Files(Vec<PathBuf>),
    /// A bundled sample, by file stem.
    Sample(&'static str),
}

impl Source {
    /// The files, if it came from files.
    pub fn files(&self) -> &[PathBuf] {
        match self {
            Source::Files(files) => files,
            Source::Sample(_) => &[],
        }
    }
}

/// What the layout of a network is built with (from the settings).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutSettings {
    /// Disc sizes (`None`: automatic).
    pub node_sizes: Option<[f32; 2]>,
    /// Seed of fresh positions.
    pub seed: u64,
    /// Force parameters.
    pub params: LayoutParams,
}

impl LayoutSettings {
    /// The settings' layout choices.
    pub fn of(view: &crate::settings::ViewState) -> Self {
        Self { node_sizes: view.node_sizes, seed: view.seed, params: view.layout }
    }
}

/// Positions and pins by person key.
pub type Placed = HashMap<String, ([f32; 2], bool)>;

/// Where people start when a layout is built.
#[derive(Clone, Copy)]
pub enum Start<'a> {
    /// From the seed.
    Fresh,
    /// From the seed, except the people given, who start there pinned (a restart keeps the
    /// pinned where they were pinned).
    Restart(&'a HashMap<String, [f32; 2]>),
    /// Everyone given stays exactly where they are (pinned if they were); anyone new settles in
    /// beside their ties (an edit, a reload, a scene).
    Kept(&'a Placed),
    /// A scene's frozen positions, with the people pinned now pinned (and new people
    /// settling in beside their ties).
    Scene {
        /// Positions by key.
        positions: &'a BTreeMap<String, [f32; 2]>,
        /// Keys of the pinned.
        pinned: &'a HashSet<String>,
    },
    /// Positions by layout index (a drawing from another tool), kept like [`Start::Kept`].
    Indexed(&'a [Option<[f32; 2]>]),
    /// The network shown again as it was left (by layout index): settled there when everyone
    /// has a position, else fresh.
    Stored {
        /// Positions.
        positions: &'a [[f32; 2]],
        /// Pins.
        pinned: &'a [bool],
    },
}

/// The layout engine of `graph` starting as `start` says: every layout the app builds.
pub fn engine_for(graph: &LayoutGraph, start: Start<'_>, s: &LayoutSettings) -> LayoutEngine {
    match start {
        Start::Fresh => LayoutEngine::new(graph, s.seed, &[], s.params),
        Start::Restart(pinned_at) => {
            let start: Vec<Option<[f32; 2]>> = graph.keys.iter().map(|k| pinned_at.get(k).copied()).collect();
            let mut engine = LayoutEngine::new(graph, s.seed, &start, s.params);
            for (i, _) in start.iter().enumerate().filter(|(_, p)| p.is_some()) {
                engine.set_pinned(i, true);
            }
            engine
        }
        Start::Kept(placed) => {
            let start: Vec<Option<[f32; 2]>> =
                graph.keys.iter().map(|k| placed.get(k).map(|v| v.0)).collect();
            let pinned: Vec<bool> = graph.keys.iter().map(|k| placed.get(k).is_some_and(|v| v.1)).collect();
            LayoutEngine::after_edit(graph, s.seed, &start, &pinned, s.params)
        }
        Start::Scene { positions, pinned } => {
            let start: Vec<Option<[f32; 2]>> = graph.keys.iter().map(|k| positions.get(k).copied()).collect();
            let pins: Vec<bool> = graph.keys.iter().map(|k| pinned.contains(k)).collect();
            LayoutEngine::after_edit(graph, s.seed, &start, &pins, s.params)
        }
        Start::Indexed(start) => {
            LayoutEngine::after_edit(graph, s.seed, start, &vec![false; graph.len()], s.params)
        }
        Start::Stored { positions, pinned } if positions.len() == graph.len() && !graph.is_empty() => {
            LayoutEngine::settled_at(graph, positions, pinned, s.params)
        }
        Start::Stored { .. } => LayoutEngine::new(graph, s.seed, &[], s.params),
    }
}

/// Positions of a layout run to rest at once: a network laid out while another is on screen.
fn settled_positions(graph: &LayoutGraph, start: &[Option<[f32; 2]>], s: &LayoutSettings) -> Vec<[f32; 2]> {
    let mut engine = LayoutEngine::new(graph, s.seed, start, s.params);
    engine.run_to_settle(2_000);
    engine.positions()
}

/// An open network and what belongs to it.
pub struct Document {
    /// The network.
    pub network: Network,
    /// What the import did.
    pub report: ImportReport,
    /// Where it came from.
    pub source: Source,
    /// Person of each layout index.
    pub order: Vec<PersonId>,
    /// Layout index of each person index (`u32::MAX` for none).
    pub dense_of: Vec<u32>,
    /// What else the load found: format, relations, attributes, possible duplicates.
    pub import: ImportInfo,
    /// Positions by layout index while another network is shown (empty: not laid out yet).
    pub positions: Vec<[f32; 2]>,
    /// Pins by layout index while another network is shown.
    pub pinned: Vec<bool>,
    /// Order of opening, which the project list and the comparison keep.
    pub serial: u64,
    /// The pseudonymised copy shown while names are hidden: (source revision, language, copy).
    anon: Option<(u64, Lang, Network)>,
    /// The pseudonyms handed out, kept when the network is read again (a live survey's next
    /// answer) so nobody's pseudonym changes on screen.
    pseudonyms: analysis::anonymize::Pseudonyms,
}

impl Document {
    fn new(
        network: Network,
        report: ImportReport,
        source: Source,
        node_sizes: Option<[f32; 2]>,
    ) -> (Self, LayoutGraph) {
        let mut doc = Self {
            network,
            report,
            source,
            order: Vec::new(),
            dense_of: Vec::new(),
            import: ImportInfo::default(),
            positions: Vec::new(),
            pinned: Vec::new(),
            serial: 0,
            anon: None,
            pseudonyms: analysis::anonymize::Pseudonyms::default(),
        };
        let graph = doc.layout_graph(node_sizes);
        (doc, graph)
    }

    /// The layout graph of the network (discs of `node_sizes`); the layout order follows it.
    fn layout_graph(&mut self, node_sizes: Option<[f32; 2]>) -> LayoutGraph {
        let (graph, order) = layout::graph_of_sized(&self.network, node_sizes);
        let mut dense_of = vec![u32::MAX; self.network.person_bound()];
        for (i, id) in order.iter().enumerate() {
            if let Some(slot) = dense_of.get_mut(id.index()) {
                *slot = i as u32;
            }
        }
        self.order = order;
        self.dense_of = dense_of;
        graph
    }

    /// The layout of the network built again (after an edit, for new sizes, a scene, a
    /// restart): its order follows the network, people start as `start` says.
    pub fn relayout(&mut self, start: Start<'_>, s: &LayoutSettings) -> LayoutEngine {
        let graph = self.layout_graph(s.node_sizes);
        engine_for(&graph, start, s)
    }

    /// The document of a loaded network with what the import did, its layout graph and the
    /// positions the file gave. `choices` are the import choices remembered for the file; the
    /// relation read wins over theirs.
    fn from_loaded(
        loaded: Loaded,
        source: Source,
        path: Option<PathBuf>,
        choices: Option<LoadOptions>,
        node_sizes: Option<[f32; 2]>,
    ) -> (Self, LayoutGraph, BTreeMap<String, [f32; 2]>) {
        let Loaded {
            network,
            report,
            format,
            relations,
            relation,
            mapping,
            attributes,
            duplicates,
            positions,
            ..
        } = loaded;
        let (mut doc, graph) = Self::new(network, report, source, node_sizes);
        let mut options = choices.unwrap_or_default();
        options.relation = relation.or(options.relation);
        doc.import = ImportInfo { path, format, relations, options, mapping, attributes, duplicates };
        (doc, graph, positions)
    }

    /// The network as shown: the pseudonymised copy while names are hidden, else the network.
    /// Everything on screen and every export reads this; edits go to `network`.
    pub fn shown(&self) -> &Network {
        self.anon.as_ref().map_or(&self.network, |(_, _, n)| n)
    }

    /// Keeps the pseudonymised copy in step with the network (or drops it).
    pub fn set_anonymized(&mut self, on: bool, lang: Lang) {
        if !on {
            self.anon = None;
            return;
        }
        let revision = self.network.revision();
        if self.anon.as_ref().is_none_or(|(r, l, _)| *r != revision || *l != lang) {
            let copy = analysis::anonymize::anonymized_with(&self.network, lang, &[], &mut self.pseudonyms);
            self.anon = Some((revision, lang, copy));
        }
    }

    /// Layout index of a person.
    pub fn dense(&self, id: PersonId) -> Option<usize> {
        self.dense_of.get(id.index()).copied().filter(|&d| d != u32::MAX).map(|d| d as usize)
    }

    /// A person's key.
    pub fn key_of(&self, id: PersonId) -> Option<String> {
        self.network.person(id).map(|p| p.key.clone())
    }

    /// Everyone's position and pin by key, from a layout of this document.
    pub fn placed(&self, positions: &[[f32; 2]], pinned: &[bool]) -> Placed {
        self.order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let p = positions.get(i)?;
                Some((self.network.person(*id)?.key.clone(), (*p, pinned.get(i).copied().unwrap_or(false))))
            })
            .collect()
    }

    /// The network for the project file, with these positions and pins (by layout index).
    pub fn saved(&self, positions: &[[f32; 2]], pinned: &[bool]) -> SavedNetwork {
        let mut by_key = BTreeMap::new();
        let mut pins = Vec::new();
        for (i, id) in self.order.iter().enumerate() {
            let Some(person) = self.network.person(*id) else { continue };
            if let Some(p) = positions.get(i).filter(|p| p[0].is_finite() && p[1].is_finite()) {
                by_key.insert(person.key.clone(), *p);
            }
            if pinned.get(i).copied().unwrap_or(false) {
                pins.push(person.key.clone());
            }
        }
        SavedNetwork::from_network(
            &self.network,
            self.import.path.as_ref().map(|p| p.display().to_string()),
            LoadOptions { mapping: self.import.mapping.clone(), ..self.import.options.clone() },
            self.import.mapping.as_ref().and_then(|m| m.colour_by.clone()),
            by_key,
            pins,
        )
    }

    /// The one-line summary of what was opened.
    fn opened_line(&self, lang: Lang, anonymized: bool) -> String {
        let tr = lang.tr();
        format!("{} {}: {}", tr.opened, self.title(lang, anonymized), tr.load_summary(&self.report))
    }

    /// The network's name as the screen shows it (its own name can identify a place or a
    /// person: hidden while names are).
    fn title(&self, lang: Lang, anonymized: bool) -> &str {
        if anonymized { lang.tr().anonymized_network } else { &self.network.name }
    }
}

/// A loaded network on its way into the project.
pub struct Arrival {
    /// What was read.
    pub loaded: Loaded,
    /// Where from.
    pub source: Source,
    /// The path the user opened.
    pub path: Option<PathBuf>,
    /// The import choices remembered for it.
    pub choices: Option<LoadOptions>,
    /// It joins the project (File > Add to project) rather than replacing it.
    pub joins: bool,
}

/// What installing a network did, for the rest of the app.
pub struct Installed {
    /// The status line.
    pub message: String,
    /// It joined the project in the background; the network on screen is unchanged.
    pub joined: bool,
    /// It was the network on screen read again: everyone kept their place.
    pub reloaded: bool,
    /// It is big enough that its first picture should be drawn before its layout starts.
    pub big: bool,
    /// Who and what the reload brought (they fade in).
    pub appeared: Appeared,
}

/// People and ties a network read again has that it did not have before, by person key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Appeared {
    /// Keys of the new people.
    pub people: Vec<String>,
    /// New ties between people who were there before: (source key, target key).
    pub ties: Vec<(String, String)>,
}

impl Appeared {
    /// What `new` has that `old` did not.
    pub fn between(old: &Network, new: &Network) -> Self {
        let people =
            new.people().filter(|(_, p)| old.find(&p.key).is_none()).map(|(_, p)| p.key.clone()).collect();
        let ties = new
            .ties()
            .filter_map(|(_, s, t, _)| {
                let (s, t) = (new.person(s)?, new.person(t)?);
                let (os, ot) = (old.find(&s.key)?, old.find(&t.key)?);
                old.find_tie(os, ot).is_none().then(|| (s.key.clone(), t.key.clone()))
            })
            .collect();
        Self { people, ties }
    }

    /// Nothing new.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.ties.is_empty()
    }
}

/// The open networks and what is looked at.
#[derive(Default)]
pub struct Workspace {
    doc: Option<Document>,
    others: Vec<Document>,
    compare_with: Option<u64>,
    next_serial: u64,
    /// Current filters.
    pub filter: FilterSpec,
    /// The neighbourhood view: a person and how many steps stay bright.
    pub ego: Option<(PersonId, u8)>,
    /// Person whose card is open.
    pub selected: Option<PersonId>,
    /// Person under the pointer.
    pub hovered: Option<PersonId>,
    /// OCAI culture profiles, when a responses file is open.
    pub ocai: Option<OcaiReport>,
    /// The OCAI responses file's text (saved with the project).
    pub ocai_text: Option<String>,
    /// Names are hidden on screen (the status lines say so too).
    anonymized: bool,
}

impl Workspace {
    /// The network on screen.
    pub fn doc(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// See [`Self::doc`].
    pub fn doc_mut(&mut self) -> Option<&mut Document> {
        self.doc.as_mut()
    }

    /// The network beside the one on screen, by serial.
    pub fn compare_with(&self) -> Option<u64> {
        self.compare_with
    }

    /// Shows another open network beside the active one (or stops).
    pub fn set_compare_with(&mut self, serial: Option<u64>) {
        self.compare_with = serial.filter(|s| self.others.iter().any(|d| d.serial == *s));
    }

    /// The network shown beside the active one.
    pub fn compare_doc(&self) -> Option<&Document> {
        let serial = self.compare_with?;
        self.others.iter().find(|d| d.serial == serial)
    }

    /// Every open network in opening order: (serial, name, is it the one on screen).
    pub fn project_list(&self) -> Vec<(u64, String, bool)> {
        self.all_docs()
            .into_iter()
            .map(|d| (d.serial, d.shown().name.clone(), self.is_active(d.serial)))
            .collect()
    }

    /// All open networks in opening order.
    pub fn all_docs(&self) -> Vec<&Document> {
        let mut docs: Vec<&Document> = self.others.iter().chain(self.doc.as_ref()).collect();
        docs.sort_by_key(|d| d.serial);
        docs
    }

    fn is_active(&self, serial: u64) -> bool {
        self.doc.as_ref().is_some_and(|d| d.serial == serial)
    }

    fn take_serial(&mut self) -> u64 {
        self.next_serial += 1;
        self.next_serial
    }

    /// Keeps every pseudonymised copy in step.
    pub fn set_anonymized(&mut self, on: bool, lang: Lang) {
        self.anonymized = on;
        for doc in self.doc.iter_mut().chain(self.others.iter_mut()) {
            doc.set_anonymized(on, lang);
        }
    }

    /// The person whose neighbourhood stands out: the neighbourhood view's, else the hovered one.
    pub fn focus_person(&self) -> Option<PersonId> {
        self.ego.map(|(p, _)| p).or(self.hovered)
    }

    /// Steps of neighbourhood that stay bright.
    pub fn focus_depth(&self) -> u8 {
        self.ego.map_or(1, |(_, d)| d.max(1))
    }

    /// A person's key in the network on screen.
    pub fn key_of(&self, id: PersonId) -> Option<String> {
        self.doc.as_ref()?.key_of(id)
    }

    /// The layout index of a person by key in the network on screen.
    pub fn dense_of_key(&self, key: &str) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        doc.dense(doc.network.find(key)?)
    }

    /// Keys of the pinned people of the network on screen.
    pub fn pinned_keys(&self, snapshot: &Snapshot) -> Vec<String> {
        let Some(doc) = &self.doc else { return Vec::new() };
        doc.order
            .iter()
            .enumerate()
            .filter(|(i, _)| snapshot.pinned.get(*i).copied().unwrap_or(false))
            .filter_map(|(_, id)| doc.network.person(*id).map(|p| p.key.clone()))
            .collect()
    }

    /// Everyone's position and pin by key in the network on screen.
    pub fn placed(&self, snapshot: &Snapshot) -> Placed {
        self.doc.as_ref().map(|d| d.placed(&snapshot.positions, &snapshot.pinned)).unwrap_or_default()
    }

    /// Whether `p` is in the neighbourhood view around `focus`.
    pub fn near(&self, focus: (PersonId, u8), p: PersonId) -> bool {
        let Some(doc) = &self.doc else { return false };
        let near = analysis::filter::neighbourhood(doc.shown(), focus.0, focus.1);
        near.get(p.index()).copied().unwrap_or(false)
    }

    /// The world bounds of the neighbourhood view's people, with `pad` around them.
    pub fn neighbourhood_bounds(&self, snapshot: &Snapshot, pad: f32) -> Option<([f32; 2], [f32; 2])> {
        let ((focus, depth), doc) = (self.ego?, self.doc.as_ref()?);
        let near = analysis::filter::neighbourhood(doc.shown(), focus, depth);
        let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for (i, id) in doc.order.iter().enumerate() {
            if near.get(id.index()).copied().unwrap_or(false)
                && let Some(p) = snapshot.positions.get(i).filter(|p| p[0].is_finite() && p[1].is_finite())
            {
                min = [min[0].min(p[0]), min[1].min(p[1])];
                max = [max[0].max(p[0]), max[1].max(p[1])];
            }
        }
        (min[0] <= max[0]).then(|| ([min[0] - pad, min[1] - pad], [max[0] + pad, max[1] + pad]))
    }

    /// Shows another open network; the current one keeps its positions and pins. Returns the
    /// newly shown network.
    pub fn activate(
        &mut self,
        serial: u64,
        layout: &mut LayoutHandle,
        s: &LayoutSettings,
    ) -> Option<&Document> {
        if self.is_active(serial) {
            return None;
        }
        let index = self.others.iter().position(|d| d.serial == serial)?;
        let mut next = self.others.remove(index);
        if let Some(mut current) = self.doc.take() {
            let snapshot = layout.snapshot();
            current.positions.clone_from(&snapshot.positions);
            current.pinned.clone_from(&snapshot.pinned);
            self.others.push(current);
        }
        if self.compare_with == Some(serial) {
            self.compare_with = None;
        }
        let (positions, pinned) = (std::mem::take(&mut next.positions), std::mem::take(&mut next.pinned));
        let engine = next.relayout(Start::Stored { positions: &positions, pinned: &pinned }, s);
        (next.positions, next.pinned) = (positions, pinned);
        layout.replace(engine);
        self.selected = None;
        self.hovered = None;
        self.doc = Some(next);
        self.doc.as_ref()
    }

    /// Closes one network; returns the network to show instead when it was the one on screen.
    pub fn close(&mut self, serial: u64) -> Option<u64> {
        if self.compare_with == Some(serial) {
            self.compare_with = None;
        }
        if self.is_active(serial) {
            self.doc = None;
            self.others.iter().map(|d| d.serial).min()
        } else {
            self.others.retain(|d| d.serial != serial);
            None
        }
    }

    /// Puts a loaded network into the project: beside the others (laid out at once when
    /// small), or on screen, replacing the project unless it is the same file read again
    /// (then everyone known keeps their place and pin).
    pub fn install(
        &mut self,
        arrival: Arrival,
        layout: &mut LayoutHandle,
        s: &LayoutSettings,
        lang: Lang,
    ) -> Installed {
        let Arrival { loaded, source, path, choices, joins } = arrival;
        let serial = self.take_serial();
        let tr = lang.tr();
        let link = s.params.link_distance;
        if joins && self.doc.is_some() {
            let (mut doc, graph, positions) = Document::from_loaded(loaded, source, path, None, s.node_sizes);
            let from_file = layout::fit_file_positions(&graph, &positions, link);
            doc.serial = serial;
            if from_file.iter().all(Option::is_some) && !from_file.is_empty() {
                doc.positions = from_file.iter().map(|p| p.unwrap_or_default()).collect();
                doc.pinned = vec![false; graph.len()];
            } else if graph.len() <= LAY_OUT_ON_ADD {
                doc.positions = settled_positions(&graph, &from_file, s);
                doc.pinned = vec![false; graph.len()];
            }
            let message = doc.opened_line(lang, self.anonymized);
            self.others.push(doc);
            return Installed {
                message,
                joined: true,
                reloaded: false,
                big: false,
                appeared: Appeared::default(),
            };
        }
        let reloaded = self.doc.as_ref().is_some_and(|d| d.source == source);
        if !joins && !reloaded {
            self.others.clear();
            self.compare_with = None;
        }
        let placed = if reloaded { self.placed(layout.snapshot()) } else { Placed::new() };
        let (mut doc, graph, positions) = Document::from_loaded(loaded, source, path, choices, s.node_sizes);
        doc.serial = match &self.doc {
            Some(old) if reloaded => old.serial,
            _ => serial,
        };
        let mut appeared = Appeared::default();
        if let Some(old) = self.doc.as_ref().filter(|_| reloaded) {
            doc.pseudonyms = old.pseudonyms.clone();
            appeared = Appeared::between(&old.network, &doc.network);
        }
        // A file drawn by another tool (Gephi, yEd, Pajek) opens as it was drawn.
        let from_file =
            if reloaded { Vec::new() } else { layout::fit_file_positions(&graph, &positions, link) };
        let file_known = from_file.iter().flatten().count();
        let engine = if reloaded {
            // The same file again (reload, new import choices): everyone known stays put, pins
            // too; new people settle in beside their ties.
            engine_for(&graph, Start::Kept(&placed), s)
        } else if file_known > 0 {
            engine_for(&graph, Start::Indexed(&from_file), s)
        } else {
            engine_for(&graph, Start::Fresh, s)
        };
        let changes = self
            .doc
            .as_ref()
            .filter(|_| reloaded)
            .map(|old| crate::watch::Changes::between(&old.network, &doc.network));
        let message = match changes {
            Some(c) => format!("{} {}: {}", tr.reloaded, doc.title(lang, self.anonymized), c.describe(lang)),
            None if file_known > 0 => {
                format!("{}; {}", doc.opened_line(lang, self.anonymized), tr.file_positions_kept)
            }
            None => doc.opened_line(lang, self.anonymized),
        };
        let message = with_warnings(message, doc.report.warnings.len(), lang);
        if !reloaded {
            self.filter = FilterSpec::default();
            self.selected = None;
        }
        self.hovered = None;
        let big = doc.network.person_count() >= BIG_FIRST_PICTURE;
        self.doc = Some(doc);
        layout.replace(engine);
        Installed { message, joined: false, reloaded, big, appeared }
    }

    /// Reads a network beside the one on screen again (a live survey's table after new
    /// answers): everyone known keeps their place and pin, newcomers settle in beside their
    /// ties; its place in the project, import choices and pseudonyms stay. Returns the status
    /// line, or gives the network back when none beside came from `source`.
    pub fn refresh_beside(
        &mut self,
        arrival: Arrival,
        s: &LayoutSettings,
        lang: Lang,
    ) -> Result<String, Box<Arrival>> {
        let Some(index) = self.others.iter().position(|d| d.source == arrival.source) else {
            return Err(Box::new(arrival));
        };
        let Arrival { loaded, source, path, .. } = arrival;
        let old = &self.others[index];
        let choices = Some(old.import.options.clone());
        let (mut doc, graph, _) = Document::from_loaded(loaded, source, path, choices, s.node_sizes);
        doc.serial = old.serial;
        doc.pseudonyms = old.pseudonyms.clone();
        // Laid out before (small enough): laid out again now, else when it is shown.
        if old.positions.len() == old.order.len() && !old.positions.is_empty() {
            let placed = old.placed(&old.positions, &old.pinned);
            let mut engine = engine_for(&graph, Start::Kept(&placed), s);
            engine.run_to_settle(2_000);
            doc.positions = engine.positions();
            doc.pinned = (0..graph.len()).map(|i| engine.pinned(i)).collect();
        }
        let changes = crate::watch::Changes::between(&old.network, &doc.network);
        let title = doc.title(lang, self.anonymized);
        let message = format!("{} {title}: {}", lang.tr().reloaded, changes.describe(lang));
        self.others[index] = doc;
        Ok(with_warnings(message, self.others[index].report.warnings.len(), lang))
    }

    /// The status line of the network on screen, in `lang` (a language change says it again).
    pub fn opened_line(&self, lang: Lang) -> Option<String> {
        let doc = self.doc.as_ref()?;
        Some(with_warnings(doc.opened_line(lang, self.anonymized), doc.report.warnings.len(), lang))
    }

    /// Networks whose name is the culture file's name of a municipality spelled another way
    /// (the file name "asdalen" for "Åsdalen") take the culture file's spelling. Returns the
    /// municipality the culture panel should show: the one on screen, if it has a profile.
    pub fn adopt_culture_names(&mut self) -> Option<String> {
        let report = self.ocai.as_ref()?;
        let spelled = |name: &str| {
            let key = crate::model::fold(name);
            report
                .groups
                .iter()
                .find(|g| !g.municipality.is_empty() && crate::model::fold(&g.municipality) == key)
                .map(|g| g.municipality.clone())
        };
        for doc in self.doc.iter_mut().chain(self.others.iter_mut()) {
            if let Some(name) = spelled(&doc.network.name) {
                doc.network.rename(&name);
            }
        }
        self.doc.as_ref().and_then(|d| spelled(&d.network.name))
    }

    /// Every network as the project file holds it, with the positions of the one on screen
    /// from `snapshot`: (networks, index of the one on screen, index of the one beside).
    pub fn saved_networks(&self, snapshot: &Snapshot) -> (Vec<SavedNetwork>, usize, Option<usize>) {
        let docs = self.all_docs();
        let networks = docs
            .iter()
            .map(|doc| {
                if self.is_active(doc.serial) {
                    doc.saved(&snapshot.positions, &snapshot.pinned)
                } else {
                    doc.saved(&doc.positions, &doc.pinned)
                }
            })
            .collect();
        let active = docs.iter().position(|d| self.is_active(d.serial)).unwrap_or(0);
        let beside = self.compare_with.and_then(|s| docs.iter().position(|d| d.serial == s));
        (networks, active, beside)
    }

    /// Replaces every network with a project's (laid out where the file has no positions); the
    /// culture survey comes with it. Returns the serials of the network it had on screen (to
    /// show now) and of the one beside it.
    pub fn open_project(&mut self, project: &ProjectFile, s: &LayoutSettings) -> (Option<u64>, Option<u64>) {
        self.others.clear();
        self.doc = None;
        self.compare_with = None;
        self.selected = None;
        self.hovered = None;
        let mut docs = Vec::new();
        for saved in &project.networks {
            let source = Source::Files(saved.source.iter().map(PathBuf::from).collect());
            let (mut doc, graph) =
                Document::new(saved.to_network(), ImportReport::default(), source, s.node_sizes);
            doc.serial = self.take_serial();
            doc.positions =
                graph.keys.iter().map(|k| saved.positions.get(k).copied().unwrap_or([0.0, 0.0])).collect();
            let pinned: HashSet<&String> = saved.pinned.iter().collect();
            doc.pinned = graph.keys.iter().map(|k| pinned.contains(k)).collect();
            let mut mapping = saved.import.mapping.clone();
            if let Some(c) = &saved.colour_by {
                mapping.get_or_insert_with(Default::default).colour_by = Some(c.clone());
            }
            doc.import = ImportInfo {
                path: saved.source.as_ref().map(PathBuf::from),
                options: saved.import.clone(),
                mapping,
                ..ImportInfo::default()
            };
            // Positions that were never saved (hand-edited file) get a fresh layout.
            if saved.positions.len() < graph.len() {
                let start: Vec<Option<[f32; 2]>> =
                    graph.keys.iter().map(|k| saved.positions.get(k).copied()).collect();
                doc.positions = settled_positions(&graph, &start, s);
            }
            docs.push(doc);
        }
        self.filter = project.view.filter;
        self.ocai_text.clone_from(&project.ocai_text);
        self.ocai = project.ocai_text.as_ref().and_then(|t| {
            crate::analysis::ocai::parse_and_score(t, &crate::analysis::ocai::OcaiOptions::default()).ok()
        });
        let active = docs.get(project.active).or(docs.first()).map(|d| d.serial);
        let beside = project.compare_with.and_then(|i| docs.get(i)).map(|d| d.serial);
        self.others = docs;
        (active, beside.filter(|s| Some(*s) != active))
    }

    /// The view on screen as a scene called `name`: which network, filters, focus and
    /// everyone's position now; the caller adds the camera and what else it shows.
    pub fn scene_here(&self, name: String, snapshot: &Snapshot, camera: SavedCamera) -> Option<SavedScene> {
        let doc = self.doc.as_ref()?;
        let positions = doc
            .order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| Some((doc.network.person(*id)?.key.clone(), *snapshot.positions.get(i)?)))
            .collect();
        let network = self.all_docs().iter().position(|d| d.serial == doc.serial).unwrap_or(0);
        Some(SavedScene {
            name,
            network,
            filter: self.filter,
            focus: self.ego.and_then(|(p, _)| doc.network.person(p)).map(|p| p.key.clone()),
            ego_depth: self.ego.map_or(0, |(_, d)| d),
            camera,
            positions,
            chart: None,
            legend_corner: None,
            extra: Default::default(),
        })
    }

    /// Shows a scene's filters and focus on the network on screen (the caller showed the
    /// scene's network first), people frozen where the scene has them.
    pub fn show_scene(&mut self, scene: &SavedScene, layout: &mut LayoutHandle, s: &LayoutSettings) {
        self.filter = scene.filter;
        let pinned: HashSet<String> = self.pinned_keys(layout.snapshot()).into_iter().collect();
        let Some(doc) = self.doc.as_mut() else { return };
        self.ego =
            scene.focus.as_ref().and_then(|k| doc.network.find(k)).map(|p| (p, scene.ego_depth.max(1)));
        // Frozen positions: exactly as saved; people added since then settle around them.
        let engine = doc.relayout(Start::Scene { positions: &scene.positions, pinned: &pinned }, s);
        layout.replace(engine);
        self.hovered = None;
    }

    /// The serial of a scene's network.
    pub fn serial_of(&self, network: usize) -> Option<u64> {
        self.all_docs().get(network).map(|d| d.serial)
    }

    /// Lays out a network beside that was never laid out (a large network added to the project)
    /// and returns its positions.
    pub fn positions_beside(&self, s: &LayoutSettings) -> Option<Vec<[f32; 2]>> {
        let doc = self.compare_doc()?;
        if doc.positions.len() == doc.order.len() {
            return Some(doc.positions.clone());
        }
        let (graph, _) = layout::graph_of_sized(&doc.network, s.node_sizes);
        Some(settled_positions(&graph, &[], s))
    }
}

/// `message`, with how many warnings the load gave.
fn with_warnings(message: String, warnings: usize, lang: Lang) -> String {
    if warnings == 0 {
        return message;
    }
    let tr = lang.tr();
    let word = if warnings == 1 { tr.warning_one } else { tr.warnings };
    format!("{message} ({} {word})", tr.grouped(warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(stem: &'static str) -> Arrival {
        let loaded = crate::io::samples::load(stem).expect("a sample").expect("it reads");
        Arrival { loaded, source: Source::Sample(stem), path: None, choices: None, joins: false }
    }

    fn settings() -> LayoutSettings {
        LayoutSettings { node_sizes: None, seed: 1, params: LayoutParams::default() }
    }

    #[test]
    fn a_network_shown_again_is_where_it_was_left() {
        let (mut ws, mut layout, s) = (Workspace::default(), LayoutHandle::inline(), settings());
        let first = ws.install(sample("fjellvik"), &mut layout, &s, Lang::En);
        assert!(!first.joined && !first.reloaded);
        layout.poll(std::time::Duration::from_millis(50));
        let left = layout.snapshot().positions.clone();
        let fjellvik = ws.doc().map(|d| d.serial).expect("open");
        let added = ws.install(Arrival { joins: true, ..sample("solboen") }, &mut layout, &s, Lang::En);
        assert!(added.joined, "joins beside, the network on screen stays");
        assert_eq!(ws.doc().map(|d| d.serial), Some(fjellvik));
        let names: Vec<String> = ws.project_list().into_iter().map(|(_, n, _)| n).collect();
        assert_eq!(names, ["Fjellvik", "Solbøen"], "in opening order");
        let solboen = ws.project_list()[1].0;
        assert!(ws.activate(solboen, &mut layout, &s).is_some());
        assert_eq!(ws.activate(solboen, &mut layout, &s).map(|d| d.serial), None, "already shown");
        ws.activate(fjellvik, &mut layout, &s);
        assert_eq!(layout.snapshot().positions, left, "settled where it was left");
    }

    #[test]
    fn the_same_file_again_keeps_everyone_and_their_pins() {
        let (mut ws, mut layout, s) = (Workspace::default(), LayoutHandle::inline(), settings());
        ws.install(sample("fjellvik"), &mut layout, &s, Lang::En);
        layout.set_pinned(3, true);
        layout.place(3, [500.0, -500.0], true);
        let before = ws.placed(layout.snapshot());
        ws.filter.sector.allowed[0] = false;
        let again = ws.install(sample("fjellvik"), &mut layout, &s, Lang::En);
        assert!(again.reloaded);
        assert!(again.message.starts_with("Reloaded Fjellvik"), "{}", again.message);
        assert_eq!(ws.placed(layout.snapshot()), before, "positions and pins by key");
        assert!(!ws.filter.sector.allowed[0], "a reload keeps the filters");
        let other = ws.install(sample("solboen"), &mut layout, &s, Lang::En);
        assert!(!other.reloaded);
        assert!(ws.filter.is_open(), "another file starts unfiltered");
        assert_eq!(ws.project_list().len(), 1, "and replaces the project");
    }

    #[test]
    fn a_network_beside_read_again_keeps_everyone_known_in_place() {
        let (mut ws, mut layout, s) = (Workspace::default(), LayoutHandle::inline(), settings());
        ws.install(sample("fjellvik"), &mut layout, &s, Lang::En);
        ws.install(Arrival { joins: true, ..sample("solboen") }, &mut layout, &s, Lang::En);
        let beside = |ws: &Workspace| {
            let doc =
                ws.all_docs().into_iter().find(|d| d.source == Source::Sample("solboen")).expect("open");
            (doc.serial, doc.placed(&doc.positions, &doc.pinned), doc.network.person_count())
        };
        let (serial, before, people) = beside(&ws);
        assert_eq!(before.len(), people, "laid out when it joined");
        let fjellvik = ws.placed(layout.snapshot());
        // Read again with a newcomer who names someone known.
        let mut again = sample("solboen");
        let network = &mut again.loaded.network;
        let new = network.add_person(crate::model::Person::new("newcomer")).expect("a new key");
        let known = network.people().map(|(id, _)| id).find(|id| *id != new).expect("someone");
        network.add_tie(new, known, crate::model::Tie::default()).expect("a tie");
        let message = ws
            .refresh_beside(Arrival { joins: true, ..again }, &s, Lang::En)
            .unwrap_or_else(|_| panic!("it was beside"));
        assert!(message.starts_with("Reloaded Solbøen: +1 person, +1 tie"), "{message}");
        let (serial_after, after, people_after) = beside(&ws);
        assert_eq!((serial_after, people_after), (serial, people + 1), "its place in the project stays");
        assert!(before.iter().all(|(k, v)| after.get(k) == Some(v)), "nobody known moved");
        let newcomer = after.get("newcomer").expect("laid out").0;
        assert!(newcomer[0].is_finite() && newcomer[1].is_finite());
        assert_eq!(ws.project_list().len(), 2);
        assert_eq!(ws.placed(layout.snapshot()), fjellvik, "the network on screen is untouched");
        let other = ws.refresh_beside(sample("asdalen"), &s, Lang::En);
        assert!(other.is_err(), "not open beside: given back");
    }

    #[test]
    fn closing_the_network_on_screen_names_the_next() {
        let (mut ws, mut layout, s) = (Workspace::default(), LayoutHandle::inline(), settings());
        ws.install(sample("fjellvik"), &mut layout, &s, Lang::En);
        ws.install(Arrival { joins: true, ..sample("solboen") }, &mut layout, &s, Lang::En);
        let [(a, _, true), (b, _, false)] = ws.project_list()[..] else { panic!("two, the first shown") };
        ws.set_compare_with(Some(b));
        assert_eq!(ws.compare_doc().map(|d| d.serial), Some(b));
        ws.set_compare_with(Some(a));
        assert_eq!(ws.compare_with(), None, "the network on screen is not beside itself");
        assert_eq!(ws.close(a), Some(b));
        assert!(ws.doc().is_none());
    }

    #[test]
    fn relayout_after_an_edit_keeps_everyone_known() {
        let (mut ws, mut layout, s) = (Workspace::default(), LayoutHandle::inline(), settings());
        ws.install(sample("fjellvik"), &mut layout, &s, Lang::En);
        let placed = ws.placed(layout.snapshot());
        let doc = ws.doc_mut().expect("open");
        doc.network.add_person(crate::model::Person::new("newcomer")).expect("a new key");
        let engine = doc.relayout(Start::Kept(&placed), &s);
        layout.replace(engine);
        let after = ws.placed(layout.snapshot());
        assert_eq!(after.len(), placed.len() + 1);
        assert!(placed.iter().all(|(k, v)| after.get(k) == Some(v)), "nobody known moved");
        let doc = ws.doc().expect("open");
        let id = doc.network.find("newcomer").expect("added");
        assert_eq!(doc.order.get(doc.dense(id).expect("laid out")), Some(&id), "order and index agree");
    }
}
