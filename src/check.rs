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

use crate::build::{build, BuildOptions};
use crate::config::Config;
use crate::content::{Content, SourceCache};
use crate::error::{Diagnostic, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One finding.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    /// `error`, `warning` or `note`; notes do not fail the check.
    pub severity: &'static str,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(
                f,
                "{}:{line}: {}: {}",
                self.file, self.severity, self.message
            ),
            None => write!(f, "{}: {}: {}", self.file, self.severity, self.message),
        }
    }
}

fn problem(root: &Path, d: &Diagnostic) -> Problem {
    let file = d.path.strip_prefix(root).unwrap_or(&d.path);
    Problem {
        file: file.display().to_string(),
        line: d.line,
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        message: d.message.clone(),
    }
}

/// Checks the site in `root` (and, with `external`, the links that leave it); the problems,
/// sorted by file and line.
pub fn check(root: &Path, external: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let out = match crate::scratch::output("check", root) {
        Ok(out) => out,
        Err(e) => {
            let d = Diagnostic::error(root, format!("no folder to build the check in: {e}"));
            problems.push(problem(root, &d));
            return problems;
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
    };
    let built = match build(&options) {
        Ok(report) => {
            problems.extend(report.warnings.iter().map(|d| problem(root, d)));
            true
        }
        Err(failure) => {
            problems.extend(failure.diagnostics.iter().map(|d| problem(root, d)));
            false
        }
    };
    let Ok(config) = Config::load(root) else {
        problems.sort();
        problems.dedup();
        return problems;
    };
    let mut errors = Vec::new();
    let content = Content::load(root, &config, false, &SourceCache::default(), &mut errors);
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();

    rules(&config, &content, root, &mut problems);
    duplicates(&content, &rel, &mut problems);
    let report = crate::translations::report(&content, &config);
    for row in &report.pages {
        let original = row
            .languages
            .iter()
            .find(|c| c.status == crate::translations::Status::Original)
            .and_then(|c| c.file.clone());
        for cell in &row.languages {
            if cell.status == crate::translations::Status::Missing {
                problems.push(Problem {
                    file: format!("content/{}", original.as_deref().unwrap_or(&row.page)),
                    line: None,
                    severity: "note",
                    message: format!("no `{}` translation", cell.lang),
                });
            }
        }
    }
    if built {
        let site = Built::read(&content, &out, root);
        links(&site, &mut problems);
        if external {
            outside_links(&site, &mut problems);
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

fn rules(config: &Config, content: &Content, root: &Path, problems: &mut Vec<Problem>) {
    for (section, rules) in &config.rules {
        if !content.sections.contains_key(section.as_str()) && !section.is_empty() {
            problems.push(Problem {
                file: crate::config::CONFIG_FILE.into(),
                line: Some(config.rules_line),
                severity: "error",
                message: format!("rules for `{section}`: there is no section content/{section}/"),
            });
        }
        for page in content.pages.iter().filter(|p| &p.section == section) {
            let file = page.file.strip_prefix(root).unwrap_or(&page.file);
            let file = file.display().to_string();
            for key in &rules.required {
                if !page.fm.lines.contains_key(key) {
                    problems.push(Problem {
                        file: file.clone(),
                        line: Some(1),
                        severity: "error",
                        message: format!(
                            "the pages of `{section}` need `{key}` in their front matter (rules in site.yaml)"
                        ),
                    });
                }
            }
            for (key, allowed) in &rules.values {
                let given: Vec<String> = if key == "authors" {
                    page.fm.authors.clone()
                } else {
                    page.fm.taxonomies.get(key).cloned().unwrap_or_default()
                };
                for value in given.iter().filter(|v| !allowed.contains(v)) {
                    problems.push(Problem {
                        file: file.clone(),
                        line: page.fm.lines.get(key).copied(),
                        severity: "error",
                        message: format!(
                            "`{key}`: `{value}` is not allowed in `{section}` (site.yaml allows: {})",
                            allowed.join(", ")
                        ),
                    });
                }
            }
        }
    }
}

fn duplicates(content: &Content, rel: &dyn Fn(&Path) -> String, problems: &mut Vec<Problem>) {
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
                problems.push(Problem {
                    file: rel(&page.file),
                    line: page.fm.lines.get(what).copied(),
                    severity: "error",
                    message: format!(
                        "the {what} `{shown}` is also the {what} of {} in `{lang}`{why}",
                        rel(&first.file)
                    ),
                });
            }
        }
    }
}

/// What a built HTML file holds for the check: its links and its ids.
struct Scanned {
    links: Vec<String>,
    ids: HashSet<String>,
}

fn scan(html: &str) -> Scanned {
    let mut links = Vec::new();
    let mut ids = HashSet::new();
    for (attr, is_link) in [
        (" href=\"", true),
        (" src=\"", true),
        (" id=\"", false),
        (" name=\"", false),
    ] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            let value = unescape(&rest[..end]);
            if is_link {
                links.push(value);
            } else {
                ids.insert(value);
            }
        }
    }
    Scanned { links, ids }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A URL path decoded, or as written when it does not decode.
fn percent_decode(s: &str) -> String {
    crate::url::percent_decode(s).unwrap_or_else(|| s.to_string())
}

/// The built file a site path names (`/ru/x/` → `ru/x/index.html`), relative to the output.
fn target_file(out: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|s| s == "..") {
        return None;
    }
    let file = out.join(rel);
    if file.is_dir() {
        let index = file.join("index.html");
        return index.is_file().then_some(index);
    }
    file.is_file().then_some(file)
}

