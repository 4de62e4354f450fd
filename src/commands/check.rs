//! `dala check`: whether the site is fit to publish, as text or JSON.

use crate::cli::{CheckArgs, Format};
use crate::{check, EXIT_OK, EXIT_SITE_ERRORS};

pub fn run(args: CheckArgs) -> i32 {
    let problems = check::check(&args.root, args.external);
    let failing = problems.iter().filter(|p| p.severity != "note").count();
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&problems).unwrap_or_default()
        ),
        Format::Text => {
            for p in &problems {
                println!("{p}");
            }
            let notes = problems.len() - failing;
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
