//! Diagnostics: every problem the build finds, with the file, line and column it concerns.
//!
//! The build does not stop at the first bad file: it collects every diagnostic in the site,
//! prints them all, and fails only at the end, before anything is written.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Exit status: success. (With the two below, what every command returns; here, below
/// the commands and `serve`, so that both can name them.)
pub const EXIT_OK: i32 = 0;
/// Exit status: the site has errors.
pub const EXIT_SITE_ERRORS: i32 = 1;
/// Exit status: bad usage.
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, located as precisely as we know it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", self.message)
    }
}

/// A thread-safe collector, so that parallel passes can report into one list.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn push(&self, diagnostic: Diagnostic) {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file, line and message so that output is deterministic.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort();
        items.dedup();
        items
    }
}

/// The outcome of a failed build: every diagnostic, errors and warnings.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for BuildFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        write!(
            f,
            "build failed with {errors} error{}",
            if errors == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for BuildFailure {}

/// The 1-based lines of a text's byte offsets, each found by a binary search over the
/// text's line starts (counting newlines from the start for each offset made a text with
/// many links quadratic).
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts }
    }

    /// The line of `offset`: 1 for the first.
    pub fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// Begins the error of a build that failed after its commit point: the output was changed
/// in part, and the next build finishes the change (see `output.rs`).
pub const PARTLY_UPDATED: &str =
    "the output is partly updated, and the next build finishes the change";

impl BuildFailure {
    /// What the failure did to the output, for the last line of a failed build.
    pub fn output_outcome(&self) -> &'static str {
        if self
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with(PARTLY_UPDATED))
        {
            "the output folder is partly updated; the next build finishes it"
        } else {
            "the output folder was left as it was"
        }
    }
}
