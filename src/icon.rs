//! The application icon: `assets/infonet.svg`, drawn with resvg for the window (and taskbar),
//! and for the files in `assets/` (`cargo run --example make_icons` writes the PNG sizes of a
//! Linux desktop and the Windows `.ico`). No egui here.

use resvg::{tiny_skia, usvg};

/// The icon's drawing.
pub const SVG: &str = include_str!("../assets/infonet.svg");

/// Sizes of the PNG icons for a Linux desktop (`assets/icons/hicolor/NxN/apps/infonet.png`).
pub const LINUX_SIZES: [u32; 9] = [16, 22, 24, 32, 48, 64, 128, 256, 512];

/// Sizes inside the Windows `.ico`.
pub const ICO_SIZES: [u32; 7] = [16, 24, 32, 48, 64, 128, 256];

fn pixmap(size: u32) -> Result<tiny_skia::Pixmap, String> {
    let tree = usvg::Tree::from_str(SVG, &usvg::Options::default()).map_err(|e| format!("icon: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(size, size).ok_or_else(|| format!("icon: no {size} px image"))?;
    let scale = size as f32 / tree.size().width().max(1.0);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// The icon as `size` × `size` RGBA pixels (straight alpha, rows top to bottom).
pub fn rgba(size: u32) -> Result<Vec<u8>, String> {
    let pixmap = pixmap(size)?;
    Ok(pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect())
}

/// The icon as a PNG file of `size` × `size` pixels.
pub fn png(size: u32) -> Result<Vec<u8>, String> {
    pixmap(size)?.encode_png().map_err(|e| format!("icon: {e}"))
}

/// A Windows icon file holding the icon at `sizes` (each a PNG inside, as Windows Vista and
/// later read them; 256 is written as 0 in the directory, as the format says).
pub fn ico(sizes: &[u32]) -> Result<Vec<u8>, String> {
    let images: Vec<(u32, Vec<u8>)> =
        sizes.iter().map(|&s| png(s).map(|p| (s, p))).collect::<Result<_, _>>()?;
    let count = u16::try_from(images.len()).map_err(|_| "icon: too many sizes".to_owned())?;
    let mut out = Vec::new();
    out.extend_from_slice(&[0, 0, 1, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = 6 + 16 * images.len();
    for (size, data) in &images {
        let side = if *size >= 256 { 0 } else { *size as u8 };
        out.extend_from_slice(&[side, side, 0, 0]);
        out.extend_from_slice(&1u16.to_le_bytes()); // colour planes
        out.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        offset += data.len();
    }
    for (_, data) in &images {
        out.extend_from_slice(data);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_draws_the_study_colours_on_a_transparent_corner() {
        let size = 64;
        let px = rgba(size).expect("icon");
        assert_eq!(px.len(), (size * size * 4) as usize);
        let at = |x: u32, y: u32| {
            let i = ((y * size + x) * 4) as usize;
            [px[i], px[i + 1], px[i + 2], px[i + 3]]
        };
        assert_eq!(at(0, 0)[3], 0, "the corner is transparent");
        // The largest disc is public red, the one top right private blue.
        let red = at(104 * size / 256, 146 * size / 256);
        assert!(red[0] > 200 && red[1] < 100 && red[3] == 255, "{red:?}");
        let blue = at(180 * size / 256, 84 * size / 256);
        assert!(blue[2] > 200 && blue[0] < 100, "{blue:?}");
    }

    #[test]
    fn the_ico_lists_every_size_with_its_png() {
        let ico = ico(&[16, 256]).expect("ico");
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 2, 0]);
        assert_eq!((ico[6], ico[22]), (16, 0), "16 px, then 256 written as 0");
        let offset = u32::from_le_bytes([ico[18], ico[19], ico[20], ico[21]]) as usize;
        assert_eq!(offset, 6 + 32);
        assert_eq!(&ico[offset..offset + 8], b"\x89PNG\r\n\x1a\n");
    }
}
