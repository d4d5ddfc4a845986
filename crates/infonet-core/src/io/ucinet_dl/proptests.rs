use proptest::prelude::*;

use super::*;

const PIECES: &[&str] = &[
    "dl",
    "DL",
    "n",
    "nr",
    "nc",
    "nm",
    "=",
    "2",
    "3",
    "0",
    "1",
    "-1",
    "0.5",
    "format",
    "fullmatrix",
    "edgelist1",
    "nodelist1",
    "upperhalf",
    "lowerhalf",
    "labels",
    "row",
    "column",
    "level",
    "embedded",
    ":",
    "data:",
    "diagonal",
    "absent",
    "present",
    "!",
    ",",
    "\"",
    "'",
    "\n",
    "\r\n",
    " ",
    "a",
    "ø",
];

fn dl_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..120).prop_map(|pieces| pieces.join(" "))
}

fn check(bytes: &[u8]) {
    if let Err(error) = parse_dl(bytes) {
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
    fn dl_like_text_never_panics(text in dl_like()) {
        check(text.as_bytes());
        check(format!("dl n=3 {text}").as_bytes());
        check(format!("dl n=3 format=edgelist1\ndata:\n{text}").as_bytes());
        check(format!("dl nr=2 nc=3 labels embedded\ndata:\n{text}").as_bytes());
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
        check(text.as_bytes());
        check(format!("dl n=2\nlabels:\n{text}\ndata:\n{text}").as_bytes());
    }
}
