//! `dala check`: whether the site is fit to publish. Everything `build` validates (the site
//! is built into a scratch folder), and then:
//!
//! - every link and `#anchor` inside the site, in every language, in the pages as built:
//!   one written in Markdown is reported at its file and line, one a template made at the
//!   page it is on;
//! - the front matter rules per section of `site.yaml` (`rules:`): required keys, allowed
//!   values;
//! - two pages of a language with the same title or the same slug;
//! - images without alt text, and every other warning of the build;
//! - translations that are missing (notes: listed, but not a failure);
//! - with `--external`, every link that leaves the site: a HEAD request (GET if the server
//!   refuses HEAD), eight at a time, ten seconds each at most.
//!
//! The site is read once, by the build ([`build_loaded`]); every finding, the build's among
//! them, is a [`Diagnostic`] with its kind.

use crate::build::{build_loaded, BuildOptions, LoadedSite};
use crate::config::Config;
use crate::content::Content;
use crate::error::{Diagnostic, Diagnostics, Kind};
use crate::html_links::{
    climbs, leads_to_nothing, on_pages, scan, served_file, Resolver, Scanned, Target,
};
use crate::url::Urls;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Checks the site in `root` (and, with `external`, the links that leave it): every
/// diagnostic, its file relative to the root, sorted by file, line, severity and message.
pub fn check(root: &Path, external: bool) -> Vec<Diagnostic> {
    let found = Diagnostics::default();
    let out = match crate::scratch::output("check", root) {
        Ok(out) => out,
        Err(e) => {
            found.push(Kind::Io.error(root, format!("no folder to build the check in: {e}")));
            return listed(found, root);
        }
    };
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.clone()),
        drafts: false,
        base_url: Some("http://localhost".into()),
        // The scratch folder is check's own.
        force: true,
        progress: None,
        strict: false,
        links_checked_after: true,
        serving: false,
        // No host serves the check's scratch output.
        precompress: Some(false),
        now: None,
    };
    // The build's own diagnostics, and the site as it loaded it.
    let (result, site) = build_loaded(&options);
    let built = match result {
        Ok(report) => {
            found.extend(own_links_aside(report.warnings));
            true
        }
        Err(failure) => {
            found.extend(failure.diagnostics);
            false
        }
    };
    let Some(LoadedSite {
        config,
        content,
        translations,
    }) = site
    else {
        return listed(found, root);
    };
    rules(&config, &content, &found);
    feedback_sections(&config, &content, &found);
    duplicates(&content, root, &found);
    missing_translations(&translations, (&content, root), &found);
    if built {
        let site = Built::read(&config, &content, &out, root);
        links(&site, &found);
        if external {
            outside_links(&site, &found);
        }
    }
    listed(found, root)
}

/// The build's warnings but those of links that lead to nothing: the check finds them
/// itself, as errors.
fn own_links_aside(warnings: Vec<Diagnostic>) -> impl Iterator<Item = Diagnostic> {
    warnings
        .into_iter()
        .filter(|d| d.kind != Kind::Link || d.is_error())
}

/// The diagnostics with their files relative to `root`, in the order `dala check` has
/// always listed them (by file name as text, line, severity word and message), each once.
fn listed(found: Diagnostics, root: &Path) -> Vec<Diagnostic> {
    let mut all = found.into_sorted();
    for d in &mut all {
        if let Ok(rel) = d.path.strip_prefix(root) {
            d.path = rel.to_path_buf();
        }
    }
    let key = |d: &Diagnostic| {
        (
            d.path.to_string_lossy().into_owned(),
            d.line,
            d.severity.label(),
            d.message.clone(),
        )
    };
    all.sort_by_cached_key(key);
    all.dedup_by(|a, b| key(a) == key(b));
    all
}

/// A note for each version a page lacks, at the file of its original.
fn missing_translations(
    report: &crate::translations::Report,
    (content, root): (&Content, &Path),
    found: &Diagnostics,
) {
    use crate::translations::Status;
    for row in &report.pages {
        let original = row
            .languages
            .iter()
            .find(|c| c.status == Status::Original)
            .and_then(|c| c.file.clone());
        for cell in &row.languages {
            if cell.status == Status::Missing {
                let rel = original.as_deref().unwrap_or(&row.page);
                // A page made from a data record (`data:` of a collection) is at its file.
                let at = content
                    .pages
                    .iter()
                    .find(|p| p.rel == rel && p.from_record())
                    .map_or_else(
                        || format!("content/{rel}"),
                        |p| crate::util::relative(&p.file, root),
                    );
                found.push(
                    Kind::MissingTranslation.note(at, format!("no `{}` translation", cell.lang)),
                );
            }
        }
    }
}

