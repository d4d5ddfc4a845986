//! Pictures without a window (`infonet render`, File > Export picture): the same scene the
//! canvas draws, written as SVG or PNG. A network file is laid out with the app's layout and
//! seed; a project file shows what was saved (its view, or one of its scenes).

use std::path::Path;

use crate::analysis::{self, FilterSpec};
use crate::i18n::Lang;
use crate::layout::{self, LayoutEngine, LayoutParams};
use crate::model::{Network, PersonId};
use crate::project::{ProjectFile, SavedCamera};
use crate::scene::frame::{FrameOptions, Viewport};
use crate::scene::{self, Encoding, Scene, SceneInput};

/// Picture format, by the output's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    /// SVG (vector, with the font embedded).
    Svg,
    /// PNG.
    Png,
}

impl PictureFormat {
    /// The format of an output path, by extension.
    pub fn for_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_string_lossy().to_lowercase().as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            _ => None,
        }
    }
}

/// Everything a picture shows.
pub struct Picture {
    /// The scene.
    pub scene: Scene,
    /// The view.
    pub viewport: Viewport,
    /// Legend on, palette.
    pub options: FrameOptions,
}

impl Picture {
    /// Writes the picture; `width_pixels` sets a PNG's resolution (SVG is in points).
    pub fn encode(
        &self,
        format: PictureFormat,
        width_pixels: u32,
        transparent: bool,
    ) -> Result<Vec<u8>, String> {
        match format {
            PictureFormat::Svg => {
                let frame =
                    scene::frame::layout_frame(&self.scene, &self.viewport, &self.options, &*measure());
                let background = (!transparent).then_some(self.scene.background);
                Ok(scene::svg::to_svg(&frame, background).into_bytes())
            }
            PictureFormat::Png => scene::raster::render_png_width(
                &self.scene,
                &self.viewport,
                &self.options,
                width_pixels,
                transparent,
            ),
        }
    }
}

/// Measures text with the font the exports embed (the one egui draws with).
pub fn measure() -> Box<dyn scene::frame::TextMeasure> {
    match scene::svg::FontMeasure::new() {
        Ok(m) => Box::new(m),
        Err(err) => {
            log::error!("{err}; text sizes are estimated");
            Box::new(scene::svg::ApproxMeasure)
        }
    }
}

/// What to draw and how.
pub struct Request<'a> {
    /// The network.
    pub network: &'a Network,
    /// Positions by person id; missing people are laid out.
    pub positions: Option<&'a std::collections::BTreeMap<String, [f32; 2]>>,
    /// Filters.
    pub filter: FilterSpec,
    /// The person in focus and the neighbourhood depth.
    pub focus: Option<(PersonId, u8)>,
    /// Encoding (language, palette, labels, colour by).
    pub encoding: Encoding,
    /// Size in points.
    pub size: [f32; 2],
    /// A saved camera, or `None` to fit the network.
    pub camera: Option<SavedCamera>,
    /// Layout seed for people without a position.
    pub seed: u64,
    /// The legend's corner.
    pub legend_corner: crate::scene::frame::Corner,
}

/// Builds the picture of a request.
pub fn picture(request: &Request<'_>) -> Picture {
    let network = request.network;
    let (graph, order) = layout::graph_of_sized(network, request.encoding.node_sizes);
    let start: Vec<Option<[f32; 2]>> =
        graph.keys.iter().map(|k| request.positions.and_then(|p| p.get(k).copied())).collect();
    let positions = if start.iter().all(Option::is_some) && !start.is_empty() {
        start.iter().map(|p| p.unwrap_or([0.0, 0.0])).collect()
    } else {
        let mut engine = LayoutEngine::new(&graph, request.seed, &start, LayoutParams::default());
        engine.run_to_settle(5_000);
        engine.positions()
    };
    let pinned = vec![false; positions.len()];
    let filtered = analysis::filter::apply(network, &request.filter);
    let in_degree = analysis::in_degrees(network);
    let scene = scene::build(&SceneInput {
        network,
        order: &order,
        positions: &positions,
        pinned: &pinned,
        filtered: &filtered,
        filter: &request.filter,
        in_degree: &in_degree,
        size: None,
        focus: request.focus.map(|(p, _)| p),
        focus_depth: request.focus.map_or(1, |(_, d)| d.max(1)),
        selected: None,
        encoding: &request.encoding,
        appear: None,
    });
    let options = FrameOptions {
        palette: request.encoding.palette,
        legend_corner: request.legend_corner,
        ..FrameOptions::default()
    };
    let size = request.size;
    let viewport = match request.camera {
        // Show the same part of the world as the saved view, at this size.
        Some(c) => {
            let seen = c.size.unwrap_or(size);
            let factor = (size[0] / seen[0].max(1.0)).min(size[1] / seen[1].max(1.0));
            Viewport { size, camera_centre: c.centre, scale: c.scale * factor }
        }
        None => Viewport::fit_scene(&scene, size, &options, &*measure()).unwrap_or(Viewport {
            size,
            camera_centre: [0.0, 0.0],
            scale: 1.0,
        }),
    };
    Picture { scene, viewport, options }
}

