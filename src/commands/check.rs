//! `dala check`: whether the site is fit to publish, as text or JSON.

use crate::cli::{CheckArgs, Format};
use crate::error::{Diagnostic, Severity};
use crate::messages::{translate, Lang};
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

pub fn run(args: CheckArgs, messages: Lang) -> i32 {
    let found = check::check(&args.root, args.external);
    // Errors fail the check; warnings only with --strict. Both are listed either way.
    let failing = found
        .iter()
        .filter(|d| d.is_error() || (args.strict && d.severity == Severity::Warning))
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
                println!("{}", d.to_string_in(messages));
            }
            println!("{}", translate(messages, &summary(&found, args.strict)));
        }
    }
    if failing == 0 {
        EXIT_OK
    } else {
        EXIT_SITE_ERRORS
    }
}

/// The last line of the text report: `check: 2 errors, 1 warning (3 notes)`.
fn summary(found: &[Diagnostic], strict: bool) -> String {
    let count = |severity| found.iter().filter(|d| d.severity == severity).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let mut found = Vec::new();
    if errors > 0 {
        found.push(plural(errors, "error"));
    }
    if warnings > 0 {
        found.push(plural(warnings, "warning"));
    }
    let head = if found.is_empty() {
        "no problems".to_string()
    } else {
        found.join(", ")
    };
    let tail = if warnings > 0 && !strict {
        "; warnings fail the check only with --strict"
    } else {
        ""
    };
    format!("check: {head} ({}){tail}", plural(notes, "note"))
}
