//! The content tree: sections, pages and their translations, read from `content/`.
//!
//! Loading happens in three steps: walk the tree and classify every file (section, page,
//! bundle page, asset) with its language from the file name; parse every Markdown file's
//! front matter in parallel; then group translations and compute URLs.

mod assets;
pub mod front_matter;
use assets::assets;

use crate::config::Config;
use crate::error::{Diagnostic, Kind as DiagnosticKind};
use crate::lang::Lang;
use crate::url::SitePath;
use front_matter::FrontMatter;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

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
    /// Pages listed here, per language, as indices into [`Content::pages`], unsorted.
    pub pages: BTreeMap<Lang, Vec<usize>>,
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

#[derive(Debug, Default)]
pub struct Content {
    /// Sorted by file path.
    pub pages: Vec<Page>,
    pub sections: BTreeMap<String, Section>,
    pub assets: Vec<Asset>,
    /// Group -> language -> page index.
    pub groups: BTreeMap<String, BTreeMap<Lang, usize>>,
    /// Every Markdown file's path inside `content/` -> what it is.
    pub files: HashMap<String, LinkTarget>,
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

    /// The Markdown after the front matter, read again from the file if the build did not
    /// need it until now.
    pub fn body(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        if let Some(body) = &self.body {
            return Ok(std::borrow::Cow::Borrowed(body));
        }
        let text = crate::source::read(&self.file, "this content file")?;
        let split = front_matter::split(&text, &self.file)?;
        Ok(std::borrow::Cow::Owned(split.body.to_string()))
    }
}

enum Kind {
    Section,
    /// `dir` is the folder of the URL, `stem` the default slug.
    Page {
        stem: String,
        bundle: Option<String>,
    },
}

/// A Markdown file read: where it is, its front matter, its body and the body's first line.
type Parsed = (
    Classified,
    FrontMatter,
    Option<String>,
    usize,
    (u64, u64),
    Option<KnownSource>,
);

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

struct Classified {
    file: PathBuf,
    rel: String,
    dir: String,
    lang: Lang,
    kind: Kind,
}

impl Content {
    /// Reads `content/` below `root`. Every problem is pushed to `errors`; what could be read
    /// is returned all the same so that later passes can find more problems.
    pub fn load(
        root: &Path,
        config: &Config,
        drafts: bool,
        previous: &SourceCache,
        errors: &mut Vec<Diagnostic>,
    ) -> Content {
        let content_dir = root.join(CONTENT_DIR);
        if !content_dir.is_dir() {
            errors.push(DiagnosticKind::Path.error(
                &content_dir,
                "no content folder: a site keeps its Markdown in `content/`",
            ));
            return Content::default();
        }
        let mut markdown = Vec::new();
        let mut other = Vec::new();
        for found in crate::walk::files(&content_dir, root, is_ignored, errors) {
            let (path, rel) = (found.path.as_path(), found.rel);
            // Names become URL segments and output paths: each must be one safe segment.
            if let Err(problem) = rel
                .split('/')
                .try_for_each(|s| crate::safe::check_segment(s, &rel))
            {
                errors.push(DiagnosticKind::Path.error(
                    path,
                    format!("this file's name cannot be published: {problem}"),
                ));
                continue;
            }
            if rel.ends_with(".md") {
                match classify(path, &rel, config) {
                    Ok(c) => markdown.push(c),
                    Err(e) => errors.push(e),
                }
            } else {
                other.push((path.to_path_buf(), rel));
            }
        }

        // Parse every Markdown file in parallel; keep the file order.
        let rels: Vec<String> = markdown.iter().map(|c| c.rel.clone()).collect();
        let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = markdown
            .into_par_iter()
            .map(|c| {
                let meta = std::fs::metadata(&c.file).ok();
                let stamp = meta.as_ref().map(|m| {
                    let modified = m
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos());
                    (m.len(), modified)
                });
                // A page file unchanged since the last build: its front matter is known,
                // and its body is read only if the page must be rendered again.
                if let (Kind::Page { .. }, Some((len, modified))) = (&c.kind, stamp) {
                    if let Some(known) = previous
                        .get(&c.rel)
                        .filter(|k| k.len == len && k.modified == modified)
                    {
                        let known = known.clone();
                        return Ok((
                            c,
                            known.fm.clone(),
                            None,
                            known.body_line,
                            (known.hash, known.text_hash),
                            Some(known),
                        ));
                    }
                }
                let text =
                    crate::source::read(&c.file, "this content file").map_err(|e| vec![e])?;
                let split = front_matter::split(&text, &c.file).map_err(|e| vec![e])?;
                let fm = FrontMatter::parse(
                    split.yaml,
                    &c.file,
                    config,
                    matches!(c.kind, Kind::Section),
                )?;
                let body = split.body.to_string();
                let line = split.body_line;
                let hash = crate::util::hash_bytes(text.as_bytes());
                let text_hash = crate::util::stable_hash(body.trim().as_bytes());
                let known = stamp.map(|(len, modified)| KnownSource {
                    len,
                    modified,
                    hash,
                    text_hash,
                    body_line: line,
                    fm: fm.clone(),
                });
                Ok((c, fm, Some(body), line, (hash, text_hash), known))
            })
            .collect();

