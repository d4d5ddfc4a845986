use super::*;

fn parse(text: &str) -> RawFile {
    parse_dl(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn graph(text: &str) -> RawGraph {
    let file = parse(text);
    assert_eq!(file.graphs.len(), 1, "{:?}", file.graphs);
    file.graphs.into_iter().next().expect("a graph")
}

fn err(text: &str) -> ParseError {
    parse_dl(text.as_bytes()).expect_err("should fail")
}

fn ids(graph: &RawGraph) -> Vec<&str> {
    graph.nodes.iter().map(|n| n.id.as_str()).collect()
}

fn pairs(graph: &RawGraph) -> Vec<(&str, &str)> {
    graph.edges.iter().map(|e| (e.source.as_str(), e.target.as_str())).collect()
}

fn weights(graph: &RawGraph) -> Vec<Option<f64>> {
    graph.edges.iter().map(|e| e.weight).collect()
}

#[test]
fn edgelist1_with_embedded_labels() {
    let g = graph("dl n=3 format=edgelist1\nlabels embedded:\ndata:\nANNA BO 1\nBO ANNA 1\nBO CAFE 2.5\n");
    assert!(g.directed);
    assert_eq!(ids(&g), ["ANNA", "BO", "CAFE"]);
    assert_eq!(g.nodes.first().and_then(|n| n.label.as_deref()), Some("ANNA"));
    assert_eq!(pairs(&g), [("ANNA", "BO"), ("BO", "ANNA"), ("BO", "CAFE")]);
    assert_eq!(weights(&g), [Some(1.0), Some(1.0), Some(2.5)]);
    assert_eq!(g.edges.get(2).map(|e| e.line), Some(6));
    assert_eq!(g.name, None);
}

#[test]
fn fullmatrix_with_comma_labels() {
    let g = graph("dl n=3\nformat = fullmatrix\nlabels:\nanna,bo,cafe\ndata:\n0 1 0\n1 0 1\n0 0 0\n");
    assert!(g.directed);
    assert_eq!(ids(&g), ["anna", "bo", "cafe"]);
    assert_eq!(pairs(&g), [("anna", "bo"), ("bo", "anna"), ("bo", "cafe")]);
    assert_eq!(g.edges.get(1).map(|e| e.line), Some(7));
}

#[test]
fn header_spacing_case_and_default_format() {
    for header in [
        "DL N = 2\nDATA:",
        "dl n=2 data:",
        "Dl\r\nN=2,  FORMAT=FM\r\nData :",
        "DL n =2, format = fullmatrix data:",
    ] {
        let g = graph(&format!("{header}\n0 4\n0 0\n"));
        assert_eq!(ids(&g), ["1", "2"], "{header}");
        assert_eq!(pairs(&g), [("1", "2")], "{header}");
        assert_eq!(weights(&g), [Some(4.0)], "{header}");
    }
    // Data on the data: line itself.
    let g = graph("dl n=2 data: 0 1 1 0");
    assert!(!g.directed);
    assert_eq!(pairs(&g), [("1", "2")]);
}

#[test]
fn stacked_matrices_with_level_labels_and_wrapped_rows() {
    let file = parse(
        "DL\nN=3 NM=2\nFORMAT = FULLMATRIX DIAGONAL PRESENT\nROW LABELS:\n\"Ann Lee\"\n\"Bo\"\n\"Cy\"\nCOLUMN LABELS:\n\"Ann Lee\"\n\"Bo\"\n\"Cy\"\n\
             LEVEL LABELS:\nADVICE\nFRIENDS\nDATA:\n0 1\n0\n0 0 1\n1 0 0\n 0 1 0\n1 0 1\n0 1 0\n",
    );
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("ADVICE"), Some("FRIENDS")]);
    let advice = file.graphs.first().expect("advice");
    assert!(advice.directed);
    assert_eq!(ids(advice), ["Ann Lee", "Bo", "Cy"]);
    assert_eq!(pairs(advice), [("Ann Lee", "Bo"), ("Bo", "Cy"), ("Cy", "Ann Lee")]);
    let friends = file.graphs.get(1).expect("friends");
    assert!(!friends.directed, "symmetric: undirected upper triangle");
    assert_eq!(pairs(friends), [("Ann Lee", "Bo"), ("Bo", "Cy")]);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
}

