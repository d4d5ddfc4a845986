//! A real browser: headless Chromium, driven over WebDriver (chromedriver) at a phone's size
//! (360 x 740), answers a live survey the way a participant does: picks their own name by
//! type-ahead, taps the background questions, names people (roster names by type-ahead, with
//! and without accents, and someone not on the roster), sends, corrects the answer from the
//! same phone, and the collected network holds the correction.
//!
//! Needs `chromedriver` on PATH (Debian: `apt-get install chromium chromium-driver`); without
//! it the test says so and passes, unless INFONET_REQUIRE_BROWSER=1 (CI), which makes that a
//! failure. With INFONET_UPDATE_SCREENSHOTS=1 it saves the phone page, names picked and not yet
//! sent, as docs/screenshots/collect-phone.png, and the type-ahead offering a roster name for
//! "asta lyso" as collect-phone-typeahead.png.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

/// A child process ended with the test, however the test ends.
struct Ended(Child);

impl Drop for Ended {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// chromedriver, told to shut down (closing its browsers) however the test ends: killed alone,
/// it would leave Chromium running after a failed test.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        use std::io::{Read as _, Write as _};
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.port)) {
            let request = format!(
                "GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                self.port
            );
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            if stream.write_all(request.as_bytes()).is_ok() {
                stream.read_to_end(&mut Vec::new()).ok();
            }
        }
        for _ in 0..100 {
            if self.child.try_wait().is_ok_and(|status| status.is_some()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join(name), dir.join(format!("{name}.exe"))])
        .find(|p| p.is_file())
}

fn sample(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join(file)
}

/// Waits for `ready` (at most 20 s): a bound so that a bug fails instead of hanging.
fn eventually(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..400 {
        if ready() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(ready(), "{what}");
}

const WAIT: Duration = Duration::from_secs(20);

/// Clicks the type-ahead suggestion that reads `text`.
async fn pick(c: &Client, text: &str) {
    let xpath = format!("//div[@class='suggest']/button[normalize-space(.)='{text}']");
    let button = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("a suggestion '{text}': {e}"));
    button.click().await.expect("tapped");
}

/// Taps the big button of a background question that reads `label`.
async fn tap(c: &Client, label: &str) -> (f64, f64) {
    let xpath = format!("//label[span[normalize-space(.)='{label}']]");
    let choice = c.find(Locator::XPath(&xpath)).await.unwrap_or_else(|e| panic!("a button '{label}': {e}"));
    choice.click().await.expect("tapped");
    let radio = choice.find(Locator::Css("input")).await.expect("its radio");
    assert!(radio.is_selected().await.expect("state"), "{label} is chosen");
    let (_, _, width, height) = choice.rectangle().await.expect("size");
    (width, height)
}

async fn value(c: &Client, css: &str, index: usize) -> String {
    let all = c.find_all(Locator::Css(css)).await.expect("fields");
    let field = all.get(index).unwrap_or_else(|| panic!("{css} #{index}"));
    field.prop("value").await.expect("value").unwrap_or_default()
}

async fn type_into(c: &Client, css: &str, index: usize, text: &str) {
    let all = c.find_all(Locator::Css(css)).await.expect("fields");
    let field = all.get(index).unwrap_or_else(|| panic!("{css} #{index}"));
    field.clear().await.expect("cleared");
    field.send_keys(text).await.expect("typed");
}

/// The page's width and the widest thing on it, in CSS pixels.
async fn widths(c: &Client) -> (u64, u64) {
    let w = c
        .execute("return [window.innerWidth, document.documentElement.scrollWidth];", vec![])
        .await
        .expect("script");
    (w[0].as_u64().unwrap_or(0), w[1].as_u64().unwrap_or(u64::MAX))
}