/// Each of `feedback.sections` is a section of content/: a name mistyped would leave its
/// pages without the form, and nothing else would say so.
fn feedback_sections(config: &Config, content: &Content, found: &Diagnostics) {
    let Some(feedback) = &config.feedback else {
        return;
    };
    for section in feedback.sections.iter().flatten() {
        if !content.sections.contains_key(section.as_str()) {
            found.push(
                Kind::Config
                    .error(
                        crate::config::CONFIG_FILE,
                        format!("`feedback.sections`: there is no section content/{section}/"),
                    )
                    .at(feedback.sections_line),
            );
        }
    }
}

fn rules(config: &Config, content: &Content, found: &Diagnostics) {
    for (section, rules) in &config.rules {
        if !content.sections.contains_key(section.as_str()) && !section.is_empty() {
            found.push(
                Kind::Rule
                    .error(
                        crate::config::CONFIG_FILE,
                        format!("rules for `{section}`: there is no section content/{section}/"),
                    )
                    .at(config.rules_line),
            );
        }
        for page in content.pages.iter().filter(|p| &p.section == section) {
            for key in &rules.required {
                if !page.fm.lines.contains_key(key) {
                    found.push(
                        Kind::Rule
                            .error(
                                &page.file,
                                format!(
                                    "the pages of `{section}` need `{key}` in their front matter (rules in site.yaml)"
                                ),
                            )
                            .at(1),
                    );
                }
            }
            for (key, allowed) in &rules.values {
                let given: Vec<String> = if key == "authors" {
                    page.fm.authors.clone()
                } else {
                    page.fm.taxonomies.get(key).cloned().unwrap_or_default()
                };
                for value in given.iter().filter(|v| !allowed.contains(v)) {
                    let d = Kind::Rule.error(
                        &page.file,
                        format!(
                            "`{key}`: `{value}` is not allowed in `{section}` (site.yaml allows: {})",
                            allowed.join(", ")
                        ),
                    );
                    found.push(match page.fm.lines.get(key) {
                        Some(&line) => d.at(line),
                        None => d,
                    });
                }
            }
        }
    }
}

fn duplicates(content: &Content, root: &Path, found: &Diagnostics) {
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    // Two readers' handles on a page, each unique per language: (what, its value, why).
    let mut seen: HashMap<(&str, String, String), &crate::content::Page> = HashMap::new();
    for page in &content.pages {
        let lang = page.lang.to_string();
        let handles = [
            (
                "title",
                page.fm.title.trim().to_lowercase(),
                &page.fm.title,
                "",
            ),
            (
                "slug",
                page.slug.clone(),
                &page.slug,
                ": readers and search engines cannot tell them apart",
            ),
        ];
        for (what, key, shown, why) in handles {
            if let Some(first) = seen.insert((what, lang.clone(), key), page) {
                let d = Kind::Duplicate.error(
                    &page.file,
                    format!(
                        "the {what} `{shown}` is also the {what} of {} in `{lang}`{why}",
                        rel(&first.file)
                    ),
                );
                found.push(match page.fm.lines.get(what) {
                    Some(&line) => d.at(line),
                    None => d,
                });
            }
        }
    }
}

/// A URL path decoded, or as written when it does not decode.
fn percent_decode(s: &str) -> String {
    crate::url::percent_decode(s).unwrap_or_else(|| s.to_string())
}

/// The built site as the link checks see it: every HTML file scanned once, and the content
/// file each page was made from.
struct Built<'a> {
    out: &'a Path,
    root: &'a Path,
    resolver: Resolver,
    files: BTreeMap<PathBuf, Scanned>,
    sources: HashMap<PathBuf, &'a crate::content::Page>,
}

