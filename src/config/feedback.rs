//! `feedback:` in `site.yaml`: "Is this page useful?", a form on the pages of some sections
//! that posts a reader's yes or no and comment to an address of the site's own server
//! (docs/feedback.md says what it sends and what the receiving end answers).

use super::{check_keys, optional};
use crate::error::{Diagnostic, Kind};
use crate::yaml::{Table, YamlError};
use std::path::Path;

/// The keys of `feedback:`.
pub const FEEDBACK_KEYS: &[&str] = &["endpoint", "sections"];

/// Where the answers go, and which pages ask.
#[derive(Debug, Clone)]
pub struct Feedback {
    /// An absolute `https://` (or `http://`) address that takes the form's post.
    pub endpoint: String,
    /// The sections whose pages carry the form, each with the sections inside it; `None`:
    /// every page.
    pub sections: Option<Vec<String>>,
    /// The line of `sections:` (of `feedback:` without it), for `dala check`'s message on
    /// a section that content/ does not have.
    pub sections_line: usize,
}

impl Feedback {
    /// Whether a page of the section `section` (its folder, `articles/2026`; `""` for a
    /// page at the top of `content/`) carries the form.
    pub fn covers(&self, section: &str) -> bool {
        match &self.sections {
            None => true,
            Some(list) => list.iter().any(|s| {
                section == s
                    || section
                        .strip_prefix(s.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            }),
        }
    }
}

/// `feedback:`, if the site has it: `endpoint:` (required) and `sections:`.
pub(super) fn parse_feedback(
    table: &Table,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic + Copy,
) -> Option<Feedback> {
    let entry = table.get("feedback")?;
    let feedback = match entry.table() {
        Ok(t) => t,
        Err(e) => {
            errors.push(at(e));
            return None;
        }
    };
    let before = errors.len();
    check_keys(&feedback, FEEDBACK_KEYS, "feedback", path, errors);
    let line = |key: &str| feedback.get(key).map_or(entry.line, |e| e.line);
    let wrong = |key: &str, problem: String| {
        Kind::Config
            .error(path, format!("`feedback.{key}`: {problem}"))
            .at(line(key))
    };
    let endpoint = match optional::<String>(&feedback, "endpoint", errors, at) {
        None if feedback.get("endpoint").is_none() => {
            errors.push(wrong(
                "endpoint",
                "missing: the address the form posts to, such as https://hub.example.org/feedback"
                    .into(),
            ));
            None
        }
        None => None,
        Some(url) => match check_endpoint(&url) {
            Ok(()) => Some(url),
            Err(problem) => {
                errors.push(wrong("endpoint", problem));
                None
            }
        },
    };
    let sections = optional::<Vec<String>>(&feedback, "sections", errors, at);
    if let Some(bad) = sections.iter().flatten().find(|s| !is_section(s)) {
        errors.push(wrong(
            "sections",
            format!("`{bad}` is not a section's folder inside content/, such as `articles` or `articles/2026`"),
        ));
    }
    match endpoint {
        Some(endpoint) if errors.len() == before => Some(Feedback {
            endpoint,
            sections,
            sections_line: line("sections"),
        }),
        _ => None,
    }
}

/// Why `url` cannot take the form's post: it must be an absolute `http` or `https` address
/// with a host, no user name or password, no `#fragment`, and no character HTML would need
/// escaped.
fn check_endpoint(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("expected an absolute https:// address of the site's own server, not `{url}`")
        })?;
    let host = rest.split(['/', '?']).next().unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return Err(format!(
            "`{url}` has no host name after `//`, or a user name in it"
        ));
    }
    let bad = |c: char| {
        !c.is_ascii_graphic()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '#'
            )
    };
    match url.chars().find(|&c| bad(c)) {
        Some(c) => Err(format!(
            "`{url}` has the character `{}`, which the form's address cannot carry (percent-encode it)",
            c.escape_default()
        )),
        None => Ok(()),
    }
}

/// A section's folder: segments of `content/` without `.`, `..` or empty ones.
fn is_section(s: &str) -> bool {
    !s.is_empty()
        && s.split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && !seg.contains('\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_absolute_web_addresses() {
        for ok in [
            "https://hub.example.org/feedback",
            "http://127.0.0.1:8787/",
            "https://hub.example.org/api/feedback?site=hub",
        ] {
            assert_eq!(check_endpoint(ok), Ok(()), "{ok}");
        }
        for bad in [
            "/feedback",
            "javascript:alert(1)",
            "https:///feedback",
            "https://user:pw@hub.example.org/feedback",
            "https://hub.example.org/feedback#x",
            "https://hub.example.org/a b",
            "https://hub.example.org/\"x",
        ] {
            assert!(check_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sections_cover_their_subsections_only() {
        let f = Feedback {
            endpoint: "https://x.org/f".into(),
            sections: Some(vec!["articles".into()]),
            sections_line: 1,
        };
        assert!(f.covers("articles") && f.covers("articles/2026"));
        assert!(!f.covers("articles-old") && !f.covers("") && !f.covers("cases"));
        let every = Feedback {
            sections: None,
            ..f
        };
        assert!(every.covers("") && every.covers("cases"));
    }
}
