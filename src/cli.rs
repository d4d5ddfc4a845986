//! The command line: the window by default, headless subcommands over the same library.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::analysis::summarize;
use crate::io;

/// Explore informant networks: who names whom as an important source of information.
#[derive(Debug, Parser)]
#[command(name = "infonet", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Files to open in the window (several, or a folder, open as one project of
    /// municipalities); without any, a sample network opens.
    pub paths: Vec<PathBuf>,
    /// Layout seed: the same file and seed give the same picture.
    #[arg(long)]
    pub seed: Option<u64>,
    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Commands>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Print counts of a network: people, ties, respondents, sectors, tenure and age bands,
    /// tie kinds and in-degrees.
    Stats {
        /// A network file (CSV/TSV/XLSX tables, survey export, GraphML, GEXF, GML, Pajek,
        /// UCINET DL, JSON or an edge list). A people or ties file reads its partner too. A live
        /// survey's folder (`infonet collect --out DIR`) reads what was collected, with the
        /// spellings that may be one person (near misses, never merged).
        path: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Compute the measures on the people these filters let through, e.g.
        /// `--filter tenure=10+,age=>40,sector=public` (several values: `age=30-40|>40`).
        #[arg(long)]
        filter: Option<String>,
        /// Compute betweenness even for networks over 5,000 people (it takes O(people x ties)).
        #[arg(long)]
        betweenness: bool,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Convert a network to another format, chosen by OUT's extension: .graphml, .gexf,
    /// .json (networkx node-link) or .csv (a NAME.people.csv + NAME.ties.csv pair).
    Convert {
        /// The file to read.
        input: PathBuf,
        /// The file to write.
        output: PathBuf,
        #[command(flatten)]
        import: ImportArgs,
        /// Layout seed for the positions written (GEXF viz:position, GraphML x/y) when the input
        /// has none of its own (its own are written as they were).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Do not lay the network out; write no positions.
        #[arg(long)]
        no_layout: bool,
    },
    /// Score an OCAI file (organisational culture, Cameron & Quinn): each municipality's now and
    /// preferred profile, gaps, dominant culture and the validation report.
    Ocai {
        /// CSV/TSV in the long, wide or profiles layout, or XLSX (first sheet).
        path: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Replace respondent ids (often names) with "Respondent N".
        #[arg(long, alias = "anonymise")]
        anonymize: bool,
    },
    /// Draw a network as SVG or PNG (by OUT's extension), exactly as the window shows it:
    /// sector colours, size by in-degree, tie colours, legend. A project (.infonet) is drawn
    /// as saved, or one of its scenes with --scene.
    Render(RenderArgs),
    /// Collect a network in the room: serve the survey's page to participants' phones on
    /// ADDR:PORT, keep every answer in OUT (answers.jsonl, flushed before each reply; a survey
    /// table `infonet stats OUT` reads), print one JSON line with the join address, and serve
    /// until interrupted. Starting it again on the same OUT recovers every answer.
    Collect(CollectArgs),
    /// Measure speed (prints one JSON line).
    #[command(subcommand)]
    Bench(BenchCommand),
}

/// What `infonet render` draws and how.
#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// A network file, or a project saved by the app (.infonet).
    pub path: PathBuf,
    /// The picture to write: .svg or .png.
    #[arg(short, long)]
    pub output: PathBuf,
    /// A project's scene to draw (by name).
    #[arg(long)]
    pub scene: Option<String>,
    /// Width in pixels (PNG) or points (SVG).
    #[arg(long, default_value_t = 1600)]
    pub width: u32,
    /// Height; by default two thirds of the width.
    #[arg(long)]
    pub height: Option<u32>,
    /// No background (PNG with alpha, SVG without a backdrop).
    #[arg(long)]
    pub transparent: bool,
    /// Dark background.
    #[arg(long)]
    pub dark: bool,
    /// Colours and a second cue that stay apart for colour-blind viewers.
    #[arg(long)]
    pub colour_blind: bool,
    /// Leave the names out.
    #[arg(long)]
    pub no_labels: bool,
    /// Show only (or fade) some people, e.g. `--filter tenure=10+,age=>40`.
    #[arg(long)]
    pub filter: Option<String>,
    /// Legend and pseudonyms in Norwegian (bokmål).
    #[arg(long)]
    pub norwegian: bool,
    /// Layout seed for a network file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Draw a chart instead of the network: `kite` (culture, OCAI), `composition` (tenure,
    /// age, sector) or `compare` (the municipalities side by side). PATH may then also be a
    /// folder of municipalities; the culture survey is the project's, or a file named *ocai*
    /// (.csv or .xlsx) in the folder.
    #[arg(long, value_parser = ["kite", "composition", "compare"])]
    pub chart: Option<String>,
    /// Which municipality a kite or composition chart shows (case and æøå ignored).
    #[arg(long)]
    pub municipality: Option<String>,
    #[command(flatten)]
    pub import: ImportArgs,
}

/// What `infonet collect` asks and where it keeps the answers.
#[derive(Debug, Clone, clap::Args)]
pub struct CollectArgs {
    /// A network whose people are offered as type-ahead (the roster), optional.
    pub roster: Option<PathBuf>,
    /// The address to listen on, e.g. 192.168.1.20:8080 (the laptop's address on the venue's
    /// network), 0.0.0.0:8080 (every network; the join address is then the laptop's address on
    /// the room's network, the others are listed in `join_urls`) or 127.0.0.1:0 (this machine
    /// only, any free port).
    #[arg(long)]
    pub listen: std::net::SocketAddr,
    /// The folder the answers go to.
    #[arg(long)]
    pub out: PathBuf,
    /// The question (default: the study's).
    #[arg(long)]
    pub question: Option<String>,
    /// How many people each participant may name (default 5, at most 20).
    #[arg(long)]
    pub max_named: Option<usize>,
    /// The survey's title (the collected network's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Ask no background questions (sector, years, age).
    #[arg(long)]
    pub no_background: bool,
    /// The participants' page in Norwegian (bokmål).
    #[arg(long)]
    pub norwegian: bool,
}

