//! Translation status: which languages each page exists in, which are missing, and which
//! translations are out of date.
//!
//! The rule survives a fresh clone because it lives in the files: `dala translations --mark
//! FILE` writes into a translation's front matter `original_hash:`, a stable hash of the
//! original's text (the text after its front matter) at the time of translating. Later, a
//! translation whose recorded hash differs from the original's current hash is *outdated*;
//! one with no record is *unknown*. The original is the version its `original:` names (the
//! page's own, else its section's), else the default language's, else the first in the
//! order of `site.yaml` (see [`Content::original`]); the versions of a page whose own
//! `original:` names a language it has no version in are *orphans*.

use crate::config::Config;
use crate::content::Content;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Original,
    UpToDate,
    Outdated,
    Unknown,
    Orphan,
    Missing,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Original => "original",
            Status::UpToDate => "up-to-date",
            Status::Outdated => "outdated",
            Status::Unknown => "unknown",
            Status::Orphan => "orphan",
            Status::Missing => "missing",
        }
    }
}

/// One language version of a page in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub lang: String,
    pub status: Status,
    /// The file, relative to `content/`, if the version exists.
    pub file: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The page: its file name without language, or its translation key.
    pub page: String,
    pub title: String,
    pub languages: Vec<Cell>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub pages: Vec<Row>,
    /// Each version's status by its file, for [`Report::status_of`].
    #[serde(skip)]
    by_file: std::collections::HashMap<String, Status>,
}

/// How a hash is written into front matter.
pub fn format_hash(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The status of every page's versions, in the languages of `site.yaml`.
pub fn report(content: &Content, config: &Config) -> Report {
    let mut pages = Vec::new();
    for (group, members) in &content.groups {
        let original = content.original(group);
        let title = original
            .or_else(|| members.values().next().map(|&i| &content.pages[i]))
            .map_or_else(String::new, |p| p.fm.title.clone());
        let languages = config
            .languages
            .iter()
            .filter(|l| l.derive_from.is_none())
            .map(|l| match members.get(&l.code).map(|&i| &content.pages[i]) {
                None => Cell {
                    lang: l.code.to_string(),
                    status: Status::Missing,
                    file: None,
                },
                Some(page) => {
                    let status = match original {
                        Some(o) if o.lang == l.code => Status::Original,
                        None => Status::Orphan,
                        Some(o) => match &page.fm.original_hash {
                            None => Status::Unknown,
                            Some(h) if *h == format_hash(o.text_hash) => Status::UpToDate,
                            Some(_) => Status::Outdated,
                        },
                    };
                    Cell {
                        lang: l.code.to_string(),
                        status,
                        file: Some(page.rel.clone()),
                    }
                }
            })
            .collect();
        pages.push(Row {
            page: group.clone(),
            title,
            languages,
        });
    }
    let by_file = pages
        .iter()
        .flat_map(|r: &Row| &r.languages)
        .filter_map(|c| Some((c.file.clone()?, c.status)))
        .collect();
    Report { pages, by_file }
}

impl Report {
    /// The status of one page version, if it is in the report.
    pub fn status_of(&self, rel: &str) -> Option<Status> {
        self.by_file.get(rel).copied()
    }

    /// A table for the terminal: one row a page, one column a language.
    pub fn to_text(&self) -> String {
        let langs: Vec<&str> = self.pages.first().map_or(vec![], |r| {
            r.languages.iter().map(|c| c.lang.as_str()).collect()
        });
        let width = self
            .pages
            .iter()
            .map(|r| r.page.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let mut out = format!("{:width$}", "page");
        for l in &langs {
            out.push_str(&format!("  {l:<10}"));
        }
        out.push('\n');
        let mut counts = std::collections::BTreeMap::new();
        for row in &self.pages {
            out.push_str(&format!("{:width$}", row.page));
            for cell in &row.languages {
                out.push_str(&format!("  {:<10}", cell.status.name()));
                *counts.entry(cell.status.name()).or_insert(0) += 1;
            }
            out.push('\n');
        }
        let summary: Vec<String> = counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
        out.push_str(&format!(
            "{} pages: {}\n",
            self.pages.len(),
            summary.join(", ")
        ));
        out
    }
}

/// Records in the translation `file` the hash of its original's current text. `file` is
/// looked for in the site's folder `root`, then from the current folder, then in
/// `content/`. Returns what was written, or why not.
pub fn mark(content: &Content, root: &Path, file: &Path) -> Result<String, String> {
    let page = find_page(content, root, file)?;
    let shown = page.file.display();
    let original = content.original(&page.group).ok_or_else(|| {
        let said = content
            .translations_any(&page.group)
            .find_map(|p| p.fm.original.clone())
            .map_or_else(String::new, |l| {
                format!(" (its front matter says `original: {l}`, and there is no `{l}` version)")
            });
        format!("{shown}: this page has no original to compare the translation with{said}")
    })?;
    if original.rel == page.rel {
        return Err(format!(
            "{shown}: this is the original (`{}`), not a translation; mark its translations instead",
            page.lang
        ));
    }
    let hash = format_hash(original.text_hash);
    let text = std::fs::read_to_string(&page.file).map_err(|e| format!("{shown}: {e}"))?;
    let updated = set_front_matter_key(&text, "original_hash", &hash)
        .ok_or_else(|| format!("{shown}: no front matter to record in"))?;
    std::fs::write(&page.file, updated).map_err(|e| format!("{shown}: {e}"))?;
    Ok(format!(
        "marked {shown} (`{}`) as up to date with its original {} (`{}`): original_hash: \"{hash}\"",
        page.lang,
        original.file.display(),
        original.lang
    ))
}

/// The page whose file `file` names: relative to the site's folder, else to the current
/// folder, else to `content/`.
fn find_page<'a>(
    content: &'a Content,
    root: &Path,
    file: &Path,
) -> Result<&'a crate::content::Page, String> {
    let mut candidates = vec![];
    if file.is_relative() {
        candidates.push(root.join(file));
    }
    candidates.push(file.to_path_buf());
    if file.is_relative() {
        candidates.push(root.join(crate::content::CONTENT_DIR).join(file));
    }
    let mut not_a_page = None;
    for candidate in &candidates {
        let Ok(wanted) = std::fs::canonicalize(candidate) else {
            continue;
        };
        let found = content
            .pages
            .iter()
            .filter(|p| !p.rel.contains('#'))
            .find(|p| std::fs::canonicalize(&p.file).is_ok_and(|f| f == wanted));
        match found {
            Some(page) => return Ok(page),
            None => {
                not_a_page.get_or_insert(candidate);
            }
        }
    }
    if let Some(candidate) = not_a_page {
        return Err(format!(
            "{}: not a page of the site in {}",
            candidate.display(),
            root.display()
        ));
    }
    let looked: Vec<String> = candidates
        .iter()
        .map(|c| format!("`{}`", c.display()))
        .collect();
    Err(format!(
        "{}: no such file (looked for {})",
        file.display(),
        looked.join(", ")
    ))
}

