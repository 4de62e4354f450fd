//! The content tree: sections, pages and their translations, read from `content/`.
//!
//! Loading happens in three steps: walk the tree and classify every file (section, page,
//! bundle page, asset) with its language from the file name; parse every Markdown file's
//! front matter in parallel; then group translations and compute URLs.

mod assets;
pub mod front_matter;
mod load;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::url::SitePath;
use front_matter::FrontMatter;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

pub const CONTENT_DIR: &str = "content";

/// One language version of a page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file, as given on disk.
    pub file: PathBuf,
    /// Path inside `content/` with `/` separators: `articles/digital-id.ru.md`.
    pub rel: String,
    pub lang: Lang,
    pub fm: FrontMatter,
    /// The Markdown after the front matter; `None` when the file is unchanged since the
    /// last build and was not read (see [`Page::body`]).
    body: Option<String>,
    /// The file line on which `body` starts.
    pub body_line: usize,
    /// A hash of the whole file, to know it unchanged since the last build.
    pub source_hash: u64,
    /// A stable hash of the text after the front matter (see [`crate::util::stable_hash`]): what a
    /// translation records of its original.
    pub text_hash: u64,
    /// The translation group: pages with the same group are translations of each other.
    pub group: String,
    /// The folder of the section that lists this page (`""` for the home).
    pub section: String,
    /// The bundle folder inside `content/`, for a page bundle.
    pub bundle: Option<String>,
    pub slug: String,
    pub path: SitePath,
}

/// One language version of a section.
#[derive(Debug, Clone)]
pub struct SectionVersion {
    /// `None` for the home page of a language that has no `_index.<lang>.md`.
    pub file: Option<PathBuf>,
    pub rel: String,
    pub fm: FrontMatter,
    pub body: String,
    pub body_line: usize,
    pub path: SitePath,
}

#[derive(Debug)]
pub struct Section {
    /// Folder inside `content/`: `""` for the home, `articles`, `articles/cases`.
    pub dir: String,
    pub versions: BTreeMap<Lang, SectionVersion>,
    /// Folders of the sections directly below this one.
    pub subsections: Vec<String>,
    /// Pages listed here, per language, unsorted.
    pub pages: BTreeMap<Lang, Vec<PageId>>,
}

/// A file published beside the pages of its folder (bundle images, PDFs).
#[derive(Debug)]
pub struct Asset {
    pub file: PathBuf,
    /// The bundle page's group, or `None` for a file in a plain section folder.
    pub bundle: Option<String>,
    /// Its section or bundle folder inside `content/`.
    pub owner_dir: String,
    /// Path below that folder: `map.png`, `img/chart.svg`.
    pub name: String,
}

/// What a link to a content file points at.
#[derive(Debug, Clone)]
pub enum LinkTarget {
    Page { group: String, lang: Lang },
    Section { dir: String, lang: Lang },
}

/// A page of the site: its place in [`Content::pages`], and in every list the build keeps
/// per page (summaries, related pages, ranks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct PageId(pub usize);

