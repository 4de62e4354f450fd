//! Hostile cases: paths (see main.rs).
