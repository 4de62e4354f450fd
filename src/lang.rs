//! Language codes: BCP 47 tags such as `kk`, `ru`, `en`, `kk-Latn`, `uz-Cyrl`.

use serde::Serialize;
use std::fmt;

/// A syntactically valid BCP 47 language tag, as written in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    /// Accepts `language(-subtag)*`: a 2-3 letter primary language subtag, then subtags of
    /// 1-8 letters or digits. Refuses glibc-style `kk_KZ` with a hint.
    pub fn parse(code: &str) -> Result<Lang, String> {
        if code.contains('_') {
            return Err(format!(
                "`{code}` is not a BCP 47 language tag: use `-`, not `_` (e.g. `{}`)",
                code.replace('_', "-")
            ));
        }
        let mut subtags = code.split('-');
        let primary = subtags.next().unwrap_or_default();
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        let rest_ok = subtags
            .clone()
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Ok(Lang(code.to_string()))
        } else {
            Err(format!(
                "`{code}` is not a BCP 47 language tag (expected e.g. `kk`, `ru`, `kk-Latn`)"
            ))
        }
    }

    /// Whether a file-name suffix looks like a language tag: such a suffix must be a
    /// configured language, never silently part of a page name.
    pub fn looks_like_tag(suffix: &str) -> bool {
        Lang::parse(suffix).is_ok()
            || suffix.split(['-', '_']).next().is_some_and(|p| {
                (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())
            })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for ok in ["kk", "ru", "en", "kk-Latn", "uz-Cyrl", "hy", "tk"] {
            assert!(Lang::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["kk_KZ", "KK", "english", "", "kk-", "k"] {
            assert!(Lang::parse(bad).is_err(), "{bad}");
        }
        assert!(Lang::looks_like_tag("fr"));
        assert!(!Lang::looks_like_tag("2"));
        assert!(!Lang::looks_like_tag("draft1"));
    }
}