/// `text` with the top-level front matter `key` set to `value` (replaced, or added last);
/// the front matter found as the build finds it, the rest of the file kept byte for byte.
fn set_front_matter_key(text: &str, key: &str, value: &str) -> Option<String> {
    let split = crate::content::front_matter::split(text, Path::new("")).ok()?;
    // `yaml` is a slice of `text`: where it starts and ends in it.
    let start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + split.yaml.len();
    let new_line = format!("{key}: \"{value}\"\n");
    let mut lines: Vec<&str> = split.yaml.split_inclusive('\n').collect();
    match lines.iter().position(|l| l.starts_with(&format!("{key}:"))) {
        Some(i) => lines[i] = &new_line,
        None => lines.push(&new_line),
    }
    Some(format!(
        "{}{}{}",
        &text[..start],
        lines.concat(),
        &text[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_key_is_replaced_or_added() {
        let t = "---\ntitle: A\n---\nBody\n";
        assert_eq!(
            set_front_matter_key(t, "original_hash", "ab").unwrap(),
            "---\ntitle: A\noriginal_hash: \"ab\"\n---\nBody\n"
        );
        let t2 = "---\ntitle: A\noriginal_hash: \"xx\"\n---\nBody\n";
        assert_eq!(
            set_front_matter_key(t2, "original_hash", "ab").unwrap(),
            "---\ntitle: A\noriginal_hash: \"ab\"\n---\nBody\n"
        );
        assert!(set_front_matter_key("no front matter", "k", "v").is_none());
        // Found as the build finds it: after a byte order mark, with spaces after `---`.
        let t3 = "\u{feff}---  \ntitle: A\n---\nBody\n";
        assert_eq!(
            set_front_matter_key(t3, "original_hash", "ab").unwrap(),
            "\u{feff}---  \ntitle: A\noriginal_hash: \"ab\"\n---\nBody\n"
        );
    }
}
