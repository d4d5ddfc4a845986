//! `infonet collect` over HTTP on 127.0.0.1: answers land in the survey table, the wrong token
//! or any other path gets 404, oversized fields are refused, markup is escaped, a correction
//! replaces the first answer, a kill -9 after 100 answers loses none, 200 phones answering at
//! once lose none, and Ctrl-C writes the table. Requests are written by hand on a TcpStream (a
//! test client, not the server).

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Running {
    child: Child,
    join: String,
    addr: String,
    path: String,
    line: serde_json::Value,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn start(out: &Path, extra: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .arg("collect")
        .args(extra)
        .args(if extra.contains(&"--listen") { &[][..] } else { &["--listen", "127.0.0.1:0"][..] })
        .arg("--out")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("one JSON line");
    let line: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    let join = line["join_url"].as_str().expect("join_url").to_owned();
    let rest = join.strip_prefix("http://").expect("http");
    let (addr, path) = rest.split_at(rest.find('/').expect("path"));
    Running { child, addr: addr.to_owned(), path: path.to_owned(), join, line }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

fn request(addr: &str, method: &str, path: &str, body: &str, cookie: Option<&str>) -> Reply {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return Reply { status: 0, head: String::new(), body: String::new() };
    };
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(c) = cookie {
        req.push_str(&format!("Cookie: {c}\r\n"));
    }
    if method == "POST" {
        req.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    stream.write_all(req.as_bytes()).expect("sends");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, head: head.to_owned(), body: body.to_owned() }
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let enc: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Waits until `ready` holds (at most 20 s): the survey table follows the journal a quarter
/// of a second later at most. Not a measure of speed; a bound so that a bug fails, not hangs.
fn eventually(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..400 {
        if ready() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(ready(), "{what}");
}

fn sample(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join(file)
}

#[test]
fn answers_from_phones_become_the_survey_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("survey");
    let roster = sample("fjellvik.people.csv");
    let s = start(&out, &[roster.to_str().expect("path"), "--max-named", "3", "--title", "Fjellvik live"]);
    assert!(s.join.starts_with("http://127.0.0.1:"), "{}", s.join);
    let token = s.path.trim_start_matches("/s/").trim_end_matches('/');
    assert_eq!(token.len(), 32, "an unguessable token in the address");

    // The page: the roster as type-ahead, nothing from elsewhere, a device cookie.
    let page = request(&s.addr, "GET", &s.path, "", None);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<option value=\"Jon Gjærde\">"), "roster names offered");
    assert_eq!(page.body.matches("name=\"named\"").count(), 3, "k name fields");
    let lower = page.head.to_lowercase();
    assert!(lower.contains("content-security-policy: default-src 'none'; style-src 'self'"));
    let cookie = page
        .head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .and_then(|c| c.split(';').next())
        .expect("a device cookie")
        .to_owned();
    // One script, the app's own type-ahead, loaded from the app: nothing inline, nothing else.
    assert_eq!(page.body.matches("<script").count(), 1);
    assert!(page.body.contains("<script src=\"typeahead.js\" defer></script>"));
    assert!(lower.contains("script-src 'self';"));
    assert_eq!(request(&s.addr, "GET", &format!("{}style.css", s.path), "", None).status, 200);
    let script = request(&s.addr, "GET", &format!("{}typeahead.js", s.path), "", None);
    assert_eq!(script.status, 200);
    assert!(script.head.to_lowercase().contains("content-type: text/javascript"));
    assert!(!script.body.contains("innerHTML"), "names are written as text, never as markup");

    // Wrong or missing token, other paths, traversal: 404.
    for path in [
        "/",
        "/s/",
        "/s/00000000000000000000000000000000/",
        "/s/x/style.css",
        "/s/x/typeahead.js",
        "/Cargo.toml",
    ] {
        assert_eq!(request(&s.addr, "GET", path, "", None).status, 404, "{path}");
    }
    assert_eq!(request(&s.addr, "GET", &format!("{}../../Cargo.toml", s.path), "", None).status, 404);
    let wrong = form(&[("name", "Kari"), ("named", "Ola")]);
    assert_eq!(request(&s.addr, "POST", "/s/0123456789abcdef0123456789abcdef/", &wrong, None).status, 404);

    // An answer, then a correction from the same phone.
    let body = form(&[
        ("name", "Kari Nordmann"),
        ("sector", "public"),
        ("tenure", "10+"),
        ("age", ">40"),
        ("named", "Jon Gjærde"),
        ("named", "åse  bråten"),
        ("named", ""),
    ]);
    let reply = request(&s.addr, "POST", &s.path, &body, Some(&cookie));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("Thank you!"));
    let body = form(&[
        ("name", "Kari Nordmann"),
        ("sector", "public"),
        ("tenure", "10+"),
        ("age", ">40"),
        ("named", "Jon Gjærde"),
        ("named", "Gunnar Dahl"),
    ]);
    assert_eq!(request(&s.addr, "POST", &s.path, &body, Some(&cookie)).status, 200);
    let table = || std::fs::read_to_string(out.join("Fjellvik live.csv")).unwrap_or_default();
    eventually("the table holds the correction", || {
        table()
            == "name,sector,tenure,age,named_1,named_2\nKari Nordmann,public,10+,>40,Jon Gjærde,Gunnar Dahl\n"
    });
    // The page shows this phone its saved answer back.
    let page = request(&s.addr, "GET", &s.path, "", Some(&cookie));
    assert!(page.body.contains("value=\"Gunnar Dahl\""), "{}", page.body);
    let journal = std::fs::read_to_string(out.join("answers.jsonl")).expect("journal");
    assert_eq!(journal.lines().count(), 2, "every accepted answer is in the journal");

    // Refused, with a message on the page: a name over 100 characters, more than k names,
    // a choice not offered, a body over 16 KB.
    let long = "x".repeat(101);
    let reply = request(&s.addr, "POST", &s.path, &form(&[("name", &long)]), None);
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("at most 100 characters"));
    let four = form(&[("name", "Ola"), ("named", "a"), ("named", "b"), ("named", "c"), ("named", "d")]);
    let reply = request(&s.addr, "POST", &s.path, &four, None);
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("at most 3 people"));
    assert_eq!(
        request(&s.addr, "POST", &s.path, &form(&[("name", "Ola"), ("sector", "kommune")]), None).status,
        400
    );
    let huge = form(&[("name", &"y".repeat(20_000))]);
    assert_eq!(request(&s.addr, "POST", &s.path, &huge, None).status, 413);

    // Markup is text.
    let reply = request(
        &s.addr,
        "POST",
        &s.path,
        &form(&[("name", "<script>alert(1)</script>"), ("named", "<b>x</b>")]),
        None,
    );
    assert_eq!(reply.status, 200);
    assert!(
        !reply.body.contains("<script>alert") && reply.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );

    // What was collected reads as a network: Kari, her two, and the one with markup.
    let table = out.join("Fjellvik live.csv");
    eventually("the table holds both participants", || {
        std::fs::read_to_string(&table).is_ok_and(|t| t.lines().count() == 3)
    });
    let stats = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .args(["stats", "--json"])
        .arg(out.join("Fjellvik live.csv"))
        .output()
        .expect("stats");
    assert_eq!(stats.status.code(), Some(0), "{}", String::from_utf8_lossy(&stats.stderr));
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("json");
    assert_eq!(json["people"], 5, "{json}");
    assert_eq!(json["ties"], 3);
}