#[test]
fn unnamed_stacked_matrices_are_numbered() {
    let file = parse("dl n=2 nm=2\ndata:\n0 1 0 0\n0 0 1 0\n");
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("1"), Some("2")]);
    assert_eq!(file.graphs.get(1).map(pairs), Some(vec![("2", "1")]));
}

#[test]
fn label_lists_by_line_comma_or_space() {
    let g = graph("dl n=3\nlabels:\nAnna K.\nBo L.\nCafe owner\ndata:\n0 0 0 0 0 0 0 0 0\n");
    assert_eq!(ids(&g), ["Anna K.", "Bo L.", "Cafe owner"]);
    let g = graph("dl n=3\nlabels: Anna K., \"Bo, L.\",\n Cafe\ndata:\n0 0 0 0 0 0 0 0 0\n");
    assert_eq!(ids(&g), ["Anna K.", "Bo, L.", "Cafe"]);
    let g = graph("dl n=3\nlabels:\nann bo \"cafe owner\"\ndata:\n0 0 0 0 0 0 0 0 0\n");
    assert_eq!(ids(&g), ["ann", "bo", "cafe owner"]);
    let file = parse("dl n=3\nlabels:\nann, bo\ndata:\n0 0 0 0 0 0 0 0 0\n");
    let g = file.graphs.first().expect("graph");
    assert_eq!(ids(g), ["ann", "bo", "3"]);
    assert_eq!(
        file.warnings.first().map(|w| (w.line, w.message.as_str())),
        Some((2, "2 labels for 3 items; the rest have none"))
    );
}

#[test]
fn labels_embedded_in_a_full_matrix() {
    let g =
        graph("dl n=2 format=fullmatrix labels embedded\ndata:\n      ann bo\nann   0   1\nbo    1   0\n");
    assert_eq!(ids(&g), ["ann", "bo"]);
    assert_eq!(pairs(&g), [("ann", "bo")]);
    let g = graph("dl n=2\nrow labels embedded\ndata:\nann 0 1\nbo 0 0\n");
    assert_eq!(pairs(&g), [("ann", "bo")]);
}

#[test]
fn diagonal_absent_self_loops_and_values() {
    let g = graph("dl n=3 diagonal=absent\ndata:\n1 0\n0 -2\n0 0\n");
    assert_eq!(pairs(&g), [("1", "2"), ("2", "3")]);
    assert_eq!(weights(&g), [Some(1.0), Some(-2.0)]);
    let g = graph("dl n=2\ndata:\n3 0.5\n0 0\n");
    assert_eq!(pairs(&g), [("1", "1"), ("1", "2")], "diagonal cells are self-loops");
    assert_eq!(weights(&g), [Some(3.0), Some(0.5)]);
}

#[test]
fn upper_and_lower_halves() {
    let g = graph("dl n=3 format=upperhalf\ndata:\n0 1 2\n0 1\n0\n");
    assert!(!g.directed);
    assert_eq!(pairs(&g), [("1", "2"), ("1", "3"), ("2", "3")]);
    let g = graph("dl n=3 format=lowerhalf diagonal absent\ndata:\n1\n0 1\n");
    assert!(!g.directed);
    assert_eq!(pairs(&g), [("2", "1"), ("3", "2")]);
}

