//! One entry point for every file Infonet reads: it tells the format from the extension (and
//! the first bytes when that is not enough), reads it with the right parser, picks the
//! relation, maps attributes, and returns the network with its import report.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::convert::{AttributeMapping, AttributeSummary, guess_mapping_from, into_network, node_attributes};
use super::raw::RawFile;
use super::reading::ReadLimits;
use super::survey::PossibleDuplicate;
use super::{ImportReport, LoadError, Loaded, ParseError, Progress, Stage, build_network, decode};

/// The formats Infonet reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// People + ties tables (CSV, TSV, TXT).
    Tables,
    /// A survey export: one row per respondent with named_1..named_k.
    Survey,
    /// An Excel workbook (.xlsx).
    Workbook,
    /// GraphML.
    GraphMl,
    /// GEXF.
    Gexf,
    /// GML.
    Gml,
    /// Pajek .net / .paj.
    Pajek,
    /// UCINET DL.
    Dl,
    /// JSON node-link (networkx, d3, Gephi/graphology, Cytoscape.js).
    Json,
    /// A plain edge list.
    EdgeList,
}

impl Format {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Tables => "people and ties tables",
            Self::Survey => "survey export",
            Self::Workbook => "Excel workbook",
            Self::GraphMl => "GraphML",
            Self::Gexf => "GEXF",
            Self::Gml => "GML",
            Self::Pajek => "Pajek",
            Self::Dl => "UCINET DL",
            Self::Json => "JSON",
            Self::EdgeList => "edge list",
        }
    }

    /// Whether attributes need mapping (peer formats).
    pub fn has_free_attributes(self) -> bool {
        !matches!(self, Self::Tables | Self::Survey)
    }
}

/// File extensions the open dialog offers.
pub const EXTENSIONS: &[&str] = &[
    "csv", "tsv", "txt", "xlsx", "graphml", "xml", "gexf", "gml", "net", "paj", "pajek", "dl", "json",
    "edges", "edgelist", "el",
];

/// What the user chose for a file: which relation, which attributes, which names to merge.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadOptions {
    /// The relation (graph) to use, by name or 1-based number; the first when `None`.
    pub relation: Option<String>,
    /// Attribute mapping for peer formats; guessed from names when `None`.
    pub mapping: Option<AttributeMapping>,
    /// Survey names to merge: (kept key, merged key).
    pub merges: Vec<(String, String)>,
    /// Fill the parts of `mapping` left empty from the guess (the command line maps only what
    /// it is told to; the import dialog maps exactly what the user chose).
    pub guess_unmapped: bool,
}

/// Tells the format of a file from its name and first bytes.
pub fn detect_format(path: &Path, head: &[u8]) -> Format {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "graphml" => return Format::GraphMl,
        "gexf" => return Format::Gexf,
        "gml" => return Format::Gml,
        "net" | "paj" | "pajek" => return Format::Pajek,
        "dl" => return Format::Dl,
        "json" | "cyjs" => return Format::Json,
        "xlsx" | "xlsm" => return Format::Workbook,
        "edges" | "edgelist" | "el" | "ncol" => return Format::EdgeList,
        _ => {}
    }
    sniff(head).unwrap_or(Format::Tables)
}

/// Guesses a format from the first bytes; `None` for plain text tables.
fn sniff(head: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(head.get(..head.len().min(4096)).unwrap_or_default());
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let lower = t.to_lowercase();
    if head.starts_with(b"PK\x03\x04") {
        return Some(Format::Workbook);
    }
    if lower.starts_with('<') {
        if has_element(&lower, "graphml") {
            return Some(Format::GraphMl);
        }
        if has_element(&lower, "gexf") {
            return Some(Format::Gexf);
        }
    }
    if lower.starts_with('{') || lower.starts_with('[') {
        return Some(Format::Json);
    }
    if lower.starts_with("*vertices") || lower.starts_with("*network") || lower.starts_with("*arcs") {
        return Some(Format::Pajek);
    }
    if lower.starts_with("dl ") || lower.starts_with("dl\n") || lower.starts_with("dl\r") {
        return Some(Format::Dl);
    }
    let first_code = lower.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
    if first_code
        .is_some_and(|l| l.starts_with("graph") || l.starts_with("creator") || l.starts_with("version"))
        && lower.contains('[')
    {
        return Some(Format::Gml);
    }
    None
}