/// How to read a file: which relation, which attributes play sector, tenure and age.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ImportArgs {
    /// For files with several relations or networks: which one (name or 1-based number).
    #[arg(long)]
    pub relation: Option<String>,
    /// The attribute read as sector, with optional value mapping:
    /// `--sector DEPT:1=public,2=private,3=other`.
    #[arg(long)]
    pub sector: Option<String>,
    /// The attribute read as years in the municipality.
    #[arg(long)]
    pub tenure: Option<String>,
    /// The attribute read as age.
    #[arg(long)]
    pub age: Option<String>,
    /// Replace every name and id with a pseudonym from sector and a number ("Public 3").
    #[arg(long, alias = "anonymise")]
    pub anonymize: bool,
    /// With --anonymize: an attribute to keep (repeat for several); every other attribute is
    /// dropped, since free text such as an e-mail or a note can name someone.
    #[arg(long = "keep-attribute", value_name = "NAME", requires = "anonymize")]
    pub keep_attributes: Vec<String>,
    /// The most people a network may have (default 1,000,000): a file that declares or holds
    /// more is refused before memory runs out. Also INFONET_MAX_PEOPLE.
    #[arg(long, value_name = "N")]
    pub max_people: Option<usize>,
}

impl ImportArgs {
    /// The load options these arguments ask for.
    pub fn options(&self) -> Result<crate::io::open::LoadOptions, String> {
        if let Some(n) = self.max_people {
            if n == 0 {
                return Err("--max-people must be at least 1".into());
            }
            crate::io::limits::set_max_people(n);
        }
        let mut options = crate::io::open::LoadOptions {
            relation: self.relation.clone(),
            guess_unmapped: true,
            ..Default::default()
        };
        if self.sector.is_some() || self.tenure.is_some() || self.age.is_some() {
            let mut mapping = crate::io::convert::AttributeMapping::default();
            if let Some(sector) = &self.sector {
                mapping.parse_sector_arg(sector)?;
            }
            mapping.tenure.clone_from(&self.tenure);
            mapping.age.clone_from(&self.age);
            options.mapping = Some(mapping);
        }
        Ok(options)
    }
}

/// What to measure.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Runs the layout the app uses on a plain graph file
    /// (`# nodes N edges M`, then `u v` lines) and prints one JSON line with `n`, `m`,
    /// `iterations`, `ms_per_iteration` and `total_s` (the timed region: graph in memory to
    /// final positions).
    Layout {
        /// The `.edges` file.
        graph: PathBuf,
        /// Iterations (steps) to run.
        #[arg(long, default_value_t = 300)]
        iterations: u32,
        /// Layout seed (used when no start positions are given).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Start positions: the benchmark's `.init` file (N lines `x y` in the unit square).
        #[arg(long)]
        start: Option<PathBuf>,
        /// Write the final positions as `id x y` lines.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Barnes-Hut opening angle (default: the app's).
        #[arg(long)]
        theta: Option<f32>,
    },
    /// CPU time to build the scene and paint one canvas frame.
    Frame {
        /// A network file; without it a synthetic network of `--people` people is used.
        path: Option<PathBuf>,
        /// Size of the synthetic network.
        #[arg(long, default_value_t = 1000)]
        people: usize,
        /// Frames to measure (the median is reported).
        #[arg(long, default_value_t = 30)]
        frames: usize,
    },
    /// A room of phones answering a live survey at once over loopback: each participant posts
    /// an answer and then a correction; prints one JSON line with the reply times (p50, p95,
    /// p99, max in ms) and whether every answer is in the journal and the collected network
    /// (`lost`, exit code 1 when any is). Stops by itself.
    Collect {
        /// Participants answering at once.
        #[arg(long, default_value_t = 200)]
        participants: usize,
        /// Keep the survey's folder here (an empty or new folder) instead of a temporary one.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Steps and time until a fresh layout settles.
    Settle {
        /// A network file; without it a synthetic network of `--people` people is used.
        path: Option<PathBuf>,
        /// Size of the synthetic network.
        #[arg(long, default_value_t = 300)]
        people: usize,
        /// Layout seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Stop after this many steps even if not settled.
        #[arg(long, default_value_t = 100_000)]
        max_steps: u64,
    },
}

/// Runs a headless command. Errors go to stderr as `FILE:LINE:COLUMN: what is wrong`, exit 1.
pub fn run(command: Commands) -> ExitCode {
    match command {
        Commands::Stats { path, json, filter, betweenness, import } => {
            stats(&path, json, filter.as_deref(), betweenness, &import)
        }
        Commands::Convert { input, output, import, seed, no_layout } => {
            convert(&input, &output, &import, (!no_layout).then_some(seed))
        }
        Commands::Bench(bench) => run_bench(bench),
        Commands::Render(args) => render(&args),
        Commands::Collect(args) => collect(&args),
        Commands::Ocai { path, json, anonymize } => crate::cli_ocai::run_ocai(&path, json, anonymize),
    }
}

