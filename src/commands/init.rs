//! `dala init`: a new site that builds at once.

use crate::cli::InitArgs;
use crate::{scaffold, EXIT_OK, EXIT_SITE_ERRORS};

pub fn run(args: InitArgs) -> i32 {
    match scaffold::init(&args.dir) {
        Ok(files) => {
            println!(
                "made a site in {} ({} files); build it with: dala build --root {}",
                args.dir.display(),
                files.len(),
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
