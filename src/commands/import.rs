//! `dala import hugo SRC DEST`: another generator's content as a dala site's.

use crate::cli::{ImportArgs, ImportFrom};
use crate::error::Severity;
use crate::{import, EXIT_OK, EXIT_SITE_ERRORS};

pub fn run(args: ImportArgs) -> i32 {
    let ImportFrom::Hugo = args.from;
    match import::hugo(&args.src, &args.dest, args.force) {
        Ok(report) => {
            for d in &report.diagnostics {
                println!("{d}");
            }
            let person = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count();
            println!(
                "import: wrote {} files into {}; {person} place{} need{} a person (warnings above), then write site.yaml and run `dala check --root {}`",
                report.written.len(),
                args.dest.display(),
                if person == 1 { "" } else { "s" },
                if person == 1 { "s" } else { "" },
                args.dest.display()
            );
            EXIT_OK
        }
        Err(errors) => {
            for d in &errors {
                eprintln!("{d}");
            }
            eprintln!("import: nothing was written");
            EXIT_SITE_ERRORS
        }
    }
}
