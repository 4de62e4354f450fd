//! The last phase: the problems only the whole output shows (two sources writing one
//! file), then the output swapped in whole, with the record for the next build, or left
//! exactly as it was.

use crate::error::{Diagnostic, Kind};
use crate::output::Writer;

/// Two sources that produce the same file, or files that differ only by case or Unicode
/// normalisation (one file on many systems).
pub(super) fn clashes(writer: &Writer) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (path, origins) in writer.clashes() {
        // Point at the source that chose the URL (a slug or an alias line) if there is one.
        let at = origins
            .iter()
            .rev()
            .find(|o| o.line.is_some())
            .or(origins.last())
            .cloned();
        if let Some(at) = at {
            let others: Vec<String> = origins
                .iter()
                .filter(|o| **o != at)
                .map(ToString::to_string)
                .collect();
            let d = Kind::Clash.error(
                &at.file,
                format!(
                    "`/{path}` is produced twice: by {} and by this file",
                    others.join(", ")
                ),
            );
            errors.push(match at.line {
                Some(l) => d.at(l),
                None => d,
            });
        }
    }
    for [(first, first_origin), (second, at)] in writer.near_clashes() {
        let d = Kind::Clash.error(
            &at.file,
            format!(
                "`/{second}` differs from `/{first}` (by {first_origin}) only by case or Unicode normalisation: they are one file on macOS, Windows and many hosts; rename one"
            ),
        );
        errors.push(match at.line {
            Some(l) => d.at(l),
            None => d,
        });
    }
    errors
}
