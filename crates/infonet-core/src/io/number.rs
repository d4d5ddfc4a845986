//! Numbers as spreadsheets write them: decimal point or decimal comma (`9,5` in a semicolon file),
//! optional space or no-break-space thousands separators (`1 234,5`).

/// Longest text accepted as a number; anything longer is not a cell value we expect.
const MAX_NUMBER_LEN: usize = 64;

/// Parses a number with a decimal point or a decimal comma. Surrounding whitespace is ignored;
/// thousands may be grouped by spaces or no-break spaces (`1 234 567,5`). Returns `None` for
/// anything else, including NaN, infinities, a mix of `.` and `,`, and `1,234,567`.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_NUMBER_LEN {
        return None;
    }
    // Fast path: plain digits with at most a decimal point, as most cells are.
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return text.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let (negative, unsigned) = match text.chars().next() {
        Some('-' | '\u{2212}') => (true, text.char_indices().nth(1).and_then(|(i, _)| text.get(i..))?),
        Some('+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let commas = unsigned.matches(',').count();
    let points = unsigned.matches('.').count();
    let (integer, fraction) = match (commas, points) {
        (0, 0) => (unsigned, None),
        (1, 0) => unsigned.split_once(',').map(|(i, f)| (i, Some(f)))?,
        (0, 1) => unsigned.split_once('.').map(|(i, f)| (i, Some(f)))?,
        _ => return None,
    };
    let mut normalised = String::with_capacity(unsigned.len() + 1);
    if negative {
        normalised.push('-');
    }
    push_integer_digits(integer, &mut normalised)?;
    if let Some(fraction) = fraction {
        // Digits, then an optional exponent (`2,5e3`); `f64::from_str` checks the exponent's shape.
        let digits = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
        let exponent_ok = digits.is_empty()
            || (digits.starts_with(['e', 'E'])
                && digits.chars().skip(1).all(|c| c.is_ascii_digit() || c == '+' || c == '-'));
        if !exponent_ok || (integer.is_empty() && fraction.len() == digits.len()) {
            return None;
        }
        normalised.push('.');
        normalised.push_str(fraction);
    } else if integer.is_empty() {
        return None;
    }
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Appends the digits of an integer part, accepting whitespace-separated groups of three digits
/// after the first group (`1 234 567`) and an exponent-free plain run (`1234`).
fn push_integer_digits(integer: &str, out: &mut String) -> Option<()> {
    let mut groups = integer.split(char::is_whitespace);
    let first = groups.next().unwrap_or_default();
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
        out.push_str(group);
    }
    if !first.bytes().all(|b| b.is_ascii_digit()) || (grouped && !(1..=3).contains(&first.len())) {
        // An exponent without fraction (`1e5`) is fine when nothing is grouped.
        if grouped || !plain_exponent(first) {
            return None;
        }
    }
    out.insert_str(usize::from(out.starts_with('-')), first);
    Some(())
}

/// `1e5`, `2E-3`: digits, then e/E, then an optionally signed exponent.
fn plain_exponent(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_point_and_comma() {
        assert_eq!(parse_number("9,5"), Some(9.5));
        assert_eq!(parse_number("9.5"), Some(9.5));
        assert_eq!(parse_number(" 12 "), Some(12.0));
        assert_eq!(parse_number("0"), Some(0.0));
        assert_eq!(parse_number("3,99"), Some(3.99));
        assert_eq!(parse_number(",5"), Some(0.5));
        assert_eq!(parse_number("5,"), Some(5.0));
        assert_eq!(parse_number("-2,25"), Some(-2.25));
        assert_eq!(parse_number("\u{2212}2"), Some(-2.0));
        assert_eq!(parse_number("+7"), Some(7.0));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number("2,5e1"), Some(25.0));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(parse_number("1 234,5"), Some(1234.5));
        assert_eq!(parse_number("1\u{a0}234\u{a0}567"), Some(1_234_567.0));
        assert_eq!(parse_number("12\u{202f}345.25"), Some(12_345.25));
        assert_eq!(parse_number("-1 000"), Some(-1000.0));
        assert_eq!(parse_number("1 23"), None);
        assert_eq!(parse_number("1234 567"), None);
        assert_eq!(parse_number("1  234"), None);
    }

    #[test]
    fn rejects_non_numbers() {
        for text in [
            "", " ", "NaN", "nan", "inf", "-inf", "infinity", "1e999", "abc", "4-9", "10+", "<4", "1,2,3",
            "1.234,5", "1,234.5", "--1", "-", "+", ",", ".", "1e", "e5", "1,5x", "0x10", "1_000", "12 år",
        ] {
            assert_eq!(parse_number(text), None, "{text:?}");
        }
        assert_eq!(parse_number(&"9".repeat(100)), None);
    }
}
