//! dala: a static site generator for multilingual sites, built for the digital government
//! hub of Central Asia and the Caucasus.
//!
//! The binary only calls [`run`]; everything is reachable from the library, so tests can
//! drive a build without a process.

pub mod assets;
pub mod build;
pub mod check;
pub mod cldr;
pub mod cli;
pub mod collections;
mod commands;
pub mod config;
pub mod content;
pub mod data;
pub mod date;
pub mod error;
pub mod export;
pub mod field_markdown;
pub mod highlight;
pub mod hints;
pub mod html_links;
pub mod i18n;
pub mod ics;
pub mod images;
pub mod import;
pub mod lang;
pub mod language;
pub mod markdown;
pub mod menu;
pub mod messages;
pub mod offline;
pub mod output;
pub mod precompress;
pub mod progress;
pub mod render;
pub mod render_errors;
pub mod safe;
pub mod scaffold;
pub mod schema;
pub mod scratch;
pub mod search;
pub mod serve;
pub mod shortcode;
pub mod site;
pub mod slug;
pub mod source;
pub mod stemming;
pub mod taxonomy;
pub mod template_check;
pub mod time;
pub mod translations;
pub mod translit;
pub mod typography;
pub mod url;
pub mod util;
pub mod views;
pub mod walk;
mod yaml;

use clap::Parser;

pub use error::{EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE};

/// Runs the command line `args` (the program name first) and returns the exit status.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    // Before any parallel work: pages render on rayon's threads, with a deep stack.
    template_check::configure_threads();
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    commands::run(cli.command, messages::Lang::from_env(cli.messages))
}
