//! One plain-language sentence per measure for non-experts, in English and Norwegian bokmål.
//! Independent of the app's i18n module: [`explain`] returns an (English, Norwegian) pair.

use serde::Serialize;

/// Every measure that has an explanation. Machine keys via [`MeasureKey::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKey {
    /// Number of people.
    People,
    /// Number of ties.
    Ties,
    /// People who answered.
    Respondents,
    /// People who were only named.
    NamedOnly,
    /// Directed density.
    Density,
    /// Edgewise reciprocity.
    ReciprocityEdgewise,
    /// Dyadic reciprocity.
    ReciprocityDyadic,
    /// Freeman in-degree centralization.
    InDegreeCentralization,
    /// Krackhardt E-I index.
    EiIndex,
    /// Expected E-I under random mixing.
    EiExpected,
    /// Group E-I over sent ties.
    EiSent,
    /// Group E-I over received ties.
    EiReceived,
    /// Mixing matrix.
    MixingMatrix,
    /// Coleman homophily.
    ColemanHomophily,
    /// Newman assortativity.
    Assortativity,
    /// Weak components.
    WeakComponents,
    /// Strong components.
    StrongComponents,
    /// Isolates.
    Isolates,
    /// The most named.
    MostNamed,
    /// In-degree.
    InDegree,
    /// Out-degree.
    OutDegree,
    /// PageRank.
    PageRank,
    /// Raw betweenness.
    Betweenness,
    /// Normalised betweenness.
    BetweennessNormalised,
    /// Betweenness centralization.
    BetweennessCentralization,
    /// Gould-Fernandez coordinator.
    Coordinator,
    /// Gould-Fernandez itinerant (consultant).
    Itinerant,
    /// Gould-Fernandez gatekeeper.
    Gatekeeper,
    /// Gould-Fernandez representative.
    Representative,
    /// Gould-Fernandez liaison.
    Liaison,
    /// Composition of all people.
    CompositionAll,
    /// Composition of the most named quarter.
    CompositionMostNamed,
    /// Composition weighted by in-degree.
    CompositionWeighted,
    /// OCAI score of a culture type.
    OcaiScore,
    /// OCAI clan culture.
    OcaiClan,
    /// OCAI adhocracy culture.
    OcaiAdhocracy,
    /// OCAI market culture.
    OcaiMarket,
    /// OCAI hierarchy culture.
    OcaiHierarchy,
    /// OCAI preferred - now.
    OcaiGap,
    /// OCAI dominant culture.
    OcaiDominant,
}

impl MeasureKey {
    /// All keys in display order.
    pub const ALL: [Self; 40] = [
        Self::People,
        Self::Ties,
        Self::Respondents,
        Self::NamedOnly,
        Self::Density,
        Self::ReciprocityEdgewise,
        Self::ReciprocityDyadic,
        Self::InDegreeCentralization,
        Self::EiIndex,
        Self::EiExpected,
        Self::EiSent,
        Self::EiReceived,
        Self::MixingMatrix,
        Self::ColemanHomophily,
        Self::Assortativity,
        Self::WeakComponents,
        Self::StrongComponents,
        Self::Isolates,
        Self::MostNamed,
        Self::InDegree,
        Self::OutDegree,
        Self::PageRank,
        Self::Betweenness,
        Self::BetweennessNormalised,
        Self::BetweennessCentralization,
        Self::Coordinator,
        Self::Itinerant,
        Self::Gatekeeper,
        Self::Representative,
        Self::Liaison,
        Self::CompositionAll,
        Self::CompositionMostNamed,
        Self::CompositionWeighted,
        Self::OcaiScore,
        Self::OcaiClan,
        Self::OcaiAdhocracy,
        Self::OcaiMarket,
        Self::OcaiHierarchy,
        Self::OcaiGap,
        Self::OcaiDominant,
    ];

