//! Stylesheets and scripts that browsers may keep for ever: each `.css` and `.js` file the
//! site publishes (the theme's and the site's `static/`, the highlighting stylesheet, the
//! search script) is also published under a name that carries a hash of its content
//! (`style.3f9a1c2b7d.css`). `get_url(path="style.css")` gives that name, so a page names
//! the version it was built with, and `integrity(path="style.css")` its Subresource
//! Integrity value. The plain name stays published for what links it by hand.

use base64::Engine as _;
use sha2::{Digest, Sha384};
use std::collections::BTreeMap;

/// How many hex digits of the hash a name carries.
const NAME_HASH: usize = 10;

/// One stylesheet or script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path with the hash: `css/site.3f9a1c2b7d.css`.
    pub hashed: String,
    /// `sha384-` and the base64 of the SHA-384 of its bytes.
    pub integrity: String,
}

/// The site's stylesheets and scripts by their plain path inside the output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Assets {
    by_path: BTreeMap<String, Asset>,
}

impl Assets {
    /// Adds the file at `path` (inside the output, `/` separated) with its `bytes`, if it
    /// is a stylesheet or a script.
    pub fn add(&mut self, path: &str, bytes: &[u8]) {
        let Some((stem, ext)) = path.rsplit_once('.') else {
            return;
        };
        if !matches!(ext, "css" | "js") || stem.is_empty() || stem.ends_with('/') {
            return;
        }
        let digest = Sha384::digest(bytes);
        let hex: String = digest
            .iter()
            .take(NAME_HASH.div_ceil(2))
            .map(|b| format!("{b:02x}"))
            .collect();
        let integrity = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        self.by_path.insert(
            path.to_string(),
            Asset {
                hashed: format!("{stem}.{}.{ext}", &hex[..NAME_HASH]),
                integrity,
            },
        );
    }

    /// The asset a template names (`style.css` or `/style.css`), if it is one.
    pub fn get(&self, path: &str) -> Option<&Asset> {
        self.by_path.get(path.trim_start_matches('/'))
    }

    /// Every asset, by plain path.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Asset)> {
        self.by_path.iter()
    }

    /// A hash of every name: what a page built with them depends on.
    pub fn fingerprint(&self) -> u64 {
        let names: Vec<&str> = self.by_path.values().map(|a| a.hashed.as_str()).collect();
        crate::util::hash_bytes(names.join(" ").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_get_a_name_of_their_content() {
        let mut assets = Assets::default();
        assets.add("style.css", b"body{}");
        assets.add("js/a.js", b"1");
        assets.add("logo.svg", b"<svg/>");
        assets.add(".css", b"x");
        let style = assets.get("/style.css").unwrap();
        assert!(style.hashed.starts_with("style.") && style.hashed.ends_with(".css"));
        assert_eq!(style.hashed.len(), "style..css".len() + NAME_HASH);
        assert!(style.integrity.starts_with("sha384-"));
        assert!(assets.get("js/a.js").unwrap().hashed.starts_with("js/a."));
        assert!(assets.get("logo.svg").is_none() && assets.get(".css").is_none());
        let mut other = Assets::default();
        other.add("style.css", b"body{ }");
        assert_ne!(other.get("style.css").unwrap().hashed, style.hashed);
    }
}
