//! Pure functions over the model: filters and headline counts. Cached by the app by
//! (network revision, filter).

pub mod filter;
pub mod summary;

pub use filter::{Facet, FacetKind, FilterMode, FilterSpec, Filtered, Visibility};
pub use summary::{Summary, in_degrees, summarize};
