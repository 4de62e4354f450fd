//! Hostile cases: server (see main.rs).
