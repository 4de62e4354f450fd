//! `dala check`: whether the site is fit to publish, as text or JSON.

use crate::cli::{CheckArgs, Format};
use crate::error::{Diagnostic, Severity};
use crate::{check, EXIT_OK, EXIT_SITE_ERRORS};
use serde::Serialize;

/// The version of the JSON that `--format json` prints: raised when a field changes its
/// meaning or goes (a new field does not raise it).
pub const JSON_VERSION: u32 = 1;

/// What `--format json` prints: `{"version": 1, "diagnostics": [...]}`, each diagnostic
/// with its `file`, `line`, `column`, `severity`, `message` and `kind`.
#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    diagnostics: &'a [Diagnostic],
}

pub fn run(args: CheckArgs) -> i32 {
    let found = check::check(&args.root, args.external);
    let failing = found
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .count();
    match args.format {
        Format::Json => {
            let json = Json {
                version: JSON_VERSION,
                diagnostics: &found,
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
        Format::Text => {
            for d in &found {
                // File and line, as the check always printed them: the JSON has the column.
                let d = Diagnostic {
                    column: None,
                    ..d.clone()
                };
                println!("{d}");
            }
            let notes = found.len() - failing;
            println!(
                "check: {} ({notes} note{})",
                if failing == 0 {
                    "no problems".to_string()
                } else {
                    format!("{failing} problem{}", if failing == 1 { "" } else { "s" })
                },
                if notes == 1 { "" } else { "s" }
            );
        }
    }
    if failing == 0 {
        EXIT_OK
    } else {
        EXIT_SITE_ERRORS
    }
}