async fn send_and_wait_for_thanks(c: &Client) {
    let before = c.find(Locator::Css("html")).await.expect("the page");
    c.find(Locator::Css("button[type=submit]")).await.expect("Send").click().await.expect("sent");
    // The reply is a new page (the same address): wait until the old one is gone.
    for _ in 0..400 {
        if before.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let thanks = c.wait().at_most(WAIT).for_element(Locator::Css("p.thanks")).await.expect("a reply");
    assert!(thanks.text().await.expect("text").contains("Thank you!"));
}

#[test]
fn a_phone_answers_and_corrects_its_answer_in_headless_chromium() {
    let Some(driver) = on_path("chromedriver") else {
        assert_ne!(
            std::env::var("INFONET_REQUIRE_BROWSER").as_deref(),
            Ok("1"),
            "INFONET_REQUIRE_BROWSER=1 but there is no chromedriver on PATH \
             (Debian: apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "note: the browser test is skipped: no chromedriver on PATH (Debian: apt-get install \
             chromium chromium-driver; CI sets INFONET_REQUIRE_BROWSER=1 to require it)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("survey");
    let roster = sample("fjellvik.people.csv");
    let mut child = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .arg("collect")
        .arg(&roster)
        .args(["--listen", "127.0.0.1:0", "--max-named", "3", "--title", "Fjellvik live", "--out"])
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("infonet collect starts");
    let stdout = child.stdout.take().expect("stdout");
    let _survey = Ended(child);
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).expect("one JSON line");
    let line: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    let join = line["join_url"].as_str().expect("join_url").to_owned();

    // chromedriver on a free port of this machine.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let _driver = Driver {
        child: Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
        port,
    };
    eventually("chromedriver listens", || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let screenshots = runtime.block_on(async {
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--lang=en-US", "--hide-scrollbars"],
                "mobileEmulation": {
                    "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2.0, "touch": true }
                }
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else { unreachable!() };
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        c.goto(&join).await.expect("the join page opens");
        assert_eq!(widths(&c).await, (360, 360), "a phone's width, nothing wider");

        // Who are you: typed in lower case, picked from the roster.
        type_into(&c, "input[name=name]", 0, "ellinor r").await;
        pick(&c, "Ellinor Rømo").await;
        assert_eq!(value(&c, "input[name=name]", 0).await, "Ellinor Rømo");

        // The background questions are big buttons: a thumb's height, three to a row at most.
        for label in ["Private business", "4 to 9", "30 to 40"] {
            let (width, height) = tap(&c, label).await;
            assert!(height >= 44.0 && width >= 90.0, "{label}: {width} x {height} CSS px");
        }
        // A row's buttons are one height, however many lines their words take.
        let heights = c
            .execute(
                "return Array.from(document.querySelectorAll('.choices')).map(function (row) {                  return Array.from(row.children).map(function (b) { return b.getBoundingClientRect().height; }); });",
                vec![],
            )
            .await
            .expect("script");
        for row in heights.as_array().expect("rows") {
            let row: Vec<f64> = row.as_array().expect("row").iter().filter_map(serde_json::Value::as_f64).collect();
            assert!(row.len() == 3 && row.iter().all(|h| (h - row[0]).abs() < 0.5), "{row:?}");
        }

        // Whom they name: a roster name, one typed without its accents, and someone else.
        type_into(&c, "input[name=named]", 0, "halvor").await;
        pick(&c, "Halvor Hovde").await;
        type_into(&c, "input[name=named]", 1, "asta lyso").await;
        c.wait().at_most(WAIT).for_element(Locator::Css("div.suggest button.pick")).await.expect("suggestions");
        let typeahead = c.screenshot().await.expect("a screenshot");
        pick(&c, "Åsta Lysø").await;
        type_into(&c, "input[name=named]", 2, "Marit  Bakkevik").await;
        pick(&c, "Someone else: Marit Bakkevik").await;
        let named = [
            value(&c, "input[name=named]", 0).await,
            value(&c, "input[name=named]", 1).await,
            value(&c, "input[name=named]", 2).await,
        ];
        assert_eq!(named, ["Halvor Hovde", "Åsta Lysø", "Marit Bakkevik"]);
        assert_eq!(widths(&c).await.1, 360, "no line runs off the screen");
        // The questions, the names and the Send button in view, as a participant sees them
        // before sending.
        c.execute("document.querySelector('.choices').parentNode.scrollIntoView({block: 'start'});", vec![])
            .await
            .expect("scrolled");
        let screenshot = c.screenshot().await.expect("a screenshot");

        send_and_wait_for_thanks(&c).await;
        // The same phone corrects its answer: the page shows it back, one name is changed.
        assert_eq!(value(&c, "input[name=named]", 2).await, "Marit Bakkevik", "the answer is shown back");
        type_into(&c, "input[name=named]", 2, "tordis").await;
        pick(&c, "Tordis Nærø").await;
        send_and_wait_for_thanks(&c).await;
        c.goto(&join).await.expect("opened again");
        assert_eq!(value(&c, "input[name=named]", 2).await, "Tordis Nærø", "the correction is kept");
        c.close().await.expect("closed");
        [("collect-phone.png", screenshot), ("collect-phone-typeahead.png", typeahead)]
    });
    for (name, png) in &screenshots {
        assert!(png.starts_with(b"\x89PNG"), "{name}: a PNG");
        if std::env::var("INFONET_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots").join(name);
            std::fs::write(&path, png).expect("screenshot saved");
        }
    }

    // One phone, two answers in the journal, the correction in the table and the network.
    let journal: Vec<serde_json::Value> = std::fs::read_to_string(out.join("answers.jsonl"))
        .expect("journal")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0]["device"], journal[1]["device"], "the correction came from the same phone");
    assert_eq!(journal[1]["named"], serde_json::json!(["Halvor Hovde", "Åsta Lysø", "Tordis Nærø"]));
    assert_eq!(
        (&journal[1]["sector"], &journal[1]["tenure"], &journal[1]["age"]),
        (&serde_json::json!("private"), &serde_json::json!("4-9"), &serde_json::json!("30-40"))
    );
    let stats = Command::new(env!("CARGO_BIN_EXE_infonet"))
        .args(["stats", "--json"])
        .arg(&out)
        .output()
        .expect("stats");
    assert_eq!(stats.status.code(), Some(0), "{}", String::from_utf8_lossy(&stats.stderr));
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("json");
    assert_eq!((json["people"].as_u64(), json["ties"].as_u64()), (Some(4), Some(3)), "{json}");
    assert_eq!(json["respondents"], 1);
    assert_eq!(json["near_misses"], serde_json::json!([]));
    let table = out.join("Fjellvik live.csv");
    eventually("the table holds the correction", || {
        std::fs::read_to_string(&table).is_ok_and(|t| {
            t == "name,sector,tenure,age,named_1,named_2,named_3\n\
                  Ellinor Rømo,private,4-9,30-40,Halvor Hovde,Åsta Lysø,Tordis Nærø\n"
        })
    });
}
