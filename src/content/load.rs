//! Reading `content/`: every Markdown file classified (page or section, its language),
//! parsed in parallel (or known from the last build's record), placed into sections and
//! translation groups, and the derived languages' versions made.

use super::assets::assets;
use super::front_matter::{self, FrontMatter};
use super::{
    is_ignored, parent_dir, Content, KnownSource, LinkTarget, Page, PageId, SectionVersion,
    SourceCache, CONTENT_DIR,
};
use crate::config::Config;
use crate::error::{Diagnostic, Kind as DiagnosticKind};
use crate::lang::Lang;
use crate::url::SitePath;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod files;
mod records;
mod refs;
mod share;
use files::read_tree;

enum Kind {
    Section,
    /// `dir` is the folder of the URL, `stem` the default slug.
    Page {
        stem: String,
        bundle: Option<String>,
    },
}

/// A Markdown file read: what it is, its front matter, its body (`None` when known from the
/// last build and not read) and the line the body starts on, its hashes, and what the next
/// build may know of it.
struct Parsed {
    file: Classified,
    fm: FrontMatter,
    body: Option<String>,
    body_line: usize,
    /// The hash of the whole file and the stable hash of its trimmed body.
    hashes: (u64, u64),
    known: Option<KnownSource>,
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
        let (markdown, other, unplaced) = read_tree(&content_dir, root, config, errors);
        let records = records::Records::read(root, config, &markdown, errors);
        // Parse every Markdown file in parallel; keep the file order.
        let rels: Vec<String> = markdown.iter().map(|c| c.rel.clone()).collect();
        let parse_all = || -> Vec<Result<Parsed, Vec<Diagnostic>>> {
            markdown
                .into_par_iter()
                .map(|c| parse(c, config, previous, &records))
                .collect()
        };
        let parsed = match readers() {
            Some(pool) => pool.install(parse_all),
            None => parse_all(),
        };
        let mut content = Content::default();
        // A file refused for its name is broken too: links to it are not errors of their own.
        content.broken.extend(unplaced);
        let page_files = content.place(
            parsed.into_iter().zip(rels),
            drafts,
            &config.default_language,
            errors,
        );
        let page_files = records.join(page_files, config, drafts, errors);
        content.add_homes(config);
        content.add_pages(page_files, config);
        content.group(&config.default_language, errors);
        content.name_in_every_language(config);
        content.find_originals(config, errors);
        content.share_fields(config, errors);
        content.check_refs(config, errors);
        content.derive_languages(config);
        content.list_pages();
        content.assets = assets(other, &content);
        content
    }

    /// Puts each section file into its section, and gives back the page files; a file that
    /// could not be read is remembered as broken.
    fn place(
        &mut self,
        parsed: impl Iterator<Item = (Result<Parsed, Vec<Diagnostic>>, String)>,
        drafts: bool,
        default_language: &Lang,
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<PageFile> {
        let mut page_files = Vec::new();
        for (result, rel) in parsed {
            let Parsed {
                file: c,
                fm,
                body,
                body_line,
                hashes: (source_hash, text_hash),
                known,
            } = match result {
                Ok(v) => v,
                Err(mut e) => {
                    errors.append(&mut e);
                    self.broken.insert(rel);
                    continue;
                }
            };
            if let (Kind::Page { .. }, Some(known)) = (&c.kind, known) {
                self.sources.insert(c.rel.clone(), known);
            }
            if fm.draft && !drafts {
                continue;
            }
            match c.kind {
                Kind::Section => {
                    if let Some(first) = self
                        .sections
                        .get(&c.dir)
                        .and_then(|s| s.versions.get(&c.lang))
                    {
                        errors.push(two_section_files(&c, &first.rel, default_language));
                        continue;
                    }
                    let path = SitePath::folder([c.lang.as_str(), c.dir.as_str()]);
                    self.files.insert(
                        c.rel.clone(),
                        LinkTarget::Section {
                            dir: c.dir.clone(),
                            lang: c.lang.clone(),
                        },
                    );
                    self.section_mut(&c.dir).versions.insert(
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
        page_files
    }

    /// The home exists in every language, written or not.
    fn add_homes(&mut self, config: &Config) {
        let root_section = self.section_mut("");
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
    }

    /// The pages, each with its translation group, address and section.
    fn add_pages(&mut self, page_files: Vec<PageFile>, config: &Config) {
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
            let section = self.nearest_section(&dir);
            let target = LinkTarget::Page {
                group: group.clone(),
                lang: lang.clone(),
            };
            if let Some(b) = &bundle {
                self.files.entry(format!("{b}/")).or_insert(target.clone());
            }
            self.files.insert(rel.clone(), target);
            self.pages.push(Page {
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
    }

    /// Each translation group's page per language; two of one language are an error.
    fn group(&mut self, default_language: &Lang, errors: &mut Vec<Diagnostic>) {
        for (i, page) in self.pages.iter().enumerate() {
            let members = self.groups.entry(page.group.clone()).or_default();
            if let Some(&other) = members.get(&page.lang) {
                let first = &self.pages[other];
                let suffix = format!(".{}.md", page.lang);
                let unsuffixed = if [&first.rel, &page.rel]
                    .iter()
                    .any(|r| !r.ends_with(&suffix))
                {
                    format!("; a file without a language in its name is the version in the default language, `{default_language}`")
                } else {
                    String::new()
                };
                errors.push(
                    DiagnosticKind::Translation
                        .error(
                        &page.file,
                        format!(
                            "two files are the `{}` version of one page: `{}` and this one (a shared translation_key or file name links them{unsuffixed})",
                            page.lang, first.rel
                        ),
                    )
                    .at(page.fm.lines.get("translation_key").copied().unwrap_or(1)),
                );
                continue;
            }
            members.insert(page.lang.clone(), PageId(i));
        }
    }

    /// Registers every page and section under the name of its file in each language, so
    /// that a link to `x.md`, `x.ru.md` or `x.kk.md` finds the page whichever of them exist.
    fn name_in_every_language(&mut self, config: &Config) {
        let mut names = std::collections::HashMap::new();
        for (rel, target) in &self.files {
            let Some(stem) = rel.strip_suffix(".md") else {
                continue;
            };
            let (dir, name) = stem.rsplit_once('/').map_or(("", stem), |(d, n)| (d, n));
            let base = match name.rsplit_once('.') {
                Some((base, suffix)) if config.find_language(suffix).is_some() => base,
                _ => name,
            };
            let folder = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            for language in &config.languages {
                let alias = if language.code == config.default_language {
                    format!("{folder}{base}.md")
                } else {
                    format!("{folder}{base}.{}.md", language.code)
                };
                if !self.files.contains_key(&alias) {
                    names.entry(alias).or_insert_with(|| target.clone());
                }
            }
        }
        self.other_names = names;
        self.fallbacks = config
            .languages
            .iter()
            .map(|l| (l.code.clone(), config.content_fallback(&l.code)))
            .collect();
        self.languages = std::iter::once(config.default_language.clone())
            .chain(
                config
                    .languages
                    .iter()
                    .map(|l| l.code.clone())
                    .filter(|l| *l != config.default_language),
            )
            .collect();
    }

    /// Each page's original (see [`Content::original`]); versions of one page or section
    /// that name different originals are an error.
    fn find_originals(&mut self, config: &Config, errors: &mut Vec<Diagnostic>) {
        let in_order = |versions: Vec<(&Lang, &FrontMatter, &Path, &str)>| {
            let mut said: Option<(Lang, &str)> = None;
            let mut problems = Vec::new();
            for language in &config.languages {
                let Some((_, fm, file, rel)) = versions.iter().find(|v| *v.0 == language.code)
                else {
                    continue;
                };
                let Some(original) = &fm.original else {
                    continue;
                };
                match &said {
                    None => said = Some((original.clone(), rel)),
                    Some((first, first_rel)) if first != original => problems.push(
                        DiagnosticKind::Translation
                            .error(
                                file,
                                format!(
                                    "`original: {original}` here, but `{first_rel}` says `original: {first}`: every version of a page must name the same original language"
                                ),
                            )
                            .at(fm.lines.get("original").copied().unwrap_or(1)),
                    ),
                    Some(_) => {}
                }
            }
            (said.map(|(l, _)| l), problems)
        };
        for (dir, section) in &self.sections {
            let versions = section
                .versions
                .iter()
                .filter_map(|(l, v)| Some((l, &v.fm, v.file.as_deref()?, v.rel.as_str())))
                .collect();
            let (said, mut problems) = in_order(versions);
            errors.append(&mut problems);
            if let Some(l) = said {
                self.section_originals.insert(dir.clone(), l);
            }
        }
        let mut originals = BTreeMap::new();
        for (group, members) in &self.groups {
            let versions = members
                .iter()
                .map(|(l, &i)| {
                    let p = &self.pages[i];
                    (l, &p.fm, p.file.as_path(), p.rel.as_str())
                })
                .collect();
            let (said, mut problems) = in_order(versions);
            errors.append(&mut problems);
            let original = match said {
                Some(l) => members.contains_key(&l).then_some(l),
                None => {
                    let section = self
                        .languages
                        .iter()
                        .find_map(|l| members.get(l))
                        .map(|&i| self.pages[i].section.as_str())
                        .unwrap_or_default();
                    self.declared_section_original(section)
                        .filter(|l| members.contains_key(*l))
                        .or_else(|| self.languages.iter().find(|l| members.contains_key(*l)))
                        .cloned()
                }
            };
            originals.insert(group.clone(), original);
        }
        self.originals = originals;
    }

    /// Sections list their pages; sections know their subsections.
    fn list_pages(&mut self) {
        for (i, page) in self.pages.iter().enumerate() {
            if let Some(section) = self.sections.get_mut(&page.section) {
                section
                    .pages
                    .entry(page.lang.clone())
                    .or_default()
                    .push(PageId(i));
            }
        }
        let dirs: Vec<String> = self.sections.keys().cloned().collect();
        for dir in dirs.iter().filter(|d| !d.is_empty()) {
            let parent = self.nearest_section(parent_dir(dir));
            if let Some(p) = self.sections.get_mut(&parent) {
                p.subsections.push(dir.clone());
            }
        }
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
            let convert_fm = |fm: &FrontMatter, rel: &str| {
                let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
                let derivation = front_matter::Derivation {
                    parent,
                    code: &derived,
                    convert,
                    collection: crate::collections::of_dir(&config.collections, dir),
                };
                front_matter::derived_front_matter(fm, derivation)
            };
            let groups: Vec<(String, PageId)> = self
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
                page.fm = convert_fm(&source.fm, &source.rel);
                let below_language = source
                    .path
                    .as_str()
                    .split_once('/')
                    .map_or("", |(_, rest)| rest);
                page.path = SitePath::folder([derived.as_str(), below_language]);
                let index = PageId(self.pages.len());
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
                version.fm = convert_fm(&source.fm, "");
                version.path = SitePath::folder([derived.as_str(), section.dir.as_str()]);
                section.versions.insert(derived.clone(), version);
            }
        }
    }
}

/// The error for a second file of one section in one language: with `default_language: kk`
/// both `_index.md` and `_index.kk.md` are the Kazakh version.
fn two_section_files(c: &Classified, first: &str, default_language: &Lang) -> Diagnostic {
    let what = if c.dir.is_empty() {
        "the home page".to_string()
    } else {
        format!("section `{}`", c.dir)
    };
    let unsuffixed = if c.rel.ends_with("/_index.md")
        || c.rel == "_index.md"
        || first.ends_with("_index.md")
    {
        format!(" (a file without a language in its name, `_index.md`, is the version in the default language, `{default_language}`); keep one of them")
    } else {
        "; keep one of them".to_string()
    };
    DiagnosticKind::Translation
        .error(
            &c.file,
            format!(
                "two files are the `{}` version of {what}: `{first}` and this one{unsuffixed}",
                c.lang
            ),
        )
        .at(1)
}

/// The threads that read and parse the content files: more than the cores, since reading
/// files that are not in memory yet waits on the disk, and more reads in flight finish
/// sooner (at 10,000 pages per language, from a cold cache: 1.6-1.7 s instead of
/// 3.0-3.4 s on 2 cores, bench/README.md). `None` when the threads cannot be started: the
/// build's own threads do it then.
fn readers() -> Option<&'static rayon::ThreadPool> {
    static READERS: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    READERS
        .get_or_init(|| {
            let threads = (rayon::current_num_threads() * 4).clamp(4, 16);
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|i| format!("dala-read-{i}"))
                .build()
                .ok()
        })
        .as_ref()
}

/// Reads and parses one Markdown file. A page file unchanged since the last build (same
/// length and modification time) is not read: its front matter is known, and its body is
/// read only if the page must be rendered again.
fn parse(
    c: Classified,
    config: &Config,
    previous: &SourceCache,
    records: &records::Records,
) -> Result<Parsed, Vec<Diagnostic>> {
    let meta = std::fs::metadata(&c.file).ok();
    let stamp = meta.as_ref().map(|m| {
        let modified = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        (m.len(), modified)
    });
    // A file that a data record may join is read again: whether it is joined decides its check.
    let joinable =
        crate::collections::of_dir(&config.collections, &c.dir).is_some_and(|k| k.data.is_some());
    if let (Kind::Page { .. }, Some((len, modified)), false) = (&c.kind, stamp, joinable) {
        if let Some(known) = previous
            .get(&c.rel)
            .filter(|k| k.len == len && k.modified == modified)
        {
            let known = known.clone();
            return Ok(Parsed {
                file: c,
                fm: known.fm.clone(),
                body: None,
                body_line: known.body_line,
                hashes: (known.hash, known.text_hash),
                known: Some(known),
            });
        }
    }
    let text = crate::source::read(&c.file, "this content file").map_err(|e| vec![e])?;
    let split = front_matter::split(&text, &c.file).map_err(|e| vec![e])?;
    let mut fm = FrontMatter::parse(split.yaml, &c.file, config, matches!(c.kind, Kind::Section))?;
    let collection = records
        .relaxed(&c)
        .or_else(|| crate::collections::of_dir(&config.collections, &c.dir));
    if let (Kind::Page { .. }, Some(collection)) = (&c.kind, collection) {
        let mut errors = Vec::new();
        fm.fields = crate::collections::validate(
            collection,
            (split.yaml, &config.taxonomies),
            (&c.file, &mut fm.lines),
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        if fm.template.is_none() {
            fm.template.clone_from(&collection.template);
        }
    }
    let body = split.body.to_string();
    let body_line = split.body_line;
    let hash = crate::util::hash_bytes(text.as_bytes());
    let text_hash = crate::util::stable_hash(body.trim().as_bytes());
    let known = stamp.map(|(len, modified)| KnownSource {
        len,
        modified,
        hash,
        text_hash,
        body_line,
        fm: fm.clone(),
    });
    Ok(Parsed {
        file: c,
        fm,
        body: Some(body),
        body_line,
        hashes: (hash, text_hash),
        known,
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
