//! `dala new`: a new content file with its front matter filled in.

use crate::cli::NewArgs;
use crate::{scaffold, EXIT_OK, EXIT_SITE_ERRORS};

pub fn run(args: NewArgs) -> i32 {
    let lang = args.lang.as_deref();
    match scaffold::new_content(&args.root, args.kind, &args.path, lang, args.bundle) {
        Ok(file) => {
            println!("wrote {}", file.display());
            EXIT_OK
        }
        Err(diagnostics) => {
            for d in diagnostics {
                eprintln!("{d}");
            }
            EXIT_SITE_ERRORS
        }
    }
}