/// What a file of a format is called in messages ("too large to be a GraphML file").
fn kind_of(format: Format) -> &'static str {
    match format {
        Format::Tables => "a table",
        Format::Survey => "a survey export",
        Format::Workbook => "an Excel workbook",
        Format::GraphMl => "a GraphML file",
        Format::Gexf => "a GEXF file",
        Format::Gml => "a GML file",
        Format::Pajek => "a Pajek file",
        Format::Dl => "a UCINET DL file",
        Format::Json => "a JSON network",
        Format::EdgeList => "an edge list",
    }
}

/// Whether `xml` has a start tag named `name`, with or without a namespace prefix
/// (`<graphml`, `<ns3:graphml` as JAXB writes it).
fn has_element(xml: &str, name: &str) -> bool {
    xml.split('<').skip(1).any(|tag| {
        let tag_name =
            tag.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or_default();
        tag_name.rsplit(':').next() == Some(name)
    })
}

/// How much of the start of a file tells its format.
const HEAD_BYTES: usize = 4096;

/// The first bytes of a file, for folder listings (which look at many files and read none whole).
fn head_of(path: &Path) -> Vec<u8> {
    super::reading::read_head(path, HEAD_BYTES as u64)
}

/// The format of a file from its name and first bytes, a table with `named_1..k` columns being a
/// survey export.
fn format_of(path: &Path, bytes: &[u8]) -> Format {
    let head = bytes.get(..bytes.len().min(HEAD_BYTES)).unwrap_or_default();
    match detect_format(path, head) {
        Format::Tables if looks_like_survey(&decode(head).unwrap_or_default()) => Format::Survey,
        format => format,
    }
}

/// Reads the whole file once. What it is meant to be is told from its name where that is enough;
/// a file too large to read is named by its first bytes (the only case that looks at them apart).
fn read_whole(path: &Path, progress: &Progress) -> Result<Vec<u8>, LoadError> {
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    progress.add_total(len.saturating_mul(2));
    let by_name = kind_of(detect_format(path, b""));
    match super::reading::read_file(path, ReadLimits::of(by_name), progress) {
        Err(LoadError::TooLarge { path, bytes, .. }) => {
            let kind = kind_of(format_of(&path, &head_of(&path)));
            Err(LoadError::TooLarge { path, bytes, kind })
        }
        read => read,
    }
}

/// Opens any supported file. Equivalent to [`super::load`] for people + ties tables.
pub fn open(path: &Path, options: &LoadOptions, progress: &Progress) -> Result<Loaded, LoadError> {
    let result = open_inner(path, options, progress);
    progress.finish();
    result
}

fn network_name(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut chars = stem.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Network".to_owned(),
    }
}

fn parse_error(path: &Path) -> impl Fn(ParseError) -> LoadError + '_ {
    move |error| LoadError::Parse { path: path.to_owned(), error }
}

fn open_inner(path: &Path, options: &LoadOptions, progress: &Progress) -> Result<Loaded, LoadError> {
    // A device or a pipe is refused before anything is opened (a pipe blocks when opened).
    super::reading::not_a_regular_file(path)?;
    // One read: the format is told from the bytes the parser then reads.
    let bytes = read_whole(path, progress)?;
    let format = format_of(path, &bytes);
    let file = path.display().to_string();
    match format {
        Format::Tables => super::load_tables(super::Source { path: path.to_owned(), bytes }, progress),
        Format::Survey => open_survey_bytes(path, &bytes, options, progress),
        Format::Workbook => {
            progress.set_stage(Stage::Parsing);
            let tables = super::xlsx::load_workbook_tables(&bytes).map_err(parse_error(path))?;
            if let Some(index) = tables.survey {
                let sheet = tables.workbook.sheets.get(index).ok_or_else(|| LoadError::NotATable {
                    path: path.to_owned(),
                    message: "the survey sheet went missing".into(),
                })?;
                let survey =
                    super::survey::survey_from_sheet(sheet).map_err(parse_error(path))?.with_file(&file);
                super::check_people(path, survey.rows.len())?;
                let loaded = survey_loaded(path, &survey, options, Format::Workbook);
                super::check_people(path, loaded.network.person_count())?;
                return Ok(loaded);
            }
            let Some(ties) = tables.ties else {
                return Err(LoadError::NotATable {
                    path: path.to_owned(),
                    message: "found no ties sheet (named ties, bånd or relasjoner) and no survey sheet \
                              (named_1, named_2 … columns) in this workbook"
                        .into(),
                });
            };
            progress.set_stage(Stage::Building);
            super::check_people(path, tables.people.as_ref().map_or(0, |p| p.rows.len()))?;
            let (network, report) = build_network(
                &network_name(path),
                tables.people.map(|p| p.with_file(&file)),
                ties.with_file(&file),
            );
            super::check_people(path, network.person_count())?;
            Ok(Loaded {
                network,
                report,
                files: vec![path.to_owned()],
                format: Some(format),
                ..Loaded::default()
            })
        }
        _ => {
            progress.set_stage(Stage::Parsing);
            let mut raw = parse_raw(format, &bytes).map_err(parse_error(path))?;
            if let Some(note) = super::text::encoding_note(&bytes) {
                raw.warnings.insert(0, note);
            }
            // The parsed graph owns its text: the file's bytes can go before the network is built.
            drop(bytes);
            progress.set_stage(Stage::Building);
            raw_loaded(path, format, raw, options)
        }
    }
}