fn render(args: &RenderArgs) -> ExitCode {
    use crate::render::{self, PictureFormat};
    let fail = |code: u8, message: String| {
        eprintln!("infonet: {message}");
        ExitCode::from(code)
    };
    let Some(format) = PictureFormat::for_path(&args.output) else {
        return fail(2, format!("{}: the picture must end in .svg or .png", args.output.display()));
    };
    if !(16..=20_000).contains(&args.width) || args.height.is_some_and(|h| !(16..=20_000).contains(&h)) {
        return fail(2, "--width and --height must be between 16 and 20000".into());
    }
    let width = args.width as f32;
    let height = args.height.map_or(width * 2.0 / 3.0, |h| h as f32);
    // PNGs are drawn at 2x the point size so text stays crisp; the pixel width is the request.
    let size = match format {
        PictureFormat::Svg => [width, height],
        PictureFormat::Png => [width / 2.0, height / 2.0],
    };
    let lang = if args.norwegian { crate::i18n::Lang::Nb } else { crate::i18n::Lang::En };
    let theme = if args.dark { crate::scene::style::Theme::Dark } else { crate::scene::style::Theme::Light };
    let palette = crate::scene::style::Palette::of(theme, args.colour_blind);
    let filter = match args.filter.as_deref().map(crate::analysis::FilterSpec::parse).transpose() {
        Ok(f) => f,
        Err(err) => return fail(2, format!("--filter: {err}")),
    };
    if let Err(err) =
        io::export::refuse_overwriting(std::slice::from_ref(&args.output), std::slice::from_ref(&args.path))
    {
        return fail(1, err.to_string());
    }
    if let Some(kind) = &args.chart {
        return render_chart(args, kind, format, size, &palette, lang);
    }
    let is_project = args.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("infonet"));
    let picture = if is_project {
        let project = match crate::project::ProjectFile::read(&args.path) {
            Ok(p) => p,
            Err(err) => return fail(1, err.to_string()),
        };
        let options = render::ProjectOptions {
            scene: args.scene.as_deref(),
            size,
            anonymize: args.import.anonymize,
            lang,
            palette,
            show_labels: args.no_labels.then_some(false),
            filter,
        };
        match render::project_picture(&project, &options) {
            Ok(p) => p,
            Err(err) => return fail(1, format!("{}: {err}", args.path.display())),
        }
    } else {
        if args.scene.is_some() {
            return fail(2, "--scene needs a project file (.infonet)".into());
        }
        let loaded = match open_for_cli(&args.path, &args.import) {
            Ok(l) => l,
            Err(code) => return code,
        };
        let encoding =
            crate::scene::Encoding { show_labels: !args.no_labels, lang, palette, ..Default::default() };
        // The file's own drawing (Gephi, yEd, Pajek), as the app would show it.
        let (graph, _) = crate::layout::graph_of(&loaded.network);
        let fitted = crate::layout::fit_file_positions(
            &graph,
            &loaded.positions,
            crate::layout::LayoutParams::default().link_distance,
        );
        let from_file: std::collections::BTreeMap<String, [f32; 2]> =
            graph.keys.iter().zip(&fitted).filter_map(|(k, p)| p.map(|p| (k.clone(), p))).collect();
        render::picture(&render::Request {
            network: &loaded.network,
            positions: (!from_file.is_empty()).then_some(&from_file),
            filter: filter.unwrap_or_default(),
            focus: None,
            encoding,
            size,
            camera: None,
            seed: args.seed,
            legend_corner: Default::default(),
        })
    };
    let bytes = match picture.encode(format, args.width, args.transparent) {
        Ok(b) => b,
        Err(err) => return fail(1, err),
    };
    if let Err(err) = io::export::write_atomic(&args.output, &bytes) {
        return fail(1, err.to_string());
    }
    ExitCode::SUCCESS
}

/// `infonet render PATH --chart KIND`: a chart of a network, a folder or a project.
fn render_chart(
    args: &RenderArgs,
    kind: &str,
    format: crate::render::PictureFormat,
    size: [f32; 2],
    palette: &crate::scene::style::Palette,
    lang: crate::i18n::Lang,
) -> ExitCode {
    use crate::chart::{ChartData, chart_svg};
    let fail = |code: u8, message: String| {
        eprintln!("infonet: {message}");
        ExitCode::from(code)
    };
    let sources = match chart_sources(&args.path, &args.import) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let wanted = args.municipality.as_deref().map(crate::model::fold);
    let pick = |name: &str| wanted.as_ref().is_none_or(|w| *w == crate::model::fold(name));
    let svg = match kind {
        "kite" => {
            let Some(report) = &sources.ocai else {
                return fail(
                    1,
                    format!(
                        "{}: no culture survey (OCAI) found: use a project with one, or put a file named *ocai*.csv beside the networks",
                        args.path.display()
                    ),
                );
            };
            let first_network = sources.networks.first().map(|n| crate::model::fold(&n.name));
            let group =
                report.groups.iter().find(|g| pick(&g.municipality) && wanted.is_some()).or_else(|| {
                    if wanted.is_some() {
                        return None;
                    }
                    // A single network's own municipality, else the first in the survey.
                    report
                        .groups
                        .iter()
                        .find(|g| {
                            sources.networks.len() == 1
                                && Some(crate::model::fold(&g.municipality)) == first_network
                        })
                        .or(report.groups.first())
                });
            let Some(group) = group else {
                let names: Vec<&str> = report.groups.iter().map(|g| g.municipality.as_str()).collect();
                return fail(
                    1,
                    format!(
                        "--municipality: no such municipality in the culture survey (it has: {})",
                        names.join(", ")
                    ),
                );
            };
            chart_svg(&ChartData::Kite { group }, size, palette, lang)
        }
        "composition" => {
            let Some(network) = sources.networks.iter().find(|n| pick(&n.name)) else {
                let names: Vec<&str> = sources.networks.iter().map(|n| n.name.as_str()).collect();
                return fail(
                    1,
                    format!("--municipality: no such municipality (there are: {})", names.join(", ")),
                );
            };
            let composition = crate::analysis::composition::composition(network, None);
            chart_svg(
                &ChartData::Composition { name: &network.name, composition: &composition },
                size,
                palette,
                lang,
            )
        }
        _ => {
            let comparison = crate::insights::Comparison::default();
            let rows: Vec<crate::insights::ComparisonRow> =
                sources.networks.iter().enumerate().map(|(i, n)| comparison.row(i as u64, n)).collect();
            chart_svg(&ChartData::Compare { rows: &rows }, size, palette, lang)
        }
    };
    let bytes = match format {
        crate::render::PictureFormat::Svg => svg.into_bytes(),
        crate::render::PictureFormat::Png => {
            let height = (args.width as f32 * size[1] / size[0].max(1.0)).round() as u32;
            match crate::scene::raster::rasterize(&svg, size, [args.width, height.max(1)])
                .and_then(|p| p.encode_png().map_err(|e| format!("cannot encode the PNG: {e}")))
            {
                Ok(b) => b,
                Err(err) => return fail(1, err),
            }
        }
    };
    if let Err(err) = io::export::write_atomic(&args.output, &bytes) {
        return fail(1, err.to_string());
    }
    ExitCode::SUCCESS
}

