//! Where to put someone new: a free place in the part of the network the user is looking at.

/// Candidate places across the view, per axis.
const GRID: usize = 24;

/// A place inside `view` (world units, min and max corners) at least `clearance` from everyone
/// at `positions` when there is such a place, else as far from everyone as the view allows;
/// among equally free places, the one nearest `anchor`. The view's outer tenth is left out so
/// the person and their name are on screen.
pub fn free_spot(
    positions: &[[f32; 2]],
    view: ([f32; 2], [f32; 2]),
    anchor: [f32; 2],
    clearance: f32,
) -> [f32; 2] {
    let (min, max) = view;
    let size = [max[0] - min[0], max[1] - min[1]];
    if !(size[0].is_finite() && size[1].is_finite()) || size[0] <= 0.0 || size[1] <= 0.0 {
        return anchor;
    }
    let inset = [size[0] * 0.1, size[1] * 0.1];
    let placed: Vec<[f32; 2]> =
        positions.iter().copied().filter(|p| p[0].is_finite() && p[1].is_finite()).collect();
    let mut best: Option<(f32, f32, [f32; 2])> = None;
    for gy in 0..GRID {
        for gx in 0..GRID {
            let t = [gx as f32 / (GRID - 1) as f32, gy as f32 / (GRID - 1) as f32];
            let c = [
                min[0] + inset[0] + t[0] * (size[0] - 2.0 * inset[0]),
                min[1] + inset[1] + t[1] * (size[1] - 2.0 * inset[1]),
            ];
            let nearest = placed
                .iter()
                .map(|p| ((p[0] - c[0]).powi(2) + (p[1] - c[1]).powi(2)).sqrt())
                .fold(f32::INFINITY, f32::min);
            let free = nearest.min(clearance);
            let to_anchor = ((anchor[0] - c[0]).powi(2) + (anchor[1] - c[1]).powi(2)).sqrt();
            let better = best.is_none_or(|(f, d, _)| free > f + 1e-3 || (free > f - 1e-3 && to_anchor < d));
            if better {
                best = Some((free, to_anchor, c));
            }
        }
    }
    best.map_or(anchor, |(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::free_spot;

    #[test]
    fn a_crowd_in_the_middle_sends_the_new_person_beside_it() {
        // A dense crowd around the origin, the view 400 wide around it.
        let crowd: Vec<[f32; 2]> =
            (0..100).map(|i| [(i % 10) as f32 * 10.0 - 45.0, (i / 10) as f32 * 10.0 - 45.0]).collect();
        let p = free_spot(&crowd, ([-200.0, -200.0], [200.0, 200.0]), [0.0, 0.0], 60.0);
        let nearest = crowd
            .iter()
            .map(|c| ((c[0] - p[0]).powi(2) + (c[1] - p[1]).powi(2)).sqrt())
            .fold(f32::MAX, f32::min);
        assert!(nearest >= 60.0, "{p:?} is {nearest} from the crowd");
        assert!(p[0].abs() <= 160.0 && p[1].abs() <= 160.0, "{p:?} is on screen");
        // As near the anchor as that allows: within the clearance of the crowd's edge.
        assert!(p[0].abs().max(p[1].abs()) < 45.0 + 60.0 + 20.0, "{p:?}");
    }

    #[test]
    fn an_empty_view_takes_the_anchor_side_and_a_bad_view_the_anchor() {
        let p = free_spot(&[], ([0.0, 0.0], [100.0, 100.0]), [50.0, 50.0], 30.0);
        assert!((p[0] - 50.0).abs() < 5.0 && (p[1] - 50.0).abs() < 5.0, "{p:?}");
        assert_eq!(free_spot(&[], ([0.0, 0.0], [f32::NAN, 1.0]), [7.0, 8.0], 30.0), [7.0, 8.0]);
    }
}
