#![no_main]
//! Fuzzes `io::xlsx::load_workbook_tables`, which starts with `io::xlsx::read_workbook` (so both).
//!
//! `read_workbook` runs calamine (third-party code) inside `catch_unwind` and turns its panics
//! into an error. libfuzzer-sys's panic hook aborts before unwinding, which would report those
//! handled panics as crashes, so this target swaps in a hook that prints each panic location once
//! and does not abort. A panic that escapes `read_workbook` still aborts (libfuzzer-sys wraps
//! every input in its own `catch_unwind` and aborts on a caught panic).

use std::collections::HashSet;
use std::sync::{Mutex, Once};

use libfuzzer_sys::fuzz_target;

static HOOK: Once = Once::new();
static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        drop(std::panic::take_hook());
        std::panic::set_hook(Box::new(|info| {
            let at = info.location().map(|l| l.to_string()).unwrap_or_default();
            let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
            if seen.get_or_insert_with(HashSet::new).insert(at.clone()) {
                eprintln!("PANIC (caught by read_workbook unless the run aborts next) at {at}: {info}");
            }
        }));
    });
    let _ = infonet_core::io::xlsx::load_workbook_tables(data);
});