    /// Stable machine key (as in JSON).
    pub fn key(self) -> &'static str {
        match self {
            Self::People => "people",
            Self::Ties => "ties",
            Self::Respondents => "respondents",
            Self::NamedOnly => "named_only",
            Self::Density => "density",
            Self::ReciprocityEdgewise => "reciprocity_edgewise",
            Self::ReciprocityDyadic => "reciprocity_dyadic",
            Self::InDegreeCentralization => "in_degree_centralization",
            Self::EiIndex => "ei_index",
            Self::EiExpected => "ei_expected",
            Self::EiSent => "ei_sent",
            Self::EiReceived => "ei_received",
            Self::MixingMatrix => "mixing_matrix",
            Self::ColemanHomophily => "coleman_homophily",
            Self::Assortativity => "assortativity",
            Self::WeakComponents => "weak_components",
            Self::StrongComponents => "strong_components",
            Self::Isolates => "isolates",
            Self::MostNamed => "most_named",
            Self::InDegree => "in_degree",
            Self::OutDegree => "out_degree",
            Self::PageRank => "page_rank",
            Self::Betweenness => "betweenness",
            Self::BetweennessNormalised => "betweenness_normalised",
            Self::BetweennessCentralization => "betweenness_centralization",
            Self::Coordinator => "coordinator",
            Self::Itinerant => "itinerant",
            Self::Gatekeeper => "gatekeeper",
            Self::Representative => "representative",
            Self::Liaison => "liaison",
            Self::CompositionAll => "composition_all",
            Self::CompositionMostNamed => "composition_most_named",
            Self::CompositionWeighted => "composition_weighted",
            Self::OcaiScore => "ocai_score",
            Self::OcaiClan => "ocai_clan",
            Self::OcaiAdhocracy => "ocai_adhocracy",
            Self::OcaiMarket => "ocai_market",
            Self::OcaiHierarchy => "ocai_hierarchy",
            Self::OcaiGap => "ocai_gap",
            Self::OcaiDominant => "ocai_dominant",
        }
    }
}

