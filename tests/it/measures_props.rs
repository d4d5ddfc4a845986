//! Properties of the measures on random small graphs.

use infonet::analysis::adjacency::Adjacency;
use infonet::analysis::betweenness::betweenness;
use infonet::analysis::brokerage::{BrokerageOptions, Direction, brokerage_on};
use infonet::analysis::measures::{mixing, pagerank, reciprocity};
use infonet::analysis::partition::Groups;
use proptest::prelude::*;

fn graph() -> impl Strategy<Value = (usize, Vec<(usize, usize)>, Vec<Option<usize>>)> {
    (2usize..12).prop_flat_map(|n| {
        (
            Just(n),
            proptest::collection::vec((0..n, 0..n), 0..40),
            proptest::collection::vec(proptest::option::weighted(0.85, 0usize..3), n),
        )
    })
}

proptest! {
    #[test]
    fn invariants((n, edges, groups) in graph()) {
        let a = Adjacency::from_edges(n, &edges);
        let reversed: Vec<_> = a.edges().map(|(s, t)| (t, s)).collect();
        let r = Adjacency::from_edges(n, &reversed);

        // Betweenness is the same on the reversed graph.
        for (x, y) in betweenness(&a).iter().zip(betweenness(&r)) {
            prop_assert!((x - y).abs() < 1e-9);
        }
        // PageRank is a distribution.
        let total: f64 = pagerank(&a, 0.85, 1e-12).iter().sum();
        prop_assert!((total - 1.0).abs() < 1e-9);
        // Reciprocity: 2M + A = m, dyadic <= edgewise.
        let rec = reciprocity(&a, |_| true);
        prop_assert_eq!(2 * rec.mutual_dyads + rec.asymmetric_dyads, a.edge_count());
        if let (Some(e), Some(d)) = (rec.edgewise, rec.dyadic) {
            prop_assert!(d <= e + 1e-12);
        }
        // Mixing matrix + excluded ties = all ties; E-I in [-1, 1].
        let g = Groups { keys: vec!["a".into(), "b".into(), "c".into()], of: groups };
        let pm = mixing(&a, &g, "p".into());
        let in_matrix: usize = pm.mixing.iter().flatten().sum();
        prop_assert_eq!(in_matrix + pm.excluded_ties, a.edge_count());
        if let Some(ei) = pm.ei {
            prop_assert!((-1.0..=1.0).contains(&ei));
        }
        for group in &pm.groups {
            if let Some(h) = group.coleman {
                prop_assert!((-1.0 - 1e-12..=1.0 + 1e-12).contains(&h));
            }
        }
        // Brokerage: information flow = nomination with gatekeeper and representative swapped.
        let nom = brokerage_on(&a, &g, &BrokerageOptions::default());
        let flow = brokerage_on(&a, &g, &BrokerageOptions { direction: Direction::InformationFlow, unknown_as: None });
        for (x, y) in nom.persons.iter().zip(&flow.persons) {
            prop_assert_eq!(x.raw.gatekeeper, y.raw.representative);
            prop_assert_eq!(x.raw.representative, y.raw.gatekeeper);
            prop_assert_eq!(x.raw.coordinator, y.raw.coordinator);
            prop_assert_eq!(x.raw.itinerant, y.raw.itinerant);
            prop_assert_eq!(x.raw.liaison, y.raw.liaison);
            prop_assert_eq!(x.raw.total, y.raw.total);
        }
    }
}
