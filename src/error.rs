//! Diagnostics: every problem the build and the check find, each with its kind, its place
//! (file, line, column), its severity and, where the source line is at hand, an excerpt
//! that marks the bad text.
//!
//! The build does not stop at the first bad file: it collects every diagnostic in the site
//! ([`Diagnostics`]), prints them all, and fails only at the end, before anything is
//! written. `dala check` adds its own findings to the same list, and prints it as text or,
//! with `--format json`, as the fields of [`Diagnostic`]'s `Serialize`.

use serde::{Deserialize, Serialize};
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

/// How bad it is: an error fails the build (and the check), a warning is printed, a note
/// only informs (`dala check` lists missing translations as notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    /// The word printed before the message.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What went wrong, for tests and scripts (`kind` in JSON, snake_case); the message says
/// it to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `site.yaml`: a key, a value, a language or the theme.
    Config,
    /// YAML that does not parse (`site.yaml`, front matter, interface strings).
    Yaml,
    /// A page's front matter: the `---` lines, a missing, unknown or ill-typed key.
    FrontMatter,
    /// A source file that is not UTF-8 text.
    Encoding,
    /// A file that cannot be read or written.
    Io,
    /// The output folder: refused, locked by another build, or left partly updated.
    Output,
    /// A file whose name or place cannot be published, or that is skipped.
    Path,
    /// Two outputs on one path, or on paths that one file system takes for one.
    Clash,
    /// Two files that are one version of a page.
    Translation,
    /// A page without a version in a language (a note of `dala check`).
    MissingTranslation,
    /// A data file (`data/*.yaml`, `.json`, `.csv`) that does not parse, or one a template
    /// asks `load_data()` for that is not there.
    Data,
    /// An interface strings file (`i18n/*.yaml`): a value or its plural forms.
    Strings,
    /// An interface string taken from another language.
    StringFallback,
    /// A template that does not parse, is missing, or includes itself.
    Template,
    /// A template that fails while a page renders.
    TemplateRender,
    /// Markdown that is published otherwise than written (heading attributes left out).
    Markdown,
    /// A code block in a language the highlighter does not know.
    CodeBlock,
    /// A shortcode: its call, its arguments or its template.
    Shortcode,
    /// A URL refused as unsafe (`javascript:` and the like).
    UnsafeUrl,
    /// A link inside the site that leads to nothing.
    Link,
    /// A link to an `#anchor` that the page does not have.
    Anchor,
    /// A link out of the site that does not answer well (`dala check --external`).
    ExternalLink,
    /// An image without alt text.
    AltText,
    /// An image that cannot be published: missing, damaged, too large, or of a format
    /// dala does not read.
    Image,
    /// A front matter rule of `site.yaml` (`rules:`) that a page breaks.
    Rule,
    /// Two pages of a language with the same title or slug.
    Duplicate,
    /// Nothing more precise is known.
    Other,
}

impl Kind {
    /// An error of this kind.
    pub fn error(self, path: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self, Severity::Error, path, message)
    }

    /// A warning of this kind.
    pub fn warning(self, path: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self, Severity::Warning, path, message)
    }

    /// A note of this kind.
    pub fn note(self, path: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self, Severity::Note, path, message)
    }
}

/// One problem, located as precisely as we know it. Its place is `path`, `line` and
/// `column`. (The fields are in the order diagnostics are sorted by, and JSON lists them.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    #[serde(rename = "file", serialize_with = "lossy_path")]
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub message: String,
    pub kind: Kind,
    /// The source line, marked under the bad text: printed under the message.
    /// (Boxed: most diagnostics have none, and a `Result` carries a diagnostic often.)
    #[serde(skip)]
    pub excerpt: Option<Box<Excerpt>>,
}

fn lossy_path<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

impl Diagnostic {
    pub fn new(
        kind: Kind,
        severity: Severity,
        path: impl AsRef<Path>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            severity,
            message: message.into(),
            kind,
            excerpt: None,
        }
    }

    /// An error of no known kind ([`Kind::Other`]): `Kind::Link.error(...)` says more.
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Kind::Other.error(path, message)
    }

    /// A warning of no known kind ([`Kind::Other`]): `Kind::AltText.warning(...)` says more.
    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Kind::Other.warning(path, message)
    }

    /// The same, of kind `kind`.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
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

    /// With the excerpt of its line, read from `text`, whose first line is line
    /// `first_line` of the file: marked under `needle` where the line has it, else from its
    /// column (or the line's first character that is not a space) to the end of the line.
    /// Unchanged when it has no line, or its line is not in `text`.
    pub fn quoting(mut self, text: &str, first_line: usize, needle: Option<&str>) -> Self {
        let Some(line) = self.line.and_then(|l| l.checked_sub(first_line)) else {
            return self;
        };
        let Some(source) = text.split('\n').nth(line) else {
            return self;
        };
        let source = source.trim_end();
        let found = needle
            .filter(|n| !n.is_empty())
            .and_then(|n| source.find(n).map(|at| (at, n)));
        let (start, width) = match found {
            Some((at, n)) => (source[..at].chars().count(), n.chars().count()),
            None => {
                let indent = source.chars().take_while(|c| c.is_whitespace()).count();
                let start = self.column.map_or(indent, |c| c.saturating_sub(1));
                let length = source.chars().count();
                (start.min(length), length.saturating_sub(start))
            }
        };
        self.excerpt = Excerpt::new(source, start, width).map(Box::new);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line as printed: `file:line:column: severity: message`.
    fn head(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.place(f)?;
        write!(f, ": {}: {}", self.severity.label(), self.message)
    }

    /// `file:line:column`, as much of it as is known.
    fn place(&self, f: &mut impl fmt::Write) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }

    /// As [`Display`](fmt::Display) prints it, with the severity and the message in `lang`
    /// (see [`crate::messages`]); the place and the excerpt are the same in every language.
    pub fn to_string_in(&self, lang: crate::messages::Lang) -> String {
        let mut text = String::new();
        let _ = self.place(&mut text);
        text.push_str(&format!(
            ": {}: {}",
            crate::messages::severity(lang, self.severity.label()),
            crate::messages::translate(lang, &self.message)
        ));
        if let Some(excerpt) = &self.excerpt {
            text.push_str(&format!("\n{excerpt}"));
        }
        text
    }
}

