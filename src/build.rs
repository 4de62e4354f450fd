//! `dala build`: from the content tree to the built site.
//!
//! [`render_site`] does all the work in memory and reports every problem it finds;
//! [`build`] then writes the result atomically. Rendering runs in parallel: Markdown per
//! file, then templates per output page, each job independent of the others.

use crate::config::{Config, CONFIG_FILE};
use crate::content::front_matter::SortBy;
use crate::content::{parent_dir, Content, LinkTarget, Page, CONTENT_DIR};
use crate::error::{BuildFailure, Diagnostic, Diagnostics};
use crate::i18n::{Strings, I18N_DIR};
use crate::lang::Lang;
use crate::markdown::{self, LinkResolution, Rendered};
use crate::output::{Body, Output, WriteStats};
use crate::render::Templates;
use crate::slug::slugify;
use crate::url::{encode_uri, SitePath, Urls};
use crate::views::*;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Context;

/// How many entries a language's feed carries.
const FEED_LENGTH: usize = 20;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` in the root.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A site rendered in memory, not yet written.
pub struct Site {
    pub output: Output,
    pub warnings: Vec<Diagnostic>,
    /// Language -> pages rendered in it.
    pub pages_per_language: BTreeMap<String, usize>,
}

#[derive(Debug)]
pub struct BuildReport {
    pub warnings: Vec<Diagnostic>,
    pub pages_per_language: BTreeMap<String, usize>,
    pub files: usize,
    pub stats: WriteStats,
    pub output: PathBuf,
}

/// Renders the site and writes it to the output folder, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let out = options.output_dir();
    check_output_location(&options.root, &out)?;
    let site = render_site(options)?;
    let stats = site.output.write(&out).map_err(|e| BuildFailure {
        diagnostics: vec![Diagnostic::error(
            &out,
            format!("cannot write the output: {e}"),
        )],
    })?;
    Ok(BuildReport {
        warnings: site.warnings,
        pages_per_language: site.pages_per_language,
        files: site.output.len(),
        stats,
        output: out,
    })
}

/// The output replaces a whole folder: refuse folders that hold the site's own sources.
fn check_output_location(root: &Path, out: &Path) -> Result<(), BuildFailure> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let root = canonical(root);
    let out_abs = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            canonical(parent).join(out.file_name().unwrap_or_default())
        }
        _ => canonical(Path::new(".")).join(out),
    };
    let sources = ["content", "themes", "templates", "static", "i18n"];
    let bad =
        root.starts_with(&out_abs) || sources.iter().any(|s| out_abs.starts_with(root.join(s)));
    if bad {
        return Err(BuildFailure {
            diagnostics: vec![Diagnostic::error(
                out,
                "refusing to build into this folder: the output is replaced whole, and this folder holds the site's sources",
            )],
        });
    }
    Ok(())
}

/// Everything of the site that rendering needs, loaded and checked.
struct Loaded {
    config: Config,
    urls: Urls,
    root: PathBuf,
    theme_dir: Option<PathBuf>,
    strings: Arc<Strings>,
    /// `None` when a template does not parse: the content is still checked.
    templates: Option<Templates>,
    content: Content,
    /// Problems found while loading; rendering goes on to find more.
    errors: Vec<Diagnostic>,
}

impl Loaded {
    fn has_template(&self, name: &str) -> bool {
        self.templates.as_ref().is_some_and(|t| t.has(name))
    }
}

fn fail(diagnostics: Vec<Diagnostic>) -> BuildFailure {
    let mut diagnostics = diagnostics;
    diagnostics.sort();
    diagnostics.dedup();
    BuildFailure { diagnostics }
}

fn load(options: &BuildOptions) -> Result<Loaded, BuildFailure> {
    let root = options.root.clone();
    let mut config = Config::load(&root).map_err(fail)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.trim_end_matches('/').to_string();
    }
    let urls = Urls::new(&config.base_url);
    let mut errors = Vec::new();
    let theme_dir = config.theme_dir(&root);
    if let Some(dir) = &theme_dir {
        if !dir.is_dir() {
            errors.push(Diagnostic::error(
                root.join(CONFIG_FILE),
                format!(
                    "theme `{}`: there is no folder {}",
                    config.theme.as_deref().unwrap_or(""),
                    dir.display()
                ),
            ));
        }
    }
    let mut i18n_dirs: Vec<PathBuf> = theme_dir.iter().map(|d| d.join(I18N_DIR)).collect();
    i18n_dirs.push(root.join(I18N_DIR));
    let i18n_refs: Vec<&Path> = i18n_dirs.iter().map(PathBuf::as_path).collect();
    let strings = Arc::new(Strings::load(&i18n_refs, &config, &mut errors));
    let mut template_dirs: Vec<PathBuf> = theme_dir.iter().map(|d| d.join("templates")).collect();
    template_dirs.push(root.join("templates"));
    let mut templates = Templates::load(&template_dirs, strings.clone(), urls.clone(), &mut errors);
    let content = Content::load(&root, &config, options.drafts, &mut errors);
    let errors_before_checks = errors.len();
    if let Some(templates) = &templates {
        for required in ["page.html", "section.html"] {
            if !templates.has(required) {
                errors.push(Diagnostic::error(
                    template_dirs.last().cloned().unwrap_or_default(),
                    format!("no template `{required}`: the theme or the site's templates/ must have one"),
                ));
            }
        }
        if !config.taxonomies.is_empty() {
            for required in ["taxonomy.html", "taxonomy_term.html"] {
                if !templates.has(required) {
                    errors.push(Diagnostic::error(
                        root.join(CONFIG_FILE),
                        format!("site.yaml lists taxonomies, but the theme has no template `{required}`"),
                    ));
                }
            }
        }
    }
    if errors.len() > errors_before_checks {
        // Without the templates the site needs, rendering would only repeat the problem.
        templates = None;
    }
    Ok(Loaded {
        config,
        urls,
        root,
        theme_dir,
        strings,
        templates,
        content,
        errors,
    })
}

/// Renders the whole site in memory. Every problem in the site is reported at once.
pub fn render_site(options: &BuildOptions) -> Result<Site, BuildFailure> {
    let mut site = load(options)?;
    let diagnostics = Diagnostics::default();
    diagnostics.extend(std::mem::take(&mut site.errors));

    // Markdown, in parallel: pages, then section texts.
    let page_html: Vec<Rendered> = site
        .content
        .pages
        .par_iter()
        .map(|page| {
            let mut d = Vec::new();
            let r = render_markdown(
                &site,
                &page.file,
                &page.rel,
                &page.body,
                page.body_line,
                &page.lang,
                &mut d,
            );
            diagnostics.extend(d);
            r
        })
        .collect();
    let mut section_html: BTreeMap<(String, Lang), Rendered> = BTreeMap::new();
    for section in site.content.sections.values() {
        for (lang, version) in &section.versions {
            let mut d = Vec::new();
            let file = version.file.clone().unwrap_or_default();
            let r = render_markdown(
                &site,
                &file,
                &version.rel,
                &version.body,
                version.body_line,
                lang,
                &mut d,
            );
            diagnostics.extend(d);
            section_html.insert((section.dir.clone(), lang.clone()), r);
        }
    }

    let index = Index::new(&site, &page_html);
    let mut jobs: Vec<Job> = Vec::new();
    for i in 0..site.content.pages.len() {
        jobs.push(Job::Page(i));
    }
    for section in site.content.sections.values() {
        for lang in section.versions.keys() {
            jobs.push(Job::Section(section.dir.clone(), lang.clone()));
        }
    }
    for language in &site.config.languages {
        for taxonomy in &site.config.taxonomies {
            jobs.push(Job::Taxonomy(language.code.clone(), taxonomy.clone()));
        }
        jobs.push(Job::Feed(language.code.clone()));
    }
    jobs.push(Job::Root);
    jobs.push(Job::NotFound);

    if site.templates.is_none() {
        jobs.clear();
    }
    let produced: Vec<Vec<Produced>> = jobs
        .par_iter()
        .map(|job| {
            let mut d = Vec::new();
            let files = run_job(&site, &index, &page_html, &section_html, job, &mut d);
            diagnostics.extend(d);
            files
        })
        .collect();

    let mut output = Output::default();
    output
        .insert(
            crate::highlight::STYLESHEET.to_string(),
            Body::Bytes(crate::highlight::stylesheet().into_bytes()),
            "dala".into(),
        )
        .ok();
    for dir in site
        .theme_dir
        .iter()
        .map(|d| d.join("static"))
        .chain([site.root.join("static")])
    {
        copy_static(&dir, &mut output, &diagnostics);
    }
    let mut sitemap_entries = Vec::new();
    for files in produced {
        for p in files {
            if let Some(entry) = p.sitemap {
                sitemap_entries.push(entry);
            }
            let origin = match p.line {
                Some(l) => format!("{}:{l}", p.file.display()),
                None => p.file.display().to_string(),
            };
            if let Err(other) = output.insert(p.path.clone(), p.body, origin) {
                let d = Diagnostic::error(
                    &p.file,
                    format!(
                        "`/{}` is produced twice: by {other} and by this file",
                        p.path
                    ),
                );
                diagnostics.push(match p.line {
                    Some(l) => d.at(l),
                    None => d,
                });
            }
        }
    }
    sitemap_entries.sort_by(|a, b| a.loc.cmp(&b.loc));
    output.replace(
        "sitemap.xml".into(),
        Body::Bytes(sitemap(&sitemap_entries).into_bytes()),
        "dala".into(),
    );
    diagnostics.extend(site.strings.fallback_warnings(&site.root.join(I18N_DIR)));

    let all = diagnostics.into_sorted();
    if all.iter().any(Diagnostic::is_error) {
        return Err(BuildFailure { diagnostics: all });
    }
    let mut pages_per_language = BTreeMap::new();
    for page in &site.content.pages {
        *pages_per_language.entry(page.lang.to_string()).or_insert(0) += 1;
    }
    Ok(Site {
        output,
        warnings: all,
        pages_per_language,
    })
}

fn render_markdown(
    site: &Loaded,
    file: &Path,
    rel: &str,
    body: &str,
    body_line: usize,
    lang: &Lang,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    let input = markdown::Input {
        body,
        path: file,
        first_line: body_line,
        unsafe_html: site.config.unsafe_html,
    };
    let resolve = |dest: &str| resolve_link(&site.content, &site.urls, rel, lang, dest);
    markdown::render(&input, &resolve, diagnostics)
}

/// A link to a content file, as the URL of its version in `lang` (or of the file itself
/// when it has no such translation).
fn resolve_link(
    content: &Content,
    urls: &Urls,
    from_rel: &str,
    lang: &Lang,
    dest: &str,
) -> LinkResolution {
    if !markdown::is_content_link(dest) {
        return LinkResolution::External;
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let target = match path.strip_prefix("@/") {
        Some(p) => normalize(p),
        None => normalize(&format!("{}/{path}", parent_dir(from_rel))),
    };
    let Some(target) = target else {
        return LinkResolution::Broken(format!("link `{dest}` leads out of content/"));
    };
    let found = match content.files.get(&target) {
        None => None,
        Some(LinkTarget::Page { group, lang: own }) => content
            .translation(group, lang)
            .or_else(|| content.translation(group, own))
            .map(|p| urls.path(&p.path)),
        Some(LinkTarget::Section { dir, lang: own }) => content
            .sections
            .get(dir)
            .and_then(|s| s.versions.get(lang).or_else(|| s.versions.get(own)))
            .map(|v| urls.path(&v.path)),
    };
    match found {
        Some(url) => LinkResolution::Resolved(format!("{url}{fragment}")),
        None => LinkResolution::Broken(format!(
            "link `{dest}`: there is no published content file `{CONTENT_DIR}/{target}` (missing, misspelt, or a draft)"
        )),
    }
}

/// Resolves `.` and `..` in a `/`-separated path; `None` if it climbs above the root.
fn normalize(path: &str) -> Option<String> {
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

enum Job {
    Page(usize),
    Section(String, Lang),
    Taxonomy(Lang, String),
    Feed(Lang),
    Root,
    NotFound,
}

/// A file a job produces, with where it comes from.
struct Produced {
    path: String,
    body: Body,
    file: PathBuf,
    line: Option<usize>,
    sitemap: Option<SitemapEntry>,
}

struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

/// A taxonomy's terms: slug -> (name as first written, page indices newest first).
type Terms = BTreeMap<String, (String, Vec<usize>)>;

/// What listings need, computed once: page summaries, sorted section lists, taxonomies.
struct Index {
    summaries: Vec<PageSummary>,
    /// (section dir, lang) -> page indices in the section's order.
    section_pages: BTreeMap<(String, Lang), Vec<usize>>,
    /// lang -> taxonomy -> term slug -> (name, page indices newest first).
    terms: BTreeMap<Lang, BTreeMap<String, Terms>>,
    /// lang -> page indices newest first (dated pages only).
    recent: BTreeMap<Lang, Vec<usize>>,
    /// Base context per language: `site`, `lang`, `language`.
    base: BTreeMap<Lang, Context>,
}

fn date_order(pages: &[Page]) -> impl Fn(&usize, &usize) -> std::cmp::Ordering + '_ {
    move |&a, &b| {
        let (pa, pb) = (&pages[a], &pages[b]);
        (Reverse(&pa.fm.date), &pa.fm.title, &pa.rel).cmp(&(
            Reverse(&pb.fm.date),
            &pb.fm.title,
            &pb.rel,
        ))
    }
}

impl Index {
    fn new(site: &Loaded, html: &[Rendered]) -> Index {
        let pages = &site.content.pages;
        let mut terms: BTreeMap<Lang, BTreeMap<String, Terms>> = BTreeMap::new();
        let mut recent: BTreeMap<Lang, Vec<usize>> = BTreeMap::new();
        for (i, page) in pages.iter().enumerate() {
            if page.fm.date.is_some() {
                recent.entry(page.lang.clone()).or_default().push(i);
            }
            for taxonomy in &site.config.taxonomies {
                for term in page.fm.taxonomies.get(taxonomy).into_iter().flatten() {
                    let slug = term_slug(term);
                    let entry = terms
                        .entry(page.lang.clone())
                        .or_default()
                        .entry(taxonomy.clone())
                        .or_default()
                        .entry(slug)
                        .or_insert_with(|| (term.trim().to_string(), Vec::new()));
                    if entry.1.last() != Some(&i) {
                        entry.1.push(i);
                    }
                }
            }
        }
        for list in recent.values_mut() {
            list.sort_by(date_order(pages));
        }
        for by_taxonomy in terms.values_mut() {
            for by_term in by_taxonomy.values_mut() {
                for (_, list) in by_term.values_mut() {
                    list.sort_by(date_order(pages));
                }
            }
        }

        let mut section_pages = BTreeMap::new();
        for section in site.content.sections.values() {
            for (lang, list) in &section.pages {
                let sort_by = section
                    .versions
                    .get(lang)
                    .or_else(|| section.versions.get(&site.config.default_language))
                    .map_or(SortBy::Date, |v| v.fm.sort_by);
                let mut list = list.clone();
                match sort_by {
                    SortBy::Date => list.sort_by(date_order(pages)),
                    SortBy::Weight => list.sort_by_key(|&i| {
                        (
                            pages[i].fm.weight.unwrap_or(i64::MAX),
                            &pages[i].fm.title,
                            &pages[i].rel,
                        )
                    }),
                    SortBy::Title => {
                        list.sort_by_key(|&i| (pages[i].fm.title.to_lowercase(), &pages[i].rel))
                    }
                }
                section_pages.insert((section.dir.clone(), lang.clone()), list);
            }
        }

        let mut index = Index {
            summaries: Vec::new(),
            section_pages,
            terms,
            recent,
            base: BTreeMap::new(),
        };
        index.summaries = pages
            .iter()
            .zip(html)
            .map(|(p, r)| index.summary(site, p, r))
            .collect();
        for language in &site.config.languages {
            let site_view = SiteView {
                title: language.title.clone(),
                base_url: site.urls.base_url().to_string(),
                default_language: site.config.default_language.to_string(),
                languages: site
                    .config
                    .languages
                    .iter()
                    .map(|l| {
                        let home = SitePath::folder([l.code.as_str()]);
                        LanguageView {
                            code: l.code.to_string(),
                            name: l.name.clone(),
                            title: l.title.clone(),
                            path: site.urls.path(&home),
                            permalink: site.urls.permalink(&home),
                        }
                    })
                    .collect(),
                taxonomies: site.config.taxonomies.clone(),
                extra: site.config.extra.clone(),
            };
            let mut ctx = Context::new();
            ctx.insert("site", &site_view);
            ctx.insert("lang", language.code.as_str());
            ctx.insert(
                "language",
                &site_view
                    .languages
                    .iter()
                    .find(|l| l.code == language.code.as_str()),
            );
            index.base.insert(language.code.clone(), ctx);
        }
        index
    }

    fn term_view(
        &self,
        site: &Loaded,
        lang: &Lang,
        taxonomy: &str,
        slug: &str,
        name: &str,
    ) -> TermView {
        let path = SitePath::folder([lang.as_str(), taxonomy, slug]);
        let count = self
            .terms
            .get(lang)
            .and_then(|t| t.get(taxonomy))
            .and_then(|t| t.get(slug))
            .map_or(0, |(_, l)| l.len());
        TermView {
            name: name.to_string(),
            slug: slug.to_string(),
            path: site.urls.path(&path),
            permalink: site.urls.permalink(&path),
            count,
        }
    }

    fn summary(&self, site: &Loaded, page: &Page, html: &Rendered) -> PageSummary {
        let mut taxonomies = BTreeMap::new();
        for taxonomy in &site.config.taxonomies {
            if let Some(terms) = page.fm.taxonomies.get(taxonomy) {
                let views = terms
                    .iter()
                    .map(|t| self.term_view(site, &page.lang, taxonomy, &term_slug(t), t.trim()))
                    .collect();
                taxonomies.insert(taxonomy.clone(), views);
            }
        }
        let summary = page
            .fm
            .summary
            .clone()
            .unwrap_or_else(|| html.summary_text.clone());
        PageSummary {
            title: page.fm.title.clone(),
            lang: page.lang.to_string(),
            path: site.urls.path(&page.path),
            permalink: site.urls.permalink(&page.path),
            date: page.fm.date.as_ref().map(DateView::from),
            updated: page.fm.updated.as_ref().map(DateView::from),
            description: page
                .fm
                .description
                .clone()
                .unwrap_or_else(|| summary.clone()),
            summary,
            authors: page.fm.authors.clone(),
            taxonomies,
            weight: page.fm.weight,
            draft: page.fm.draft,
            extra: page.fm.extra.clone(),
        }
    }

    fn list(&self, indices: &[usize]) -> Vec<PageSummary> {
        indices.iter().map(|&i| self.summaries[i].clone()).collect()
    }
}

/// A term's URL segment: its slug, or the term itself lower-cased if nothing is left.
fn term_slug(term: &str) -> String {
    match slugify(term) {
        s if s.is_empty() => "term".to_string(),
        s => s,
    }
}

fn translations_of(
    site: &Loaded,
    versions: &[(Lang, String, SitePath)],
    current: &Lang,
) -> Vec<TranslationView> {
    site.config
        .languages
        .iter()
        .filter_map(|l| {
            let (_, title, path) = versions.iter().find(|(lang, ..)| lang == &l.code)?;
            Some(TranslationView {
                lang: l.code.to_string(),
                name: l.name.clone(),
                title: title.clone(),
                path: site.urls.path(path),
                permalink: site.urls.permalink(path),
                current: &l.code == current,
            })
        })
        .collect()
}

/// Inserts what every HTML page's head needs: where it is, and its translations.
fn locate(ctx: &mut Context, site: &Loaded, path: &SitePath, translations: &[TranslationView]) {
    ctx.insert("current_path", &site.urls.path(path));
    ctx.insert("current_url", &site.urls.permalink(path));
    ctx.insert("translations", translations);
    ctx.insert(
        "x_default",
        &site.urls.permalink(&SitePath::folder::<&str>([])),
    );
}

fn sitemap_entry(
    site: &Loaded,
    path: &SitePath,
    lastmod: Option<String>,
    translations: &[TranslationView],
) -> SitemapEntry {
    SitemapEntry {
        loc: site.urls.permalink(path),
        lastmod,
        alternates: translations
            .iter()
            .map(|t| (t.lang.clone(), t.permalink.clone()))
            .collect(),
    }
}

fn run_job(
    site: &Loaded,
    index: &Index,
    page_html: &[Rendered],
    section_html: &BTreeMap<(String, Lang), Rendered>,
    job: &Job,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let mut out = Vec::new();
    let config_file = site.root.join(CONFIG_FILE);
    let mut render = |template: &str, ctx: &Context, lang: &Lang, what: String| -> Option<String> {
        let templates = site.templates.as_ref()?;
        match templates.render(template, ctx, lang, &what) {
            Ok(html) => Some(html),
            Err(d) => {
                errors.push(d);
                None
            }
        }
    };
    match job {
        Job::Page(i) => {
            let page = &site.content.pages[*i];
            let html = &page_html[*i];
            let versions: Vec<(Lang, String, SitePath)> = site
                .content
                .translations(&page.group, &site.config)
                .map(|p| (p.lang.clone(), p.fm.title.clone(), p.path.clone()))
                .collect();
            let translations = translations_of(site, &versions, &page.lang);
            let view = PageView {
                summary: index.summaries[*i].clone(),
                slug: page.slug.clone(),
                content: html.html.clone(),
                summary_html: html.summary_html.clone(),
                toc: html.toc.clone(),
                word_count: html.word_count,
                reading_time: html.word_count.div_ceil(200).max(1),
                section: page.section.clone(),
                file: page.rel.clone(),
                translations: translations.clone(),
            };
            let mut ctx = index.base[&page.lang].clone();
            ctx.insert("page", &view);
            locate(&mut ctx, site, &page.path, &translations);
            let template = page
                .fm
                .template
                .clone()
                .unwrap_or_else(|| "page.html".into());
            let template_line = page.fm.lines.get("template").copied();
            if !site.has_template(&template) {
                let d = Diagnostic::error(
                    &page.file,
                    format!("no template `{template}` in the theme or templates/"),
                );
                errors.push(d.at(template_line.unwrap_or(1)));
                return out;
            }
            let what = format!("{} [{}]", page.file.display(), page.lang);
            if let Some(html) = render(&template, &ctx, &page.lang, what) {
                let lastmod = page
                    .fm
                    .updated
                    .as_ref()
                    .or(page.fm.date.as_ref())
                    .map(|d| d.day().to_string());
                out.push(Produced {
                    path: page.path.output_file(),
                    body: Body::Bytes(html.into_bytes()),
                    file: page.file.clone(),
                    line: page.fm.lines.get("slug").copied(),
                    sitemap: Some(sitemap_entry(site, &page.path, lastmod, &translations)),
                });
            }
            for asset in site.content.assets.iter().filter(|a| {
                a.bundle.as_deref() == Some(page.group.as_str()) && page.bundle.is_some()
            }) {
                out.push(Produced {
                    path: format!("{}{}", page.path.as_str(), asset.name),
                    body: Body::Copy(asset.file.clone()),
                    file: asset.file.clone(),
                    line: None,
                    sitemap: None,
                });
            }
            for alias in &page.fm.aliases {
                let from = SitePath::from_user(alias);
                out.push(Produced {
                    path: from.output_file(),
                    body: Body::Bytes(
                        redirect(site, &page.lang, &site.urls.permalink(&page.path)).into_bytes(),
                    ),
                    file: page.file.clone(),
                    line: page.fm.lines.get("aliases").copied(),
                    sitemap: None,
                });
            }
        }
        Job::Section(dir, lang) => {
            let section = &site.content.sections[dir];
            let version = &section.versions[lang];
            let html = &section_html[&(dir.clone(), lang.clone())];
            let file = version
                .file
                .clone()
                .unwrap_or_else(|| site.root.join(CONTENT_DIR));
            let versions: Vec<(Lang, String, SitePath)> = section
                .versions
                .iter()
                .map(|(l, v)| (l.clone(), v.fm.title.clone(), v.path.clone()))
                .collect();
            let translations = translations_of(site, &versions, lang);
            let pages = index
                .section_pages
                .get(&(dir.clone(), lang.clone()))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let subsections: Vec<SubsectionView> = section
                .subsections
                .iter()
                .filter_map(|d| {
                    let sub = &site.content.sections[d];
                    let v = sub.versions.get(lang)?;
                    Some(SubsectionView {
                        title: v.fm.title.clone(),
                        path: site.urls.path(&v.path),
                        permalink: site.urls.permalink(&v.path),
                        page_count: index
                            .section_pages
                            .get(&(d.clone(), lang.clone()))
                            .map_or(0, Vec::len),
                    })
                })
                .collect();
            let template = match &version.fm.template {
                Some(t) => t.clone(),
                None if dir.is_empty() && site.has_template("home.html") => "home.html".into(),
                None => "section.html".into(),
            };
            if !site.has_template(&template) {
                let d = Diagnostic::error(
                    &file,
                    format!("no template `{template}` in the theme or templates/"),
                );
                errors.push(d.at(version.fm.lines.get("template").copied().unwrap_or(1)));
                return out;
            }
            let per_page = version.fm.paginate_by.unwrap_or(usize::MAX).max(1);
            let chunks: Vec<&[usize]> = if pages.is_empty() {
                vec![&[]]
            } else {
                pages.chunks(per_page).collect()
            };
            let total = chunks.len();
            let pager_path = |n: usize| {
                if n == 1 {
                    version.path.clone()
                } else {
                    version.path.join("page").join(&n.to_string())
                }
            };
            for (n, chunk) in chunks.iter().enumerate() {
                let number = n + 1;
                let path = pager_path(number);
                let paginator = (version.fm.paginate_by.is_some()).then(|| PaginatorView {
                    current: number,
                    total,
                    previous: (number > 1).then(|| site.urls.path(&pager_path(number - 1))),
                    next: (number < total).then(|| site.urls.path(&pager_path(number + 1))),
                    pages: (1..=total)
                        .map(|k| PagerLink {
                            number: k,
                            path: site.urls.path(&pager_path(k)),
                            current: k == number,
                        })
                        .collect(),
                });
                let view = SectionView {
                    title: version.fm.title.clone(),
                    lang: lang.to_string(),
                    path: site.urls.path(&version.path),
                    permalink: site.urls.permalink(&version.path),
                    description: version
                        .fm
                        .description
                        .clone()
                        .unwrap_or_else(|| html.summary_text.clone()),
                    content: html.html.clone(),
                    toc: html.toc.clone(),
                    pages: index.list(chunk),
                    page_count: pages.len(),
                    subsections: subsections.clone(),
                    paginator,
                    dir: dir.clone(),
                    extra: version.fm.extra.clone(),
                    translations: translations.clone(),
                };
                let mut ctx = index.base[lang].clone();
                ctx.insert("section", &view);
                if dir.is_empty() {
                    let recent = index.recent.get(lang).map(Vec::as_slice).unwrap_or(&[]);
                    ctx.insert("recent_pages", &index.list(&recent[..recent.len().min(10)]));
                }
                locate(
                    &mut ctx,
                    site,
                    &path,
                    if number == 1 { &translations } else { &[] },
                );
                let what = format!("{} [{lang}]", file.display());
                if let Some(html) = render(&template, &ctx, lang, what) {
                    out.push(Produced {
                        path: path.output_file(),
                        body: Body::Bytes(html.into_bytes()),
                        file: file.clone(),
                        line: None,
                        sitemap: (number == 1)
                            .then(|| sitemap_entry(site, &path, None, &translations)),
                    });
                }
            }
        }
        Job::Taxonomy(lang, taxonomy) => {
            let empty = BTreeMap::new();
            let terms = index
                .terms
                .get(lang)
                .and_then(|t| t.get(taxonomy))
                .unwrap_or(&empty);
            let list_path = SitePath::folder([lang.as_str(), taxonomy.as_str()]);
            let term_views: Vec<TermView> = terms
                .iter()
                .map(|(slug, (name, _))| index.term_view(site, lang, taxonomy, slug, name))
                .collect();
            let view = TaxonomyView {
                name: taxonomy.clone(),
                path: site.urls.path(&list_path),
                permalink: site.urls.permalink(&list_path),
                terms: term_views.clone(),
            };
            let all_langs: Vec<(Lang, String, SitePath)> = site
                .config
                .languages
                .iter()
                .map(|l| {
                    (
                        l.code.clone(),
                        taxonomy.clone(),
                        SitePath::folder([l.code.as_str(), taxonomy.as_str()]),
                    )
                })
                .collect();
            let translations = translations_of(site, &all_langs, lang);
            let mut ctx = index.base[lang].clone();
            ctx.insert("taxonomy", &view);
            locate(&mut ctx, site, &list_path, &translations);
            let what = format!("taxonomy `{taxonomy}` [{lang}]");
            if let Some(html) = render("taxonomy.html", &ctx, lang, what) {
                out.push(Produced {
                    path: list_path.output_file(),
                    body: Body::Bytes(html.into_bytes()),
                    file: config_file.clone(),
                    line: None,
                    sitemap: Some(sitemap_entry(site, &list_path, None, &translations)),
                });
            }
            for (term, (slug, (_, pages))) in term_views.into_iter().zip(terms) {
                let path = SitePath::folder([lang.as_str(), taxonomy.as_str(), slug.as_str()]);
                let versions: Vec<(Lang, String, SitePath)> = site
                    .config
                    .languages
                    .iter()
                    .filter_map(|l| {
                        let (name, _) = index.terms.get(&l.code)?.get(taxonomy)?.get(slug)?;
                        Some((
                            l.code.clone(),
                            name.clone(),
                            SitePath::folder([l.code.as_str(), taxonomy.as_str(), slug.as_str()]),
                        ))
                    })
                    .collect();
                let translations = translations_of(site, &versions, lang);
                let mut ctx = index.base[lang].clone();
                ctx.insert("taxonomy", &view);
                ctx.insert(
                    "term",
                    &TermPageView {
                        term,
                        pages: index.list(pages),
                    },
                );
                locate(&mut ctx, site, &path, &translations);
                let what = format!("term `{slug}` of taxonomy `{taxonomy}` [{lang}]");
                if let Some(html) = render("taxonomy_term.html", &ctx, lang, what) {
                    out.push(Produced {
                        path: path.output_file(),
                        body: Body::Bytes(html.into_bytes()),
                        file: config_file.clone(),
                        line: None,
                        sitemap: Some(sitemap_entry(site, &path, None, &translations)),
                    });
                }
            }
        }
        Job::Feed(lang) => {
            let recent = index.recent.get(lang).map(Vec::as_slice).unwrap_or(&[]);
            let entries = &recent[..recent.len().min(FEED_LENGTH)];
            let pages = &site.content.pages;
            let updated = entries
                .iter()
                .filter_map(|&i| pages[i].fm.updated.as_ref().or(pages[i].fm.date.as_ref()))
                .max()
                .map_or_else(
                    || "1970-01-01T00:00:00Z".to_string(),
                    |d| d.rfc3339().to_string(),
                );
            let path = SitePath::file(&format!("{lang}/atom.xml"));
            let feed = FeedView {
                title: site.config.language(lang).title.clone(),
                path: site.urls.path(&path),
                permalink: site.urls.permalink(&path),
                home: site.urls.permalink(&SitePath::folder([lang.as_str()])),
                updated,
                pages: index.list(entries),
            };
            let mut ctx = index.base[lang].clone();
            ctx.insert("feed", &feed);
            if let Some(xml) = render("atom.xml", &ctx, lang, format!("the feed [{lang}]")) {
                out.push(Produced {
                    path: path.output_file(),
                    body: Body::Bytes(xml.into_bytes()),
                    file: config_file,
                    line: None,
                    sitemap: None,
                });
            }
        }
        Job::Root => {
            let lang = &site.config.default_language;
            let root_path = SitePath::folder::<&str>([]);
            let html = if site.has_template("root.html") {
                let mut ctx = index.base[lang].clone();
                locate(&mut ctx, site, &root_path, &[]);
                render("root.html", &ctx, lang, "the site root".into())
            } else {
                Some(builtin_root(site))
            };
            if let Some(html) = html {
                out.push(Produced {
                    path: root_path.output_file(),
                    body: Body::Bytes(html.into_bytes()),
                    file: config_file,
                    line: None,
                    sitemap: None,
                });
            }
        }
        Job::NotFound => {
            let lang = &site.config.default_language;
            let path = SitePath::file("404.html");
            let html = if site.has_template("404.html") {
                let mut ctx = index.base[lang].clone();
                locate(&mut ctx, site, &path, &[]);
                render("404.html", &ctx, lang, "the 404 page".into())
            } else {
                Some(format!(
                    "<!doctype html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>404</title></head>\n<body><main><h1>404</h1><p><a href=\"{}\">{}</a></p></main></body>\n</html>\n",
                    site.urls.path(&SitePath::folder::<&str>([])),
                    crate::highlight::escape(&site.config.language(lang).title)
                ))
            };
            if let Some(html) = html {
                out.push(Produced {
                    path: path.output_file(),
                    body: Body::Bytes(html.into_bytes()),
                    file: config_file,
                    line: None,
                    sitemap: None,
                });
            }
        }
    }
    out
}

/// A page at an old URL that sends the reader to the new one.
fn redirect(site: &Loaded, lang: &Lang, to: &str) -> String {
    let to = crate::highlight::escape(to);
    let text = site
        .strings
        .get(lang, "redirecting")
        .unwrap_or("This page has moved to");
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{text}</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>{text} <a href=\"{to}\">{to}</a></p>\n</body>\n</html>\n",
        text = crate::highlight::escape(text)
    )
}

/// The site root when the theme has no `root.html`: a link to every language's home.
fn builtin_root(site: &Loaded) -> String {
    let default = site.config.language(&site.config.default_language);
    let mut links = String::new();
    for l in &site.config.languages {
        links.push_str(&format!(
            "<li><a href=\"{}\" lang=\"{}\" hreflang=\"{}\">{}</a></li>\n",
            site.urls.path(&SitePath::folder([l.code.as_str()])),
            l.code,
            l.code,
            crate::highlight::escape(&l.name)
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<ul>\n{links}</ul>\n</main>\n</body>\n</html>\n",
        default.code,
        crate::highlight::escape(&default.title),
        crate::highlight::escape(&default.title)
    )
}

fn sitemap(entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&crate::highlight::escape(&encode_uri(&e.loc)));
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &e.lastmod {
            xml.push_str(&format!("    <lastmod>{lastmod}</lastmod>\n"));
        }
        if e.alternates.len() > 1 {
            for (lang, href) in &e.alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                    crate::highlight::escape(&encode_uri(href))
                ));
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn copy_static(dir: &Path, output: &mut Output, diagnostics: &Diagnostics) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e)
                if e.file_type().is_file()
                    && !crate::content::is_ignored(&e.file_name().to_string_lossy()) =>
            {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(e.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                output.replace(
                    rel,
                    Body::Copy(e.path().to_path_buf()),
                    e.path().display().to_string(),
                );
            }
            Ok(_) => {}
            Err(e) => diagnostics.push(Diagnostic::error(
                dir,
                format!("cannot read static files: {e}"),
            )),
        }
    }
}
