//! Hostile cases: templates (see main.rs).