/// The built site as the link checks see it: every HTML file scanned once, and the content
/// file each page was made from.
struct Built<'a> {
    out: &'a Path,
    root: &'a Path,
    files: BTreeMap<PathBuf, Scanned>,
    sources: HashMap<PathBuf, &'a crate::content::Page>,
}

impl<'a> Built<'a> {
    fn read(content: &'a Content, out: &'a Path, root: &'a Path) -> Built<'a> {
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
            files,
            sources,
        }
    }

    /// Where to report a link of a built file: the content file and the line of its
    /// Markdown that has `needle`, or the built page itself.
    fn place(&self, file: &Path, needle: &str) -> (String, Option<usize>, bool) {
        match self.sources.get(file) {
            Some(page) => (
                page.file
                    .strip_prefix(self.root)
                    .unwrap_or(&page.file)
                    .display()
                    .to_string(),
                markdown_line(page, needle),
                true,
            ),
            None => (
                format!(
                    "{} (built page)",
                    file.strip_prefix(self.out).unwrap_or(file).display()
                ),
                None,
                false,
            ),
        }
    }
}

fn links(site: &Built, problems: &mut Vec<Problem>) {
    let out = site.out;
    let mut reported: BTreeSet<(String, Option<usize>, String)> = BTreeSet::new();
    // Broken links that templates make: each once, with the first page it is on.
    let mut from_templates: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (file, scanned) in &site.files {
        let page_url = format!(
            "/{}",
            file.strip_prefix(out)
                .unwrap_or(file)
                .to_string_lossy()
                .trim_end_matches("index.html")
        );
        for link in &scanned.links {
            if link.is_empty()
                || link.starts_with("//")
                || link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("data:")
                || link.starts_with("javascript:")
            {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let path = percent_decode(path);
            let joined = if path.is_empty() {
                page_url.clone()
            } else if path.starts_with('/') {
                path.clone()
            } else {
                format!("{page_url}{path}")
            };
            // `/a/b/` as the browser asks for it; `None` above the site's root.
            let absolute = crate::url::resolve_dots(&joined).map(|p| {
                let slash = if joined.ends_with('/') && !p.is_empty() {
                    "/"
                } else {
                    ""
                };
                format!("/{p}{slash}")
            });
            let problem_text = match absolute.as_deref().and_then(|a| target_file(out, a)) {
                None if absolute.is_none() => Some(format!(
                    "link `{link}` climbs above the site's root (a browser would stop at the root)"
                )),
                None => Some(format!("link `{link}` leads to nothing in the built site")),
                Some(target) => match fragment.map(percent_decode) {
                    Some(f) if !f.is_empty() && target.extension().is_some_and(|x| x == "html") => {
                        let has = site.files.get(&target).is_some_and(|t| t.ids.contains(&f));
                        (!has).then(|| {
                            format!("link `{link}`: the page has no element with id `{f}`")
                        })
                    }
                    _ => None,
                },
            };
            let Some(message) = problem_text else {
                continue;
            };
            // Report it where an editor can fix it: the Markdown line that has the link, or
            // else the page (the link came from a template).
            let needle = link
                .split('#')
                .next()
                .filter(|s| !s.is_empty())
                .unwrap_or(link);
            let (mut where_, mut line, is_page) = site.place(file, needle);
            if is_page && line.is_none() {
                if let Some(f) = fragment {
                    (where_, line, _) = site.place(file, &format!("#{f}"));
                }
            }
            if is_page && line.is_none() {
                from_templates.entry(message).or_insert((where_, 0)).1 += 1;
                continue;
            }
            reported.insert((where_, line, message));
        }
    }
    for (message, (file, pages)) in from_templates {
        let others = match pages - 1 {
            0 => String::new(),
            1 => " and 1 other page".to_string(),
            n => format!(" and {n} other pages"),
        };
        reported.insert((
            file,
            None,
            format!("{message} (a link the template puts on this page{others})"),
        ));
    }
    for (file, line, message) in reported {
        problems.push(Problem {
            file,
            line,
            severity: "error",
            message,
        });
    }
}

/// The file line of the page's Markdown that holds `needle`.
fn markdown_line(page: &crate::content::Page, needle: &str) -> Option<usize> {
    let body = page.body().ok()?;
    let decoded = percent_decode(needle);
    body.lines()
        .position(|l| l.contains(needle) || l.contains(&decoded))
        .map(|i| page.body_line + i)
}

/// Links out of the site, each checked once: an error for a status of 400 or more, or no
/// answer within the time limit.
fn outside_links(site: &Built, problems: &mut Vec<Problem>) {
    const WORKERS: usize = 8;
    // Each URL, with the first place it is linked from.
    let mut urls: BTreeMap<String, (String, Option<usize>)> = BTreeMap::new();
    for (file, scanned) in &site.files {
        for link in &scanned.links {
            if !(link.starts_with("http://") || link.starts_with("https://")) {
                continue;
            }
            let url = link.split('#').next().unwrap_or(link).to_string();
            if let std::collections::btree_map::Entry::Vacant(slot) = urls.entry(url) {
                let (file, line, _) = site.place(file, slot.key());
                slot.insert((file, line));
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
    let found = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((url, (file, line))) = next else {
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
                found
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(Problem {
                        file,
                        line,
                        severity: "error",
                        message,
                    });
            });
        }
    });
    problems.extend(found.into_inner().unwrap_or_else(|e| e.into_inner()));
}
