//! `dala init`: a new site that builds at once.

use crate::cli::InitArgs;
use crate::messages::{severity, translate, Lang};
use crate::{scaffold, EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE};

/// `messages`: the language of what it prints (see [`crate::messages`]).
pub fn run(args: InitArgs, messages: Lang) -> i32 {
    let error = |e: &str| {
        eprintln!(
            "{}: {}",
            severity(messages, "error"),
            translate(messages, e)
        )
    };
    let list = args
        .languages
        .as_deref()
        .unwrap_or(scaffold::DEFAULT_LANGUAGES);
    let languages = match scaffold::parse_languages(list) {
        Ok(l) => l,
        Err(e) => {
            error(&e);
            return EXIT_USAGE;
        }
    };
    match scaffold::init(&args.dir, &languages) {
        Ok(files) => {
            let codes: Vec<&str> = languages.iter().map(|l| l.as_str()).collect();
            let made = format!(
                "made a site in {} ({} files) in {} (default language: {}); build it with: dala build --root {}",
                args.dir.display(),
                files.len(),
                codes.join(", "),
                codes[0],
                args.dir.display()
            );
            println!("{}", translate(messages, &made));
            EXIT_OK
        }
        Err(e) => {
            error(&e);
            EXIT_SITE_ERRORS
        }
    }
}