impl PageId {
    /// Its place in [`Content::pages`] and in the lists kept per page.
    pub fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<PageId> for Vec<Page> {
    type Output = Page;
    fn index(&self, id: PageId) -> &Page {
        &self[id.0]
    }
}

impl std::ops::IndexMut<PageId> for Vec<Page> {
    fn index_mut(&mut self, id: PageId) -> &mut Page {
        &mut self[id.0]
    }
}

#[derive(Debug, Default)]
pub struct Content {
    /// Sorted by file path.
    pub pages: Vec<Page>,
    pub sections: BTreeMap<String, Section>,
    pub assets: Vec<Asset>,
    /// Group -> language -> page.
    pub groups: BTreeMap<String, BTreeMap<Lang, PageId>>,
    /// Every Markdown file's path inside `content/` -> what it is.
    pub files: HashMap<String, LinkTarget>,
    /// The names a link may give a page or section in any language: `articles/x.md`,
    /// `articles/x.ru.md`, `articles/x.kk.md` all name the page of `articles/x.ru.md` when
    /// it is the only file (the files that exist are in [`Content::files`] and win).
    pub other_names: HashMap<String, LinkTarget>,
    /// Group -> the language of its original (see [`Content::original`]); `None` when the
    /// page's own `original:` names a language it has no version in.
    pub originals: BTreeMap<String, Option<Lang>>,
    /// Collection -> entry id (its file name) -> group: what a `ref` field names.
    pub entries: BTreeMap<String, BTreeMap<String, String>>,
    /// Section folder -> the `original:` its `_index.md` says (not inherited).
    pub section_originals: BTreeMap<String, Lang>,
    /// Language -> where its readers go for a page it lacks, before the original: its
    /// `derive_from`, its `fallback`, its parent's `fallback` (from `site.yaml`).
    pub fallbacks: BTreeMap<Lang, Vec<Lang>>,
    /// The default language, then the site's other languages in the order of `site.yaml`.
    pub languages: Vec<Lang>,
    /// What the next build may know of the page files without reading them.
    pub sources: SourceCache,
    /// Markdown files that exist but could not be read: links to them are not reported
    /// again, their own errors say what is wrong.
    pub broken: HashSet<String>,
}

impl Page {
    /// Drops the body read with the front matter; [`Page::body`] reads it again if needed.
    pub fn forget_body(&mut self) {
        self.body = None;
    }

    /// Takes the body read with the front matter, leaving [`Page::body`] to read it again
    /// if it is needed after: the pages phase frees each body once its page is rendered.
    pub fn take_body(&mut self) -> Option<String> {
        self.body.take()
    }

    /// Gives the page what its file says now, when that leaves it where it was (same slug,
    /// language and translations).
    pub fn set_text(
        &mut self,
        fm: FrontMatter,
        (body, body_line): (String, usize),
        hashes: (u64, u64),
    ) {
        let (source_hash, text_hash) = hashes;
        self.fm = fm;
        self.body = Some(body);
        self.body_line = body_line;
        self.source_hash = source_hash;
        self.text_hash = text_hash;
    }

    /// Whether the page is made from a record of a data file (`data:` of a collection),
    /// with no Markdown file of its own: its file is the data file, its text empty.
    pub fn from_record(&self) -> bool {
        self.file.extension().is_none_or(|e| e != "md")
    }

    /// The Markdown after the front matter, read again from the file if the build did not
    /// need it until now.
    pub fn body(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        if let Some(body) = &self.body {
            return Ok(std::borrow::Cow::Borrowed(body));
        }
        if self.from_record() {
            return Ok(std::borrow::Cow::Borrowed(""));
        }
        let text = crate::source::read(&self.file, "this content file")?;
        let split = front_matter::split(&text, &self.file)?;
        Ok(std::borrow::Cow::Owned(split.body.to_string()))
    }
}

/// What the last build knew of a Markdown file, by its path inside `content/`.
pub type SourceCache = BTreeMap<String, KnownSource>;

/// A Markdown file as the last build read it: its length and modification time, and what
/// its front matter said.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KnownSource {
    len: u64,
    modified: u128,
    hash: u64,
    text_hash: u64,
    body_line: usize,
    fm: FrontMatter,
}

impl Content {
    fn section_mut(&mut self, dir: &str) -> &mut Section {
        self.sections
            .entry(dir.to_string())
            .or_insert_with(|| Section {
                dir: dir.to_string(),
                versions: BTreeMap::new(),
                subsections: Vec::new(),
                pages: BTreeMap::new(),
            })
    }

    /// The folder of the closest section at or above `dir`.
    pub fn nearest_section(&self, dir: &str) -> String {
        let mut d = dir;
        loop {
            if self.sections.contains_key(d) || d.is_empty() {
                return d.to_string();
            }
            d = parent_dir(d);
        }
    }

