//! Every user-facing string, in English and Norwegian (bokmål). No egui here: the scene (and
//! so every export) uses these too.

use serde::{Deserialize, Serialize};

use crate::analysis::FacetKind;
use crate::model::{AgeBand, Sector, TenureBand, TieKind};

mod nb;
mod ocai;
pub use nb::NB;
pub use ocai::{OCAI_EN, OCAI_NB, OcaiStrings, is_meaningful_gap, round1};

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Norwegian bokmål.
    Nb,
}

impl Lang {
    /// All languages, for the settings menu.
    pub const ALL: [Self; 2] = [Self::En, Self::Nb];

    /// The strings of this language.
    pub fn tr(self) -> &'static Strings {
        match self {
            Self::En => &EN,
            Self::Nb => &NB,
        }
    }

    /// The language's own name.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Nb => "Norsk (bokmål)",
        }
    }
}

/// One language's strings. Fields are plain texts; methods format numbers into them.
#[derive(Debug)]
pub struct Strings {
    pub lang: Lang,
    pub app_name: &'static str,
    // Menus.
    pub menu_file: &'static str,
    pub open: &'static str,
    pub open_path: &'static str,
    pub open_recent: &'static str,
    pub no_recent: &'static str,
    pub clear_recent: &'static str,
    pub open_sample: &'static str,
    pub quit: &'static str,
    pub menu_view: &'static str,
    pub show_labels: &'static str,
    pub show_legend: &'static str,
    pub fit_to_window: &'static str,
    pub language: &'static str,
    pub menu_layout: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub restart_new_seed: &'static str,
    pub unpin_all: &'static str,
    pub menu_help: &'static str,
    pub shortcuts: &'static str,
    pub about: &'static str,
    pub about_text: &'static str,
    pub shortcuts_text: &'static str,
    // Open by path.
    pub path_prompt: &'static str,
    pub path_hint: &'static str,
    pub cancel: &'static str,
    pub no_file_dialog: &'static str,
    pub drop_to_open: &'static str,
    pub loading: &'static str,
    // Side panel.
    pub filters: &'static str,
    pub sector: &'static str,
    pub tenure: &'static str,
    pub age: &'static str,
    pub fade: &'static str,
    pub hide: &'static str,
    pub fade_hint: &'static str,
    pub reset_filters: &'static str,
    pub layout: &'static str,
    pub link_distance: &'static str,
    pub repulsion: &'static str,
    pub gravity: &'static str,
    pub seed: &'static str,
    pub status_running: &'static str,
    pub status_settled: &'static str,
    pub status_paused: &'static str,
    pub display: &'static str,
    // Values.
    pub public: &'static str,
    pub private: &'static str,
    pub other: &'static str,
    pub unknown: &'static str,
    pub internal: &'static str,
    pub external: &'static str,
    pub mutual: &'static str,
    pub tenure_under4: &'static str,
    pub tenure_4_9: &'static str,
    pub tenure_10plus: &'static str,
    pub age_under30: &'static str,
    pub age_30_40: &'static str,
    pub age_over40: &'static str,
    pub years: &'static str,
    // Legend.
    pub legend_people: &'static str,
    pub legend_ties: &'static str,
    pub legend_named_by: &'static str,
    pub legend_pinned: &'static str,
    // Person card.
    pub respondent: &'static str,
    pub named_only: &'static str,
    pub named_by: &'static str,
    pub names: &'static str,
    pub nobody: &'static str,
    pub pinned: &'static str,
    pub unpin: &'static str,
    pub pin: &'static str,
    pub close: &'static str,
    pub not_asked: &'static str,
    // Status bar.
    pub opened: &'static str,
    pub error: &'static str,
    // The system's file dialogs.
    pub dialog_open_network: &'static str,
    pub dialog_add_networks: &'static str,
    pub dialog_open_folder: &'static str,
    pub filter_networks_and_projects: &'static str,
    pub filter_networks: &'static str,
    pub filter_all_files: &'static str,
    pub filter_project: &'static str,
    pub filter_people_ties_csv: &'static str,
    pub key_space: &'static str,
    pub no_network_files: &'static str,
    pub cannot_read: &'static str,
    pub loading_stopped: &'static str,
    pub copy_text: &'static str,
    pub error_details: &'static str,
    pub kept_open: &'static str,
    pub warnings: &'static str,
    pub no_network: &'static str,
    pub import_title: &'static str,
    pub import_settings: &'static str,
    pub export_network: &'static str,
    pub relation: &'static str,
    pub relation_hint: &'static str,
    pub attributes_heading: &'static str,
    pub sector_attribute: &'static str,
    pub tenure_attribute: &'static str,
    pub age_attribute: &'static str,
    pub colour_by: &'static str,
    pub colour_by_sector: &'static str,
    pub none: &'static str,
    pub value_means: &'static str,
    pub possible_duplicates: &'static str,
    pub merge_into: &'static str,
    pub apply: &'static str,
    pub dropped_self: &'static str,
    pub dropped_duplicates: &'static str,
    pub zero_weight: &'static str,
    pub added_from_ties: &'static str,
    pub no_warnings: &'static str,
    pub export_done: &'static str,
    pub save_path_prompt: &'static str,
    pub add_to_project: &'static str,
    pub open_folder: &'static str,
    pub all_samples: &'static str,
    pub municipalities: &'static str,
    pub rename: &'static str,
    pub chart_composition: &'static str,
    pub chart_composition_sub: &'static str,
    pub chart_everyone: &'static str,
    pub chart_most_named: &'static str,
    pub chart_weighted: &'static str,
    pub chart_all: &'static str,
    pub chart_culture: &'static str,
    pub chart_now: &'static str,
    pub chart_preferred: &'static str,
    pub chart_compare: &'static str,
    pub chart_compare_sub: &'static str,
    pub chart_municipality: &'static str,
    pub chart_people: &'static str,
    pub chart_ties: &'static str,
    pub chart_density: &'static str,
    pub chart_ei: &'static str,
    pub chart_centralization: &'static str,
    pub chart_tenure_10: &'static str,
    pub chart_over_40: &'static str,
    pub chart_under_30: &'static str,
    pub chart_slides: &'static str,
    pub chart_kind_composition: &'static str,
    pub chart_kind_kite: &'static str,
    pub chart_kind_compare: &'static str,
    pub chart_add: &'static str,
    pub back_to_network: &'static str,
    pub join_answers_so_far: &'static str,
    /// Heading of the near misses in a running survey.
    pub survey_near_misses: &'static str,
    /// What the near misses are.
    pub survey_near_misses_note: &'static str,
    /// Near misses while names are hidden.
    pub survey_near_misses_hidden: &'static str,
    /// Beside a roster name.
    pub survey_on_roster: &'static str,
    pub join_scan: &'static str,
    pub menu_collect: &'static str,
    pub live_survey: &'static str,
    pub survey_title: &'static str,
    pub survey_question: &'static str,
    pub survey_max_named: &'static str,
    pub survey_ask: &'static str,
    pub survey_roster: &'static str,
    pub survey_address: &'static str,
    pub survey_port: &'static str,
    pub survey_folder: &'static str,
    pub survey_start: &'static str,
    pub survey_stop: &'static str,
    pub survey_running: &'static str,
    pub survey_join_slide: &'static str,
    pub survey_phone_hint: &'static str,
    pub survey_stopped: &'static str,
    pub survey_edited_waits: &'static str,
    pub survey_closed: &'static str,
    pub chart_no_culture: &'static str,
    pub same_scale: &'static str,
    pub node_sizes: &'static str,
    pub node_sizes_auto: &'static str,
    pub smallest: &'static str,
    pub largest: &'static str,
    pub legend_corner: &'static str,
    pub corner_names: [&'static str; 4],
    pub label_size_by_degree: &'static str,
    pub rename_button: &'static str,
    pub rename_hint: &'static str,
    pub show_beside: &'static str,
    pub nothing_beside: &'static str,
    pub close_network: &'static str,
    pub analysis: &'static str,
    pub tab_measures: &'static str,
    pub tab_composition: &'static str,
    pub tab_compare: &'static str,
    pub tab_culture: &'static str,
    pub visible: &'static str,
    pub whole: &'static str,
    pub size_by: &'static str,
    pub size_in_degree: &'static str,
    pub size_out_degree: &'static str,
    pub size_betweenness: &'static str,
    pub size_pagerank: &'static str,
    pub computing: &'static str,
    pub most_named: &'static str,
    pub top_betweenness: &'static str,
    pub brokerage: &'static str,
    pub mixing: &'static str,
    pub of_whole: &'static str,
    pub most_named_quartile: &'static str,
    pub weighted_by_named: &'static str,
    pub open_ocai: &'static str,
    pub no_ocai: &'static str,
    pub person_word: &'static str,
    /// The name an anonymised network gets (its own name can identify a place or a person).
    pub anonymized_network: &'static str,
    pub anonymize: &'static str,
    pub anonymized_note: &'static str,
    pub menu_edit: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub add_person: &'static str,
    pub delete_person: &'static str,
    pub edit_person: &'static str,
    pub save_changes: &'static str,
    pub name: &'static str,
    pub remove_tie: &'static str,
    pub add: &'static str,
    pub tie_hint: &'static str,
    pub years_or_band: &'static str,
    pub save_project: &'static str,
    pub save_project_as: &'static str,
    pub open_project: &'static str,
    pub saved: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_text: &'static str,
    pub dont_save: &'static str,
    pub recover_title: &'static str,
    pub recover_text: &'static str,
    pub recover: &'static str,
    pub discard: &'static str,
    pub project_path_prompt: &'static str,
    pub scene: &'static str,
    pub scenes: &'static str,
    pub save_scene: &'static str,
    pub present: &'static str,
    pub presentation_hint: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub ego_view: &'static str,
    pub ego_off: &'static str,
    pub ego_one: &'static str,
    pub ego_two: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub delete: &'static str,
    pub go: &'static str,
    pub theme: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub colour_blind: &'static str,
    /// Ties fully opaque and faded people fainter (projectors).
    pub high_contrast: &'static str,
    /// File > Export picture….
    pub export_picture: &'static str,
    /// Title of the picture export window.
    pub picture_title: &'static str,
    /// Export what is on screen.
    pub picture_current_view: &'static str,
    /// Export the whole network, fitted.
    pub picture_whole: &'static str,
    /// PNG width.
    pub picture_width: &'static str,
    /// No background.
    pub picture_transparent: &'static str,
    /// Save as PNG.
    pub picture_save_png: &'static str,
    /// Save as SVG.
    pub picture_save_svg: &'static str,
    /// What the picture shows.
    pub picture_hint: &'static str,
    /// Status after saving.
    pub picture_done: &'static str,
    /// Path field for a picture.
    pub picture_path_prompt: &'static str,
    /// Wrong extension.
    pub picture_bad_extension: &'static str,
    pub person_one: &'static str,
    pub person_many: &'static str,
    pub tie_one: &'static str,
    pub tie_many: &'static str,
    pub changed_one: &'static str,
    pub changed_many: &'static str,
    pub no_changes: &'static str,
    pub reloaded: &'static str,
    /// Status note when the file's own drawing was kept.
    pub file_positions_kept: &'static str,
    pub watch_files: &'static str,
    pub changed_on_disk: &'static str,
    pub warning_one: &'static str,
    pub an_expected_short: &'static str,
    pub an_people: &'static str,
    pub an_ties: &'static str,
    pub an_respondents: &'static str,
    pub an_density: &'static str,
    pub an_reciprocity_share_of_ties_returned: &'static str,
    pub an_reciprocity_share_of_pairs_mutual: &'static str,
    pub an_centralization_named_by: &'static str,
    pub an_components_weak: &'static str,
    pub an_components_strong: &'static str,
    pub an_isolates: &'static str,
    pub an_centralization_bridges: &'static str,
    pub an_uncertain_people_who_were_only: &'static str,
    pub an_uncertain_named_only_people_s: &'static str,
    pub an_expected: &'static str,
    pub an_gould_fernandez_roles_how_often: &'static str,
    pub an_open_several_municipalities_to_compare: &'static str,
    pub an_coord: &'static str,
    pub an_itin: &'static str,
    pub an_repr: &'static str,
    pub an_gatek: &'static str,
    pub an_liaison: &'static str,
    pub an_municipality: &'static str,
    pub an_e_i_sector: &'static str,
    pub an_centraliz: &'static str,
    pub an_10_years: &'static str,
    pub an_over_40: &'static str,
    pub an_under_30: &'static str,
}

impl Strings {
    /// "n of N people, m of M ties".
    pub fn counts(&self, n: usize, total_n: usize, m: usize, total_m: usize) -> String {
        match self.lang {
            Lang::Nb => format!("{n} av {total_n} personer, {m} av {total_m} bånd"),
            Lang::En => format!("{n} of {total_n} people, {m} of {total_m} ties"),
        }
    }

