//! Every user-facing string, in English and Norwegian (bokmål). No egui here: the scene (and
//! so every export) uses these too.

use serde::{Deserialize, Serialize};

use crate::analysis::FacetKind;
use crate::model::{AgeBand, Sector, TenureBand, TieKind};

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
}

impl Strings {
    /// "n of N people, m of M ties".
    pub fn counts(&self, n: usize, total_n: usize, m: usize, total_m: usize) -> String {
        match self.lang {
            Lang::Nb => format!("{n} av {total_n} personer, {m} av {total_m} bånd"),
            Lang::En => format!("{n} of {total_n} people, {m} of {total_m} ties"),
        }
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
Drag a person: move and pin\nDrag the background: pan\nScroll: zoom around the cursor\nEsc: close the person card",
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
};

/// Norwegian bokmål.
pub static NB: Strings = Strings {
    lang: Lang::Nb,
    app_name: "Infonet",
    menu_file: "Fil",
    open: "Åpne…",
    open_path: "Åpne fra filsti…",
    open_recent: "Åpne nylig brukt",
    no_recent: "Ingen nylig brukte filer",
    clear_recent: "Tøm listen",
    open_sample: "Åpne et eksempelnettverk",
    quit: "Avslutt",
    menu_view: "Vis",
    show_labels: "Vis navn",
    show_legend: "Vis tegnforklaring",
    fit_to_window: "Tilpass til vinduet",
    language: "Språk",
    menu_layout: "Oppsett",
    pause: "Pause",
    resume: "Fortsett",
    restart_new_seed: "Start på nytt med nytt frø",
    unpin_all: "Løsne alle",
    menu_help: "Hjelp",
    shortcuts: "Hurtigtaster",
    about: "Om Infonet",
    about_text: "Infonet viser informantnettverk: hvem som nevner hvem som en viktig informasjonskilde. \
Nodefarge = sektor, nodestørrelse = hvor mange som nevnte personen, båndfarge = innad i eller på tvers av sektorer. \
Alt kjører på denne maskinen; ingen data sendes ut.",
    shortcuts_text: "Mellomrom: pause / fortsett oppsett\nF: tilpass til vinduet\nCtrl+O: åpne\nL: navn av / på\n\
Dra en person: flytt og fest\nDra bakgrunnen: panorer\nRull: zoom rundt pekeren\nEsc: lukk personkortet",
    path_prompt: "Filsti til en person- eller båndfil:",
    path_hint: "f.eks. C:\\data\\fjellvik.people.csv",
    cancel: "Avbryt",
    no_file_dialog: "Ingen fildialog er tilgjengelig på denne maskinen; skriv inn filstien i stedet.",
    drop_to_open: "Slipp for å åpne",
    loading: "Laster",
    filters: "Filtre",
    sector: "Sektor",
    tenure: "År i kommunen",
    age: "Alder",
    fade: "Tone ned",
    hide: "Skjul",
    fade_hint: "Tone ned lar de andre synes svakt; Skjul fjerner dem",
    reset_filters: "Vis alle",
    layout: "Oppsett",
    link_distance: "Båndlengde",
    repulsion: "Frastøtning",
    gravity: "Tyngdekraft",
    seed: "Frø",
    status_running: "Oppsettet beveger seg",
    status_settled: "Oppsettet står stille",
    status_paused: "Oppsettet er satt på pause",
    display: "Visning",
    public: "Offentlig",
    private: "Privat",
    other: "Annet",
    unknown: "Ukjent",
    internal: "Intern (samme sektor)",
    external: "Ekstern (på tvers av sektorer)",
    mutual: "Gjensidig (nevnte hverandre)",
    tenure_under4: "<4",
    tenure_4_9: "4-9",
    tenure_10plus: "10+",
    age_under30: "<30",
    age_30_40: "30-40",
    age_over40: ">40",
    years: "år",
    legend_people: "Personer",
    legend_ties: "Bånd",
    legend_named_by: "Nevnt av",
    legend_pinned: "Festet",
    respondent: "Respondent",
    named_only: "Bare nevnt (svarte ikke)",
    named_by: "Nevnt av",
    names: "Nevner",
    nobody: "ingen",
    pinned: "Festet",
    unpin: "Løsne",
    pin: "Fest",
    close: "Lukk",
    not_asked: "ukjent (svarte ikke)",
    opened: "Åpnet",
    error: "Feil",
    kept_open: "det åpne nettverket ble beholdt",
    warnings: "advarsler",
    no_network: "Ingen nettverk er åpent. Bruk Fil > Åpne, slipp en fil her, eller åpne et eksempel.",
    import_title: "Import",
    import_settings: "Importinnstillinger…",
    export_network: "Eksporter nettverk…",
    relation: "Relasjon",
    relation_hint: "Filen har flere relasjoner; velg den som skal vises.",
    attributes_heading: "Hvilke attributter er sektor, botid og alder?",
    sector_attribute: "Sektor fra",
    tenure_attribute: "Botid fra",
    age_attribute: "Alder fra",
    colour_by: "Farge etter",
    colour_by_sector: "sektor",
    none: "(ingen)",
    value_means: "Verdien betyr",
    possible_duplicates: "Mulige doble navn",
    merge_into: "slå sammen med",
    apply: "Bruk",
    dropped_self: "selvnominasjoner fjernet",
    dropped_duplicates: "doble bånd fjernet",
    zero_weight: "rader med vekt 0 (ingen bånd)",
    added_from_ties: "personer bare nevnt (lagt til)",
    no_warnings: "Ingen advarsler.",
    export_done: "Eksportert",
    save_path_prompt: "Lagre som (.graphml, .gexf, .json eller .csv):",
    add_to_project: "Legg til i prosjektet…",
    open_folder: "Åpne mappe som prosjekt…",
    all_samples: "Alle eksemplene som ett prosjekt",
    municipalities: "Kommuner",
    show_beside: "Vis ved siden av",
    nothing_beside: "Ingenting ved siden av",
    close_network: "Lukk",
    analysis: "Analyse",
    tab_measures: "Mål",
    tab_composition: "Sammensetning",
    tab_compare: "Sammenlign",
    tab_culture: "Kultur (OCAI)",
    visible: "Vist",
    whole: "Hele",
    size_by: "Størrelse etter",
    size_in_degree: "nevnt av (inngrad)",
    size_out_degree: "nevner (utgrad)",
    size_betweenness: "mellomliggende sentralitet",
    size_pagerank: "PageRank",
    computing: "beregner…",
    most_named: "Mest nevnt",
    top_betweenness: "Brobyggere (mellomliggende)",
    brokerage: "Meglerroller (sektor)",
    mixing: "Bånd mellom grupper",
    of_whole: "av alle",
    most_named_quartile: "Mest nevnt (øverste firedel)",
    weighted_by_named: "Vektet etter antall ganger nevnt",
    open_ocai: "Åpne kulturundersøkelse (OCAI)…",
    no_ocai: "Ingen OCAI-svar er åpne. Fil > Åpne kulturundersøkelse (OCAI)…",
    person_word: "Person",
    anonymize: "Anonymiser navn",
    anonymized_note: "Navnene er skjult (anonymisert)",
    menu_edit: "Rediger",
    undo: "Angre",
    redo: "Gjør om",
    add_person: "Legg til person…",
    delete_person: "Slett person",
    edit_person: "Rediger",
    save_changes: "Lagre endringer",
    name: "Navn",
    remove_tie: "Fjern bånd",
    add: "Legg til",
    tie_hint: "Shift + dra fra én person til en annen legger til et bånd.",
    years_or_band: "år eller gruppe",
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
}