#[test]
fn a_kill_after_100_answers_loses_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("survey");
    let mut s = start(&out, &[]);
    for i in 0..100 {
        let device = format!("device{i:03}");
        let body = form(&[
            ("device", &device),
            ("name", &format!("Person {i}")),
            ("named", &format!("Person {}", (i + 1) % 100)),
        ]);
        assert_eq!(request(&s.addr, "POST", &s.path, &body, None).status, 200);
    }
    // kill -9: no chance to flush anything more.
    s.child.kill().expect("killed");
    s.child.wait().ok();
    let join = s.join.clone();
    drop(s);
    let again = start(&out, &[]);
    assert_eq!(again.line["recovered_answers"], 100);
    assert_eq!(again.line["participants"], 100);
    let token = |url: &str| url.rsplit('/').nth(1).map(str::to_owned);
    assert_eq!(token(&again.join), token(&join), "the same survey, the same join address");
    let table = std::fs::read_to_string(again.line["table"].as_str().expect("table")).expect("table");
    assert_eq!(table.lines().count(), 101);
}

/// Frames until `done` holds (bounded: the server answers on its own thread and the table is
/// read in the background).
fn wait_for(
    h: &mut egui_kittest::Harness<'_, infonet::app::InfonetApp>,
    done: impl Fn(&infonet::app::InfonetApp) -> bool,
) {
    for _ in 0..100 {
        // A load the last frame started ends, then a frame takes it in.
        h.state_mut().wait_for_load();
        h.run_steps(1);
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("waited 100 frames");
}

/// Whether `doc` has someone called `name`.
fn has(doc: Option<&infonet::app::Document>, name: &str) -> bool {
    doc.is_some_and(|d| d.network.people().any(|(_, p)| p.name == name))
}

/// A harness of the app with a manual clock, Fjellvik open when `fjellvik`.
fn live_harness(
    clock: &std::sync::Arc<infonet::recovery::ManualClock>,
    fjellvik: bool,
) -> egui_kittest::Harness<'static, infonet::app::InfonetApp> {
    let mut app = infonet::app::InfonetApp::headless(Box::new(infonet::ui::FakePicker(vec![])));
    app.set_clock(clock.clone());
    if fjellvik {
        app.push(infonet::command::Command::OpenSample("fjellvik"));
    }
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut infonet::app::InfonetApp| app.ui(ui), app);
    h.run_steps(3);
    if fjellvik {
        // The sample loads in the background; on a busy machine its progress overlay would
        // still cover the dialogs the test clicks.
        for _ in 0..50 {
            h.state_mut().wait_for_load();
            h.run_steps(1);
            if h.state().doc().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(h.state().doc().is_some(), "Fjellvik opened");
        h.run_steps(2);
    }
    h
}