    /// The status line after a recovery: when the autosave was written.
    pub fn recovered(&self, when: &str, minutes_ago: u64) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Gjenopprettet arbeidet fra autolagringen {when} (for {minutes_ago} min siden). Lagre det med Ctrl+S."
            ),
            Lang::En => format!(
                "Recovered the work autosaved at {when} ({minutes_ago} min ago). Save it with Ctrl+S."
            ),
        }
    }

    /// "54 respondents; now and preferred mean profiles".
    pub fn chart_culture_sub(&self, n: usize) -> String {
        match self.lang {
            Lang::Nb => format!("{n} svar; gjennomsnitt nå og ønsket"),
            Lang::En => format!("{n} respondents; mean profiles now and preferred"),
        }
    }

    /// A culture type's name (Clan, Adhocracy, Market, Hierarchy).
    pub fn culture_name(&self, culture: crate::analysis::ocai::Culture) -> &'static str {
        use crate::analysis::ocai::Culture;
        let ocai = match self.lang {
            Lang::En => &OCAI_EN,
            Lang::Nb => &OCAI_NB,
        };
        match culture {
            Culture::Clan => ocai.clan,
            Culture::Adhocracy => ocai.adhocracy,
            Culture::Market => ocai.market,
            Culture::Hierarchy => ocai.hierarchy,
        }
    }

    /// The recovery question's line saying when the autosave was written.
    pub fn autosaved_at(&self, when: &str, minutes_ago: u64) -> String {
        match self.lang {
            Lang::Nb => format!("Sist autolagret {when} (for {minutes_ago} min siden)."),
            Lang::En => format!("Last autosaved {when} ({minutes_ago} min ago)."),
        }
    }

    /// A count with thousands grouped as the language writes them: "1,190" or "1 190".
    pub fn grouped(&self, n: usize) -> String {
        let digits = n.to_string();
        let separator = match self.lang {
            Lang::Nb => '\u{a0}',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }

    /// "and 1,190 more: click to see them all", under the first warnings of a load.
    pub fn more_warnings(&self, n: usize) -> String {
        match self.lang {
            Lang::Nb => format!("og {} til: klikk for å se alle i importrapporten", self.grouped(n)),
            Lang::En => format!("and {} more: click to see them all in the import report", self.grouped(n)),
        }
    }

    /// What a load read, in this language: "91 people, 204 ties; 2 duplicates dropped; …"
    /// (the report's own summary is the command line's, in English).
    pub fn load_summary(&self, r: &crate::io::ImportReport) -> String {
        let nb = self.lang == Lang::Nb;
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let (person, people) = if nb { ("person", "personer") } else { ("person", "people") };
        let mut text = format!(
            "{}, {}",
            count(r.people, person, people),
            if nb { count(r.ties, "bånd", "bånd") } else { count(r.ties, "tie", "ties") }
        );
        let mut dropped = Vec::new();
        if r.self_ties_dropped > 0 {
            dropped.push(if nb {
                count(r.self_ties_dropped, "selvnominasjon", "selvnominasjoner")
            } else {
                count(r.self_ties_dropped, "self-nomination", "self-nominations")
            });
        }
        if r.duplicate_ties_dropped > 0 {
            dropped.push(if nb {
                count(r.duplicate_ties_dropped, "duplikat", "duplikater")
            } else {
                count(r.duplicate_ties_dropped, "duplicate", "duplicates")
            });
        }
        if !dropped.is_empty() {
            let and = if nb { " og " } else { " and " };
            text.push_str(&format!("; {} {}", dropped.join(and), if nb { "utelatt" } else { "dropped" }));
        }
        if r.added_from_ties > 0 {
            let who = count(r.added_from_ties, person, people);
            text.push_str(&if nb {
                format!("; {who} bare nevnt i båndfilen")
            } else {
                format!("; {who} only named in the ties file")
            });
        }
        text
    }

    /// "named by 5".
    pub fn named_by_n(&self, n: usize) -> String {
        format!("{} {n}", self.named_by_lower())
    }

    fn named_by_lower(&self) -> &'static str {
        match self.lang {
            Lang::Nb => "nevnt av",
            Lang::En => "named by",
        }
    }

    /// Label of a sector.
    pub fn sector(&self, s: Sector) -> &'static str {
        match s {
            Sector::Public => self.public,
            Sector::Private => self.private,
            Sector::Other => self.other,
            Sector::Unknown => self.unknown,
        }
    }

    /// Label of a tenure band.
    pub fn tenure_band(&self, b: TenureBand) -> &'static str {
        match b {
            TenureBand::Under4 => self.tenure_under4,
            TenureBand::From4To9 => self.tenure_4_9,
            TenureBand::TenPlus => self.tenure_10plus,
            TenureBand::Unknown => self.unknown,
        }
    }

    /// Label of an age band.
    pub fn age_band(&self, b: AgeBand) -> &'static str {
        match b {
            AgeBand::Under30 => self.age_under30,
            AgeBand::From30To40 => self.age_30_40,
            AgeBand::Over40 => self.age_over40,
            AgeBand::Unknown => self.unknown,
        }
    }

    /// Label of a tie kind.
    pub fn tie_kind(&self, k: TieKind) -> &'static str {
        match k {
            TieKind::Internal => self.internal,
            TieKind::External => self.external,
            TieKind::Unknown => self.unknown,
        }
    }

    /// Name of a filter group.
    pub fn facet(&self, k: FacetKind) -> &'static str {
        match k {
            FacetKind::Sector => self.sector,
            FacetKind::Tenure => self.tenure,
            FacetKind::Age => self.age,
        }
    }

    /// Label of value `index` in a filter group.
    pub fn facet_value(&self, k: FacetKind, index: usize) -> &'static str {
        match k {
            FacetKind::Sector => Sector::ALL.get(index).map_or("", |&v| self.sector(v)),
            FacetKind::Tenure => TenureBand::ALL.get(index).map_or("", |&v| self.tenure_band(v)),
            FacetKind::Age => AgeBand::ALL.get(index).map_or("", |&v| self.age_band(v)),
        }
    }
}

