//! How much room a person takes: the drawn radius (area grows with how many named them), used
//! by the scene to draw and by the layout to keep big people from covering each other.

/// Node radius in world units for someone named by `in_degree` people, in a network whose
/// most named person has `max_in_degree`: area grows linearly with in-degree, people named by
/// nobody keep a visible minimum, and in dense networks everyone shrinks together so the most
/// named stay below [`NODE_RADIUS_MAX`] (the ties stay visible between them).
pub fn node_radius(in_degree: u32, max_in_degree: u32) -> f32 {
    node_unit(max_in_degree) * (1.0 + in_degree as f32).sqrt()
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
