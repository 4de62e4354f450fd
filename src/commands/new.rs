//! `dala new`: a new content file with its front matter filled in.

use crate::cli::NewArgs;
use crate::{scaffold, EXIT_OK, EXIT_SITE_ERRORS};

pub fn run(args: NewArgs) -> i32 {
    match scaffold::new_content(&args.root, args.kind, &args.path, args.lang.as_deref()) {
        Ok(file) => {
            println!("wrote {}", file.display());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_SITE_ERRORS
        }
    }
}
