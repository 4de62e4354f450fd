//! Where things live in the built site.
//!
//! A [`SitePath`] is a path inside the output, relative to its root, with a trailing `/` for
//! folders (`en/articles/digital-id/`) or a file name (`en/atom.xml`). [`Urls`] turns it into
//! the two forms templates need: a root-relative link and an absolute permalink.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SitePath(String);

impl SitePath {
    /// A folder: `segments` joined by `/`, with a trailing `/` (the root is the empty path).
    pub fn folder<S: AsRef<str>>(segments: impl IntoIterator<Item = S>) -> SitePath {
        let mut path = String::new();
        for s in segments {
            let s = s.as_ref().trim_matches('/');
            if !s.is_empty() {
                path.push_str(s);
                path.push('/');
            }
        }
        SitePath(path)
    }

    pub fn file(path: &str) -> SitePath {
        SitePath(path.trim_start_matches('/').to_string())
    }

    /// A user-written path (an alias): a folder unless its last segment has an extension.
    pub fn from_user(path: &str) -> SitePath {
        let trimmed = path.trim_start_matches('/');
        let last = trimmed
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        if trimmed.ends_with('/') || !last.contains('.') {
            SitePath::folder([trimmed])
        } else {
            SitePath::file(trimmed)
        }
    }

    pub fn join(&self, segment: &str) -> SitePath {
        SitePath::folder([self.0.as_str(), segment])
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_folder(&self) -> bool {
        self.0.is_empty() || self.0.ends_with('/')
    }

    /// The file this path is written to: folders get an `index.html`.
    pub fn output_file(&self) -> String {
        if self.is_folder() {
            format!("{}index.html", self.0)
        } else {
            self.0.clone()
        }
    }
}

/// The base URL, split into what links and permalinks need.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://hub.example.org` or `https://example.org/hub`, no trailing slash.
    base_url: String,
    /// The path part of the base URL (`""` or `/hub`).
    prefix: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let base_url = base_url.trim_end_matches('/').to_string();
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url.as_str(), |(_, r)| r);
        let prefix = after_scheme
            .find('/')
            .map_or("", |i| &after_scheme[i..])
            .to_string();
        Urls { base_url, prefix }
    }

    /// `/en/articles/x/`: for links inside the site.
    pub fn path(&self, p: &SitePath) -> String {
        format!("{}/{}", self.prefix, p.as_str())
    }

    /// `https://hub.example.org/en/articles/x/`: for canonical links, feeds, sitemaps.
    pub fn permalink(&self, p: &SitePath) -> String {
        format!("{}/{}", self.base_url, p.as_str())
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The path part of the base URL: `""`, or `/hub` for `https://example.org/hub`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
}

/// Resolves `.` and `..` in a `/`-separated path, dropping empty segments: `a/./b/../c`
/// gives `a/c`. `None` if it climbs above the root, which a content link (the build) and a
/// built link (`dala check`) are refused for alike; browsers would stop at the root
/// silently, which is never what was meant.
pub fn resolve_dots(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Percent-encodes what a URL in XML (sitemap, feed) must not carry raw: non-ASCII bytes,
/// spaces and quotes. Reserved characters (`/`, `:`, `#`) are kept.
pub fn encode_uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic()
            && !matches!(
                b,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%D0%B0` → `а`. `None` for a bad escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_permalinks() {
        let urls = Urls::new("https://example.org/hub/");
        let p = SitePath::folder(["en", "articles", "x"]);
        assert_eq!(urls.path(&p), "/hub/en/articles/x/");
        assert_eq!(urls.permalink(&p), "https://example.org/hub/en/articles/x/");
        assert_eq!(p.output_file(), "en/articles/x/index.html");
        assert_eq!(
            SitePath::from_user("/old/page.html").output_file(),
            "old/page.html"
        );
        assert_eq!(
            SitePath::from_user("/old/page").output_file(),
            "old/page/index.html"
        );
        assert_eq!(resolve_dots("a/./b/../c/").as_deref(), Some("a/c"));
        assert_eq!(resolve_dots("/en/articles/../").as_deref(), Some("en"));
        assert_eq!(resolve_dots("a/../../b"), None);
        assert_eq!(
            encode_uri("https://x.org/ru/статьи/"),
            "https://x.org/ru/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D0%B8/"
        );
    }
}