/// A loopback port nobody listens on at the moment.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// Opens Collect > Live survey…, listens on 127.0.0.1 (a free port) with the answers in `folder`,
/// and starts: (address, path) of the join page.
fn start_in_window(
    h: &mut egui_kittest::Harness<'_, infonet::app::InfonetApp>,
    folder: &Path,
) -> (String, String) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label("Collect").click();
    h.run_steps(3);
    h.get_by_label("Live survey…").click();
    h.run_steps(2);
    {
        let draft = h.state_mut().ui_state_mut().survey_draft.as_mut().expect("the dialog is open");
        draft.config.title = "Workshop".into();
        draft.address = "127.0.0.1".into();
        // The dialog's port field keeps ports at 1024 and up (port 0 became 1024, which two
        // tests at once cannot share): a port that is free now.
        draft.port = free_port();
        draft.folder = folder.display().to_string();
    }
    h.run_steps(2);
    h.get_by_label("Start").click();
    h.run_steps(3);
    let join = match h.state().live() {
        Some(live) => live.join_url.clone(),
        None => panic!("the survey does not run; status: {:?}", h.state().status()),
    };
    // The dialog may be closed while the survey runs (Collect > Live survey… shows it again).
    h.state_mut().ui_state_mut().survey_draft = None;
    h.run_steps(2);
    assert!(h.state().live().is_some());
    let rest = join.strip_prefix("http://").expect("http");
    let (addr, path) = rest.split_at(rest.find('/').expect("path"));
    (addr.to_owned(), path.to_owned())
}

