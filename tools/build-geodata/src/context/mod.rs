//! Context land beyond the window of the 10m extracts (lon 85..150, lat 30..60).
//!
//! The map frame of a conic projection shows lon/lat points outside that
//! window; without data there they would be painted as sea. The Natural Earth
//! 50m countries for that land (`ne_50m_context.geojson`) are extracted from
//! the world-atlas TopoJSON by [`extract`].

pub mod extract;
mod topojson;
