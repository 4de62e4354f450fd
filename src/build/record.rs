//! What the next build may reuse of this one, kept beside the output: each page's memo and
//! each listing's fingerprint.

use crate::content::SourceCache;
use crate::error::{Diagnostic, Excerpt, Kind, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// What the next build may reuse of this one's pages, kept beside the output.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct BuildCache {
    /// Pages by file (`articles/x.ru.md`).
    pub(super) pages: BTreeMap<String, PageMemo>,
    /// Fingerprints of listing pages by output path.
    pub(super) listings: BTreeMap<String, u64>,
    /// The interface string fallbacks each listing page took, by output path.
    #[serde(default)]
    pub(super) listing_fallbacks: BTreeMap<String, Vec<crate::i18n::Fallback>>,
    /// The hash of `site.yaml` that `sources` was read with.
    pub(super) config: u64,
    /// Page files as this build read them.
    pub(super) sources: SourceCache,
    /// The data files each listing page's template read, with their hashes, by output
    /// path: the page is rendered again when one of them changes.
    #[serde(default)]
    pub(super) listing_data: BTreeMap<String, BTreeMap<String, u64>>,
    /// The links of the built HTML files.
    pub(super) links: super::links::LinkRecord,
}

/// What a page's Markdown gave, and the fingerprint of everything its HTML came from. What
/// is absent or empty is left out of the record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct PageMemo {
    pub(super) source: u64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) unsafe_html: bool,
    /// Content links as written, with the URL each resolved to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) links: Vec<(String, String)>,
    /// The summary for listings, when the front matter has none.
    pub(super) summary_text: String,
    /// A hash of the rest of what the Markdown gave templates (table of contents, summary
    /// HTML, word count): the page's fingerprint includes it, so it need not be kept.
    pub(super) derived: u64,
    /// The version of this memo's shape: a memo of another version is not reused.
    #[serde(default)]
    pub(super) version: u32,
    /// Warnings the Markdown gave, repeated by builds that reuse it.
    #[serde(
        default,
        rename = "markdown_warnings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub(super) warnings: Vec<Warning>,
    /// Hash of the page's template inputs; equal means equal HTML.
    pub(super) fingerprint: u64,
    /// The page's stems for the search index (see [`crate::search::terms`]), when the site
    /// has search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) terms: Option<String>,
    /// The interface string fallbacks its template took, warned about again when the page
    /// is kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) fallbacks: Vec<crate::i18n::Fallback>,
    /// The data files (`data/`) its Markdown's shortcodes read, with their hashes: when one
    /// changes, the Markdown is rendered again.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) markdown_data: BTreeMap<String, u64>,
    /// The data files its template read, with their hashes: when one changes, the page is
    /// rendered again.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) template_data: BTreeMap<String, u64>,
}

/// The shape of [`PageMemo`] this build writes; a record with memos of another shape is
/// read, but none of them is reused.
pub(super) const MEMO_VERSION: u32 = 1;

/// A warning a page's Markdown gave, kept whole so that a build reusing the Markdown
/// repeats it as it was first said.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Warning {
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    kind: Kind,
    excerpt: Option<Excerpt>,
}

impl Warning {
    pub(super) fn of(d: &Diagnostic) -> Warning {
        Warning {
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            kind: d.kind,
            excerpt: d.excerpt.as_deref().cloned(),
        }
    }

    /// The warning again, at `file`.
    pub(super) fn at(&self, file: &Path) -> Diagnostic {
        let mut d = Diagnostic::new(self.kind, Severity::Warning, file, self.message.clone());
        d.line = self.line;
        d.column = self.column;
        d.excerpt = self.excerpt.clone().map(Box::new);
        d
    }
}