#[test]
fn the_window_runs_a_live_survey_and_the_network_grows_with_the_answers() {
    use egui_kittest::kittest::Queryable as _;

    let dir = tempfile::tempdir().expect("temp dir");
    let clock = std::sync::Arc::new(infonet::recovery::ManualClock::default());
    let mut h = live_harness(&clock, true);
    h.get_by_label("Collect").click();
    h.run_steps(3);
    h.get_by_label("Live survey…").click();
    h.run_steps(2);
    {
        let draft = h.state().ui_state().survey_draft.as_ref().expect("the dialog is open");
        assert_eq!(draft.config.title, "Fjellvik");
        assert_eq!(draft.config.max_named, 5, "the study's five");
        assert!(draft.roster_from_network);
    }
    h.state_mut().ui_state_mut().survey_draft = None;
    h.run_steps(2);
    let (addr, path) = start_in_window(&mut h, &dir.path().join("answers"));
    // The join slide is a scene, on screen.
    let chart = h.state().chart().cloned().expect("the join slide");
    assert_eq!(chart.kind, infonet::chart::ChartKind::Join);
    assert!(h.state().chart_shown());

    // A phone answers: the collected network opens beside Fjellvik.
    let body = form(&[
        ("device", "a1"),
        ("name", "Kari Nordmann"),
        ("named", "Jon Gjærde"),
        ("named", "jon gjaerde"),
    ]);
    assert_eq!(request(&addr, "POST", &path, &body, None).status, 200);
    wait_for(&mut h, |app| app.project_list().iter().any(|(_, n, _)| n == "Workshop"));
    assert_eq!(h.state().live().map(|l| l.answers()), Some(1));
    let workshop = |app: &infonet::app::InfonetApp| {
        app.all_docs().into_iter().find(|d| d.network.name == "Workshop").map(|d| d.serial)
    };
    let serial = workshop(h.state()).expect("open");
    assert_eq!(h.state().doc().map(|d| d.network.name.as_str()), Some("Fjellvik"), "on screen still");

    // The next answer reaches it beside, where it is (not on screen, not watched).
    let body = form(&[
        ("device", "a2"),
        ("name", "Per Hansen"),
        ("named", "Kari Nordmann"),
        ("named", "Åse Bråten"),
    ]);
    assert_eq!(request(&addr, "POST", &path, &body, None).status, 200);
    wait_for(&mut h, |app| has(app.all_docs().into_iter().find(|d| d.serial == serial), "Åse Bråten"));
    assert_eq!(workshop(h.state()), Some(serial), "read again in its place, not added twice");
    assert_eq!(h.state().project_list().len(), 2);

    // The facilitator clicks it in the project list: it replaces the join slide; the next
    // answer grows it on screen.
    assert!(h.state().chart_shown());
    h.get_by_label("Workshop").click();
    h.run_steps(5);
    assert_eq!(h.state().doc().map(|d| d.serial), Some(serial));
    assert!(h.state().chart().is_none(), "the network, not the join slide");
    // Kari, Jon, Per, Åse and "jon gjaerde" (a near miss of "Jon Gjærde": listed, not merged).
    assert_eq!(h.state().shown_counts().1, 5);
    let placed = |app: &infonet::app::InfonetApp| -> std::collections::HashMap<String, [f32; 2]> {
        let doc = app.doc().expect("on screen");
        let positions = &app.layout().snapshot().positions;
        doc.order
            .iter()
            .zip(positions)
            .filter_map(|(id, p)| Some((doc.network.person(*id)?.key.clone(), *p)))
            .collect()
    };
    let before = placed(h.state());
    let body = form(&[("device", "a3"), ("name", "Ola Berg"), ("named", "Per Hansen")]);
    assert_eq!(request(&addr, "POST", &path, &body, None).status, 200);
    wait_for(&mut h, |app| has(app.doc(), "Ola Berg"));
    let after = placed(h.state());
    assert!(before.iter().all(|(k, p)| after.get(k) == Some(p)), "everyone known keeps their place");
    assert_eq!(h.state().shown_counts().1, 6, "the counts follow");
    let counts = &h.state().scene().legend.counts_line;
    assert!(counts.starts_with("6 of 6 people"), "the legend too: {counts}");
    // Ola fades in (the clock stands still until moved), with his tie.
    let ola = h
        .state()
        .doc()
        .and_then(|d| d.network.people().find(|(_, p)| p.name == "Ola Berg").map(|(id, _)| id))
        .expect("Ola");
    let alpha = |app: &infonet::app::InfonetApp| {
        let node = app.scene().nodes.iter().find(|n| n.person == ola).expect("drawn").fill.0[3];
        let tie = app.scene().ties.iter().find(|t| t.source == ola).expect("drawn").colour.0[3];
        (node, tie)
    };
    assert_eq!(alpha(h.state()), (0, 0), "not yet visible");
    assert_eq!(h.state().appearing().map(|a| a.person(ola)), Some(0.0));
    clock.advance(std::time::Duration::from_millis(300));
    h.run_steps(1);
    assert_eq!(alpha(h.state()).0, 128, "half way");
    clock.advance(std::time::Duration::from_millis(300));
    h.run_steps(1);
    assert_eq!(alpha(h.state()).0, 255, "all there after 0.6 s");
    assert!(h.state().appearing().is_none(), "the fade is over");

    h.get_by_label("Collect").click();
    h.run_steps(3);
    h.get_by_label("Live survey…").click();
    h.run_steps(2);
    h.get_by_label("Stop the survey").click();
    h.run_steps(2);
    assert!(h.state().live().is_none());
    assert_eq!(request(&addr, "GET", &path, "", None).status, 0, "nothing listens any more");
}