#[test]
fn nodelist1() {
    let g = graph("dl n=4 format=nodelist1\nlabels:\na,b,c,d\ndata:\n1 2 3\n4 1\n");
    assert!(g.directed);
    assert_eq!(pairs(&g), [("a", "b"), ("a", "c"), ("d", "a")]);
    let g = graph("dl n=3 format=nl1 labels embedded\ndata:\nann bo cy\ncy ann\n");
    assert_eq!(ids(&g), ["ann", "bo", "cy"]);
    assert_eq!(pairs(&g), [("ann", "bo"), ("ann", "cy"), ("cy", "ann")]);
}

#[test]
fn edgelist1_by_number_with_labels_beyond_n_zero_weights_and_several_lists() {
    let file = parse(
        "DL n=5\nformat = edgelist1\nlabels:\ngeorge, sally, jim, billy, jane\ndata:\n1 2\n1 3 0\n7 3\njim george 2\n",
    );
    let g = file.graphs.first().expect("graph");
    assert_eq!(pairs(g), [("george", "sally"), ("7", "jim"), ("jim", "george")]);
    assert_eq!(weights(g), [None, None, Some(2.0)]);
    assert_eq!(file.warnings.first().map(|w| (w.line, w.column)), Some((8, 1)));
    let file = parse("dl n=2 nm=2 format=edgelist1\nlevel labels:\nx, y\ndata:\n1 2\n!\n2 1\n");
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("x"), Some("y")]);
    assert_eq!(file.graphs.get(1).map(pairs), Some(vec![("2", "1")]));
    let file = parse("dl n=2 nm=3 format=edgelist1\ndata:\n1 2\n");
    assert!(file.warnings.iter().any(|w| w.message.contains("nm=3")), "{:?}", file.warnings);
    // Words that are not numbers are labels.
    let g = graph("dl n=2 format=edgelist1\ndata:\n1 zed\n");
    assert_eq!(ids(&g), ["1", "2", "zed"]);
}

#[test]
fn two_mode_matrices() {
    let g =
        graph("dl nr=2 nc=3\nrow labels:\nann, bo\ncolumn labels:\nclub, church, pub\ndata:\n1 0 1\n0 2 0\n");
    assert!(!g.directed);
    assert_eq!(ids(&g), ["ann", "bo", "club", "church", "pub"]);
    assert_eq!(pairs(&g), [("ann", "club"), ("ann", "pub"), ("bo", "church")]);
    let modes: Vec<Option<&AttrValue>> = g.nodes.iter().map(|n| n.attrs.get("mode")).collect();
    let (one, two) = (Some(&AttrValue::Number(1.0)), Some(&AttrValue::Number(2.0)));
    assert_eq!(modes, [one, one, two, two, two]);
    let g = graph("dl nr=2 nc=1\ndata:\n1\n1\n");
    assert_eq!(ids(&g), ["1", "2", "3"]);
    assert_eq!(pairs(&g), [("1", "3"), ("2", "3")]);
    let file = parse("dl nr=1 nc=2\nrow labels: a\ncolumn labels: a b\ndata: 1 1\n");
    let g = file.graphs.first().expect("graph");
    assert_eq!(ids(g), ["1", "2", "3"]);
    assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
}

#[test]
fn duplicate_labels_number_the_nodes() {
    let file = parse("dl n=2\nlabels:\nANN,ANN\ndata:\n0 1 0 0\n");
    let g = file.graphs.first().expect("graph");
    assert_eq!(ids(g), ["1", "2"]);
    assert_eq!(g.nodes.get(1).and_then(|n| n.label.as_deref()), Some("ANN"));
    assert_eq!(file.warnings.len(), 1);
}

#[test]
fn warnings_for_extra_values_unknown_keywords_and_differing_labels() {
    let file = parse("dl n=2 colour=red\nrow labels:\na b\ncolumn labels:\nc d\ndata:\n0 1\n0 0\n9\n");
    let messages: Vec<(u32, &str)> = file.warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
    assert!(messages.iter().any(|(l, m)| *l == 1 && m.contains("\"colour\"")), "{messages:?}");
    assert!(messages.iter().any(|(l, m)| *l == 9 && m.contains("after the last matrix")), "{messages:?}");
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages.iter().any(|(_, m)| m.contains("differ")), "{messages:?}");
}