        let mut content = Content::default();
        let mut page_files = Vec::new();
        for (result, rel) in parsed.into_iter().zip(rels) {
            let (c, fm, body, body_line, (source_hash, text_hash), known) = match result {
                Ok(v) => v,
                Err(mut e) => {
                    errors.append(&mut e);
                    content.broken.insert(rel);
                    continue;
                }
            };
            if let (Kind::Page { .. }, Some(known)) = (&c.kind, known) {
                content.sources.insert(c.rel.clone(), known);
            }
            if fm.draft && !drafts {
                continue;
            }
            match c.kind {
                Kind::Section => {
                    let path = SitePath::folder([c.lang.as_str(), c.dir.as_str()]);
                    content.files.insert(
                        c.rel.clone(),
                        LinkTarget::Section {
                            dir: c.dir.clone(),
                            lang: c.lang.clone(),
                        },
                    );
                    content.section_mut(&c.dir).versions.insert(
                        c.lang,
                        SectionVersion {
                            file: Some(c.file),
                            rel: c.rel,
                            fm,
                            body: body.unwrap_or_default(),
                            body_line,
                            path,
                        },
                    );
                }
                Kind::Page { stem, bundle } => page_files.push(PageFile {
                    file: c.file,
                    rel: c.rel,
                    dir: c.dir,
                    lang: c.lang,
                    stem,
                    bundle,
                    fm,
                    body,
                    body_line,
                    source_hash,
                    text_hash,
                }),
            }
        }

        // The home exists in every language, written or not.
        let root_section = content.section_mut("");
        for language in &config.languages {
            root_section
                .versions
                .entry(language.code.clone())
                .or_insert_with(|| SectionVersion {
                    file: None,
                    rel: String::new(),
                    fm: FrontMatter {
                        title: language.title.clone(),
                        ..FrontMatter::default()
                    },
                    body: String::new(),
                    body_line: 1,
                    path: SitePath::folder([language.code.as_str()]),
                });
        }

