//! Hostile cases: markup (see main.rs).