/// What charts are drawn from: the networks and the culture survey, if any.
struct ChartSources {
    networks: Vec<crate::model::Network>,
    ocai: Option<crate::analysis::ocai::OcaiReport>,
}

/// The networks and culture survey of a project, a folder or one network file (with a
/// culture file named *ocai* beside it). Networks take the survey's spelling of their name.
fn chart_sources(path: &std::path::Path, import: &ImportArgs) -> Result<ChartSources, ExitCode> {
    let fail = |message: String| {
        eprintln!("infonet: {message}");
        ExitCode::from(1)
    };
    let ocai_in = |folder: &std::path::Path| -> Option<crate::analysis::ocai::OcaiReport> {
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_lowercase();
                name.contains("ocai") && (name.ends_with(".csv") || name.ends_with(".xlsx"))
            })
            .collect();
        files.sort();
        crate::cli_ocai::load(files.first()?).ok()
    };
    let mut sources = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("infonet")) {
        let project = crate::project::ProjectFile::read(path).map_err(|e| fail(e.to_string()))?;
        let ocai = project.ocai_text.as_ref().and_then(|t| {
            crate::analysis::ocai::parse_and_score(t, &crate::analysis::ocai::OcaiOptions::default()).ok()
        });
        ChartSources {
            networks: project.networks.iter().map(crate::project::SavedNetwork::to_network).collect(),
            ocai,
        }
    } else if path.is_dir() {
        let files = io::open::network_files_in(path);
        if files.is_empty() {
            return Err(fail(format!("{}: no network files in this folder", path.display())));
        }
        let mut networks = Vec::new();
        for file in files {
            networks.push(open_for_cli(&file, import)?.network);
        }
        ChartSources { networks, ocai: ocai_in(path) }
    } else {
        let network = open_for_cli(path, import)?.network;
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        ChartSources { networks: vec![network], ocai: ocai_in(folder) }
    };
    if let Some(report) = &sources.ocai {
        for network in &mut sources.networks {
            let key = crate::model::fold(&network.name);
            if let Some(g) = report.groups.iter().find(|g| crate::model::fold(&g.municipality) == key) {
                network.rename(&g.municipality);
            }
        }
    }
    Ok(sources)
}

/// `infonet collect`: serves the survey until interrupted.
fn collect(args: &CollectArgs) -> ExitCode {
    use crate::collect::{Survey, SurveyConfig, server::Server};
    let fail = |code: u8, message: String| {
        eprintln!("infonet: {message}");
        ExitCode::from(code)
    };
    // First of all: this handler, not the core's (which ends the process at once), takes Ctrl-C
    // and SIGTERM, so that stopping closes the survey and writes its table.
    let (interrupted, interrupt) = std::sync::mpsc::channel::<()>();
    if let Err(err) = ctrlc::set_handler(move || {
        interrupted.send(()).ok();
    }) {
        return fail(1, format!("cannot wait for Ctrl-C: {err}"));
    }
    let roster: Vec<String> = match &args.roster {
        Some(path) => match open_for_cli(path, &ImportArgs::default()) {
            Ok(loaded) => loaded.network.people().map(|(_, p)| p.name.clone()).collect(),
            Err(code) => return code,
        },
        None => Vec::new(),
    };
    let defaults = SurveyConfig::default();
    let config = SurveyConfig {
        title: args.title.clone().unwrap_or(defaults.title),
        question: args.question.clone().unwrap_or(defaults.question),
        max_named: args.max_named.unwrap_or(defaults.max_named),
        ask_sector: !args.no_background,
        ask_tenure: !args.no_background,
        ask_age: !args.no_background,
        roster,
        token: String::new(),
        lang: if args.norwegian { "nb".into() } else { "en".into() },
    };
    if args.max_named.is_some_and(|k| k == 0 || k > crate::collect::MAX_NAMED_LIMIT) {
        return fail(2, format!("--max-named must be between 1 and {}", crate::collect::MAX_NAMED_LIMIT));
    }
    let (survey, recovered) = match Survey::open(&args.out, config) {
        Ok(s) => s,
        Err(err) => return fail(1, err.to_string()),
    };
    let answers = survey.count();
    let table = survey.table_path();
    let server = match Server::start(survey, args.listen, |accepted| {
        eprintln!(
            "infonet: {} answers{}",
            accepted.count,
            if accepted.replaced { " (one corrected)" } else { "" }
        );
    }) {
        Ok(s) => s,
        Err(err) => return fail(1, err),
    };
    let line = serde_json::json!({
        "join_url": server.join_url,
        "join_urls": server.join_urls,
        "listen": server.local_addr.to_string(),
        "out": args.out.display().to_string(),
        "table": table.display().to_string(),
        "recovered_answers": recovered,
        "participants": answers,
    });
    if writeln!(std::io::stdout().lock(), "{line}").is_err() {
        return ExitCode::from(1);
    }
    std::io::stdout().flush().ok();
    // Serve until Ctrl-C; every accepted answer is already on disk, so any other end is safe too
    // (the table is then written from the journal when the survey is started again).
    interrupt.recv().ok();
    drop(server);
    ExitCode::SUCCESS
}

