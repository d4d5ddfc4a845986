//! Autosave and recovery, headless (egui_kittest) with a manual clock: a change is written
//! by the wake-up the app schedules for itself, not by the next input.

use std::sync::Arc;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use infonet::app::InfonetApp;
use infonet::command::Command;
use infonet::project::ProjectFile;
use infonet::recovery::{AUTOSAVE_DELAY, ManualClock};
use infonet::ui::FakePicker;

fn harness(dir: &std::path::Path, clock: &Arc<ManualClock>) -> Harness<'static, InfonetApp> {
    let mut app = InfonetApp::headless(Box::new(FakePicker(vec![])));
    app.set_clock(clock.clone());
    app.enable_recovery(dir).expect("recovery folder");
    app.push(Command::OpenSample("fjellvik"));
    // A settled window: no layout frames, so only the autosave can ask for a wake-up.
    app.push(Command::SetPaused(true));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut InfonetApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

/// The wake-up the last frame asked the event loop for.
fn requested_wake_up(h: &Harness<'_, InfonetApp>) -> Duration {
    h.output().viewport_output.get(&egui::ViewportId::ROOT).map_or(Duration::MAX, |v| v.repaint_delay)
}

fn recovery_file(h: &Harness<'_, InfonetApp>) -> std::path::PathBuf {
    h.state().recovery().expect("recovery on").path().to_owned()
}

#[test]
fn two_changes_three_seconds_apart_are_both_written_without_further_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(ManualClock::default());
    let mut h = harness(dir.path(), &clock);
    assert!(!h.state().dirty());
    assert!(requested_wake_up(&h) > Duration::from_secs(3600), "a settled, saved window sleeps");

    h.get_by_label("<4 (9)").click();
    h.run();
    clock.advance(Duration::from_secs(3));
    h.get_by_label("4-9 (16)").click();
    // Until the click's own animations are over: then only the autosave wants a wake-up.
    h.run();
    let both = h.state().filter();
    assert_eq!(both.tenure.allowed, [false, false, true, true], "both chips are off");
    assert!(!recovery_file(&h).exists(), "nothing is written before the deadline");

    // The frame asked to be woken when the autosave is due (5 s after the first change).
    let wake = requested_wake_up(&h);
    assert_eq!(wake, AUTOSAVE_DELAY - Duration::from_secs(3));
    // The event loop wakes the app then: one frame, no input.
    clock.advance(wake);
    h.step();
    let written = ProjectFile::read(&recovery_file(&h)).expect("the recovery file reads");
    assert_eq!(written.view.filter, both, "the recovery file holds both changes");
    assert!(requested_wake_up(&h) > Duration::from_secs(3600), "written: no more wake-ups");
}

#[test]
fn recovery_restores_what_the_file_holds_and_says_when() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(ManualClock::default());
    // A first instance makes a change and is killed after its autosave (its slot never
    // cleans up: dropping the harness without `on_exit` is what kill -9 leaves).
    let (left, filter) = {
        let mut h = harness(dir.path(), &clock);
        h.get_by_label("10+ (64)").click();
        h.run_steps(2);
        clock.advance(AUTOSAVE_DELAY);
        h.step();
        (recovery_file(&h), h.state().filter())
    };
    assert!(left.exists());

    let mut h = harness(dir.path(), &clock);
    assert_eq!(h.state().recovery_offer().map(|o| o.0.clone()), Some(left.clone()));
    h.get_by_label("Recover").click();
    h.run_steps(3);
    assert_eq!(h.state().filter(), filter, "the recovered filter");
    assert!(h.state().dirty(), "recovered work is unsaved work");
    let status = match h.state().status() {
        infonet::app::Status::Info(s) => s.clone(),
        other => panic!("no recovery line: {other:?}"),
    };
    assert!(status.contains("autosaved at") && status.contains("UTC"), "{status}");
    assert!(!left.exists(), "the old file goes once this instance holds the work");
    let own = ProjectFile::read(&recovery_file(&h)).expect("this instance's autosave");
    assert_eq!(own.view.filter, filter);
}

#[test]
fn two_instances_write_two_recovery_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(ManualClock::default());
    let mut a = harness(dir.path(), &clock);
    let mut b = harness(dir.path(), &clock);
    assert!(b.state().recovery_offer().is_none(), "a running instance's file is not offered");
    a.get_by_label("10+ (64)").click();
    b.get_by_label(">40 (63)").click();
    a.run_steps(2);
    b.run_steps(2);
    clock.advance(AUTOSAVE_DELAY);
    a.step();
    b.step();
    let (fa, fb) = (recovery_file(&a), recovery_file(&b));
    assert_ne!(fa, fb);
    let ra = ProjectFile::read(&fa).expect("a");
    let rb = ProjectFile::read(&fb).expect("b");
    assert_eq!(ra.view.filter, a.state().filter());
    assert_eq!(rb.view.filter, b.state().filter());
    assert_ne!(ra.view.filter, rb.view.filter);
}
