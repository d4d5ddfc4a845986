use proptest::prelude::*;

use super::*;

const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"nodes\"",
    "\"links\"",
    "\"edges\"",
    "\"id\"",
    "\"key\"",
    "\"source\"",
    "\"target\"",
    "\"elements\"",
    "\"data\"",
    "\"options\"",
    "\"x\"",
    "\"y\"",
    "\"color\"",
    "\"#fff\"",
    "0",
    "1",
    "-1",
    "2.5",
    "\"a\"",
    "\"ø\"",
    "true",
    "null",
    "\"group\"",
    "\"nodes\"",
    " ",
    "\n",
    "\"attributes\"",
    "\"undirected\"",
    "\"weight\"",
    "\"position\"",
    "\"format\"",
    "\"MWnets\"",
];

fn json_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
}

/// Structurally valid documents of the accepted shapes with random members.
fn shaped() -> impl Strategy<Value = String> {
    let value = proptest::sample::select(vec![
        "0",
        "1",
        "7",
        "\"a\"",
        "\"b\"",
        "null",
        "{}",
        "[]",
        "{\"id\":\"a\"}",
        "true",
        "-3",
        "1.5",
    ]);
    let member = proptest::sample::select(vec![
        "id",
        "key",
        "source",
        "target",
        "x",
        "y",
        "label",
        "name",
        "color",
        "size",
        "weight",
        "data",
        "group",
        "undirected",
        "attributes",
        "index",
        "directed",
    ]);
    let object = proptest::collection::vec((member, value), 0..5).prop_map(|m| {
        format!("{{{}}}", m.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(","))
    });
    let list = proptest::collection::vec(object, 0..5).prop_map(|o| format!("[{}]", o.join(",")));
    let template = proptest::sample::select(vec![
        "{{\"nodes\":{0},\"links\":{1}}}",
        "{{\"nodes\":{0},\"edges\":{1},\"options\":{{\"type\":\"undirected\"}}}}",
        "{{\"elements\":{{\"nodes\":{0},\"edges\":{1}}}}}",
        "{{\"elements\":{0}}}",
        "{0}",
    ]);
    (template, list.clone(), list)
        .prop_map(|(t, a, b)| t.replace("{0}", &a).replace("{1}", &b).replace("{{", "{").replace("}}", "}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Err(e) = parse_json_graph(&bytes) {
            prop_assert!(e.line > 0 && e.column > 0);
        }
    }

    #[test]
    fn json_like_text_never_panics(text in json_like()) {
        if let Err(e) = parse_json_graph(text.as_bytes()) {
            prop_assert!(e.line > 0 && e.column > 0);
        }
    }

    #[test]
    fn shaped_documents_never_panic(text in shaped()) {
        match parse_json_graph(text.as_bytes()) {
            Ok(file) => {
                for graph in &file.graphs {
                    let _ = write_node_link(graph);
                }
            }
            Err(e) => prop_assert!(e.line > 0 && e.column > 0, "{e}"),
        }
    }
}
