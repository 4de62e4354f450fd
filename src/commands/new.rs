//! `dala new`: a new content file with its front matter filled in.

use crate::cli::NewArgs;
use crate::messages::{translate, Lang};
use crate::{scaffold, EXIT_OK, EXIT_SITE_ERRORS};

/// `messages`: the language of what it prints (see [`crate::messages`]).
pub fn run(args: NewArgs, messages: Lang) -> i32 {
    let lang = args.lang.as_deref();
    match scaffold::new_content(&args.root, args.kind, &args.path, lang, args.bundle) {
        Ok(file) => {
            let wrote = format!("wrote {}", file.display());
            println!("{}", translate(messages, &wrote));
            EXIT_OK
        }
        Err(diagnostics) => {
            for d in diagnostics {
                eprintln!("{}", d.to_string_in(messages));
            }
            EXIT_SITE_ERRORS
        }
    }
}
