//! Every ceiling a reader holds, in one place: the people per network (one setting for the whole
//! process), and the fixed limits on what one file may make a reader allocate or report.
//!
//! A small file can declare a huge network (`*Vertices 9999000` in 100 KB of Pajek); every reader
//! and every build stops at [`max_people`] before it allocates for more people, so memory stays
//! bounded by the ceiling times the memory per person. `--max-people N` (command line) or the
//! environment variable `INFONET_MAX_PEOPLE` (window and command line) raises or lowers it.
//! The other limits are constants: a file past one gets an error (or, for warnings, a count)
//! that names it, never a hang or an allocation the file's size does not justify.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The largest file a load reads: 512 MB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Most nodes plus edges (or vertices, or edges) one graph file may hold; the peer readers stop
/// with an error past it, before allocating for more.
pub const MAX_ITEMS: usize = 10_000_000;

/// Deepest nesting accepted: XML elements (yEd styles reach about 15) and GML lists.
pub const MAX_DEPTH: usize = 256;

/// Most columns on one line of a text table or an edge list (Excel's own column limit; a record
/// with more non-empty fields than this is not a table).
pub const MAX_COLUMNS: usize = 16_384;

/// Most default values a GraphML or GEXF file may have filled in (a few kilobytes of keys with
/// defaults times many nodes must not fill the memory); past it, defaults are left out with a
/// warning.
pub const MAX_DEFAULTS_FILLED: usize = 5_000_000;

/// Most warnings one file lists; the rest are counted in one closing warning (see
/// [`super::diagnostics::Warnings`]).
pub const MAX_WARNINGS: usize = 200;

/// Most warnings of one kind one file lists, where the reader names kinds; the rest of that kind
/// are counted in one closing warning.
pub const WARNINGS_PER_KIND: usize = 20;

/// People per network unless the user asks for more.
pub const DEFAULT_MAX_PEOPLE: usize = 1_000_000;

/// 0 = not set yet (read the environment on first use).
static MAX_PEOPLE: AtomicUsize = AtomicUsize::new(0);

/// The ceiling on people in one network.
pub fn max_people() -> usize {
    match MAX_PEOPLE.load(Ordering::Relaxed) {
        0 => {
            let from_env = std::env::var("INFONET_MAX_PEOPLE")
                .ok()
                .and_then(|v| v.trim().replace(['_', ','], "").parse::<usize>().ok())
                .filter(|&n| n > 0)
                .unwrap_or(DEFAULT_MAX_PEOPLE);
            MAX_PEOPLE.store(from_env, Ordering::Relaxed);
            from_env
        }
        n => n,
    }
}

/// Sets the ceiling for the rest of the process (`--max-people`).
pub fn set_max_people(n: usize) {
    MAX_PEOPLE.store(n.max(1), Ordering::Relaxed);
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The message for a network of more than [`max_people`] people; `what` says how many the file
/// has, e.g. "*Vertices 9999000 declares 9,999,000 people".
pub fn too_many_people(what: &str) -> String {
    format!(
        "{what}; Infonet reads at most {} people per network (raise the ceiling with --max-people N, \
         or INFONET_MAX_PEOPLE=N for the window)",
        thousands(max_people())
    )
}

/// `Err(message)` when `count` people are more than the ceiling.
pub fn check_people(count: usize) -> Result<(), String> {
    if count > max_people() {
        Err(too_many_people(&format!("the file holds more than {} people", thousands(max_people()))))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(9_999_000), "9,999,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
