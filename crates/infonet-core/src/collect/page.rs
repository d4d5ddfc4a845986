//! The participant's page: plain HTML and CSS, and a small script, all served by the app
//! (nothing from the internet), readable on a 360-point phone, in English or Norwegian.
//! Everything a person typed is escaped wherever it is shown.
//!
//! Type-ahead: without the script the browser's own `<datalist>` offers the roster; the script
//! replaces it with big buttons under the field that match as the survey does (case, spacing
//! and accents ignored: "asta lyso" finds "Åsta Lysø"), plus one to keep a name that is not
//! on the roster ("Someone else: …"). The script only reads the page and writes text
//! (`textContent`, `value`), never markup.

use super::{Answer, SurveyConfig};

/// The style sheet (served as its own file: the page's Content-Security-Policy allows no
/// inline style).
pub const CSS: &str = r#"*{box-sizing:border-box}
body{margin:0;font:18px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;background:#fafaf7;color:#222}
main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
fieldset{border:0;margin:0 0 1.2rem;padding:0}
legend{font-weight:600;margin-bottom:.4rem}
input[type=text]{scroll-margin-top:.6rem;width:100%;font-size:1.1rem;padding:.7rem;border:1px solid #999;border-radius:.5rem;margin:.2rem 0}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}
.choices label{flex:1 1 30%;min-width:6rem;display:flex}
.choices input{position:absolute;opacity:0}
.choices span{flex:1;display:flex;align-items:center;justify-content:center;text-align:center;padding:.8rem .4rem;border:2px solid #1f5fbf;border-radius:.6rem;color:#1f5fbf;font-weight:600}
.choices input:checked+span{background:#1f5fbf;color:#fff}
.choices input:focus-visible+span{outline:3px solid #f0a000}
button{width:100%;font-size:1.2rem;padding:.9rem;border:0;border-radius:.6rem;background:#d62728;color:#fff;font-weight:700}
.suggest{margin:-.25rem .4rem .6rem;border:2px solid #1f5fbf;border-top:0;border-radius:0 0 .6rem .6rem;overflow:hidden;background:#eef3fb}
.suggest[hidden]{display:none}
button.pick{display:block;text-align:left;font-size:1.05rem;font-weight:600;padding:.75rem .8rem;min-height:2.9rem;border-radius:0;background:transparent;color:#1a3f80;border-bottom:1px solid #c9d7ee;overflow-wrap:anywhere}
button.pick::before{content:"\2192\00a0"}
button.pick:last-child{border-bottom:0}
button.pick.other{color:#444;font-weight:400;font-style:italic}
.error{background:#fde8e8;border:1px solid #d62728;padding:.7rem;border-radius:.5rem}
.thanks{background:#e6f4ec;border:1px solid #2a8a4a;padding:.7rem;border-radius:.5rem}
small{color:#555}
"#;

/// The type-ahead (served as its own file: the Content-Security-Policy allows no inline
/// script). Folding is the survey's (`crate::model::fold`): lower case, runs of blanks as one,
/// the same accents dropped.
pub const SCRIPT: &str = r#""use strict";
(function () {
  var FOLD = { "å": "a", "á": "a", "à": "a", "ä": "a", "â": "a", "æ": "e", "ø": "o", "ö": "o", "ó": "o",
    "ò": "o", "ô": "o", "é": "e", "è": "e", "ë": "e", "ê": "e", "ü": "u", "ú": "u", "ù": "u", "í": "i",
    "ì": "i", "ï": "i" };
  function fold(text) {
    return text.normalize("NFC").toLowerCase().trim().split(/\s+/).join(" ")
      .replace(/[åáàäâæøöóòôéèëêüúùíìï]/g, function (c) { return FOLD[c]; });
  }
  var list = document.getElementById("roster");
  if (!list) { return; }
  var names = Array.prototype.map.call(list.options, function (o) { return o.value; });
  var folded = names.map(fold);
  var MOST = 6;
  // The name typed without its accents first, then names starting with what was typed, then
  // names with a word starting with it; not the name exactly as typed (nothing to choose).
  function matching(typed) {
    var key = fold(typed), same = [], first = [], inside = [];
    if (!key) { return []; }
    for (var i = 0; i < names.length && first.length < MOST; i++) {
      if (names[i] === typed) { continue; }
      if (folded[i] === key) { same.push(names[i]); }
      else if (folded[i].indexOf(key) === 0) { first.push(names[i]); }
      else if (inside.length < MOST && folded[i].indexOf(" " + key) >= 0) { inside.push(names[i]); }
    }
    return same.concat(first, inside).slice(0, MOST);
  }
  var inputs = Array.prototype.slice.call(document.querySelectorAll("input[list=roster]"));
  var boxes = [];
  function hideAll() { boxes.forEach(function (b) { b.hidden = true; b.textContent = ""; }); }
  inputs.forEach(function (input, at) {
    input.removeAttribute("list");
    var box = document.createElement("div");
    box.className = "suggest";
    box.setAttribute("role", "listbox");
    box.hidden = true;
    input.insertAdjacentElement("afterend", box);
    boxes.push(box);
    function choose(name) {
      input.value = name;
      hideAll();
      // From one name to the next (not from one's own name: the questions come between).
      var next = inputs[at + 1];
      if (input.name === "named" && next && next.name === "named" && !next.value) { next.focus(); }
    }
    function button(label, name, other) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = other ? "pick other" : "pick";
      b.setAttribute("role", "option");
      b.textContent = label;
      b.addEventListener("click", function () { choose(name); });
      box.appendChild(b);
    }
    function show() {
      box.textContent = "";
      var typed = input.value.trim().split(/\s+/).join(" ");
      var found = matching(typed);
      found.forEach(function (name) { button(name, name, false); });
      if (typed && folded.indexOf(fold(typed)) < 0) {
        button(input.getAttribute("data-other") + ": " + typed, typed, true);
      }
      box.hidden = box.childNodes.length === 0;
      // Suggestions below the screen's edge (or the keyboard's) bring the field to the top.
      var seen = window.visualViewport ? window.visualViewport.height : window.innerHeight;
      if (!box.hidden && box.getBoundingClientRect().bottom > seen) {
        input.scrollIntoView({ block: "start" });
      }
    }
    input.addEventListener("input", show);
    input.addEventListener("focus", function () { hideAll(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { hideAll(); }
      // Enter takes the first suggestion instead of sending the form half-filled.
      if (e.key === "Enter" && !box.hidden && box.firstChild) { e.preventDefault(); box.firstChild.click(); }
    });
  });
})();
"#;

/// Texts of the page in one language.
struct Words {
    lang: &'static str,
    you: &'static str,
    your_name: &'static str,
    sector: &'static str,
    sectors: [&'static str; 3],
    tenure: &'static str,
    tenures: [&'static str; 3],
    age: &'static str,
    ages: [&'static str; 3],
    named: &'static str,
    someone: &'static str,
    someone_else: &'static str,
    new_name: &'static str,
    send: &'static str,
    change: &'static str,
    thanks: &'static str,
    private: &'static str,
}

const EN: Words = Words {
    lang: "en",
    you: "Who are you?",
    your_name: "Your name",
    sector: "Where do you work?",
    sectors: ["Public sector", "Private business", "Other"],
    tenure: "Years in the municipality",
    tenures: ["Under 4", "4 to 9", "10 or more"],
    age: "Age",
    ages: ["Under 30", "30 to 40", "Over 40"],
    named: "Name up to {k} people (start typing, or write someone else)",
    someone: "Name",
    someone_else: "Someone else",
    new_name: "A new name",
    send: "Send",
    change: "Your answer is saved. You can change it below until the survey closes.",
    thanks: "Thank you!",
    private: "Only the facilitator sees the answers.",
};

const NB: Words = Words {
    lang: "nb",
    you: "Hvem er du?",
    your_name: "Navnet ditt",
    sector: "Hvor jobber du?",
    sectors: ["Offentlig sektor", "Næringsliv", "Annet"],
    tenure: "År i kommunen",
    tenures: ["Under 4", "4 til 9", "10 eller mer"],
    age: "Alder",
    ages: ["Under 30", "30 til 40", "Over 40"],
    named: "Nevn opptil {k} personer (begynn å skrive, eller skriv noen andre)",
    someone: "Navn",
    someone_else: "Noen andre",
    new_name: "Et nytt navn",
    send: "Send",
    change: "Svaret ditt er lagret. Du kan endre det nedenfor til undersøkelsen stenges.",
    thanks: "Takk!",
    private: "Bare fasilitatoren ser svarene.",
};

/// Appends `text` with HTML's special characters escaped (the SVG writer's escaping: the
/// same five characters, control characters dropped).
pub fn escape_into(out: &mut String, text: &str) {
    crate::scene::svg::escape_into(out, text);
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// What the page says above the form.
pub enum Notice<'a> {
    /// Nothing.
    None,
    /// The answer was saved.
    Saved,
    /// The answer was refused, and why.
    Error(&'a str),
}

/// The roster's `<option>`s, escaped: the same on every page of a survey, so the server makes
/// them once.
pub fn roster_options(config: &SurveyConfig) -> String {
    let mut out = String::with_capacity(config.roster.iter().map(|n| n.len() + 20).sum());
    for name in &config.roster {
        out.push_str("<option value=\"");
        escape_into(&mut out, name);
        out.push_str("\">");
    }
    out
}

/// The join page, filled with the device's current answer (`answer`), if any.
pub fn join_page(
    config: &SurveyConfig,
    device: &str,
    answer: Option<&Answer>,
    notice: &Notice<'_>,
) -> String {
    join_page_with(config, &roster_options(config), device, answer, notice)
}

/// [`join_page`] with the roster's options made beforehand ([`roster_options`]).
pub fn join_page_with(
    config: &SurveyConfig,
    options: &str,
    device: &str,
    answer: Option<&Answer>,
    notice: &Notice<'_>,
) -> String {
    let w = if config.lang == "nb" { &NB } else { &EN };
    let mut out = String::with_capacity(4096 + options.len());
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"style.css\">\
         <script src=\"typeahead.js\" defer></script></head><body><main>\n",
        w.lang,
        escaped(&config.title)
    ));
    out.push_str(&format!("<h1>{}</h1>\n", escaped(&config.question)));
    match notice {
        Notice::None => {}
        Notice::Saved => out.push_str(&format!("<p class=\"thanks\"><b>{}</b> {}</p>\n", w.thanks, w.change)),
        Notice::Error(message) => {
            out.push_str(&format!("<p class=\"error\" role=\"alert\">{}</p>\n", escaped(message)));
        }
    }
    out.push_str("<form method=\"post\" action=\"./\" autocomplete=\"off\">\n");
    out.push_str(&format!("<input type=\"hidden\" name=\"device\" value=\"{}\">\n", escaped(device)));
    out.push_str(&format!(
        "<fieldset><legend>{}</legend><input type=\"text\" name=\"name\" list=\"roster\" maxlength=\"{}\" required \
         aria-label=\"{}\" data-other=\"{}\" value=\"{}\"></fieldset>\n",
        w.you,
        super::MAX_NAME_CHARS,
        w.your_name,
        w.new_name,
        escaped(answer.map_or("", |a| a.name.as_str()))
    ));
    let choice = |out: &mut String,
                  legend: &str,
                  field: &str,
                  values: [&str; 3],
                  labels: [&str; 3],
                  current: &str| {
        out.push_str(&format!("<fieldset><legend>{legend}</legend><div class=\"choices\">"));
        for (value, label) in values.iter().zip(labels) {
            let checked = if *value == current { " checked" } else { "" };
            out.push_str(&format!(
                "<label><input type=\"radio\" name=\"{field}\" value=\"{}\"{checked}><span>{label}</span></label>",
                escaped(value)
            ));
        }
        out.push_str("</div></fieldset>\n");
    };
    if config.ask_sector {
        choice(
            &mut out,
            w.sector,
            "sector",
            ["public", "private", "other"],
            w.sectors,
            answer.map_or("", |a| &a.sector),
        );
    }
    if config.ask_tenure {
        choice(
            &mut out,
            w.tenure,
            "tenure",
            ["<4", "4-9", "10+"],
            w.tenures,
            answer.map_or("", |a| &a.tenure),
        );
    }
    if config.ask_age {
        choice(&mut out, w.age, "age", ["<30", "30-40", ">40"], w.ages, answer.map_or("", |a| &a.age));
    }
    out.push_str(&format!(
        "<fieldset><legend>{}</legend>\n",
        w.named.replace("{k}", &config.max_named.to_string())
    ));
    for i in 0..config.max_named {
        let value = answer.and_then(|a| a.named.get(i)).map_or(String::new(), |n| escaped(n));
        out.push_str(&format!(
            "<input type=\"text\" name=\"named\" list=\"roster\" maxlength=\"{}\" aria-label=\"{} {}\" \
             data-other=\"{}\" value=\"{value}\">\n",
            super::MAX_NAME_CHARS,
            w.someone,
            i + 1,
            w.someone_else
        ));
    }
    out.push_str("</fieldset>\n<datalist id=\"roster\">");
    out.push_str(options);
    out.push_str(&format!(
        "</datalist>\n<button type=\"submit\">{}</button>\n</form>\n<p><small>{}</small></p>\n</main></body></html>\n",
        w.send, w.private
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_escaped_everywhere() {
        let config = SurveyConfig {
            title: "<b>x</b>".into(),
            question: "Q & A".into(),
            roster: vec!["\"><script>alert(1)</script>".into()],
            ..SurveyConfig::default()
        };
        let answer = Answer {
            device: "d".into(),
            name: "<script>alert(2)</script>".into(),
            sector: String::new(),
            tenure: String::new(),
            age: String::new(),
            named: vec!["Åse & \"Bråten\"".into()],
        };
        let page = join_page(&config, "d", Some(&answer), &Notice::Error("<i>bad</i>"));
        assert!(!page.contains("<script>") && !page.contains("<i>bad") && !page.contains("<b>x"));
        assert!(page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
        assert!(page.contains("Åse &amp; &quot;Bråten&quot;"));
        assert!(page.contains("Q &amp; A"));
    }
}