        let groups = translation_groups(&page_files);
        for (
            PageFile {
                file,
                rel,
                dir,
                lang,
                stem,
                bundle,
                fm,
                body,
                body_line,
                source_hash,
                text_hash,
            },
            group,
        ) in page_files.into_iter().zip(groups)
        {
            let slug = config.url_segment(&lang, fm.slug.as_deref().unwrap_or(&stem));
            let path = SitePath::folder([lang.as_str(), dir.as_str(), slug.as_str()]);
            let section = content.nearest_section(&dir);
            content.files.insert(
                rel.clone(),
                LinkTarget::Page {
                    group: group.clone(),
                    lang: lang.clone(),
                },
            );
            if let Some(b) = &bundle {
                content
                    .files
                    .entry(format!("{b}/"))
                    .or_insert(LinkTarget::Page {
                        group: group.clone(),
                        lang: lang.clone(),
                    });
            }
            content.pages.push(Page {
                file,
                rel,
                lang,
                fm,
                body,
                body_line,
                source_hash,
                text_hash,
                group,
                section,
                bundle,
                slug,
                path,
            });
        }

        for (i, page) in content.pages.iter().enumerate() {
            let members = content.groups.entry(page.group.clone()).or_default();
            if let Some(&other) = members.get(&page.lang) {
                let first = &content.pages[other];
                errors.push(
                    DiagnosticKind::Translation
                        .error(
                        &page.file,
                        format!(
                            "two files are the `{}` version of one page: `{}` and this one (a shared translation_key or file name links them)",
                            page.lang, first.rel
                        ),
                    )
                    .at(page.fm.lines.get("translation_key").copied().unwrap_or(1)),
                );
                continue;
            }
            members.insert(page.lang.clone(), i);
        }

        content.derive_languages(config);

        // Sections list their pages; sections know their subsections.
        for (i, page) in content.pages.iter().enumerate() {
            if let Some(section) = content.sections.get_mut(&page.section) {
                section.pages.entry(page.lang.clone()).or_default().push(i);
            }
        }
        let dirs: Vec<String> = content.sections.keys().cloned().collect();
        for dir in dirs.iter().filter(|d| !d.is_empty()) {
            let parent = content.nearest_section(parent_dir(dir));
            if let Some(p) = content.sections.get_mut(&parent) {
                p.subsections.push(dir.clone());
            }
        }

        content.assets = assets(other, &content);
        content
    }

    /// Publishes each language with `derive_from` by transliterating its parent: every page
    /// and section the parent has and the derived language has no file for. A hand-written
    /// `x.kk-Latn.md` wins. The Markdown is transliterated when rendered (text only, never
    /// code, URLs or attributes); titles, summaries and authors here.
    fn derive_languages(&mut self, config: &Config) {
        for language in &config.languages {
            let (Some(parent), Some(convert)) =
                (&language.derive_from, language.profile.transliteration)
            else {
                continue;
            };
            let derived = language.code.clone();
            let convert_fm = |fm: &FrontMatter| front_matter::derived_front_matter(fm, convert);
            let groups: Vec<(String, usize)> = self
                .groups
                .iter()
                .filter(|(_, members)| !members.contains_key(&derived))
                .filter_map(|(group, members)| members.get(parent).map(|&i| (group.clone(), i)))
                .collect();
            for (group, i) in groups {
                let source = &self.pages[i];
                let mut page = source.clone();
                page.rel = format!("{}#{derived}", source.rel);
                page.lang = derived.clone();
                page.fm = convert_fm(&source.fm);
                let below_language = source
                    .path
                    .as_str()
                    .split_once('/')
                    .map_or("", |(_, rest)| rest);
                page.path = SitePath::folder([derived.as_str(), below_language]);
                let index = self.pages.len();
                self.pages.push(page);
                self.groups
                    .entry(group)
                    .or_default()
                    .insert(derived.clone(), index);
            }
            for section in self.sections.values_mut() {
                let own = section
                    .versions
                    .get(&derived)
                    .is_some_and(|v| v.file.is_some());
                let Some(source) = section
                    .versions
                    .get(parent)
                    .filter(|v| v.file.is_some() && !own)
                else {
                    continue;
                };
                let mut version = source.clone();
                version.rel = format!("{}#{derived}", source.rel);
                version.fm = convert_fm(&source.fm);
                version.path = SitePath::folder([derived.as_str(), section.dir.as_str()]);
                section.versions.insert(derived.clone(), version);
            }
        }
    }

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

