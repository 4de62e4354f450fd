//! The commands, one file each: arguments in, exit status out ([`crate::EXIT_OK`],
//! [`crate::EXIT_SITE_ERRORS`]; clap answers bad usage with [`crate::EXIT_USAGE`] before a
//! command runs).

mod build;
mod check;
mod import;
mod init;
mod new;
mod serve;
mod translations;

use crate::cli::Command;

/// Runs `command` and returns its exit status.
pub fn run(command: Command) -> i32 {
    match command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Init(args) => init::run(args),
        Command::Translations(args) => translations::run(args),
        Command::Import(args) => import::run(args),
        Command::HighlightLanguages => {
            print!("{}", crate::highlight::languages_markdown());
            crate::EXIT_OK
        }
    }
}