#[test]
fn utf8_windows_1252_and_bom() {
    let g = graph("\u{feff}dl n=2\nlabels:\nÅse,Bjørn\ndata:\n0 1\n0 0\n");
    assert_eq!(ids(&g), ["Åse", "Bjørn"]);
    let bytes = encoding_rs::WINDOWS_1252.encode("dl n=1\nlabels:\nØystein\ndata:\n0\n").0.into_owned();
    let file = parse_dl(&bytes).expect("windows-1252");
    assert_eq!(file.graphs.first().and_then(|g| g.nodes.first()).map(|n| n.id.as_str()), Some("Øystein"));
}

#[test]
fn errors_have_positions() {
    let e = err("graph [ ]");
    assert_eq!((e.line, e.column), (1, 1));
    assert!(e.message.contains("DL"), "{e}");
    assert_eq!(err("").line, 1);
    assert_eq!(err("\n\n").line, 1);
    let e = err("dl n=2\n0 1\n");
    assert!(e.message.contains("data:"), "{e}");
    let e = err("dl\nformat=fullmatrix\ndata:\n");
    assert!(e.message.contains("n="), "{e}");
    let e = err("dl n=3 format=edgelist2\ndata:\n");
    assert_eq!((e.line, e.column), (1, 15));
    assert!(e.message.contains("edgelist2"), "{e}");
    let e = err("dl n=x\ndata:\n");
    assert_eq!((e.line, e.column), (1, 6));
    let e = err("dl n=99999999999\ndata:\n");
    assert!(e.message.contains("too large"), "{e}");
    let e = err("dl n=9000000 format=edgelist1\ndata:\n1 2\n");
    assert!(e.message.contains("far more"), "{e}");
    let e = err("dl n=100000\ndata:\n0 1\n");
    assert!(e.message.contains("bytes of data"), "{e}");
    let e = err("dl n=2\ndata:\n0 1\n1 x\n");
    assert_eq!((e.line, e.column), (4, 3));
    let e = err("dl n=2\ndata:\n0 1\n1\n\n");
    assert_eq!(e.line, 4, "{e}");
    assert!(e.message.contains("ends early"), "{e}");
    let e = err("dl n=2 format=edgelist1\ndata:\n1\n");
    assert_eq!((e.line, e.column), (3, 1));
    let e = err("dl n=2 format=edgelist1\ndata:\n1 2 heavy\n");
    assert_eq!((e.line, e.column), (3, 5));
    let e = err("dl n=2 format=edgelist1\ndata:\n1 0\n");
    assert_eq!((e.line, e.column), (3, 3));
    let e = err("dl n=2\ndiagonal maybe\ndata:\n");
    assert_eq!((e.line, e.column), (2, 10));
    let e = err("dl n=2\nrow data:\n");
    assert_eq!((e.line, e.column), (2, 1));
    let e = err("dl n=2\nlabels\ndata:\n");
    assert_eq!((e.line, e.column), (2, 1));
    let e = err("dl nr=2 nc=3 format=edgelist1\ndata:\n");
    assert!(e.message.contains("nr and nc"), "{e}");
    let e = err("dln=2\ndata:\n");
    assert_eq!((e.line, e.column), (1, 1));
    let e = err("\n  \"dl\" n=2\ndata:\n");
    assert_eq!((e.line, e.column), (2, 3));
    // Columns count characters.
    let e = err("dl n=2\nlabels:\nø,å\ndata:\n0 1 1 æ\n");
    assert_eq!((e.line, e.column), (5, 7));
}

#[test]
fn binary_is_rejected() {
    let e = parse_dl(b"dl\x00n=3").expect_err("binary");
    assert_eq!((e.line, e.column), (1, 3));
    assert!(e.message.starts_with("this is not a UCINET DL file: it holds binary data"), "{e}");
}
