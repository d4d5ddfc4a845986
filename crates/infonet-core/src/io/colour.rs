//! The one colour parser of the readers (GraphML, GEXF, GML, JSON and Pajek's `RGBrrggbb`).

/// `#rgb`, `#rrggbb` or `#rrggbbaa` (the `#` optional, the alpha dropped), `rgb(r, g, b)` or
/// `rgba(r, g, b, a)` (channels 0-255); `None` for anything else.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let text = text.trim();
    let hex = text.strip_prefix('#').unwrap_or(text);
    if hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        let width = match hex.len() {
            3 => 1,
            6 | 8 => 2,
            _ => return None,
        };
        let channel = |i: usize| -> Option<u8> {
            let value = u8::from_str_radix(hex.get(i * width..(i + 1) * width)?, 16).ok()?;
            Some(if width == 1 { value * 17 } else { value })
        };
        return Some([channel(0)?, channel(1)?, channel(2)?]);
    }
    let lower = text.to_ascii_lowercase();
    let inner = lower
        .strip_prefix("rgba(")
        .or_else(|| lower.strip_prefix("rgb("))
        .and_then(|rest| rest.strip_suffix(')'))?;
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    if !(parts.len() == 3 || parts.len() == 4) {
        return None;
    }
    let mut rgb = [0_u8; 3];
    for (slot, part) in rgb.iter_mut().zip(&parts) {
        let value: f64 = part.parse().ok()?;
        if !(0.0..=255.0).contains(&value) {
            return None;
        }
        *slot = value.round() as u8;
    }
    Some(rgb)
}

#[cfg(test)]
mod tests {
    use super::parse_colour;

    #[test]
    fn hex_with_or_without_hash_and_css_functions() {
        assert_eq!(parse_colour("#FFCC00"), Some([255, 204, 0]));
        assert_eq!(parse_colour("ffcc0080"), Some([255, 204, 0]));
        assert_eq!(parse_colour(" #0f0 "), Some([0, 255, 0]));
        assert_eq!(parse_colour("rgb(1, 2, 3)"), Some([1, 2, 3]));
        for bad in ["", "#", "#ff00", "#12345", "+f+f+f", "rgb(1,2)", "rgb(256,0,0)", "red"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }
}
