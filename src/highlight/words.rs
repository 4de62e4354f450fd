//! The words a fence may name a language by, and the grammar each finds.
//!
//! A word is looked up in lower case, in this order: the words that mean plain text, the
//! words of a shell session, then the catalog's words: each language's name, dala's words
//! for it (`words.tsv`: file names and extensions such as `Dockerfile` or `pyi`), and the
//! aliases its grammar records (`rs`, `sh`...).

use super::catalog::catalog;

/// Fence words of a shell session: prompts and commands, and their output
/// ([`super::console`]).
pub(super) const SESSIONS: &[&str] = &["console", "shell-session", "shellsession", "sh-session"];

/// Languages that mean "no highlighting" without a warning.
pub(super) fn is_plain(lang: &str) -> bool {
    matches!(lang, "" | "text" | "txt" | "plain" | "plaintext")
}

/// What a fence's language asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Grammar {
    /// No highlighting.
    Plain,
    /// A language of the catalog, by its name.
    Language(&'static str),
    /// A shell session ([`super::console`]).
    Session,
    /// A language no grammar is for.
    Unknown,
}

/// The grammar for `lang`.
pub(super) fn grammar(lang: &str) -> Grammar {
    if is_plain(lang) {
        return Grammar::Plain;
    }
    let lower = lang.to_ascii_lowercase();
    if SESSIONS.contains(&lower.as_str()) {
        return Grammar::Session;
    }
    catalog()
        .find(&lower)
        .map_or(Grammar::Unknown, Grammar::Language)
}
