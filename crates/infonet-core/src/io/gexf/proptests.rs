use proptest::prelude::*;

use super::*;
use crate::io::xml::arbitrary;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_gexf(&bytes);
    }

    #[test]
    fn xml_like_text_never_panics(text in arbitrary::xml_like()) {
        if let Err(error) = parse_gexf(text.as_bytes()) {
            prop_assert!(error.line > 0 && error.column > 0, "{error:?}");
        }
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let _ = parse_gexf(&utf16);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn written_files_read_back_the_same(graph in arbitrary::raw_graph()) {
        let written = write_gexf(&graph);
        let file = parse_gexf(written.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
        prop_assert!(file.warnings.is_empty(), "{:?}", file.warnings);
        let mut back = file.graphs.into_iter().next().ok_or_else(|| TestCaseError::fail("no graph"))?;
        back.nodes.iter_mut().for_each(|n| n.line = 0);
        back.edges.iter_mut().for_each(|e| e.line = 0);
        prop_assert_eq!(back, graph, "{}", written);
    }
}
