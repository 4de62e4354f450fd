//! `dala translations`: the state of every page's translations, or `--mark` to record that
//! a translation matches its original.

use crate::cli::{Format, TranslationsArgs};
use crate::config::Config;
use crate::content::Content;
use crate::error::Diagnostic;
use crate::{translations, EXIT_OK, EXIT_SITE_ERRORS};

pub fn run(args: TranslationsArgs) -> i32 {
    let print_all = |diagnostics: &[Diagnostic]| {
        for d in diagnostics {
            eprintln!("{d}");
        }
    };
    let config = match Config::load(&args.root) {
        Ok(c) => c,
        Err(e) => {
            print_all(&e);
            return EXIT_SITE_ERRORS;
        }
    };
    let mut problems = Vec::new();
    let content = Content::load(
        &args.root,
        &config,
        true,
        &Default::default(),
        &mut problems,
    );
    if problems.iter().any(Diagnostic::is_error) {
        print_all(&problems);
        return EXIT_SITE_ERRORS;
    }
    if !args.mark.is_empty() {
        let mut status = EXIT_OK;
        for file in &args.mark {
            match translations::mark(&content, &args.root, file) {
                Ok(done) => println!("{done}"),
                Err(why) => {
                    eprintln!("error: {why}");
                    status = EXIT_SITE_ERRORS;
                }
            }
        }
        return status;
    }
    let report = translations::report(&content, &config);
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_SITE_ERRORS;
            }
        },
        Format::Text => print!("{}", report.to_text()),
    }
    EXIT_OK
}
