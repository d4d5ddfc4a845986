use proptest::prelude::*;

use super::*;

const CHARS: &[char] =
    &[' ', '\t', ',', ';', '"', '#', '%', '\n', '\r', 'a', 'ø', '1', '.', 'e', '{', '}', '\'', ':'];

fn edge_list_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(CHARS), 0..300).prop_map(|c| c.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        parse_edge_list(&bytes).ok();
        parse_layout_init(&bytes, 3).ok();
    }

    #[test]
    fn edge_list_like_text_never_panics(text in edge_list_like(), header in proptest::sample::select(vec![
        "", "# nodes 3 edges 2\n", "# Directed\n", "source target weight\n", "1 2 {",
    ])) {
        let text = format!("{header}{text}");
        if let Ok(file) = parse_edge_list(text.as_bytes()) {
            for graph in &file.graphs {
                for edge in &graph.edges {
                    prop_assert!(!edge.source.is_empty() && !edge.target.is_empty());
                }
            }
            for warning in &file.warnings {
                prop_assert!(warning.line > 0 && warning.column > 0);
            }
        } else if let Err(error) = parse_edge_list(text.as_bytes()) {
            prop_assert!(error.line > 0 && error.column > 0);
        }
        parse_layout_init(text.as_bytes(), 2).ok();
    }

    /// Plain pairs come back as written, in order.
    #[test]
    fn plain_pairs_round_trip(pairs in proptest::collection::vec(("[a-zæøå0-9]{1,6}", "[a-zæøå0-9]{1,6}"), 1..30)) {
        let text: String = pairs.iter().map(|(a, b)| format!("{a} {b}\n")).collect();
        let file = parse_edge_list(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let graph = file.graphs.first().ok_or_else(|| TestCaseError::fail("no graph"))?;
        let parsed: Vec<(String, String)> = graph.edges.iter().map(|e| (e.source.clone(), e.target.clone())).collect();
        prop_assert_eq!(parsed, pairs);
    }
}