impl fmt::Display for Diagnostic {
    /// The first line, then the excerpt's two when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.head(f)?;
        match &self.excerpt {
            Some(excerpt) => write!(f, "\n{excerpt}"),
            None => Ok(()),
        }
    }
}

/// A line of the source with a mark under the bad text:
///
/// ```text
///   colour: blue
///   ^^^^^^^^^^^^
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Excerpt {
    /// The line, or the part of it around the mark when it is long (cut ends as `…`).
    pub text: String,
    /// The first character marked, counted from 0 in `text`.
    pub start: usize,
    /// How many characters are marked: at least one.
    pub width: usize,
}

impl Excerpt {
    /// The most characters of a line shown.
    const WIDTH: usize = 100;
    /// Shown before the mark when a long line is cut.
    const BEFORE: usize = 30;

    /// `line` marked from character `start` for `width` characters; `None` for a line
    /// without text.
    pub fn new(line: &str, start: usize, width: usize) -> Option<Excerpt> {
        let chars: Vec<char> = line.trim_end().chars().collect();
        if chars.iter().all(|c| c.is_whitespace()) {
            return None;
        }
        let start = start.min(chars.len().saturating_sub(1));
        let width = width.clamp(1, chars.len() - start);
        if chars.len() <= Excerpt::WIDTH {
            let text = chars.into_iter().collect();
            return Some(Excerpt { text, start, width });
        }
        // A long line (a paragraph written on one line): the part around the mark.
        let from = start.saturating_sub(Excerpt::BEFORE);
        let to = chars.len().min(from + Excerpt::WIDTH);
        let mut text: String = if from > 0 {
            "…".into()
        } else {
            String::new()
        };
        text.extend(&chars[from..to]);
        if to < chars.len() {
            text.push('…');
        }
        let shift = usize::from(from > 0);
        Some(Excerpt {
            text,
            start: start - from + shift,
            width: width.min(to - start),
        })
    }
}

impl fmt::Display for Excerpt {
    /// Two lines, indented: the text, and under it `^` for each marked character (a tab
    /// before the mark is kept, so that the mark stays under its text).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pad: String = self
            .text
            .chars()
            .take(self.start)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "  {}\n  {pad}{}", self.text, "^".repeat(self.width))
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
        if errors == 0 {
            // Only warnings: the build was --strict.
            let warnings = self.diagnostics.len();
            return write!(
                f,
                "build failed with {warnings} warning{} (--strict)",
                if warnings == 1 { "" } else { "s" }
            );
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_marks_the_needle_or_the_rest_of_the_line() {
        let text = "title: X\ncolour: blue\n  see [a](b.md) here\n";
        let d = Kind::FrontMatter
            .error("x.md", "unknown key")
            .at_column(3, 1)
            .quoting(text, 2, None);
        assert_eq!(
            d.to_string(),
            "x.md:3:1: error: unknown key\n  colour: blue\n  ^^^^^^^^^^^^"
        );
        let d = Kind::Link
            .error("x.md", "broken")
            .at(4)
            .quoting(text, 2, Some("b.md"));
        let excerpt = d.excerpt.unwrap();
        assert_eq!((excerpt.start, excerpt.width), (10, 4));
        // No column: from the first character that is not a space.
        let d = Kind::Link
            .error("x.md", "broken")
            .at(4)
            .quoting(text, 2, None);
        assert_eq!(d.excerpt.unwrap().start, 2);
        // A line outside the text, or none: no excerpt.
        let d = Kind::Link
            .error("x.md", "broken")
            .at(1)
            .quoting(text, 2, None);
        assert_eq!(d.excerpt, None);
        let d = Kind::Link.error("x.md", "broken").quoting(text, 2, None);
        assert_eq!(d.excerpt, None);
    }

    #[test]
    fn a_long_line_is_cut_around_the_mark_and_tabs_stay_under_their_text() {
        let line = format!("{}[x](gone.md){}", "a".repeat(200), "b".repeat(200));
        let e = Excerpt::new(&line, 200, 12).unwrap();
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        let marked: String = e.text.chars().skip(e.start).take(e.width).collect();
        assert_eq!(marked, "[x](gone.md)");
        let e = Excerpt::new("\tkey: 1", 1, 3).unwrap();
        assert_eq!(e.to_string(), "  \tkey: 1\n  \t^^^");
        assert_eq!(Excerpt::new("   ", 0, 1), None);
    }
}
