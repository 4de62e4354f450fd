//! Every relative link of README.md and `docs/**/*.md` leads to a file of the repository,
//! and every `#anchor` to a heading of its target (by GitHub's rules for heading ids) or an
//! element with that id: a doc that links outside the repository, or to a heading renamed
//! since, fails here.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// A link found in a Markdown file: its target as written, and its line.
struct Link {
    target: String,
    line: usize,
}

/// The links (Markdown, and `href`/`src` of raw HTML) and the anchors (heading ids by
/// GitHub's rules, and the `id`/`name` of raw HTML) of a Markdown text.
fn scan(text: &str) -> (Vec<Link>, BTreeSet<String>) {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut links = Vec::new();
    let mut anchors = BTreeSet::new();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading: Option<String> = None;
    // GitHub's Markdown: CommonMark with tables, footnotes, strikethrough and task lists.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => links.push(Link {
                target: dest_url.to_string(),
                line: line_of(range.start),
            }),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = heading.take() {
                    let id = github_id(&text);
                    let n = used.entry(id.clone()).or_insert(0);
                    anchors.insert(if *n == 0 {
                        id.clone()
                    } else {
                        format!("{id}-{n}")
                    });
                    *n += 1;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (attr, is_link) in [
                    ("href", true),
                    ("src", true),
                    ("id", false),
                    ("name", false),
                ] {
                    for value in attribute_values(&html, attr) {
                        if is_link {
                            links.push(Link {
                                target: value,
                                line: line_of(range.start),
                            });
                        } else {
                            anchors.insert(value);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (links, anchors)
}

/// The values of ` attr="..."` in a piece of HTML.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// The id GitHub gives a heading: its text in lower case, without punctuation (letters,
/// marks, digits, `_`, `-` and spaces stay), spaces made `-`. (A repeated id gets `-1`,
/// `-2`: see [`scan`].)
fn github_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ') || is_mark(*c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Combining marks, which GitHub keeps (`й` written as `и` and a breve).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Whether `target` leaves the repository's files: a URL with a scheme, or mail.
fn is_external(target: &str) -> bool {
    let scheme_end = target.find(':');
    let first_other = target.find(['/', '?', '#']);
    match (scheme_end, first_other) {
        (Some(colon), Some(other)) => colon < other,
        (Some(_), None) => true,
        _ => false,
    }
}

/// `path` with `.` and `..` resolved, without touching the file system; `None` when it
/// climbs above the root.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            _ => return None,
        }
    }
    Some(out)
}

/// Every broken link of the Markdown files `files` (paths inside `root`), as
/// `file:line: message`.
fn broken_links(root: &Path, files: &[PathBuf]) -> Vec<String> {
    let mut cache: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut anchors_of = |rel: &Path| -> BTreeSet<String> {
        cache
            .entry(rel.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
                scan(&text).1
            })
            .clone()
    };
    let mut problems = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let (links, _) = scan(&text);
        for link in links {
            let target = link.target.trim();
            if target.is_empty() || is_external(target) {
                continue;
            }
            let at = format!("{}:{}", file.display(), link.line);
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target, None),
            };
            let path = path.split('?').next().unwrap_or_default();
            if path.starts_with('/') {
                problems.push(format!(
                    "{at}: `{target}` starts with `/`: write it relative to the file"
                ));
                continue;
            }
            let target_file = if path.is_empty() {
                file.clone()
            } else {
                let decoded = path.replace("%20", " ");
                match normalise(&file.parent().unwrap_or(Path::new("")).join(decoded)) {
                    Some(p) => p,
                    None => {
                        problems.push(format!("{at}: `{target}` leads outside the repository"));
                        continue;
                    }
                }
            };
            if !root.join(&target_file).exists() {
                problems.push(format!(
                    "{at}: `{target}`: there is no {}",
                    target_file.display()
                ));
                continue;
            }
            let Some(anchor) = anchor.filter(|a| !a.is_empty()) else {
                continue;
            };
            if target_file.extension().is_some_and(|e| e == "md") {
                let anchors = anchors_of(&target_file);
                if !anchors.contains(anchor) {
                    problems.push(format!(
                        "{at}: `{target}`: {} has no heading with the id `{anchor}`",
                        target_file.display()
                    ));
                }
            }
        }
    }
    problems
}

/// README.md and every Markdown file under docs/, as paths inside the repository.
fn documentation(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("README.md")];
    for entry in walkdir::WalkDir::new(root.join("docs")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.path().strip_prefix(root).unwrap().to_path_buf());
        }
    }
    files
}

#[test]
fn every_link_of_the_documentation_leads_to_a_file_and_heading_of_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = documentation(root);
    assert!(files.len() > 5, "{files:?}");
    let problems = broken_links(root, &files);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_broken_link_or_anchor_is_found() {
    let root = std::env::temp_dir().join(format!("dala-docs-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(
        root.join("README.md"),
        "# Dala\n\nSee [the guide](docs/guide.md#writing-a-page), [gone](docs/gone.md),\n[bad anchor](docs/guide.md#nowhere) and [out](../../etc/passwd).\n<img src=\"docs/missing.png\" alt=\"x\">\n[web](https://example.org/x.md) [mail](mailto:a@b.c)\n",
    )
    .unwrap();
    std::fs::write(
        root.join("docs/guide.md"),
        "# Guide\n\n## Writing a page\n\n## Беттің тақырыбы: `title`\n\n## Writing a page\n\n[self](#writing-a-page-1) [kk](#беттің-тақырыбы-title) [up](../README.md#dala)\n",
    )
    .unwrap();
    let problems = broken_links(
        &root,
        &[PathBuf::from("README.md"), PathBuf::from("docs/guide.md")],
    );
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].starts_with("README.md:3: `docs/gone.md`"),
        "{problems:#?}"
    );
    assert!(
        problems[1].contains("has no heading with the id `nowhere`"),
        "{problems:#?}"
    );
    assert!(
        problems[2].contains("leads outside the repository"),
        "{problems:#?}"
    );
    assert!(
        problems[3].starts_with("README.md:5: `docs/missing.png`"),
        "{problems:#?}"
    );
}

#[test]
fn heading_ids_follow_github() {
    assert_eq!(github_id("Languages in site.yaml"), "languages-in-siteyaml");
    assert_eq!(github_id("Page templates: `page`"), "page-templates-page");
    assert_eq!(
        github_id("Беттің тақырыбы және аударма"),
        "беттің-тақырыбы-және-аударма"
    );
    assert_eq!(github_id("1. site.yaml: the title"), "1-siteyaml-the-title");
    assert_eq!(
        github_id("Colours, fonts and widths"),
        "colours-fonts-and-widths"
    );
}
