//! PNG export: the frame's SVG rendered by resvg, with the canvas font loaded from memory
//! (no system fonts), so a PNG shows what the canvas shows.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::Scene;
use super::frame::{FrameOptions, TextMeasure, Viewport, layout_frame};
use super::svg::{ApproxMeasure, FONT_BYTES, FontMeasure, write_svg};

/// Largest PNG side, in pixels.
pub const MAX_PIXELS: u32 = 16_384;

/// A font database holding only the canvas font, built once.
fn font_database() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BYTES.to_vec());
        let family = db.faces().next().and_then(|f| f.families.first()).map(|(name, _)| name.clone());
        if let Some(family) = family {
            db.set_sans_serif_family(family.clone());
            db.set_serif_family(family);
        }
        Arc::new(db)
    })
    .clone()
}

/// Renders `scene` in `viewport` as a PNG of `viewport.size × pixels_per_point` pixels.
/// With `transparent`, the background is left out.
pub fn render_png(
    scene: &Scene,
    viewport: &Viewport,
    options: &FrameOptions,
    pixels_per_point: f32,
    transparent: bool,
) -> Result<Vec<u8>, String> {
    if !(pixels_per_point.is_finite() && pixels_per_point > 0.0) {
        return Err(format!("invalid resolution: {pixels_per_point} pixels per point"));
    }
    let width = (viewport.size[0] * pixels_per_point).round();
    let height = (viewport.size[1] * pixels_per_point).round();
    if !(width >= 1.0 && height >= 1.0 && width <= MAX_PIXELS as f32 && height <= MAX_PIXELS as f32) {
        return Err(format!("image size {width} × {height} pixels is out of range (1 to {MAX_PIXELS})"));
    }
    let measure: Box<dyn TextMeasure> = match FontMeasure::new() {
        Ok(m) => Box::new(m),
        Err(err) => {
            log::error!("{err}; text sizes are estimated");
            Box::new(ApproxMeasure)
        }
    };
    let frame = layout_frame(scene, viewport, options, measure.as_ref());
    let background = (!transparent).then_some(scene.background);
    let svg = write_svg(&frame, background, false);
    let pixmap = rasterize(&svg, viewport.size, [width as u32, height as u32])?;
    pixmap.encode_png().map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// Rasterizes a standalone SVG of `size` points into `pixels` (width, height), with the canvas
/// font and no system fonts. Charts use it for PNG exports and for the screen.
pub fn rasterize(svg: &str, size: [f32; 2], pixels: [u32; 2]) -> Result<tiny_skia::Pixmap, String> {
    let [width, height] = pixels.map(|p| p as f32);
    if !(width >= 1.0 && height >= 1.0 && width <= MAX_PIXELS as f32 && height <= MAX_PIXELS as f32) {
        return Err(format!("image size {width} × {height} pixels is out of range (1 to {MAX_PIXELS})"));
    }
    let db = font_database();
    let family = db
        .faces()
        .next()
        .and_then(|f| f.families.first())
        .map_or_else(|| "sans-serif".to_owned(), |(name, _)| name.clone());
    let svg_options = usvg::Options { font_family: family, fontdb: db, ..usvg::Options::default() };
    let tree =
        usvg::Tree::from_str(svg, &svg_options).map_err(|e| format!("cannot render the picture: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| format!("cannot make a {width} × {height} image"))?;
    let sx = width / size[0].max(1e-3);
    let sy = height / size[1].max(1e-3);
    resvg::render(&tree, tiny_skia::Transform::from_scale(sx, sy), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Like [`render_png`], for an image `width_pixels` wide.
pub fn render_png_width(
    scene: &Scene,
    viewport: &Viewport,
    options: &FrameOptions,
    width_pixels: u32,
    transparent: bool,
) -> Result<Vec<u8>, String> {
    let ppp = width_pixels as f32 / viewport.size[0].max(1.0);
    render_png(scene, viewport, options, ppp, transparent)
}