fn network_or_synthetic(
    path: Option<&std::path::Path>,
    people: usize,
) -> Result<crate::model::Network, ExitCode> {
    match path {
        Some(path) => open_for_cli(path, &ImportArgs::default()).map(|l| l.network),
        None => Ok(crate::bench::synthetic_network(people, 3, 1)),
    }
}

fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string(value) {
        Ok(text) => {
            writeln!(std::io::stdout().lock(), "{text}").ok();
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write JSON: {err}");
            ExitCode::from(1)
        }
    }
}

fn bench_layout(
    graph: &std::path::Path,
    iterations: u32,
    seed: u64,
    start: Option<&std::path::Path>,
    out: Option<&std::path::Path>,
    theta: Option<f32>,
) -> ExitCode {
    let fail = |message: String| {
        eprintln!("{message}");
        ExitCode::from(1)
    };
    let bytes = match io::reading::read_file(
        graph,
        io::reading::ReadLimits::of("an edge list"),
        &io::Progress::new(),
    ) {
        Ok(b) => b,
        Err(err) => return fail(err.to_string()),
    };
    let raw = match io::edge_list::parse_edge_list(&bytes) {
        Ok(raw) => raw,
        Err(err) => return fail(format!("{}:{err}", graph.display())),
    };
    let Some(g) = raw.graphs.into_iter().next() else {
        return fail(format!("{}: no graph", graph.display()));
    };
    let index: std::collections::HashMap<&str, u32> =
        g.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i as u32)).collect();
    let edges: Vec<(u32, u32, f32)> = g
        .edges
        .iter()
        .filter_map(|e| Some((*index.get(e.source.as_str())?, *index.get(e.target.as_str())?, 1.0)))
        .collect();
    let n = g.nodes.len();
    let layout_graph = crate::layout::LayoutGraph {
        keys: g.nodes.iter().map(|n| n.id.clone()).collect(),
        edges,
        radii: Vec::new(),
        rooms: Vec::new(),
    };
    let mut params = crate::layout::LayoutParams::default();
    if let Some(t) = theta {
        params.theta = t;
    }
    // The shared unit-square start, centred and scaled to the side of a square holding n people
    // one link distance apart (our natural size); outside the timed region, like reading the file.
    let side = params.link_distance * (n.max(1) as f32).sqrt();
    let start_positions = match start {
        Some(path) => {
            let limits = io::reading::ReadLimits::of("a layout start file");
            let bytes = match io::reading::read_file(path, limits, &io::Progress::new()) {
                Ok(b) => b,
                Err(err) => return fail(err.to_string()),
            };
            match io::edge_list::parse_layout_init(&bytes, n) {
                Ok(p) => Some(
                    p.into_iter()
                        .map(|[x, y]| [((x - 0.5) as f32) * side, ((y - 0.5) as f32) * side])
                        .collect::<Vec<_>>(),
                ),
                Err(err) => return fail(format!("{}:{err}", path.display())),
            }
        }
        None => None,
    };
    let t0 = std::time::Instant::now();
    let mut engine = match &start_positions {
        Some(p) => crate::layout::LayoutEngine::with_positions(&layout_graph, p, params, iterations),
        None => crate::layout::LayoutEngine::new(&layout_graph, seed, &[], params),
    };
    for _ in 0..iterations {
        engine.step();
    }
    let positions = engine.positions();
    let total = t0.elapsed().as_secs_f64();
    if let Some(path) = out {
        let mut text = String::with_capacity(n * 24);
        for (i, p) in positions.iter().enumerate() {
            text.push_str(&format!("{i} {} {}\n", p[0], p[1]));
        }
        if let Err(err) = std::fs::write(path, text) {
            return fail(format!("cannot write {}: {err}", path.display()));
        }
    }
    let finite = positions.iter().all(|p| p[0].is_finite() && p[1].is_finite());
    let done = engine.steps().max(1) as f64;
    let json = serde_json::json!({
        "n": n,
        "m": layout_graph.edges.len(),
        "iterations": engine.steps(),
        "ms_per_iteration": total * 1000.0 / done,
        "total_s": total,
        "ns_per_node_iteration": total * 1e9 / done / n.max(1) as f64,
        "theta": params.theta,
        "barnes_hut": n >= params.barnes_hut_from,
        "finite": finite,
    });
    writeln!(std::io::stdout().lock(), "{json}").ok();
    if finite { ExitCode::SUCCESS } else { fail("non-finite positions".into()) }
}