/// How to draw a project.
pub struct ProjectOptions<'a> {
    /// One of its scenes (by name, case-insensitive), or `None` for the saved view.
    pub scene: Option<&'a str>,
    /// Size in points.
    pub size: [f32; 2],
    /// Pseudonyms instead of names.
    pub anonymize: bool,
    /// Legend language.
    pub lang: Lang,
    /// Colours.
    pub palette: crate::scene::style::Palette,
    /// Names on or off; `None` keeps the project's choice.
    pub show_labels: Option<bool>,
    /// A filter replacing the saved one.
    pub filter: Option<FilterSpec>,
}

/// Renders a project file: its active network as saved, or one of its scenes.
pub fn project_picture(project: &ProjectFile, options: &ProjectOptions<'_>) -> Result<Picture, String> {
    let scene = match options.scene {
        Some(name) => {
            Some(project.scenes.iter().find(|s| s.name.eq_ignore_ascii_case(name)).ok_or_else(|| {
                let names: Vec<&str> = project.scenes.iter().map(|s| s.name.as_str()).collect();
                if names.is_empty() {
                    format!("there is no scene \"{name}\"; the project has no scenes")
                } else {
                    format!("there is no scene \"{name}\"; the project has: {}", names.join(", "))
                }
            })?)
        }
        None => None,
    };
    let index = scene.map_or(project.active, |s| s.network);
    let saved = project.networks.get(index).ok_or("the project holds no network")?;
    let real = saved.to_network();
    let network =
        if options.anonymize { analysis::anonymize::anonymized(&real, options.lang) } else { real.clone() };
    // Pseudonyms keep person handles, so the focus is looked up in the real network.
    let focus = scene.and_then(|s| real.find(s.focus.as_ref()?).map(|p| (p, s.ego_depth.max(1))));
    let encoding = Encoding {
        lang: options.lang,
        palette: options.palette,
        colour_by: saved.colour_by.clone(),
        show_labels: options.show_labels.unwrap_or(project.view.show_labels),
        node_sizes: project.view.node_sizes,
        ..Encoding::default()
    };
    let saved_positions = scene.map_or(&saved.positions, |s| &s.positions);
    // Positions are keyed by id, and pseudonyms change ids: carry them over by handle.
    let positions: std::collections::BTreeMap<String, [f32; 2]> = if options.anonymize {
        real.people()
            .filter_map(|(id, p)| Some((network.person(id)?.key.clone(), *saved_positions.get(&p.key)?)))
            .collect()
    } else {
        saved_positions.clone()
    };
    let filter = options.filter.unwrap_or_else(|| scene.map_or(project.view.filter, |s| s.filter));
    Ok(picture(&Request {
        network: &network,
        positions: Some(&positions),
        filter,
        focus,
        encoding,
        size: options.size,
        camera: scene.map(|s| s.camera).or(project.view.camera),
        seed: project.view.seed,
        legend_corner: scene.and_then(|s| s.legend_corner).unwrap_or(project.view.legend_corner),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_renders_to_svg_with_one_circle_per_person() {
        let network = crate::io::samples::load("solboen").expect("sample").expect("parses").network;
        let pic = picture(&Request {
            network: &network,
            positions: None,
            filter: FilterSpec::default(),
            focus: None,
            encoding: Encoding::default(),
            size: [1200.0, 800.0],
            camera: None,
            seed: 1,
            legend_corner: Default::default(),
        });
        let svg = String::from_utf8(pic.encode(PictureFormat::Svg, 0, false).expect("svg")).expect("utf-8");
        assert!(svg.contains("Solb"), "the title");
        assert!(svg.matches("<circle").count() >= network.person_count());
        let png = pic.encode(PictureFormat::Png, 600, true).expect("png");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}