#[test]
fn anonymise_hides_the_names_arriving_during_a_live_survey_and_the_data_keeps_them() {
    use egui_kittest::kittest::Queryable as _;
    use infonet::command::Command;

    let dir = tempfile::tempdir().expect("temp dir");
    let clock = std::sync::Arc::new(infonet::recovery::ManualClock::default());
    let mut h = live_harness(&clock, false);
    let folder = dir.path().join("answers");
    let (addr, path) = start_in_window(&mut h, &folder);
    h.get_by_label("View").click();
    h.run_steps(3);
    h.get_by_label("Anonymise names").click();
    h.run_steps(2);
    assert!(h.state().view().anonymize);

    let body = form(&[("device", "b1"), ("name", "Kari Nordmann"), ("named", "Jon Gjærde")]);
    assert_eq!(request(&addr, "POST", &path, &body, None).status, 200);
    wait_for(&mut h, |app| has(app.doc(), "Kari Nordmann"));
    h.state_mut().push(Command::CloseChart);
    h.run_steps(2);
    let real = ["Kari Nordmann", "Jon Gjærde", "Workshop"];
    let on_screen = |h: &egui_kittest::Harness<'_, infonet::app::InfonetApp>, name: &str| {
        h.query_by_label_contains(name).is_some()
            || h.state().scene().labels.iter().any(|l| l.text.contains(name))
            || h.state().scene().legend.title.contains(name)
            || h.state().project_list().iter().any(|(_, n, _)| n.contains(name))
    };
    for name in real {
        assert!(!on_screen(&h, name), "{name} is on screen");
    }
    let pseudonym = |app: &infonet::app::InfonetApp, name: &str| {
        let doc = app.doc().expect("open");
        let id = doc.network.people().find(|(_, p)| p.name == name).map(|(id, _)| id).expect("there");
        doc.shown().person(id).map(|p| p.name.clone()).expect("shown")
    };
    let kari = pseudonym(h.state(), "Kari Nordmann");
    assert!(kari.starts_with("Person "), "{kari}");
    assert!(h.state().scene().labels.iter().any(|l| l.text == kari), "the canvas shows the pseudonym");

    // Someone new arrives: a pseudonym in the very frame they do; Kari keeps hers.
    let body = form(&[("device", "b2"), ("name", "Åse Bråten"), ("named", "Kari Nordmann")]);
    assert_eq!(request(&addr, "POST", &path, &body, None).status, 200);
    wait_for(&mut h, |app| has(app.doc(), "Åse Bråten"));
    assert!(!on_screen(&h, "Åse Bråten"), "a newcomer's name is never drawn");
    assert_eq!(pseudonym(h.state(), "Kari Nordmann"), kari, "the same pseudonym after the reload");
    // Her card shows the pseudonym too.
    let ase = h
        .state()
        .doc()
        .and_then(|d| d.network.people().find(|(_, p)| p.name == "Åse Bråten").map(|(id, _)| id));
    h.state_mut().push(Command::Select(ase));
    h.run_steps(3);
    let ase_pseudonym = pseudonym(h.state(), "Åse Bråten");
    assert!(h.query_by_label_contains(&ase_pseudonym).is_some(), "the card names {ase_pseudonym}");
    assert!(!on_screen(&h, "Åse Bråten"));

    // The data keeps the names.
    let table = std::fs::read_to_string(folder.join("Workshop.csv")).expect("the survey table");
    assert!(table.contains("Kari Nordmann") && table.contains("Åse Bråten"), "{table}");
    let journal = std::fs::read_to_string(folder.join("answers.jsonl")).expect("the journal");
    assert!(journal.contains("Åse Bråten"));
    h.state_mut().push(Command::StopSurvey);
    h.run_steps(2);
}