fn run_bench(command: BenchCommand) -> ExitCode {
    match command {
        BenchCommand::Layout { graph, iterations, seed, start, out, theta } => {
            bench_layout(&graph, iterations, seed, start.as_deref(), out.as_deref(), theta)
        }
        BenchCommand::Frame { path, people, frames } => {
            let network = match network_or_synthetic(path.as_deref(), people) {
                Ok(n) => n,
                Err(code) => return code,
            };
            print_json(&crate::bench::frame_bench(&network, frames.max(1), 1280.0, 800.0, 2_000))
        }
        BenchCommand::Collect { participants, out } => bench_collect(participants, out.as_deref()),
        BenchCommand::Settle { path, people, seed, max_steps } => {
            let network = match network_or_synthetic(path.as_deref(), people) {
                Ok(n) => n,
                Err(code) => return code,
            };
            print_json(&crate::bench::settle_bench(&network, seed, max_steps))
        }
    }
}

/// `infonet bench collect`: the load run in a temporary folder (or `out`); exit code 1 when an
/// answer was refused or lost.
fn bench_collect(participants: usize, out: Option<&std::path::Path>) -> ExitCode {
    if participants == 0 || participants > 10_000 {
        eprintln!("infonet: --participants must be between 1 and 10000");
        return ExitCode::from(2);
    }
    match crate::collect::load::run_in(participants, out) {
        Ok(report) => {
            let code = print_json(&report);
            if report.lost > 0 || report.failed > 0 { ExitCode::from(1) } else { code }
        }
        Err(err) => {
            eprintln!("infonet: {err}");
            ExitCode::from(1)
        }
    }
}

/// Opens a file for a headless command: errors are printed, and a file with several relations
/// needs `--relation`.
fn open_for_cli(path: &std::path::Path, import: &ImportArgs) -> Result<io::Loaded, ExitCode> {
    let options = import.options().map_err(|err| {
        eprintln!("infonet: {err}");
        ExitCode::from(2)
    })?;
    let loaded = io::open::open(path, &options, &io::Progress::new()).map_err(|err| {
        eprintln!("{err}");
        ExitCode::from(1)
    })?;
    let mut loaded = loaded;
    if import.anonymize {
        anonymize_loaded(&mut loaded, &import.keep_attributes);
    }
    if loaded.relations.len() > 1 && import.relation.is_none() {
        eprintln!(
            "{}: holds {} relations: {}; choose one with --relation NAME",
            path.display(),
            loaded.relations.len(),
            loaded.relations.join(", ")
        );
        return Err(ExitCode::from(1));
    }
    Ok(loaded)
}

/// Replaces names, ids, the network's and relations' names and free text with pseudonyms (see
/// [`crate::analysis::anonymize`]); positions from the file follow their people.
fn anonymize_loaded(loaded: &mut io::Loaded, keep: &[String]) {
    let real = std::mem::take(&mut loaded.network);
    let network = crate::analysis::anonymize::anonymized_keeping(&real, crate::i18n::Lang::En, keep);
    loaded.positions = real
        .people()
        .filter_map(|(id, p)| Some((network.person(id)?.key.clone(), *loaded.positions.get(&p.key)?)))
        .collect();
    loaded.file_positions = real
        .people()
        .filter_map(|(id, p)| Some((network.person(id)?.key.clone(), *loaded.file_positions.get(&p.key)?)))
        .collect();
    loaded.network = network;
    // Relation names are titles like "Kari Nordmann ego"; their numbers do as well.
    let index = loaded.relation.as_ref().and_then(|r| loaded.relations.iter().position(|n| n == r));
    loaded.relations = (1..=loaded.relations.len()).map(|i| i.to_string()).collect();
    loaded.relation = index.map(|i| (i + 1).to_string());
    // Warnings and the import report quote ids and names.
    loaded.report.warnings.clear();
    loaded.report.added_from_ties_keys.clear();
    loaded.attributes.clear();
    loaded.duplicates.clear();
}

/// The stats JSON: the summary, what the import dropped, and the network measures (of the
/// filtered network when `--filter` is given).
#[derive(serde::Serialize)]
struct StatsJson<'a> {
    #[serde(flatten)]
    summary: &'a crate::analysis::Summary,
    dropped: Dropped,
    warnings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<String>,
    /// People and ties the measures were computed on.
    measured_people: usize,
    measured_ties: usize,
    density: Option<f64>,
    reciprocity: ReciprocityJson,
    centralization_in: Option<f64>,
    ei: std::collections::BTreeMap<String, EiJson>,
    components: ComponentsJson,
    isolates: usize,
    /// `null` for networks over 5,000 people unless `--betweenness` is given.
    betweenness: Option<std::collections::BTreeMap<String, f64>>,
    /// A survey's folder: spellings that may be one person (left out with --anonymize).
    #[serde(skip_serializing_if = "Option::is_none")]
    near_misses: Option<Vec<crate::collect::NearMiss>>,
}

#[derive(serde::Serialize)]
struct ReciprocityJson {
    edgewise: Option<f64>,
    dyadic: Option<f64>,
}

#[derive(serde::Serialize)]
struct EiJson {
    observed: Option<f64>,
    expected: Option<f64>,
}

#[derive(serde::Serialize)]
struct ComponentsJson {
    weak: usize,
    strong: usize,
}

#[derive(serde::Serialize)]
struct Dropped {
    self_ties: usize,
    duplicate_ties: usize,
}