/// Hidden files, editors' backups and swap files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".crswap"]
            .iter()
            .any(|s| name.ends_with(s))
        // vim's probe of whether it may write in a folder.
        || name == "4913"
}

pub fn parent_dir(dir: &str) -> &str {
    dir.rfind('/').map_or("", |i| &dir[..i])
}

fn classify(file: &Path, rel: &str, config: &Config) -> Result<Classified, Diagnostic> {
    let (dir, name) = match rel.rfind('/') {
        Some(i) => (&rel[..i], &rel[i + 1..]),
        None => ("", rel),
    };
    let stem_full = name.strip_suffix(".md").unwrap_or(name);
    let (base, lang) = match stem_full.rsplit_once('.') {
        Some((base, suffix)) if !base.is_empty() => match config.find_language(suffix) {
            Some(l) => (base, l.code.clone()),
            None if Lang::looks_like_tag(suffix) => {
                return Err(DiagnosticKind::Path.error(
                    file,
                    format!(
                        "the file name says language `{suffix}`, which site.yaml does not configure (configured: {}); rename the file or add the language",
                        config.language_codes()
                    ),
                ))
            }
            None => (stem_full, config.default_language.clone()),
        },
        _ => (stem_full, config.default_language.clone()),
    };
    let kind = match base {
        "_index" => Kind::Section,
        "index" if dir.is_empty() => {
            return Err(DiagnosticKind::Path.error(file, "`index.md` at the top of content/ would be a bundle without a folder; the home page is `_index.md`"))
        }
        "index" => {
            let folder = dir.rsplit('/').next().unwrap_or(dir);
            Kind::Page { stem: folder.to_string(), bundle: Some(dir.to_string()) }
        }
        _ => Kind::Page { stem: base.to_string(), bundle: None },
    };
    let url_dir = match &kind {
        Kind::Page {
            bundle: Some(b), ..
        } => parent_dir(b).to_string(),
        _ => dir.to_string(),
    };
    Ok(Classified {
        file: file.to_path_buf(),
        rel: rel.to_string(),
        dir: url_dir,
        lang,
        kind,
    })
}

struct PageFile {
    file: PathBuf,
    rel: String,
    dir: String,
    lang: Lang,
    stem: String,
    bundle: Option<String>,
    fm: FrontMatter,
    body: Option<String>,
    body_line: usize,
    source_hash: u64,
    text_hash: u64,
}

/// Groups translations: by file name (`x.md`, `x.ru.md`; a bundle by its folder), and then
/// joins the name groups that share a `translation_key`. A group's id is its smallest name.
fn translation_groups(pages: &[PageFile]) -> Vec<String> {
    let names: Vec<String> = pages
        .iter()
        .map(|p| match &p.bundle {
            Some(b) => b.clone(),
            None if p.dir.is_empty() => p.stem.clone(),
            None => format!("{}/{}", p.dir, p.stem),
        })
        .collect();
    // Union of name groups by translation key.
    let mut parent: BTreeMap<String, String> =
        names.iter().map(|n| (n.clone(), n.clone())).collect();
    fn find(parent: &BTreeMap<String, String>, n: &str) -> String {
        let mut n = n.to_string();
        while parent[&n] != n {
            n = parent[&n].clone();
        }
        n
    }
    let mut by_key: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (page, name) in pages.iter().zip(&names) {
        if let Some(key) = &page.fm.translation_key {
            by_key.entry(key.as_str()).or_default().insert(name);
        }
    }
    for members in by_key.values() {
        let roots: BTreeSet<String> = members.iter().map(|m| find(&parent, m)).collect();
        if let Some(first) = roots.first().cloned() {
            for r in roots {
                parent.insert(r, first.clone());
            }
        }
    }
    names.iter().map(|n| find(&parent, n)).collect()
}
