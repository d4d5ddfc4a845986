//! Pure functions over the model: filters and headline counts. Cached by the app by
//! (network revision, filter).

pub mod adjacency;
pub mod anonymize;
pub mod betweenness;
pub mod brokerage;
pub mod composition;
pub mod explain;
pub mod filter;
pub mod measures;
pub mod ocai;
pub mod partition;
pub mod summary;

pub use filter::{Facet, FacetKind, FilterMode, FilterSpec, Filtered, Visibility};
pub use summary::{Summary, in_degrees, summarize};
