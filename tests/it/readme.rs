//! The README's command line, checked: every `infonet …` line quotes its `>` and `<` (pasted
//! unquoted, the shell redirects to a file called `40`), and every example line that names real
//! files runs on the bundled samples and succeeds. Also what `stats` prints as text.

use std::path::{Path, PathBuf};
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README.md")
}

/// The `infonet …` lines of the README's code blocks, without their trailing comments.
fn command_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code && line.trim_start().starts_with("infonet") {
            let command = split(line).0;
            lines.push(command);
        }
    }
    lines
}

/// Splits a shell line into words the way a POSIX shell quotes them, up to an unquoted `#`
/// comment. Returns the line without its comment, the words, and the characters the shell
/// would have taken as redirections or pipes.
fn split(line: &str) -> (String, Vec<String>, Vec<char>) {
    let (mut words, mut word, mut specials) = (Vec::new(), String::new(), Vec::new());
    let mut quote: Option<char> = None;
    let mut kept = String::new();
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '#') if !in_word => break,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, '>' | '<' | '|') => {
                specials.push(c);
                word.push(c);
                in_word = true;
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
        kept.push(c);
    }
    if in_word {
        words.push(word);
    }
    (kept.trim_end().to_owned(), words, specials)
}

#[test]
fn every_readme_command_quotes_its_angle_brackets() {
    let lines = command_lines(&readme());
    assert!(lines.len() >= 10, "{lines:?}");
    for line in &lines {
        let (_, _, specials) = split(line);
        let redirects: Vec<&char> = specials.iter().filter(|c| matches!(c, '>' | '<')).collect();
        assert!(redirects.is_empty(), "unquoted {redirects:?} in: {line}");
    }
}

/// Whether a line is an example to run: a headless command on real files, no placeholders.
fn runnable(words: &[String]) -> bool {
    let headless =
        words.get(1).is_some_and(|w| ["stats", "convert", "ocai", "render", "bench"].contains(&w.as_str()));
    let placeholder = words.iter().any(|w| {
        w.contains('…') || w.chars().filter(char::is_ascii_uppercase).count() >= 2 && !w.starts_with('-')
    });
    headless && !placeholder && !words.iter().any(|w| w.starts_with('['))
}

fn copy_samples(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-networks");
    let dest = to.join("sample-networks");
    std::fs::create_dir_all(&dest).expect("folder");
    for entry in std::fs::read_dir(from).expect("samples") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, dest.join(path.file_name().expect("name"))).expect("copy");
        }
    }
}

#[test]
fn every_readme_example_runs_on_the_bundled_samples() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_samples(dir.path());
    let mut ran = 0;
    for line in command_lines(&readme()) {
        let (_, words, _) = split(&line);
        if !runnable(&words) {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_infonet"))
            .args(&words[1..])
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{line}\n{}", String::from_utf8_lossy(&out.stderr));
        // What the example writes is there and not empty.
        let written: Vec<PathBuf> = match words.get(1).map(String::as_str) {
            Some("convert") => words.get(3).map(|w| dir.path().join(w)).into_iter().collect(),
            Some("render") => words
                .iter()
                .position(|w| w == "-o")
                .and_then(|i| words.get(i + 1))
                .map(|w| dir.path().join(w))
                .into_iter()
                .collect(),
            _ => {
                assert!(!out.stdout.is_empty(), "{line} printed nothing");
                Vec::new()
            }
        };
        for file in written {
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            assert!(size > 100, "{line}: {} has {size} bytes", file.display());
        }
        ran += 1;
    }
    assert!(ran >= 7, "ran {ran} README examples");
    // Nothing was written by a stray redirection.
    assert!(!dir.path().join("40").exists() && !dir.path().join("30").exists());
}

#[test]
fn shell_splitting_follows_quotes() {
    let (_, words, specials) = split("infonet stats f.csv --filter 'tenure=10+,age=>40'  # a comment");
    assert_eq!(words, ["infonet", "stats", "f.csv", "--filter", "tenure=10+,age=>40"]);
    assert!(specials.is_empty());
    let (_, _, specials) = split("infonet stats f.csv --filter tenure=10+,age=>40");
    assert_eq!(specials, ['>']);
}

fn stats_text(args: &[&str]) -> String {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-networks/fjellvik.ties.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .arg("stats")
        .arg(&sample)
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn text_stats_print_the_measures_and_follow_the_filter() {
    for filter in [None, Some("tenure=10+,age=>40")] {
        let mut args = vec![];
        if let Some(f) = filter {
            args.extend(["--filter", f]);
        }
        let text = stats_text(&args);
        let mut json_args = args.clone();
        json_args.push("--json");
        let v: serde_json::Value = serde_json::from_str(&stats_text(&json_args)).expect("JSON");
        let f3 = |x: &serde_json::Value| format!("{:.3}", x.as_f64().expect("a number"));
        // The same numbers as the JSON, in words.
        assert!(
            text.contains(&format!(
                "measures of {} people and {} ties",
                v["measured_people"], v["measured_ties"]
            )),
            "{text}"
        );
        assert!(text.contains(&format!("density {}", f3(&v["density"]))), "{text}");
        assert!(
            text.contains(&format!("reciprocity {} (ties)", f3(&v["reciprocity"]["edgewise"]))),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "sector {} (expected {})",
                f3(&v["ei"]["sector"]["observed"]),
                f3(&v["ei"]["sector"]["expected"])
            )),
            "{text}"
        );
        assert!(text.contains(&format!("components weak {}", v["components"]["weak"])), "{text}");
        assert!(text.contains("brokers (betweenness): "), "{text}");
    }
    // The filter changes what the measures say (it had no visible effect in text).
    let all = stats_text(&[]);
    let some = stats_text(&["--filter", "tenure=10+,age=>40"]);
    assert!(all.contains("measures of 91 people and 204 ties"), "{all}");
    assert!(some.contains("measures of 53 people and 81 ties (--filter tenure=10+,age=>40)"), "{some}");
    assert_ne!(all, some);
}

/// Files of this repository, or files next to it that a clone does not have.
fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_readme_and_the_code_cite_only_files_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Design notes and scripts that live outside the repository.
    let outside = [
        "formats.md",
        "formats-peers.md",
        "measures.md",
        "architecture.md",
        "../shared",
        "shared/bench",
        "design/",
    ];
    let mut files = vec![root.join("README.md")];
    for dir in ["src", "benches", "examples"] {
        source_files(&root.join(dir), &mut files);
    }
    // The project's own documents are in the repository; citing them is the point.
    let own = ["docs/formats.md", "docs/measures.md", "docs/architecture.md"];
    for doc in own {
        assert!(root.join(doc).is_file(), "{doc} is in the repository");
    }
    for file in &files {
        let text = std::fs::read_to_string(file).expect("text");
        for (n, line) in text.lines().enumerate() {
            let line = own.iter().fold(line.to_owned(), |l, doc| l.replace(doc, ""));
            for cited in outside {
                assert!(!line.contains(cited), "{}:{}: cites {cited}: {line}", file.display(), n + 1);
            }
        }
    }
    // Every path the README names in backticks is there.
    let readme = readme();
    let mut checked = 0;
    for span in readme.split('`').skip(1).step_by(2) {
        let top = span.split('/').next().unwrap_or_default();
        let local = ["src", "tests", "benches", "fuzz", "assets", "sample-networks", ".ci", "examples"];
        if span.contains('/') && !span.contains(' ') && local.contains(&top) {
            assert!(root.join(span).exists(), "the README names {span}, which is not in the repository");
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked} paths checked");
}
