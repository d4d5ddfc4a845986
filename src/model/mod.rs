//! The domain: people, ties, sectors and bands. No egui, no fdg-sim, no file system.

mod attr_map;
mod attributes;
mod network;

pub use attr_map::{AttrMap, Entry as AttrEntry};
pub use attributes::{Age, AgeBand, Sector, Tenure, TenureBand, UnknownValue, Years};
pub use network::{Network, Person, PersonId, Tie, TieError, TieId, TieKind};
