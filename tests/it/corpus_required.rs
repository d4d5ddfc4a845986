//! In CI the corpus tests must run: `INFONET_REQUIRE_CORPUS=1` turns their skip into a failure.
//! Checked by running this test binary again on the GML conformance tests with a corpus that
//! is not there.

use std::process::Command;

fn run_gml_tests(require: bool) -> (bool, String) {
    let missing = tempfile::tempdir().expect("tempdir").path().join("no corpus here");
    let mut command = Command::new(std::env::current_exe().expect("this test binary"));
    command.args(["corpus_gml::", "--nocapture", "--test-threads=1"]).env("INFONET_CORPUS", &missing);
    if require {
        command.env("INFONET_REQUIRE_CORPUS", "1");
    } else {
        command.env_remove("INFONET_REQUIRE_CORPUS");
    }
    let out = command.output().expect("runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[test]
fn a_missing_corpus_is_a_note_for_a_newcomer_and_a_failure_in_ci() {
    let (passed, text) = run_gml_tests(false);
    assert!(passed, "{text}");
    assert!(text.contains("no corpus found"), "the skip says why: {text}");
    let (passed, text) = run_gml_tests(true);
    assert!(!passed, "with INFONET_REQUIRE_CORPUS=1 a skip fails: {text}");
    assert!(text.contains("INFONET_REQUIRE_CORPUS=1 says this test must run"), "{text}");
}

#[test]
fn the_ci_script_requires_the_corpus_installs_venv_and_fails_on_a_missing_tool() {
    let script = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run"))
        .expect(".ci/run");
    let packages: String = script
        .split("pkgs=(")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("the package list")
        .to_owned();
    assert!(packages.split_whitespace().any(|p| p == "python3-venv"), "{packages}");
    assert!(!script.lines().any(|l| l.contains("rustup component add") && l.trim_end().ends_with("|| true")));
    assert!(script.contains("cargo \"$tool\" --version") && script.contains("CI needs cargo $tool"));
    assert!(script.contains("export INFONET_REQUIRE_CORPUS=1"));
    assert!(script.contains("INFONET_CORPUS"));
}
