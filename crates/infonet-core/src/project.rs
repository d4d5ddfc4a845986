//! The project file (`.infonet`, `docs/formats.md` §4): human-readable JSON that reopens exactly
//! what the presenter saw: every municipality's people and ties with all attributes, positions
//! and pins, filters, camera, view settings, scenes and OCAI responses. Unknown fields from
//! newer versions are kept when the file is saved again. No egui here.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::FilterSpec;
use crate::io::open::LoadOptions;
use crate::layout::LayoutParams;
use crate::model::{Network, Person, Tie};
use crate::scene::SizeBy;

/// The `format` value of every project file.
pub const FORMAT: &str = "infonet-project";
/// The version this build writes.
pub const VERSION: u32 = 1;
/// Largest project file read (bytes).
pub const MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// A whole project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// The version that wrote it.
    pub version: u32,
    /// The municipalities, in opening order.
    pub networks: Vec<SavedNetwork>,
    /// Index of the one on screen.
    #[serde(default)]
    pub active: usize,
    /// Index of the one shown beside it.
    #[serde(default)]
    pub compare_with: Option<usize>,
    /// Filters, camera and display settings.
    #[serde(default)]
    pub view: SavedView,
    /// Named views to present.
    #[serde(default)]
    pub scenes: Vec<SavedScene>,
    /// The OCAI responses file's text, when one was open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocai_text: Option<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One municipality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedNetwork {
    /// Name.
    pub name: String,
    /// The file it was read from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// How it was read (relation, attribute mapping, merges).
    #[serde(default)]
    pub import: LoadOptions,
    /// Colour people by this attribute instead of sector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour_by: Option<String>,
    /// People, in order.
    pub people: Vec<Person>,
    /// Ties, by person id.
    pub ties: Vec<SavedTie>,
    /// Positions by person id (world units).
    #[serde(default)]
    pub positions: BTreeMap<String, [f32; 2]>,
    /// Pinned people by id.
    #[serde(default)]
    pub pinned: Vec<String>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One tie.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedTie {
    /// Who named (id).
    pub source: String,
    /// Who was named (id).
    pub target: String,
    /// Kind, weight, direction.
    #[serde(flatten)]
    pub tie: Tie,
}

/// The camera.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedCamera {
    /// World point at the centre.
    pub centre: [f32; 2],
    /// Points per world unit.
    pub scale: f32,
    /// Size of the canvas it was seen in (points), so a render of another size shows the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<[f32; 2]>,
}

impl Default for SavedCamera {
    fn default() -> Self {
        Self { centre: [0.0, 0.0], scale: 1.0, size: None }
    }
}

/// View settings saved with the project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedView {
    /// Filters.
    pub filter: FilterSpec,
    /// Camera.
    pub camera: Option<SavedCamera>,
    /// Names shown.
    pub show_labels: bool,
    /// Legend shown.
    pub show_legend: bool,
    /// Size metric.
    pub size_by: SizeBy,
    /// Pseudonyms on.
    pub anonymize: bool,
    /// Layout seed.
    pub seed: u64,
    /// Layout forces.
    pub layout: LayoutParams,
    /// The legend's corner.
    pub legend_corner: crate::scene::frame::Corner,
    /// The smallest and largest disc (`None`: automatic).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_sizes: Option<[f32; 2]>,
    /// Names of the most named drawn bigger.
    pub label_size_by_degree: bool,
}

impl Default for SavedView {
    fn default() -> Self {
        Self {
            filter: FilterSpec::default(),
            camera: None,
            show_labels: true,
            show_legend: true,
            size_by: SizeBy::InDegree,
            anonymize: false,
            seed: 1,
            layout: LayoutParams::default(),
            legend_corner: crate::scene::frame::Corner::default(),
            node_sizes: None,
            label_size_by_degree: false,
        }
    }
}

/// A named view: which municipality, filters, focus, camera and (frozen) positions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedScene {
    /// Name shown in the scene list.
    pub name: String,
    /// Index into `networks`.
    pub network: usize,
    /// Filters with fade/hide.
    pub filter: FilterSpec,
    /// The person in focus (id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Steps of neighbourhood shown around the focus (0: just highlight).
    #[serde(default)]
    pub ego_depth: u8,
    /// Camera.
    pub camera: SavedCamera,
    /// Positions by person id, frozen when the scene was saved.
    #[serde(default)]
    pub positions: BTreeMap<String, [f32; 2]>,
    /// A chart shown instead of the network (a slide).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart: Option<SavedChart>,
    /// The legend's corner in this scene.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend_corner: Option<crate::scene::frame::Corner>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A chart slide: which chart, and for kites which municipality.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SavedChart {
    /// Which chart.
    pub kind: crate::chart::ChartKind,
    /// The municipality (kite, composition); `None`: the scene's network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
}