/// One plain-language sentence about a measure: (English, Norwegian bokmål).
///
/// Brokerage roles are worded for the default direction (arrows = nominations, seeker -> source);
/// see [`super::brokerage::role_explanation`] for the information-flow direction.
pub fn explain(key: MeasureKey) -> (&'static str, &'static str) {
    use MeasureKey as K;
    match key {
        K::People => (
            "How many people are in the network shown: those who answered and those who were only named.",
            "Hvor mange personer som er med i nettverket som vises: de som svarte og de som bare ble nevnt.",
        ),
        K::Ties => (
            "How many times someone named someone else as an important source of information.",
            "Hvor mange ganger noen nevnte en annen som en viktig informasjonskilde.",
        ),
        K::Respondents => (
            "People who answered the survey and told whom they get information from.",
            "Personer som svarte på undersøkelsen og fortalte hvem de får informasjon fra.",
        ),
        K::NamedOnly => (
            "People who were named by others but did not answer themselves.",
            "Personer som ble nevnt av andre, men som ikke svarte selv.",
        ),
        K::Density => (
            "Share of all possible nominations that were actually made; 100 % would mean everyone named everyone.",
            "Andelen av alle mulige nominasjoner som faktisk ble gjort; 100 % ville bety at alle nevnte alle.",
        ),
        K::ReciprocityEdgewise => (
            "Share of nominations that were returned: the named person also named the one who named them.",
            "Andelen nominasjoner som ble gjengjeldt: den som ble nevnt, nevnte også den som nevnte dem.",
        ),
        K::ReciprocityDyadic => (
            "Share of connected pairs in which both named each other.",
            "Andelen av parene med forbindelse der begge nevnte hverandre.",
        ),
        K::InDegreeCentralization => (
            "How much the nominations gather on one person: 1 = everyone names the same person, 0 = everyone is named equally often.",
            "Hvor mye nominasjonene samler seg om én person: 1 = alle nevner den samme personen, 0 = alle blir nevnt like ofte.",
        ),
        K::EiIndex => (
            "Ties across groups against ties within groups: -1 = all ties stay inside the groups, +1 = all ties go to other groups.",
            "Bånd på tvers av grupper mot bånd innad i grupper: -1 = alle bånd holder seg innad i gruppene, +1 = alle bånd går til andre grupper.",
        ),
        K::EiExpected => (
            "The E-I index expected if people chose their sources at random, whatever the group; compare it with the observed one, as unequal group sizes pull it up or down.",
            "E-I-indeksen vi ville ventet om folk valgte kilder tilfeldig, uansett gruppe; sammenlign med den observerte, fordi ulike gruppestørrelser trekker den opp eller ned.",
        ),
        K::EiSent => (
            "E-I index of the people a group's members named.",
            "E-I-indeksen for de personene som gruppens medlemmer nevnte.",
        ),
        K::EiReceived => (
            "E-I index of the people who named a group's members.",
            "E-I-indeksen for de personene som nevnte gruppens medlemmer.",
        ),
        K::MixingMatrix => (
            "A table of how many nominations go from each group to each group.",
            "En tabell over hvor mange nominasjoner som går fra hver gruppe til hver gruppe.",
        ),
        K::ColemanHomophily => (
            "How much more a group names its own members than chance would give: 0 = as by chance, 1 = only its own, below 0 = fewer than by chance.",
            "Hvor mye mer en gruppe nevner sine egne enn tilfeldighetene skulle tilsi: 0 = som ved tilfeldighet, 1 = bare egne, under 0 = færre enn ved tilfeldighet.",
        ),
        K::Assortativity => (
            "One number for the whole network telling whether people name people from their own group: 1 = only their own, 0 = no preference, below 0 = other groups preferred.",
            "Ett tall for hele nettverket som sier om folk nevner folk fra egen gruppe: 1 = bare egen gruppe, 0 = ingen preferanse, under 0 = andre grupper foretrekkes.",
        ),
        K::WeakComponents => (
            "Separate clusters: people linked by nominations in either direction, with no ties at all between clusters.",
            "Atskilte klynger: personer som henger sammen via nominasjoner i en eller annen retning, uten noen bånd mellom klyngene.",
        ),
        K::StrongComponents => (
            "Groups in which everyone can reach everyone else by following the nominations in their direction.",
            "Grupper der alle kan nå alle andre ved å følge nominasjonene i pilens retning.",
        ),
        K::Isolates => (
            "People who neither named anyone nor were named by anyone.",
            "Personer som verken nevnte noen eller ble nevnt av noen.",
        ),
        K::MostNamed => (
            "The people named most often as a source of information.",
            "Personene som oftest ble nevnt som informasjonskilde.",
        ),
        K::InDegree => (
            "How many people named this person as a source of information.",
            "Hvor mange som nevnte denne personen som informasjonskilde.",
        ),
        K::OutDegree => (
            "How many people this person named; known only for those who answered.",
            "Hvor mange denne personen nevnte; bare kjent for dem som svarte.",
        ),
        K::PageRank => (
            "Importance as a source, where being named by people who are themselves often named counts for more.",
            "Betydning som kilde, der det teller mer å bli nevnt av personer som selv ofte blir nevnt.",
        ),
        K::Betweenness => (
            "How often this person lies on the shortest chain between two others: a bridge between people who are not otherwise linked.",
            "Hvor ofte denne personen ligger på den korteste kjeden mellom to andre: en bro mellom folk som ellers ikke henger sammen.",
        ),
        K::BetweennessNormalised => (
            "Betweenness as a share of the largest possible value, so that networks of different size can be compared.",
            "Mellomledd-sentralitet som andel av størst mulig verdi, slik at nettverk av ulik størrelse kan sammenlignes.",
        ),
        K::BetweennessCentralization => (
            "How much the bridging role is gathered on one person: 1 = one person links everyone, 0 = evenly spread.",
            "Hvor mye brorollen er samlet hos én person: 1 = én person knytter sammen alle, 0 = jevnt fordelt.",
        ),
        K::Coordinator => {
            ("Links two people from their own group.", "Knytter sammen to personer fra sin egen gruppe.")
        }
        K::Itinerant => (
            "Links two people from the same other group, one they do not belong to themselves.",
            "Knytter sammen to personer fra den samme andre gruppen, en gruppe de ikke selv tilhører.",
        ),
        K::Gatekeeper => (
            "Named by someone from another group and names someone in their own group, so their own group's information reaches outsiders through them.",
            "Blir nevnt av noen fra en annen gruppe og nevner selv noen i egen gruppe, så informasjon fra egen gruppe når utenforstående gjennom dem.",
        ),
        K::Representative => (
            "Named by someone in their own group and names someone from another group, so outside information reaches their own group through them.",
            "Blir nevnt av noen i egen gruppe og nevner selv noen fra en annen gruppe, så informasjon utenfra når egen gruppe gjennom dem.",
        ),
        K::Liaison => (
            "Links two people from two different groups, neither of them their own.",
            "Knytter sammen to personer fra to ulike grupper, og ingen av dem er personens egen.",
        ),
        K::CompositionAll => (
            "Share of the people in each group: sector, years lived here, age.",
            "Andelen av personene i hver gruppe: sektor, botid, alder.",
        ),
        K::CompositionMostNamed => (
            "The same shares among the quarter of people named most often.",
            "De samme andelene blant den fjerdedelen som oftest ble nevnt.",
        ),
        K::CompositionWeighted => (
            "Share of all nominations that went to people in each group.",
            "Andelen av alle nominasjoner som gikk til personer i hver gruppe.",
        ),
        K::OcaiScore => (
            "A culture's score: the average of the points (out of 100) it got over the six questions.",
            "En kulturs skår: gjennomsnittet av poengene (av 100) den fikk på de seks spørsmålene.",
        ),
        K::OcaiClan => (
            "Clan culture: a friendly, family-like workplace built on teamwork, loyalty and involvement.",
            "Klankultur: en vennlig, familiepreget arbeidsplass bygd på samarbeid, lojalitet og medvirkning.",
        ),
        K::OcaiAdhocracy => (
            "Adhocracy culture: a dynamic, entrepreneurial workplace that values new ideas and taking risks.",
            "Adhokratikultur: en dynamisk og skapende arbeidsplass som verdsetter nye ideer og å ta sjanser.",
        ),
        K::OcaiMarket => (
            "Market culture: a results-oriented, competitive workplace focused on goals and getting the job done.",
            "Markedskultur: en resultatorientert og konkurransepreget arbeidsplass med vekt på mål og på å få jobben gjort.",
        ),
        K::OcaiHierarchy => (
            "Hierarchy culture: a controlled, structured workplace run by rules and procedures.",
            "Hierarkikultur: en kontrollert og strukturert arbeidsplass styrt av regler og prosedyrer.",
        ),
        K::OcaiGap => (
            "Preferred minus now: how much more (or, if negative, less) of this culture people want.",
            "Ønsket minus nå: hvor mye mer (eller, om tallet er negativt, mindre) av denne kulturen folk ønsker seg.",
        ),
        K::OcaiDominant => ("The culture with the highest score.", "Kulturen med høyest skår."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_explained() {
        let mut keys: Vec<_> = MeasureKey::ALL.iter().map(|k| k.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), MeasureKey::ALL.len());
        for k in MeasureKey::ALL {
            let (en, nb) = explain(k);
            assert!(!en.is_empty() && !nb.is_empty() && en != nb, "{k:?}");
            assert_eq!(serde_json::to_string(&k).expect("json"), format!("\"{}\"", k.key()));
        }
    }
}