impl<'a> Built<'a> {
    fn read(config: &Config, content: &'a Content, out: &'a Path, root: &'a Path) -> Built<'a> {
        let sources = content
            .pages
            .iter()
            .map(|page| (out.join(page.path.output_file()), page))
            .collect();
        let files = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .filter_map(|e| {
                let html = std::fs::read_to_string(e.path()).ok()?;
                Some((e.into_path(), scan(&html)))
            })
            .collect();
        Built {
            out,
            root,
            resolver: Resolver::new(&Urls::new(&config.base_url)),
            files,
            sources,
        }
    }

    /// Where to report a link of a built file: the content file and the line of its
    /// Markdown that has `needle`, or the built page itself.
    fn place(&self, file: &Path, needle: &str) -> Place {
        match self.sources.get(file) {
            Some(page) => Place {
                file: page
                    .file
                    .strip_prefix(self.root)
                    .unwrap_or(&page.file)
                    .display()
                    .to_string(),
                line: markdown_line(page, needle),
                is_page: true,
            },
            None => Place {
                file: format!(
                    "{} (built page)",
                    file.strip_prefix(self.out).unwrap_or(file).display()
                ),
                line: None,
                is_page: false,
            },
        }
    }
}

/// Where a link is reported.
struct Place {
    file: String,
    line: Option<Line>,
    /// The file is the page's content file (else the built page).
    is_page: bool,
}

impl Place {
    /// An error of `kind` here, with the line quoted and the link marked when it is known.
    fn error(self, kind: Kind, message: String) -> Diagnostic {
        let d = kind.error(self.file, message);
        match self.line {
            Some(line) => d
                .at(line.number)
                .quoting(&line.text, line.number, Some(&line.needle)),
            None => d,
        }
    }
}

/// A line of a page's Markdown that has a link.
struct Line {
    number: usize,
    text: String,
    /// The link as the line writes it.
    needle: String,
}

fn links(site: &Built, found: &Diagnostics) {
    // Broken links that templates make: each once, with the first page it is on.
    let mut from_templates: BTreeMap<(Kind, String), (String, usize)> = BTreeMap::new();
    for (file, scanned) in &site.files {
        let page = file
            .strip_prefix(site.out)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        for link in &scanned.links {
            let Some((kind, message)) = broken(site, &page, link) else {
                continue;
            };
            // Report it where an editor can fix it: the Markdown line that has the link, or
            // else the page (the link came from a template).
            let needle = link
                .split('#')
                .next()
                .filter(|s| !s.is_empty())
                .unwrap_or(link);
            let mut place = site.place(file, needle);
            if place.is_page && place.line.is_none() {
                if let Some((_, f)) = link.split_once('#') {
                    place = site.place(file, &format!("#{f}"));
                }
            }
            if place.line.is_none() {
                from_templates
                    .entry((kind, message))
                    .or_insert((place.file, 0))
                    .1 += 1;
                continue;
            }
            found.push(place.error(kind, message));
        }
    }
    for ((kind, message), (file, pages)) in from_templates {
        found.push(kind.error(file, format!("{message} ({})", on_pages(pages))));
    }
}

/// What is wrong with `link` on the built file `page` (`en/x/index.html`), if anything: a
/// link that leads to nothing (or above the root), or an anchor the page it leads to does
/// not have.
fn broken(site: &Built, page: &str, link: &str) -> Option<(Kind, String)> {
    let path = match site.resolver.target(page, link)? {
        Target::Path(path) => path,
        Target::Climbs => return Some((Kind::Link, climbs(link))),
    };
    let Some(served) = served_file(&path, |p| site.out.join(p).is_file()) else {
        return Some((Kind::Link, leads_to_nothing(link)));
    };
    let fragment = percent_decode(link.split_once('#')?.1);
    if fragment.is_empty() || !served.ends_with(".html") {
        return None;
    }
    let has = site
        .files
        .get(&site.out.join(&served))
        .is_some_and(|t| t.ids.contains(&fragment));
    (!has).then(|| {
        (
            Kind::Anchor,
            format!("link `{link}`: the page has no element with id `{fragment}`"),
        )
    })
}

/// The file line of the page's Markdown that holds `needle` (as written, or decoded).
fn markdown_line(page: &crate::content::Page, needle: &str) -> Option<Line> {
    let body = page.body().ok()?;
    let decoded = percent_decode(needle);
    body.lines().enumerate().find_map(|(i, l)| {
        let written = [needle, decoded.as_str()]
            .into_iter()
            .find(|n| l.contains(n))?;
        Some(Line {
            number: page.body_line + i,
            text: l.to_string(),
            needle: written.to_string(),
        })
    })
}

/// Links out of the site, each checked once: an error for a status of 400 or more, or no
/// answer within the time limit.
fn outside_links(site: &Built, found: &Diagnostics) {
    const WORKERS: usize = 8;
    // Each URL, with the first place it is linked from.
    let mut urls: BTreeMap<String, Place> = BTreeMap::new();
    for (file, scanned) in &site.files {
        for link in &scanned.links {
            let leaves = link.starts_with("http://") || link.starts_with("https://");
            if !leaves || site.resolver.target("", link).is_some() {
                continue;
            }
            let url = link.split('#').next().unwrap_or(link).to_string();
            if let std::collections::btree_map::Entry::Vacant(slot) = urls.entry(url) {
                let place = site.place(file, slot.key());
                slot.insert(place);
            }
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .http_status_as_error(false)
        .user_agent(concat!("dala-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let queue = std::sync::Mutex::new(urls.into_iter());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((url, place)) = next else {
                    break;
                };
                let answer = match agent.head(&url).call() {
                    Ok(r) if matches!(r.status().as_u16(), 405 | 501) => agent.get(&url).call(),
                    other => other,
                };
                let message = match answer {
                    Ok(r) if r.status().as_u16() < 400 => continue,
                    Ok(r) => format!("outside link `{url}` answers HTTP {}", r.status().as_u16()),
                    Err(e) => format!("outside link `{url}`: {e}"),
                };
                found.push(place.error(Kind::ExternalLink, message));
            });
        }
    });
}