/// Parses a peer format into graphs.
pub fn parse_raw(format: Format, bytes: &[u8]) -> Result<RawFile, ParseError> {
    match format {
        Format::GraphMl => super::graphml::parse_graphml(bytes),
        Format::Gexf => super::gexf::parse_gexf(bytes),
        Format::Gml => super::gml::parse_gml(bytes),
        Format::Pajek => super::pajek::parse_pajek(bytes),
        Format::Dl => super::ucinet_dl::parse_dl(bytes),
        Format::Json => super::json_graph::parse_json_graph(bytes),
        Format::EdgeList => super::edge_list::parse_edge_list(bytes),
        Format::Tables | Format::Survey | Format::Workbook => {
            Err(ParseError::new(1, 1, "this is a table, not a graph file"))
        }
    }
}

/// Names of the graphs of a file: their own names, or "1", "2", … .
pub fn relation_names(raw: &RawFile) -> Vec<String> {
    raw.graphs
        .iter()
        .enumerate()
        .map(|(i, g)| g.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("{}", i + 1)))
        .collect()
}

fn raw_loaded(path: &Path, format: Format, raw: RawFile, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let names = relation_names(&raw);
    if raw.graphs.is_empty() {
        return Err(LoadError::NotATable {
            path: path.to_owned(),
            message: "the file holds no graph".into(),
        });
    }
    let index = match &options.relation {
        None => 0,
        Some(wanted) => {
            let w = wanted.trim().to_lowercase();
            names
                .iter()
                .position(|n| n.to_lowercase() == w)
                .or_else(|| w.parse::<usize>().ok().filter(|&k| k >= 1 && k <= names.len()).map(|k| k - 1))
                .ok_or_else(|| LoadError::NotATable {
                    path: path.to_owned(),
                    message: format!(
                        "there is no relation \"{wanted}\"; the file holds: {}",
                        names.join(", ")
                    ),
                })?
        }
    };
    let RawFile { graphs, warnings: raw_warnings } = raw;
    let Some(graph) = graphs.into_iter().nth(index) else {
        return Err(LoadError::NotATable { path: path.to_owned(), message: "no such relation".into() });
    };
    let attributes: Vec<AttributeSummary> = node_attributes(&graph);
    // Where a drawing tool left everyone (Gephi, yEd, Pajek): the first definition of a node wins.
    let mut positions = std::collections::BTreeMap::new();
    let mut file_positions = std::collections::BTreeMap::new();
    for node in &graph.nodes {
        if let Some([x, y]) = node.position
            && x.is_finite()
            && y.is_finite()
        {
            file_positions.entry(node.id.clone()).or_insert([x, y]);
            if let (x, y) = (x as f32, y as f32)
                && x.is_finite()
                && y.is_finite()
            {
                positions.entry(node.id.clone()).or_insert([x, y]);
            }
        }
    }
    let guess = guess_mapping_from(&attributes);
    let mapping = match options.mapping.clone() {
        None => guess,
        Some(mut m) if options.guess_unmapped => {
            m.sector = m.sector.or(guess.sector);
            m.tenure = m.tenure.or(guess.tenure);
            m.age = m.age.or(guess.age);
            m.respondent = m.respondent.or(guess.respondent);
            m
        }
        Some(m) => m,
    };
    let file = path.display().to_string();
    let mut name = network_name(path);
    if names.len() > 1
        && let Some(rel) = names.get(index)
    {
        name = format!("{name} ({rel})");
    }
    super::check_people(path, graph.nodes.len())?;
    let (network, mut report) = into_network(&name, &file, graph, &mapping);
    super::check_people(path, network.person_count())?;
    let mut warnings: Vec<_> = raw_warnings;
    for w in &mut warnings {
        if w.file.is_empty() {
            w.file.clone_from(&file);
        }
    }
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    Ok(Loaded {
        network,
        report,
        files: vec![path.to_owned()],
        format: Some(format),
        relations: names.clone(),
        relation: names.get(index).cloned(),
        mapping: Some(mapping),
        attributes,
        duplicates: Vec::new(),
        positions,
        file_positions,
    })
}