    /// The page of `group` in `lang`, if that translation exists.
    pub fn translation(&self, group: &str, lang: &Lang) -> Option<&Page> {
        self.groups.get(group)?.get(lang).map(|&i| &self.pages[i])
    }

    /// The original of `group`: the version in the language its own `original:` names; else
    /// the one its section's `original:` names (the nearest section above that says one);
    /// else the default language's; else the first in the order of `site.yaml`. `None`
    /// when the page's `original:` names a language it has no version in.
    pub fn original(&self, group: &str) -> Option<&Page> {
        let lang = self.originals.get(group)?.as_ref()?;
        self.translation(group, lang)
    }

    /// The `original:` that applies to the pages of section `dir`: its own, or the nearest
    /// section's above it that says one.
    pub fn declared_section_original(&self, dir: &str) -> Option<&Lang> {
        let mut d = dir;
        loop {
            if let Some(l) = self.section_originals.get(d) {
                return Some(l);
            }
            if d.is_empty() {
                return None;
            }
            d = parent_dir(d);
        }
    }

    /// The languages to look for a version of something in, for a reader of `lang`: `lang`
    /// itself, its fallback chain, then `original`, then the default language and the
    /// site's other languages in order.
    pub fn preference<'a>(
        &'a self,
        lang: &'a Lang,
        original: Option<&'a Lang>,
    ) -> impl Iterator<Item = &'a Lang> + 'a {
        std::iter::once(lang)
            .chain(self.fallbacks.get(lang).into_iter().flatten())
            .chain(original)
            .chain(&self.languages)
    }

    /// The version of `group` for a reader of `lang`: its own, or the first found along
    /// [`Content::preference`].
    pub fn best_translation(&self, group: &str, lang: &Lang) -> Option<&Page> {
        let original = self.originals.get(group).and_then(Option::as_ref);
        self.preference(lang, original)
            .find_map(|l| self.translation(group, l))
    }

    /// The original version of section `dir`: in the language of its `original:` (its own
    /// or inherited), else the default language's, else the first written one in the order
    /// of `site.yaml`.
    pub fn section_original(&self, dir: &str) -> Option<&SectionVersion> {
        let section = self.sections.get(dir)?;
        self.declared_section_original(dir)
            .into_iter()
            .chain(&self.languages)
            .filter_map(|l| section.versions.get(l))
            .find(|v| v.file.is_some())
    }

    /// The version of section `dir` for a reader of `lang`: its own, or the first written
    /// one found along [`Content::preference`] (the original being the language of its
    /// `original:`, else the default language's).
    pub fn best_section_version(&self, dir: &str, lang: &Lang) -> Option<&SectionVersion> {
        let section = self.sections.get(dir)?;
        if let Some(v) = section.versions.get(lang) {
            return Some(v);
        }
        let original = self.declared_section_original(dir);
        self.preference(lang, original)
            .filter_map(|l| section.versions.get(l))
            .find(|v| v.file.is_some())
    }

    /// Every version of `group`, in no particular order.
    pub fn translations_any<'a>(&'a self, group: &str) -> impl Iterator<Item = &'a Page> + 'a {
        self.groups
            .get(group)
            .into_iter()
            .flat_map(|m| m.values())
            .map(|&i| &self.pages[i])
    }

    /// Every language version of `group`, in the order of `site.yaml`.
    pub fn translations<'a>(
        &'a self,
        group: &str,
        config: &'a Config,
    ) -> impl Iterator<Item = &'a Page> + 'a {
        let members = self.groups.get(group);
        config.languages.iter().filter_map(move |l| {
            members
                .and_then(|m| m.get(&l.code))
                .map(|&i| &self.pages[i])
        })
    }
}

pub use crate::walk::is_ignored;

pub fn parent_dir(dir: &str) -> &str {
    dir.rfind('/').map_or("", |i| &dir[..i])
}
