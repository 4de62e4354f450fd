//! `dala init`: a new site that builds at once.

use crate::cli::InitArgs;
use crate::{scaffold, EXIT_OK, EXIT_SITE_ERRORS, EXIT_USAGE};

pub fn run(args: InitArgs) -> i32 {
    let list = args
        .languages
        .as_deref()
        .unwrap_or(scaffold::DEFAULT_LANGUAGES);
    let languages = match scaffold::parse_languages(list) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    match scaffold::init(&args.dir, &languages) {
        Ok(files) => {
            let codes: Vec<&str> = languages.iter().map(|l| l.as_str()).collect();
            println!(
                "made a site in {} ({} files) in {} (default language: {}); build it with: dala build --root {}",
                args.dir.display(),
                files.len(),
                codes.join(", "),
                codes[0],
                args.dir.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_SITE_ERRORS
        }
    }
}