#[test]
fn the_facilitator_sees_near_miss_names_and_nothing_is_merged() {
    use egui_kittest::kittest::Queryable as _;
    use infonet::command::Command;

    let dir = tempfile::tempdir().expect("temp dir");
    let clock = std::sync::Arc::new(infonet::recovery::ManualClock::default());
    let mut h = live_harness(&clock, false);
    let folder = dir.path().join("answers");
    let (addr, path) = start_in_window(&mut h, &folder);
    for (device, name, named) in [
        ("n1", "Ola Hansen", "Kari Nordmann"),
        ("n2", "Per Lie", "Kari Nordmann"),
        ("n3", "Siv Aas", "Kari Nordman"),
    ] {
        let body = form(&[("device", device), ("name", name), ("named", named)]);
        assert_eq!(request(&addr, "POST", &path, &body, None).status, 200);
    }
    wait_for(&mut h, |app| has(app.doc(), "Kari Nordman"));
    // The dialog again (Collect > Live survey…): the names are worked out at most once a second.
    h.get_by_label("Collect").click();
    h.run_steps(3);
    h.get_by_label("Live survey…").click();
    h.run_steps(2);
    let heading = "Maybe the same person (1)";
    for _ in 0..300 {
        h.run_steps(1);
        if h.query_by_label(heading).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(h.query_by_label(heading).is_some(), "the near misses are listed");
    // The more often written spelling is the one to keep.
    assert!(h.query_by_label("\"Kari Nordman\" (1) merge into \"Kari Nordmann\" (2)").is_some());
    let doc = h.state().doc().expect("the collected network");
    assert!(has(Some(doc), "Kari Nordman") && has(Some(doc), "Kari Nordmann"), "not merged");

    // Anonymised, the list counts them and names nobody.
    h.state_mut().push(Command::Set(infonet::settings::Setting::Anonymize(true)));
    h.run_steps(3);
    assert!(h.state().view().anonymize);
    assert!(h.query_by_label(heading).is_some());
    assert!(h.query_by_label_contains("Kari Nordman").is_none(), "no name while anonymised");
    h.state_mut().push(Command::StopSurvey);
    h.run_steps(2);
}

#[test]
fn two_hundred_phones_answering_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("survey");
    let s = start(&out, &["--max-named", "3"]);
    let answer = |i: usize, correction: bool| {
        let named = if correction {
            vec![format!("Participant {}", (i * 7 + 1) % 200), format!("Participant {}", (i * 13 + 2) % 200)]
        } else {
            vec![format!("Participant {}", (i + 5) % 200)]
        };
        let mut pairs = vec![
            ("device".to_owned(), format!("phone{i:03}")),
            ("name".to_owned(), format!("Participant {i}")),
        ];
        pairs.extend(named.into_iter().map(|n| ("named".to_owned(), n)));
        pairs
    };
    let body = |pairs: &[(String, String)]| {
        form(&pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>())
    };
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(200));
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let (addr, path) = (s.addr.clone(), s.path.clone());
            let (first, second) = (body(&answer(i, false)), body(&answer(i, true)));
            let barrier = std::sync::Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let a = request(&addr, "POST", &path, &first, None).status;
                let b = request(&addr, "POST", &path, &second, None).status;
                (a, b)
            })
        })
        .collect();
    let replies: Vec<(u16, u16)> = threads.into_iter().map(|t| t.join().expect("thread")).collect();
    assert!(replies.iter().all(|r| *r == (200, 200)), "every answer and correction accepted: {replies:?}");
    // Each reply came after its answer was on disk: all 400 are in the journal now.
    let journal: Vec<serde_json::Value> = std::fs::read_to_string(out.join("answers.jsonl"))
        .expect("journal")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a whole JSON line"))
        .collect();
    assert_eq!(journal.len(), 400, "none lost");
    for i in 0..200 {
        for correction in [false, true] {
            let pairs = answer(i, correction);
            let named: Vec<&str> =
                pairs.iter().filter(|(k, _)| k == "named").map(|(_, v)| v.as_str()).collect();
            assert!(
                journal
                    .iter()
                    .any(|j| j["device"] == pairs[0].1.as_str() && j["named"] == serde_json::json!(named)),
                "phone {i}'s {} is in the journal",
                if correction { "correction" } else { "answer" }
            );
        }
    }
    // The table has every participant once, with their correction.
    let table_path = PathBuf::from(s.line["table"].as_str().expect("table"));
    let table = || std::fs::read_to_string(&table_path).unwrap_or_default();
    eventually("the table holds all 200 corrections", || {
        let t = table();
        t.lines().count() == 201
            && (0..200).all(|i| {
                let pairs = answer(i, true);
                let row = format!("Participant {i},,,,{},{}", pairs[2].1, pairs[3].1);
                t.lines().any(|l| l == row)
            })
    });
}

