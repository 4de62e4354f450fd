//! Offline reading (`offline: true` in `site.yaml`; docs/offline.md): the service worker
//! dala publishes at the site's root, and what the offline page says in each language.
//!
//! The worker ([`SCRIPT`], `src/offline.js`) is the same for every site; the build writes
//! into it what it keeps first for each language (the home page, the offline page, and the
//! stylesheets and scripts the offline page names), the site's stylesheets and scripts by
//! their hashed names, and the caps. Its version is a hash of all that, of the offline
//! pages' bytes and of the script itself: a changed stylesheet or offline page makes a new
//! worker, which replaces the old one's cache whole.

use crate::lang::Lang;
use crate::site::not_found::{in_usual_script, local_text};
use crate::site::Site;
use crate::views::LocalText;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The worker, before the build writes its `BUILD` line.
pub const SCRIPT: &str = include_str!("offline.js");
/// Where the worker is published, in the site's root: it serves the whole site.
pub const WORKER_PATH: &str = "sw.js";
/// The folder of each language's offline page: `/<lang>/offline/`.
pub const PAGE_DIR: &str = "offline";
/// The most pages the reader's visits keep; the oldest go first.
pub const MAX_PAGES: usize = 60;
/// The most bytes of pages and images the reader's visits keep (20 MiB).
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// An image larger than this is not kept (2 MiB).
pub const MAX_IMAGE_BYTES: u64 = 2 * 1024 * 1024;
/// On a link this slow (milliseconds without an answer), a page's kept copy is shown.
pub const TIMEOUT_MS: u64 = 8000;
/// Where the script takes what the build writes.
const MARK: &str = "/*BUILD*/ {}";

/// The interface strings of the offline page, and dala's own texts of them (the theme's or
/// the site's win; see [`texts`]).
pub const KEYS: [&str; 6] = [
    "offline_title",
    "offline_text",
    "offline_saved",
    "offline_about",
    "offline_none",
    "offline_retry",
];

const BUILT_IN: [(&str, &str, [&str; 6]); 3] = [
    (
        "en",
        "Latn",
        [
            "You are offline",
            "This page could not be opened: there is no connection, and it has not been saved on this device.",
            "Pages saved on this device",
            "Pages you open on this site while online are saved on this device, so that you can read them again without a connection.",
            "No pages have been saved on this device yet.",
            "Try again",
        ],
    ),
    (
        "ru",
        "Cyrl",
        [
            "Нет подключения к интернету",
            "Не удалось открыть эту страницу: нет подключения к интернету, а на этом устройстве она не сохранена.",
            "Страницы, сохранённые на этом устройстве",
            "Страницы этого сайта, которые вы открываете при подключении к интернету, сохраняются на этом устройстве, чтобы их можно было прочитать снова и без подключения.",
            "На этом устройстве пока нет сохранённых страниц.",
            "Повторить попытку",
        ],
    ),
    (
        "kk",
        "Cyrl",
        [
            "Интернет байланысы жоқ",
            "Бұл бетті ашу мүмкін болмады: интернет байланысы жоқ, ал бұл бет осы құрылғыда сақталмаған.",
            "Осы құрылғыда сақталған беттер",
            "Интернетке қосылып тұрғанда осы сайтта ашқан беттеріңіз осы құрылғыда сақталады, сондықтан оларды интернетсіз де қайта оқи аласыз.",
            "Бұл құрылғыда әзірге сақталған бет жоқ.",
            "Қайталап көру",
        ],
    ),
];

/// What the offline page says in `lang`, by key ([`KEYS`]): the language's interface
/// strings, else dala's own texts (English, Russian, Kazakh), each marked with the language
/// it is written in.
pub fn texts(site: &Site, lang: &Lang) -> BTreeMap<&'static str, LocalText> {
    KEYS.iter()
        .enumerate()
        .map(|(nth, key)| {
            let built_in = |from: &str| in_usual_script(from, &BUILT_IN).map(|t| t[nth]);
            (*key, local_text(site, lang, key, built_in))
        })
        .collect()
}

/// What the worker keeps first of one language, by path from the host's root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    pub home: String,
    pub offline: String,
    /// The stylesheets and scripts the offline page names.
    pub assets: Vec<String>,
}

/// What the build tells the worker.
#[derive(Debug, Serialize)]
struct Build<'a> {
    version: &'a str,
    default: &'a str,
    langs: &'a BTreeMap<String, Language>,
    assets: &'a [String],
    pages: usize,
    bytes: u64,
    image_bytes: u64,
    timeout: u64,
}

/// The worker of a build: its version and its script. `langs`: each language's
/// [`Language`]; `assets`: every stylesheet and script by its hashed path; `pages`: the
/// offline pages' bytes.
pub fn worker(
    default: &str,
    langs: &BTreeMap<String, Language>,
    assets: &[String],
    pages: &[&[u8]],
) -> (String, String) {
    let mut build = Build {
        version: "",
        default,
        langs,
        assets,
        pages: MAX_PAGES,
        bytes: MAX_BYTES,
        image_bytes: MAX_IMAGE_BYTES,
        timeout: TIMEOUT_MS,
    };
    let mut hash = Sha256::new();
    hash.update(SCRIPT.as_bytes());
    hash.update(serde_json::to_vec(&build).unwrap_or_default());
    for page in pages {
        hash.update((page.len() as u64).to_le_bytes());
        hash.update(page);
    }
    let version: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    build.version = &version;
    let json = serde_json::to_string(&build).unwrap_or_default();
    let script = SCRIPT.replacen(MARK, &json, 1);
    (version, script)
}

/// The paths of `assets` that `html` names in a quoted attribute, in their order.
pub fn named_in(html: &str, assets: &[String]) -> Vec<String> {
    assets
        .iter()
        .filter(|a| html.contains(&format!("\"{a}\"")))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_takes_the_build_and_its_version_follows_what_it_keeps() {
        assert!(SCRIPT.contains(MARK));
        let mut langs = BTreeMap::new();
        langs.insert(
            "en".to_string(),
            Language {
                home: "/en/".into(),
                offline: "/en/offline/".into(),
                assets: vec!["/style.1.css".into()],
            },
        );
        let assets = vec!["/style.1.css".to_string()];
        let (version, script) = worker("en", &langs, &assets, &[b"<p>offline</p>"]);
        assert_eq!(version.len(), 16);
        assert!(script.contains(&format!("const BUILD = {{\"version\":\"{version}\"")));
        assert!(!script.contains(MARK));
        let (again, _) = worker("en", &langs, &assets, &[b"<p>offline</p>"]);
        assert_eq!(again, version);
        let (other, _) = worker("en", &langs, &assets, &[b"<p>offline!</p>"]);
        assert_ne!(other, version);
        let html = r#"<link href="/style.1.css"><script src="/a.2.js">"#;
        let named = named_in(html, &["/a.2.js".into(), "/b.3.js".into()]);
        assert_eq!(named, ["/a.2.js"]);
    }
}