fn convert(
    input: &std::path::Path,
    output: &std::path::Path,
    import: &ImportArgs,
    seed: Option<u64>,
) -> ExitCode {
    let loaded = match open_for_cli(input, import) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let outputs = match io::export::output_paths(output) {
        Ok(paths) => paths,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    if let Err(err) = io::export::refuse_overwriting(&outputs, &loaded.files) {
        eprintln!("{err}");
        return ExitCode::from(1);
    }
    let network = &loaded.network;
    // The file's own positions, as they were (units and all); otherwise the same layout the
    // app uses, so a converted file opens looking settled.
    let kept: Option<Vec<Option<[f64; 2]>>> =
        (seed.is_some() && !loaded.file_positions.is_empty()).then(|| {
            let mut by_index = vec![None; network.person_bound()];
            for (id, person) in network.people() {
                if let Some(slot) = by_index.get_mut(id.index()) {
                    *slot = loaded.file_positions.get(&person.key).copied();
                }
            }
            by_index
        });
    let positions = kept.or_else(|| {
        seed.map(|seed| {
            let (graph, order) = crate::layout::graph_of(network);
            let mut engine =
                crate::layout::LayoutEngine::new(&graph, seed, &[], crate::layout::LayoutParams::default());
            engine.run_to_settle(5_000);
            let mut by_index = vec![None; network.person_bound()];
            for (i, id) in order.iter().enumerate() {
                if let Some(slot) = by_index.get_mut(id.index()) {
                    *slot = Some(engine.position(i).map(f64::from));
                }
            }
            by_index
        })
    });
    let palette = crate::scene::Palette::LIGHT;
    let max_in = network.people().map(|(id, _)| network.in_degree(id) as u32).max().unwrap_or(0);
    let looks = |id: crate::model::PersonId| {
        let person = network.person(id);
        let [r, g, b, _] = palette.sector_fill(person.map_or(crate::model::Sector::Unknown, |p| p.sector)).0;
        io::export::NodeLook {
            position: positions.as_ref().and_then(|p| p.get(id.index()).copied().flatten()),
            colour: Some([r, g, b]),
            size: Some(crate::scene::style::node_radius(network.in_degree(id) as u32, max_in)),
        }
    };
    match io::export::export(network, output, Some(&looks)) {
        Ok(files) => {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            eprintln!(
                "wrote {} ({} people, {} ties)",
                names.join(" and "),
                network.person_count(),
                network.tie_count()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
    }
}

/// Networks up to this size get betweenness in `stats` without asking.
const BETWEENNESS_AUTO_MAX: usize = 5_000;

fn stats(
    path: &std::path::Path,
    json: bool,
    filter: Option<&str>,
    betweenness: bool,
    import: &ImportArgs,
) -> ExitCode {
    let spec = match filter.map(crate::analysis::FilterSpec::parse).transpose() {
        Ok(spec) => spec,
        Err(err) => {
            eprintln!("infonet: --filter: {err}");
            return ExitCode::from(2);
        }
    };
    let (loaded, near_misses) = match open_for_stats(path, import) {
        Ok(l) => l,
        Err(code) => return code,
    };
    use crate::analysis::{adjacency::Adjacency, betweenness, measures};
    let network = &loaded.network;
    // The counts and the measures are independent: on two cores, side by side.
    let (summary, adjacency, m) = std::thread::scope(|scope| {
        let counts = scope.spawn(|| summarize(network));
        let filtered = spec.map(|s| crate::analysis::filter::apply(network, &s));
        let adjacency = Adjacency::new(network, filtered.as_ref());
        let m = measures::headline(network, &adjacency);
        let summary = counts.join().unwrap_or_else(|_| summarize(network));
        (summary, adjacency, m)
    });
    let between: Option<std::collections::BTreeMap<String, f64>> =
        (betweenness || adjacency.node_count() <= BETWEENNESS_AUTO_MAX).then(|| {
            let raw = betweenness::betweenness(&adjacency);
            adjacency
                .person_ids()
                .iter()
                .zip(&raw)
                .filter_map(|(id, b)| network.person(*id).map(|p| (p.key.clone(), *b)))
                .collect()
        });
    let text = if json {
        let ei = m
            .partitions
            .iter()
            .map(|p| (p.partition.clone(), EiJson { observed: p.ei, expected: p.ei_expected }))
            .collect();
        let out = StatsJson {
            summary: &summary,
            dropped: Dropped {
                self_ties: loaded.report.self_ties_dropped,
                duplicate_ties: loaded.report.duplicate_ties_dropped,
            },
            warnings: loaded.report.warnings.len(),
            relation: loaded.relation.clone(),
            filter: filter.map(str::to_owned),
            measured_people: m.people,
            measured_ties: m.ties,
            density: m.density,
            reciprocity: ReciprocityJson { edgewise: m.reciprocity.edgewise, dyadic: m.reciprocity.dyadic },
            centralization_in: m.in_degree_centralization,
            ei,
            components: ComponentsJson { weak: m.weak_components, strong: m.strong_components },
            isolates: m.isolates,
            betweenness: between.clone(),
            near_misses: near_misses.clone(),
        };
        let written = serde_json::to_string_pretty(&out);
        // As for the network below: the process ends soon, the OS frees it at once.
        std::mem::forget(out);
        match written {
            Ok(s) => s,
            Err(err) => {
                eprintln!("cannot write JSON: {err}");
                return ExitCode::from(1);
            }
        }
    } else {
        let mut t = String::new();
        t.push_str(&format!("{}\n", summary.name));
        t.push_str(&format!(
            "people {}  ties {}  respondents {}  named only {}  mutual pairs {}\n",
            summary.people, summary.ties, summary.respondents, summary.named_only, summary.mutual_pairs
        ));
        let s = &summary.sectors;
        t.push_str(&format!(
            "sector   public {}  private {}  other {}  unknown {}\n",
            s.public, s.private, s.other, s.unknown
        ));
        let band = |m: &std::collections::BTreeMap<&str, usize>, k: &str| m.get(k).copied().unwrap_or(0);
        t.push_str(&format!(
            "tenure   <4 {}  4-9 {}  10+ {}  unknown {}\n",
            band(&summary.tenure, "<4"),
            band(&summary.tenure, "4-9"),
            band(&summary.tenure, "10+"),
            band(&summary.tenure, "unknown")
        ));
        t.push_str(&format!(
            "age      <30 {}  30-40 {}  >40 {}  unknown {}\n",
            band(&summary.age, "<30"),
            band(&summary.age, "30-40"),
            band(&summary.age, ">40"),
            band(&summary.age, "unknown")
        ));
        let k = &summary.ties_by_kind;
        t.push_str(&format!(
            "ties     internal {}  external {}  unknown {}\n",
            k.internal, k.external, k.unknown
        ));
        let mut top: Vec<_> = summary.in_degree.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let names: Vec<String> = top
            .iter()
            .take(5)
            .map(|(key, n)| {
                let name = loaded
                    .network
                    .find(key)
                    .and_then(|id| loaded.network.person(id))
                    .map_or(key.as_str(), |p| p.name.as_str());
                format!("{name} ({n})")
            })
            .collect();
        t.push_str(&format!("most named: {}\n", names.join(", ")));
        t.push_str(&measures_text(network, &m, filter, between.as_ref()));
        if let Some(near) = &near_misses {
            t.push_str(&near_misses_text(near));
        }
        if !loaded.report.warnings.is_empty() {
            t.push_str(&format!("\n{} warnings:", loaded.report.warnings.len()));
            for w in loaded.report.warnings.iter().take(20) {
                t.push_str(&format!("\n  {w}"));
            }
        }
        t
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    writeln!(out, "{text}").ok();
    // The process ends right after this: freeing a big network allocation by allocation only
    // costs time (a tenth of the run for 100,000 people), the OS takes it back at once.
    std::mem::forget(summary);
    std::mem::forget(adjacency);
    std::mem::forget(loaded);
    ExitCode::SUCCESS
}

/// What `stats` reads: a file, or a live survey's folder (its journal, complete even when the
/// survey table trails it) with the spellings that may be one person. Those are names, so
/// `--anonymize` leaves them out.
fn open_for_stats(
    path: &std::path::Path,
    import: &ImportArgs,
) -> Result<(io::Loaded, Option<Vec<crate::collect::NearMiss>>), ExitCode> {
    if !(path.is_dir() && crate::collect::is_survey_folder(path)) {
        return open_for_cli(path, import).map(|l| (l, None));
    }
    let options = import.options().map_err(|err| {
        eprintln!("infonet: {err}");
        ExitCode::from(2)
    })?;
    let collected = crate::collect::Collected::read(path).map_err(|err| {
        eprintln!("{err}");
        ExitCode::from(1)
    })?;
    let mut loaded = collected.network(&options).map_err(|err| {
        eprintln!("{err}");
        ExitCode::from(1)
    })?;
    if import.anonymize {
        anonymize_loaded(&mut loaded, &import.keep_attributes);
        return Ok((loaded, None));
    }
    Ok((loaded, Some(collected.near_misses())))
}

/// The near misses as text: one line each, the spelling to keep last.
fn near_misses_text(near: &[crate::collect::NearMiss]) -> String {
    if near.is_empty() {
        return "\nnear misses: none (names that differ only in case, spacing or accents are one person)"
            .to_owned();
    }
    let mut t = format!("\nnear misses ({}; suggested, not merged):", near.len());
    for n in near {
        let why = match n.reason {
            crate::io::survey::Similarity::Subset => "words of one in the other".to_owned(),
            _ => format!("{} letter{} apart", n.distance, if n.distance == 1 { "" } else { "s" }),
        };
        t.push_str(&format!(
            "\n  {} ({}x) -> {} ({}{}x; {why})",
            n.merge,
            n.merge_count,
            n.keep,
            if n.on_roster { "roster, " } else { "" },
            n.keep_count
        ));
    }
    t
}

/// The measures as text: of everyone, or of the people `--filter` lets through.
fn measures_text(
    network: &crate::model::Network,
    m: &crate::analysis::measures::Headline,
    filter: Option<&str>,
    between: Option<&std::collections::BTreeMap<String, f64>>,
) -> String {
    let n = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    let mut t = match filter {
        Some(f) => format!("measures of {} people and {} ties (--filter {f})\n", m.people, m.ties),
        None => format!("measures of {} people and {} ties\n", m.people, m.ties),
    };
    t.push_str(&format!(
        "density {}  reciprocity {} (ties) {} (pairs)  in-degree centralization {}\n",
        n(m.density),
        n(m.reciprocity.edgewise),
        n(m.reciprocity.dyadic),
        n(m.in_degree_centralization)
    ));
    let ei: Vec<String> = m
        .partitions
        .iter()
        .map(|p| format!("{} {} (expected {})", p.partition, n(p.ei), n(p.ei_expected)))
        .collect();
    t.push_str(&format!("E-I      {}\n", ei.join("  ")));
    t.push_str(&format!(
        "components weak {}  strong {}  isolates {}",
        m.weak_components, m.strong_components, m.isolates
    ));
    match between {
        Some(b) => {
            let mut top: Vec<(&String, &f64)> = b.iter().filter(|(_, v)| **v > 0.0).collect();
            top.sort_by(|a, b| b.1.total_cmp(a.1).then_with(|| a.0.cmp(b.0)));
            let names: Vec<String> = top
                .iter()
                .take(5)
                .map(|(key, v)| {
                    let name = network
                        .find(key)
                        .and_then(|id| network.person(id))
                        .map_or(key.as_str(), |p| p.name.as_str());
                    format!("{name} ({v:.1})")
                })
                .collect();
            t.push_str(&format!("\nbrokers (betweenness): {}", names.join(", ")));
        }
        None => t.push_str(&format!(
            "\nbetweenness skipped above {BETWEENNESS_AUTO_MAX} people (--betweenness computes it)"
        )),
    }
    t
}
