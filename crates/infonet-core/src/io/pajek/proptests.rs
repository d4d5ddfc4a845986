use proptest::prelude::*;

use super::*;

const PIECES: &[&str] = &[
    "*Vertices",
    "*vertices",
    "*Arcs",
    "*Edges",
    "*Arcslist",
    "*Edgeslist",
    "*Matrix",
    "*Network",
    "*Partition",
    "*Vector",
    ":1",
    ":2",
    "1:",
    "\"name\"",
    "1",
    "2",
    "3",
    "0",
    "-1",
    "0.5",
    "9999998",
    "ic",
    "RGBFF0000",
    "l",
    "x_fact",
    "ellipse",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "%",
    "\"",
    "ø",
    "a",
];

fn pajek_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..120).prop_map(|pieces| pieces.join(" "))
}

fn check(bytes: &[u8]) {
    if let Err(error) = parse_pajek(bytes) {
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
    fn pajek_like_text_never_panics(text in pajek_like()) {
        check(text.as_bytes());
        check(format!("*Vertices 3\n{text}").as_bytes());
        check(format!("*Vertices 3 1\n*Matrix\n{text}").as_bytes());
    }

    #[test]
    fn line_shaped_text_never_panics(
        lines in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(PIECES), 0..6).prop_map(|p| p.join(" ")),
            0..30,
        )
    ) {
        check(lines.join("\n").as_bytes());
        check(format!("*Vertices 4 2\n{}", lines.join("\n")).as_bytes());
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
        check(text.as_bytes());
        check(format!("*Vertices 2\n1 \"{text}\" {text}\n*Arcs\n1 2 {text}").as_bytes());
    }
}
