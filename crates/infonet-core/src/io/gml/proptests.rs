use proptest::prelude::*;

use super::*;

const PIECES: &[&str] = &[
    "graph",
    "Graph",
    "node",
    "edge",
    "id",
    "label",
    "source",
    "target",
    "directed",
    "graphics",
    "x",
    "y",
    "w",
    "fill",
    "weight",
    "value",
    "[",
    "]",
    "[",
    "]",
    "1",
    "2",
    "-Inf",
    "NaN",
    "1.5e3",
    "\"a\"",
    "\"#ff0000\"",
    "\"\\\"",
    "\"&amp;",
    "#",
    "\n",
    "\r",
    " ",
    "\t",
    "A",
    "ø",
    "\"",
    "\\",
    "&#230;",
];

fn gml_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..120).prop_map(|pieces| pieces.join(" "))
}

fn check(bytes: &[u8]) {
    if let Err(error) = parse_gml(bytes) {
        assert!(error.line > 0 && error.column > 0, "{error:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn gml_like_text_never_panics(text in gml_like()) {
        check(text.as_bytes());
        let framed = format!("graph [ {text} ]");
        check(framed.as_bytes());
        let nodes = format!("graph [ node [ {text} ] edge [ source 1 target 2 {text} ] ]");
        check(nodes.as_bytes());
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
        check(text.as_bytes());
        check(format!("graph [ node [ id 1 label \"{text}\" ] ]").as_bytes());
    }
}