#[test]
fn on_every_network_the_join_address_is_the_laptops_address_not_localhost() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = start(&dir.path().join("survey"), &["--listen", "0.0.0.0:0"]);
    let urls: Vec<&str> =
        s.line["join_urls"].as_array().expect("join_urls").iter().filter_map(|u| u.as_str()).collect();
    assert_eq!(urls.first().copied(), Some(s.join.as_str()), "the best address first");
    let host: std::net::IpAddr =
        s.addr.rsplit_once(':').and_then(|(h, _)| h.parse().ok()).expect("an IP address");
    let found = infonet_core::collect::host_addresses();
    let lan = found
        .iter()
        .any(|a| matches!(a.ip, std::net::IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local()));
    assert_eq!(host.is_loopback(), !lan, "{host}: a phone's address whenever this machine has a network");
    // Every address listed serves the page.
    for url in &urls {
        let rest = url.strip_prefix("http://").expect("http");
        let (addr, path) = rest.split_at(rest.find('/').expect("path"));
        assert_eq!(request(addr, "GET", path, "", None).status, 200, "{url}");
    }
}

#[test]
fn stats_of_a_survey_folder_suggests_near_misses_and_merges_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("survey");
    let roster = sample("fjellvik.people.csv");
    let s = start(&out, &[roster.to_str().expect("path"), "--max-named", "3", "--title", "Near"]);
    for (name, named) in [
        ("Ellinor Rømo", &["Halvor Hovd", "asta  lyso", "Gunnar Dahl"][..]),
        ("Gunnar Dal", &["ellinor romo"][..]),
    ] {
        let mut pairs = vec![("name", name)];
        pairs.extend(named.iter().map(|n| ("named", *n)));
        assert_eq!(request(&s.addr, "POST", &s.path, &form(&pairs), None).status, 200);
    }
    let stats = |extra: &[&str]| {
        let run = Command::new(env!("CARGO_BIN_EXE_infonet"))
            .arg("stats")
            .args(extra)
            .arg(&out)
            .output()
            .expect("stats");
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        String::from_utf8(run.stdout).expect("UTF-8")
    };
    // Read from the journal while the survey runs: both answers, nobody merged.
    let json: serde_json::Value = serde_json::from_str(&stats(&["--json"])).expect("json");
    assert_eq!(json["name"], "Near");
    assert_eq!((json["people"].as_u64(), json["respondents"].as_u64()), (Some(5), Some(2)), "{json}");
    assert_eq!(
        json["near_misses"],
        serde_json::json!([
            {"keep": "Halvor Hovde", "merge": "Halvor Hovd", "keep_count": 0, "merge_count": 1,
             "on_roster": true, "distance": 1, "reason": "Spelling"},
            {"keep": "Gunnar Dahl", "merge": "Gunnar Dal", "keep_count": 1, "merge_count": 1,
             "on_roster": true, "distance": 1, "reason": "Spelling"},
        ])
    );
    let text = stats(&[]);
    assert!(text.contains("near misses (2; suggested, not merged):"), "{text}");
    assert!(text.contains("Halvor Hovd (1x) -> Halvor Hovde (roster, 0x; 1 letter apart)"), "{text}");
    // The suggestions are names: anonymised statistics leave them out.
    let anonymous = stats(&["--json", "--anonymize"]);
    assert!(!anonymous.contains("near_misses") && !anonymous.contains("Halvor"), "{anonymous}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_closes_the_survey_and_writes_its_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("survey");
    let mut s = start(&out, &["--title", "Stopped"]);
    for i in 0..30 {
        let body = form(&[("device", &format!("d{i}")), ("name", &format!("P {i}")), ("named", "P 0")]);
        assert_eq!(request(&s.addr, "POST", &s.path, &body, None).status, 200);
    }
    // At once after the last reply: the table may still trail the journal; stopping writes it.
    let interrupted = Command::new("kill").args(["-INT", &s.child.id().to_string()]).status().expect("kill");
    assert!(interrupted.success());
    let status = s.child.wait().expect("ends");
    assert_eq!(status.code(), Some(0), "a clean stop");
    let table = std::fs::read_to_string(out.join("Stopped.csv")).expect("table");
    assert_eq!(table.lines().count(), 31, "{table}");
    assert!(table.lines().any(|l| l == "P 29,,,,P 0"), "{table}");
}
