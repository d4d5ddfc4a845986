//! How much room a person takes: the drawn radius (area grows with how many named them), used
//! by the scene to draw and by the layout to keep big people from covering each other.

/// Node radius in world units for someone named by `in_degree` people, in a network whose
/// most named person has `max_in_degree`: area grows linearly with in-degree, people named by
/// nobody keep a visible minimum, and in dense networks everyone shrinks together so the most
/// named stay below [`NODE_RADIUS_MAX`] (the ties stay visible between them).
pub fn node_radius(in_degree: u32, max_in_degree: u32) -> f32 {
    node_unit(max_in_degree) * (1.0 + in_degree as f32).sqrt()
}

/// Radius for `share` (0..=1) of the largest value between the user's smallest and largest
/// radius, with area linear in the share.
pub fn node_radius_in(range: [f32; 2], share: f32) -> f32 {
    let [lo, hi] = [range[0].max(0.5), range[1].max(range[0].max(0.5))];
    (lo * lo + (hi * hi - lo * lo) * share.clamp(0.0, 1.0)).sqrt()
}

/// The radius of someone named by nobody, for a network whose most named has `max_in_degree`.
pub fn node_unit(max_in_degree: u32) -> f32 {
    (NODE_RADIUS_MAX / (1.0 + max_in_degree as f32).sqrt()).clamp(NODE_RADIUS_MIN_UNIT, NODE_RADIUS_BASE)
}

/// Largest radius (the most named person) in world units, when the network is dense.
pub const NODE_RADIUS_MAX: f32 = 20.0;
/// Smallest radius unit, so that people named by nobody stay visible in huge networks.
pub const NODE_RADIUS_MIN_UNIT: f32 = 2.5;

/// Radius of a person named by nobody, in world units.
pub const NODE_RADIUS_BASE: f32 = 6.0;

/// How many of the most named get room for their names in the layout.
pub const NAMED_ROOMS: usize = 10;

/// Room kept free around the most named people for their names, in screen points (about
/// half a name's width plus the gap), so that the picture can name them even in a dense
/// core. Everyone else, and people named by fewer than two, get none. The layout turns
/// points into world units with [`room_scale`].
pub fn name_rooms(in_degree: &[u32], names: &[&str]) -> Vec<f32> {
    let mut rooms = vec![0.0; in_degree.len()];
    let mut by: Vec<usize> = (0..in_degree.len()).filter(|&i| in_degree[i] >= 2).collect();
    by.sort_by(|&a, &b| in_degree[b].cmp(&in_degree[a]).then(a.cmp(&b)));
    for i in by.into_iter().take(NAMED_ROOMS) {
        let chars = names.get(i).map_or(0, |n| n.chars().count().min(40)) as f32;
        rooms[i] = ROOM_PER_CHAR * chars + ROOM_BASE;
    }
    rooms
}

/// World units per screen point at the zoom a fitted layout of `n` people with tie length
/// `link_distance` is usually shown at on a laptop screen (a settled layout spans about
/// 2.4 tie lengths per square root of its people, shown about 650 points tall), never below
/// one: names are a fixed size on screen while the layout is in world units.
pub fn room_scale(n: usize, link_distance: f32) -> f32 {
    (2.4 * link_distance * (n.max(1) as f32).sqrt() / 650.0).max(1.0).sqrt()
}

/// Points of room per character of a name (half a glyph, with some slack).
const ROOM_PER_CHAR: f32 = 3.6;
/// Points of room for the gap between a disc and its name.
const ROOM_BASE: f32 = 18.0;