fn looks_like_survey(text: &str) -> bool {
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else { return false };
    let delimiter = super::Delimiter::sniff(first);
    let header: Vec<String> =
        first.split(char::from(delimiter.byte())).map(|h| h.trim().to_owned()).collect();
    super::survey::is_survey_header(&header)
}

fn open_survey_bytes(
    path: &Path,
    bytes: &[u8],
    options: &LoadOptions,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    progress.set_stage(Stage::Parsing);
    let mut survey = super::survey::parse_survey(bytes).map_err(parse_error(path))?;
    if let Some(note) = super::text::encoding_note(bytes) {
        survey.warnings.insert(0, note);
    }
    let survey = survey.with_file(&path.display().to_string());
    progress.set_stage(Stage::Building);
    super::check_people(path, survey.rows.len())?;
    let loaded = survey_loaded(path, &survey, options, Format::Survey);
    super::check_people(path, loaded.network.person_count())?;
    Ok(loaded)
}

fn survey_loaded(
    path: &Path,
    survey: &super::survey::Survey,
    options: &LoadOptions,
    format: Format,
) -> Loaded {
    let mut survey = survey.clone();
    if survey.name.trim().is_empty() {
        survey.name = network_name(path);
    }
    let (network, report, duplicates): (_, ImportReport, Vec<PossibleDuplicate>) =
        super::survey::build_survey(&survey, &options.merges);
    Loaded {
        network,
        report,
        files: vec![path.to_owned()],
        format: Some(format),
        duplicates,
        ..Loaded::default()
    }
}

/// The network files in a folder, one per network: a people + ties pair counts once (by its
/// ties file), attribute tables next to ties files and OCAI files are left out. Sorted by name.
pub fn network_files_in(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in &names {
        let lower = name.to_lowercase();
        let path = folder.join(name);
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        if !EXTENSIONS.contains(&ext.as_str()) || lower.starts_with('.') || lower.contains("ocai") {
            continue;
        }
        if matches!(ext.as_str(), "csv" | "tsv" | "txt") {
            let naming = super::files::Naming::of(name);
            match naming.role {
                // The pair is read from its ties file; a people file alone is not a network.
                Some(super::files::Role::People) => continue,
                Some(super::files::Role::Ties) => {}
                None => {
                    // Attribute tables and READMEs are not networks; a plain table is, when its
                    // header is a ties table or a survey.
                    let head = head_of(&path);
                    let text = decode(&head).unwrap_or_default();
                    let is_ties =
                        super::table::parse_table(text.lines().next().unwrap_or_default().as_bytes())
                            .is_ok_and(|t| matches!(t, super::Table::Ties(_)));
                    if !is_ties && !looks_like_survey(&text) {
                        continue;
                    }
                }
            }
        }
        out.push(path);
    }
    out
}

