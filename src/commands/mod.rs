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
use crate::messages::Lang;

/// Runs `command` and returns its exit status.
/// `messages` is the language of the messages (`--messages`, see [`crate::messages`]).
pub fn run(command: Command, messages: Lang) -> i32 {
    match command {
        Command::Build(args) => build::run(args, messages),
        Command::Serve(args) => serve::run(args, messages),
        Command::Check(args) => check::run(args, messages),
        Command::New(args) => new::run(args, messages),
        Command::Init(args) => init::run(args, messages),
        Command::Translations(args) => translations::run(args),
        Command::Import(args) => import::run(args),
        Command::HighlightLanguages => {
            print!("{}", crate::highlight::languages_markdown());
            crate::EXIT_OK
        }
    }
}
