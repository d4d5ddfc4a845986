//! The ceiling on people per network, one setting for the whole process.
//!
//! A small file can declare a huge network (`*Vertices 9999000` in 100 KB of Pajek); every reader
//! and every build stops at this ceiling before it allocates for more people, so memory stays
//! bounded by the ceiling times the memory per person. `--max-people N` (command line) or the
//! environment variable `INFONET_MAX_PEOPLE` (window and command line) raises or lowers it.

use std::sync::atomic::{AtomicUsize, Ordering};

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