/// The files a load read, for reload-on-change.
pub fn watched_files(loaded: &Loaded) -> Vec<PathBuf> {
    loaded.files.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_content() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(detect_format(&p("a.graphml"), b""), Format::GraphMl);
        assert_eq!(detect_format(&p("a.GEXF"), b""), Format::Gexf);
        assert_eq!(detect_format(&p("a.paj"), b""), Format::Pajek);
        assert_eq!(detect_format(&p("a.xml"), b"<?xml version='1.0'?><graphml>"), Format::GraphMl);
        assert_eq!(detect_format(&p("a.xml"), b"<?xml version='1.0'?>\n<gexf xmlns="), Format::Gexf);
        assert_eq!(detect_format(&p("a.txt"), b"*Vertices 3\n1 \"a\"\n"), Format::Pajek);
        assert_eq!(detect_format(&p("a.txt"), b"Creator \"x\"\ngraph [\n node [ id 1 ] ]"), Format::Gml);
        assert_eq!(detect_format(&p("a.txt"), b"DL n=3\nformat=edgelist1\n"), Format::Dl);
        assert_eq!(detect_format(&p("a"), b"{\"nodes\": []}"), Format::Json);
        assert_eq!(detect_format(&p("a.csv"), b"id,name\n1,x\n"), Format::Tables);
        assert_eq!(detect_format(&p("book"), b"PK\x03\x04rest"), Format::Workbook);
        assert_eq!(
            detect_format(&p("a.xml"), b"<?xml version='1.0'?><ns3:graphml xmlns:ns3="),
            Format::GraphMl
        );
        assert_eq!(detect_format(&p("a.xml"), b"<?xml version='1.0'?><g:gexf>"), Format::Gexf);
        assert_eq!(detect_format(&p("a.xml"), b"<?xml version='1.0'?><graphmlish/>"), Format::Tables);
    }

    /// A GraphML whose elements carry a namespace prefix, as JAXB writes it, saved as .xml: read
    /// as GraphML (it was taken for a table and refused).
    #[test]
    fn a_graphml_with_prefixed_elements_opens() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("jaxb.xml");
        std::fs::write(
            &path,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <g:graphml xmlns:x=\"http://www.w3.org/1999/xlink\" xmlns:g=\"http://graphml.graphdrawing.org/xmlns\">\n\
             <g:graph id=\"g\" edgedefault=\"undirected\">\n\
             <g:node id=\"a\"/><g:node id=\"b\"/><g:node id=\"c\"/>\n\
             <g:edge source=\"b\" target=\"a\"/><g:edge source=\"c\" target=\"b\"/>\n\
             </g:graph>\n</g:graphml>\n",
        )
        .expect("write");
        let loaded = open(&path, &LoadOptions::default(), &Progress::new()).expect("opens");
        assert_eq!(loaded.format, Some(Format::GraphMl));
        assert_eq!((loaded.network.person_count(), loaded.network.tie_count()), (3, 2));
    }

    /// The file is read once; only a file too large to read is looked at apart, to name it.
    #[test]
    fn a_file_too_large_is_named_by_its_first_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "*Vertices 3\n1 \"a\"\n").expect("write");
        let file = std::fs::OpenOptions::new().write(true).open(&path).expect("open");
        file.set_len(super::super::MAX_FILE_BYTES + 1).expect("sparse file");
        let error = open(&path, &LoadOptions::default(), &Progress::new()).expect_err("too large");
        assert_eq!(
            error.to_string(),
            format!("{} is too large to be a Pajek file (513 MB; the limit is 512 MB)", path.display())
        );
    }

    #[test]
    fn folder_lists_one_file_per_network() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-networks");
        let names: Vec<String> = network_files_in(&folder)
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, ["asdalen.ties.csv", "fjellvik.ties.csv", "solboen.ties.csv"]);
    }

    #[test]
    fn several_relations_pick_by_name_or_number() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("multi.net");
        std::fs::write(
            &path,
            "*Vertices 3\n1 \"Åse\"\n2 \"Bo\"\n3 \"Cai\"\n*Arcs :1 \"advice\"\n1 2\n2 3\n*Arcs :2 \"friendship\"\n3 1\n",
        )
        .expect("write");
        let first = open(&path, &LoadOptions::default(), &Progress::new()).expect("opens");
        assert_eq!(first.relations, vec!["advice".to_owned(), "friendship".to_owned()]);
        assert_eq!(first.network.tie_count(), 2);
        let options = LoadOptions { relation: Some("Friendship".into()), ..LoadOptions::default() };
        let second = open(&path, &options, &Progress::new()).expect("opens");
        assert_eq!(second.network.tie_count(), 1);
        assert_eq!(second.relation.as_deref(), Some("friendship"));
        let by_number = LoadOptions { relation: Some("2".into()), ..LoadOptions::default() };
        assert_eq!(open(&path, &by_number, &Progress::new()).expect("opens").network.tie_count(), 1);
        let wrong = LoadOptions { relation: Some("love".into()), ..LoadOptions::default() };
        let err = open(&path, &wrong, &Progress::new()).expect_err("no such relation");
        assert!(err.to_string().contains("advice, friendship"), "{err}");
    }
}
