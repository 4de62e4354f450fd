//! Hostile cases: writer (see main.rs).