/// Why a project could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// Could not read the file.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Not valid JSON, or not a project.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: std::path::PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl SavedNetwork {
    /// Saves a network with its positions and pins (by person id).
    pub fn from_network(
        network: &Network,
        source: Option<String>,
        import: LoadOptions,
        colour_by: Option<String>,
        positions: BTreeMap<String, [f32; 2]>,
        pinned: Vec<String>,
    ) -> Self {
        Self {
            name: network.name.clone(),
            source,
            import,
            colour_by,
            people: network.people().map(|(_, p)| p.clone()).collect(),
            ties: network
                .ties()
                .filter_map(|(_, s, t, tie)| {
                    Some(SavedTie {
                        source: network.person(s)?.key.clone(),
                        target: network.person(t)?.key.clone(),
                        tie: tie.clone(),
                    })
                })
                .collect(),
            positions,
            pinned,
            extra: BTreeMap::new(),
        }
    }

    /// The network again. People with a repeated id and ties to unknown ids are skipped.
    pub fn to_network(&self) -> Network {
        let mut network = Network::new(self.name.clone());
        for person in &self.people {
            network.add_person(person.clone()).ok();
        }
        for t in &self.ties {
            if let (Some(a), Some(b)) = (network.find(&t.source), network.find(&t.target)) {
                network.add_tie(a, b, t.tie.clone()).ok();
            }
        }
        network
    }
}

impl ProjectFile {
    /// An empty project of this version.
    pub fn new() -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            networks: Vec::new(),
            active: 0,
            compare_with: None,
            view: SavedView::default(),
            scenes: Vec::new(),
            ocai_text: None,
            extra: BTreeMap::new(),
        }
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
    }

    /// Parses a project; positioned errors for bad JSON or a file that is not a project.
    pub fn from_json(path: &Path, text: &str) -> Result<Self, ProjectError> {
        let invalid = |line, column, message: String| ProjectError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message,
        };
        let project: Self = serde_json::from_str(text)
            .map_err(|e| invalid(e.line().max(1), e.column().max(1), e.to_string()))?;
        if project.format != FORMAT {
            return Err(invalid(
                1,
                1,
                format!("this is not an Infonet project (format is \"{}\")", project.format),
            ));
        }
        Ok(project)
    }

    /// Reads a project file.
    pub fn read(path: &Path) -> Result<Self, ProjectError> {
        let io = |source| ProjectError::Io { path: path.to_owned(), source };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_BYTES {
            return Err(ProjectError::Invalid {
                path: path.to_owned(),
                line: 1,
                column: 1,
                message: "the file is too large to be a project".into(),
            });
        }
        // Not a regular file (a device, a pipe): refused rather than read without end.
        let limits = crate::io::reading::ReadLimits { max_bytes: MAX_BYTES, kind: "a project" };
        let bytes = crate::io::reading::read_file(path, limits, &crate::io::Progress::new()).map_err(
            |err| match err {
                crate::io::LoadError::Io { source, .. } => io(source),
                other => ProjectError::Invalid {
                    path: path.to_owned(),
                    line: 1,
                    column: 1,
                    message: other.to_string(),
                },
            },
        )?;
        let text = String::from_utf8_lossy(&bytes);
        Self::from_json(path, &text)
    }

    /// Writes the project atomically (temporary file, flush, rename).
    pub fn write(&self, path: &Path) -> Result<(), crate::io::export::SaveError> {
        crate::io::export::write_atomic(path, self.to_json().as_bytes())
    }
}

impl Default for ProjectFile {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_people_ties_positions_and_unknown_fields() {
        let network = crate::io::samples::load("fjellvik").expect("sample").expect("parses").network;
        let positions: BTreeMap<String, [f32; 2]> = network
            .people()
            .enumerate()
            .map(|(i, (_, p))| (p.key.clone(), [i as f32, -(i as f32) * 0.5]))
            .collect();
        let mut project = ProjectFile::new();
        project.networks.push(SavedNetwork::from_network(
            &network,
            Some("sample-networks/fjellvik.people.csv".into()),
            LoadOptions::default(),
            None,
            positions.clone(),
            vec!["p085".into()],
        ));
        project.extra.insert("from_the_future".into(), serde_json::json!({"x": 1}));
        let text = project.to_json();
        assert!(text.contains("Åsta Lysø"), "human-readable UTF-8");
        let back = ProjectFile::from_json(Path::new("t.infonet"), &text).expect("parses");
        assert_eq!(back, project);
        let again = back.networks[0].to_network();
        assert_eq!(again.person_count(), 91);
        assert_eq!(again.tie_count(), 204);
        assert_eq!(back.networks[0].positions, positions);
        assert_eq!(back.extra["from_the_future"], serde_json::json!({"x": 1}));
    }

    #[test]
    fn bad_files_give_positioned_errors() {
        let err = ProjectFile::from_json(Path::new("x.infonet"), "{\n  \"format\": 3,").expect_err("bad");
        assert!(err.to_string().starts_with("x.infonet:2:"), "{err}");
        let err = ProjectFile::from_json(
            Path::new("x.infonet"),
            "{\"format\":\"other\",\"version\":1,\"networks\":[]}",
        )
        .expect_err("not ours");
        assert!(err.to_string().contains("not an Infonet project"), "{err}");
        let newer = "{\"format\":\"infonet-project\",\"version\":7,\"networks\":[],\"newthing\":[1,2]}";
        let p = ProjectFile::from_json(Path::new("x.infonet"), newer).expect("newer versions still open");
        assert!(p.extra.contains_key("newthing"));
    }
}