/// English.
pub static EN: Strings = Strings {
    lang: Lang::En,
    app_name: "Infonet",
    menu_file: "File",
    open: "Open…",
    open_path: "Open by path…",
    open_recent: "Open recent",
    no_recent: "No recent files",
    clear_recent: "Clear list",
    open_sample: "Open a sample network",
    quit: "Quit",
    menu_view: "View",
    show_labels: "Show names",
    show_legend: "Show legend",
    fit_to_window: "Fit to window",
    language: "Language",
    menu_layout: "Layout",
    pause: "Pause",
    resume: "Resume",
    restart_new_seed: "Restart with a new seed",
    unpin_all: "Unpin all",
    menu_help: "Help",
    shortcuts: "Keyboard shortcuts",
    about: "About Infonet",
    about_text: "Infonet shows informant networks: who names whom as an important source of information. \
Node colour = sector, node size = how many named the person, tie colour = within or across sectors. \
Everything runs on this computer; no data leaves it.",
    shortcuts_text: "Space: pause / resume layout\nF: fit to window\nCtrl+O: open\nL: names on / off\n\
Drag a person: move and pin\nDrag the background: pan\nScroll: zoom around the cursor\nEsc: close the person card, leave the neighbourhood view\n\
F5: present from the first scene\nShift+F5: present from the current scene",
    path_prompt: "Path of a people or ties file:",
    path_hint: "e.g. C:\\data\\fjellvik.people.csv",
    cancel: "Cancel",
    no_file_dialog: "No file dialog is available on this computer; type the path instead.",
    drop_to_open: "Drop to open",
    loading: "Loading",
    filters: "Filters",
    sector: "Sector",
    tenure: "Years in municipality",
    age: "Age",
    fade: "Fade",
    hide: "Hide",
    fade_hint: "Fade keeps the others pale for context; Hide removes them",
    reset_filters: "Show everyone",
    layout: "Layout",
    link_distance: "Tie length",
    repulsion: "Repulsion",
    gravity: "Gravity",
    seed: "Seed",
    status_running: "Layout running",
    status_settled: "Layout settled",
    status_paused: "Layout paused",
    display: "Display",
    public: "Public",
    private: "Private",
    other: "Other",
    unknown: "Unknown",
    internal: "Internal (same sector)",
    external: "External (across sectors)",
    mutual: "Mutual (named each other)",
    tenure_under4: "<4",
    tenure_4_9: "4-9",
    tenure_10plus: "10+",
    age_under30: "<30",
    age_30_40: "30-40",
    age_over40: ">40",
    years: "years",
    legend_people: "People",
    legend_ties: "Ties",
    legend_named_by: "Named by",
    legend_pinned: "Pinned",
    respondent: "Respondent",
    named_only: "Named only (did not answer)",
    named_by: "Named by",
    names: "Names",
    nobody: "nobody",
    pinned: "Pinned",
    unpin: "Unpin",
    pin: "Pin",
    close: "Close",
    not_asked: "not known (did not answer)",
    opened: "Opened",
    error: "Error",
    dialog_open_network: "Open a network",
    dialog_add_networks: "Add networks to the project",
    dialog_open_folder: "Open a folder of networks",
    filter_networks_and_projects: "Networks and projects",
    filter_networks: "Networks",
    filter_all_files: "All files",
    filter_project: "Infonet project",
    filter_people_ties_csv: "People + ties CSV",
    key_space: "Space",
    no_network_files: "no network files in this folder (CSV, XLSX, GraphML, GEXF, GML, Pajek, DL, JSON or edge lists)",
    cannot_read: "cannot read",
    loading_stopped: "the loading thread stopped; try opening the file again",
    copy_text: "Copy",
    error_details: "Click for the whole message",
    kept_open: "the open network was kept",
    warnings: "warnings",
    no_network: "No network open. Use File > Open, drop a file here, or open a sample.",
    import_title: "Import",
    import_settings: "Import settings…",
    export_network: "Export network…",
    relation: "Relation",
    relation_hint: "This file holds several relations; choose the one to show.",
    attributes_heading: "Which attributes are sector, years and age?",
    sector_attribute: "Sector from",
    tenure_attribute: "Years in municipality from",
    age_attribute: "Age from",
    colour_by: "Colour by",
    colour_by_sector: "sector",
    none: "(none)",
    value_means: "Value means",
    possible_duplicates: "Possible duplicate names",
    merge_into: "merge into",
    apply: "Apply",
    dropped_self: "self-nominations dropped",
    dropped_duplicates: "duplicate ties dropped",
    zero_weight: "rows with weight 0 (no tie)",
    added_from_ties: "people only named (added)",
    no_warnings: "No warnings.",
    export_done: "Exported",
    save_path_prompt: "Save as (.graphml, .gexf, .json or .csv):",
    add_to_project: "Add to project…",
    open_folder: "Open folder as project…",
    all_samples: "All samples as one project",
    municipalities: "Municipalities",
    rename: "Rename",
    chart_composition: "Who the people are",
    chart_composition_sub: "Share of people by years in the municipality, age and sector",
    chart_everyone: "Everyone",
    chart_most_named: "The most named",
    chart_weighted: "Share of times named",
    chart_all: "All municipalities",
    chart_culture: "organisational culture (OCAI)",
    chart_now: "Now",
    chart_preferred: "Preferred",
    chart_compare: "The municipalities side by side",
    chart_compare_sub: "Size, density, mixing between sectors, and who the people are",
    chart_municipality: "Municipality",
    chart_people: "People",
    chart_ties: "Ties",
    chart_density: "Density",
    chart_ei: "E-I index",
    chart_centralization: "Centralization",
    chart_tenure_10: "10+ years",
    chart_over_40: "Over 40",
    chart_under_30: "Under 30",
    chart_slides: "Chart slides",
    chart_kind_composition: "Composition (tenure, age, sector)",
    chart_kind_kite: "Culture kite (OCAI)",
    chart_kind_compare: "Comparison of municipalities",
    chart_add: "Add as a scene",
    back_to_network: "Back to the network",
    join_answers_so_far: "answers so far",
    survey_near_misses: "Maybe the same person",
    survey_near_misses_note: "Spellings that are close but not the same. Nothing is merged on its own: if two are one person, merge them when you open the survey table after the survey (the import lists them).",
    survey_near_misses_hidden: "Names are hidden while the view is anonymised.",
    survey_on_roster: "on the roster",
    join_scan: "Scan the code with your phone's camera",
    menu_collect: "Collect",
    live_survey: "Live survey…",
    survey_title: "Title",
    survey_question: "Question",
    survey_max_named: "People each may name",
    survey_ask: "Also ask",
    survey_roster: "Offer the open network's people as names",
    survey_address: "Network",
    survey_port: "Port",
    survey_folder: "Answers go to",
    survey_start: "Start",
    survey_stop: "Stop the survey",
    survey_running: "The survey is open",
    survey_join_slide: "Show the join slide",
    survey_phone_hint: "Phones must be on the same network (the venue's Wi-Fi or this laptop's hotspot).",
    survey_stopped: "The live survey is not running: start it with Collect > Live survey.",
    survey_edited_waits: "New answers came in; the collected network was edited here, so they wait in the survey table (open it again to see them).",
    survey_closed: "The live survey is closed; answers:",
    chart_no_culture: "Open a culture survey (OCAI) first: File > Open culture survey.",
    same_scale: "(same scale in both)",
    node_sizes: "Sizes of people",
    node_sizes_auto: "Automatic",
    smallest: "Least named",
    largest: "Most named",
    legend_corner: "Legend corner",
    corner_names: ["Top left", "Top right", "Bottom left", "Bottom right"],
    label_size_by_degree: "Bigger names for the most named",
    rename_button: "Rename…",
    rename_hint: "Rename the municipality (title on the canvas, legend, slides and exports)",
    show_beside: "Show beside",
    nothing_beside: "Nothing beside",
    close_network: "Close",
    analysis: "Analysis",
    tab_measures: "Measures",
    tab_composition: "Composition",
    tab_compare: "Compare",
    tab_culture: "Culture (OCAI)",
    visible: "Shown",
    whole: "Whole",
    size_by: "Size by",
    size_in_degree: "named by (in-degree)",
    size_out_degree: "names (out-degree)",
    size_betweenness: "betweenness",
    size_pagerank: "PageRank",
    computing: "computing…",
    most_named: "Most named",
    top_betweenness: "Bridges (betweenness)",
    brokerage: "Brokerage roles (sector)",
    mixing: "Ties between groups",
    of_whole: "of all",
    most_named_quartile: "Most named (top quarter)",
    weighted_by_named: "Weighted by times named",
    open_ocai: "Open culture survey (OCAI)…",
    no_ocai: "No OCAI responses open. File > Open culture survey (OCAI)…",
    person_word: "Person",
    anonymized_network: "Anonymised network",
    anonymize: "Anonymise names",
    anonymized_note: "Names are hidden (anonymised)",
    menu_edit: "Edit",
    undo: "Undo",
    redo: "Redo",
    add_person: "Add person…",
    delete_person: "Delete person",
    edit_person: "Edit",
    save_changes: "Save changes",
    name: "Name",
    remove_tie: "Remove tie",
    add: "Add",
    tie_hint: "Shift + drag from one person to another adds a tie.",
    years_or_band: "years or band",
    save_project: "Save project",
    save_project_as: "Save project as…",
    open_project: "Open project…",
    saved: "Saved",
    unsaved_title: "Unsaved changes",
    unsaved_text: "Save the changes before closing?",
    dont_save: "Don't save",
    recover_title: "Recover unsaved work?",
    recover_text: "Infonet was closed without saving. Recover the work from the last autosave?",
    recover: "Recover",
    discard: "Discard",
    project_path_prompt: "Project file (.infonet):",
    scene: "Scene",
    scenes: "Scenes",
    save_scene: "Save view as scene",
    present: "Present",
    presentation_hint: "F5 or Esc: leave · Right/PageDown/Space: next scene · Left/PageUp: previous · F11: full screen",
    search: "Search",
    search_hint: "Type a name, Enter to go",
    ego_view: "Neighbourhood",
    ego_off: "Show everyone",
    ego_one: "1 step",
    ego_two: "2 steps",
    move_up: "Up",
    move_down: "Down",
    delete: "Delete",
    go: "Show",
    theme: "Theme",
    theme_light: "Light",
    theme_dark: "Dark",
    colour_blind: "Colour-blind-safe colours",
    high_contrast: "High contrast (projector)",
    export_picture: "Export picture…",
    picture_title: "Export picture",
    picture_current_view: "What is on screen",
    picture_whole: "The whole network",
    picture_width: "Width (PNG)",
    picture_transparent: "Transparent background",
    picture_save_png: "Save PNG…",
    picture_save_svg: "Save SVG…",
    picture_hint: "The picture shows what the canvas shows: filters, focus, names, legend, theme and pseudonyms.",
    picture_done: "Picture saved:",
    picture_path_prompt: "Save the picture as (a path ending in .png or .svg):",
    picture_bad_extension: "A picture must end in .png or .svg:",
    person_one: "person",
    person_many: "people",
    tie_one: "tie",
    tie_many: "ties",
    changed_one: "person changed",
    changed_many: "people changed",
    no_changes: "no changes",
    reloaded: "Reloaded",
    file_positions_kept: "kept the file's own layout; \"Restart with a new seed\" lays it out afresh",
    watch_files: "Reload when the file changes",
    changed_on_disk: "The file changed on disk; your edits here are kept. Save them as a project, or open the file again to read it.",
    warning_one: "warning",
    an_expected_short: "exp.",
    an_people: "People",
    an_ties: "Ties",
    an_respondents: "Respondents",
    an_density: "Density",
    an_reciprocity_share_of_ties_returned: "Reciprocity (share of ties returned)",
    an_reciprocity_share_of_pairs_mutual: "Reciprocity (share of pairs mutual)",
    an_centralization_named_by: "Centralization (named by)",
    an_components_weak: "Components (weak)",
    an_components_strong: "Components (strong)",
    an_isolates: "Isolates",
    an_centralization_bridges: "Centralization (bridges)",
    an_uncertain_people_who_were_only: "Uncertain: people who were only named have unknown out-ties.",
    an_uncertain_named_only_people_s: "* uncertain: named-only people's own nominations are unknown",
    an_expected: "expected",
    an_gould_fernandez_roles_how_often: "Gould-Fernandez roles: how often someone sits between two others who did not name each other. Arrows point from the one who asks to the one who informs.",
    an_open_several_municipalities_to_compare: "Open several municipalities to compare them: File > Open folder as project…, File > Add to project…, or File > Open a sample network > All samples.",
    an_coord: "Coord.",
    an_itin: "Itin.",
    an_repr: "Repr.",
    an_gatek: "Gatek.",
    an_liaison: "Liaison",
    an_municipality: "Municipality",
    an_e_i_sector: "E-I sector",
    an_centraliz: "Centraliz.",
    an_10_years: "10+ years",
    an_over_40: "Over 40",
    an_under_30: "Under 30",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_both_languages() {
        assert_eq!(Lang::En.tr().counts(3, 10, 4, 20), "3 of 10 people, 4 of 20 ties");
        assert_eq!(Lang::Nb.tr().counts(3, 10, 4, 20), "3 av 10 personer, 4 av 20 bånd");
        assert_eq!(Lang::Nb.tr().named_by_n(5), "nevnt av 5");
    }

    #[test]
    fn load_summaries_in_both_languages() {
        let r = crate::io::ImportReport {
            people: 4,
            ties: 1,
            self_ties_dropped: 1,
            duplicate_ties_dropped: 2,
            added_from_ties: 1,
            ..Default::default()
        };
        assert_eq!(r.summary(), Lang::En.tr().load_summary(&r), "the same as the command line's");
        assert_eq!(
            Lang::Nb.tr().load_summary(&r),
            "4 personer, 1 bånd; 1 selvnominasjon og 2 duplikater utelatt; 1 person bare nevnt i båndfilen"
        );
    }

    #[test]
    fn grouped_counts() {
        assert_eq!(Lang::En.tr().grouped(1190), "1,190");
        assert_eq!(Lang::En.tr().grouped(999), "999");
        assert_eq!(Lang::En.tr().grouped(1_234_567), "1,234,567");
        assert_eq!(Lang::Nb.tr().grouped(1190), "1\u{a0}190");
    }
}
