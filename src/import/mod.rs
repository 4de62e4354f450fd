//! `dala import hugo SRC DEST`: a Hugo site's content as a dala site's.
//!
//! Every Markdown file of Hugo's `content/` gets YAML front matter with dala's keys (from
//! YAML, `+++` TOML or JSON front matter; dates as dala reads them; what dala has no key for
//! kept under `extra:`), its body as it was but for `<!--more-->`, and its file name with its
//! language suffix (`x.ru.md`). The other files of `content/` (page bundles' images) and
//! `static/` are copied. What needs a person is listed, each with its file and line: every
//! shortcode call (`{{< x >}}`, `{{% x %}}`), every template of `layouts/` and of the
//! themes, the configuration (site.yaml is written by hand), front matter keys dala has no
//! equivalent for.
//!
//! It writes only inside DEST, and never replaces a file there without `force`: when one
//! exists, nothing at all is written and every such file is named. A problem that stops the
//! import (front matter that does not parse) is an error, and nothing is written either.

mod front_matter;
mod toml;

use crate::error::{Diagnostic, Kind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What an import did: the files written (paths inside DEST) and what needs a person.
#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<String>,
    /// Warnings (a person must act) and notes (done, but worth knowing), by file and line.
    pub diagnostics: Vec<Diagnostic>,
}

/// One file to put into DEST.
enum Output {
    Text(String),
    Copy(PathBuf),
}

/// Imports the Hugo site at `src` (its folder with `content/`, or a content folder itself)
/// into the dala site folder `dest`. Errors mean nothing was written.
pub fn hugo(src: &Path, dest: &Path, force: bool) -> Result<Report, Vec<Diagnostic>> {
    if !src.is_dir() {
        return Err(vec![Kind::Io.error(
            src,
            "not a folder: give a Hugo site's folder or its content folder",
        )]);
    }
    let (content, site) = if src.join("content").is_dir() {
        (src.join("content"), Some(src))
    } else {
        (src.to_path_buf(), None)
    };
    let mut report = Report::default();
    let mut errors = Vec::new();
    let mut plan: BTreeMap<String, Output> = BTreeMap::new();
    let mut unmapped: BTreeMap<String, Vec<(PathBuf, usize)>> = BTreeMap::new();

    let mut walk_problems = Vec::new();
    for found in crate::walk::files(
        &content,
        src,
        crate::content::is_ignored,
        &mut walk_problems,
    ) {
        let shown = shown_path(src, &found.path);
        let markdown = [".md", ".markdown", ".mdown"]
            .iter()
            .find(|e| found.rel.ends_with(*e));
        match markdown {
            Some(ext) => {
                let text = match crate::source::read(&found.path, "this page") {
                    Ok(text) => text,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                match front_matter::convert(&text, &shown) {
                    Ok(page) => {
                        for (key, line) in page.unmapped {
                            unmapped.entry(key).or_default().push((shown.clone(), line));
                        }
                        report.diagnostics.extend(page.diagnostics);
                        let rel = format!("{}.md", &found.rel[..found.rel.len() - ext.len()]);
                        plan.insert(format!("content/{rel}"), Output::Text(page.text));
                    }
                    Err(e) => errors.push(e),
                }
            }
            None if found.rel.ends_with(".html") || found.rel.ends_with(".htm") => {
                report.diagnostics.push(Kind::Other.warning(
                    &shown,
                    "an HTML page of Hugo's content: dala's pages are Markdown; not imported, rewrite it as a .md page (raw HTML is allowed with `markdown: { unsafe_html: true }`)",
                ).at(1));
            }
            None => {
                plan.insert(format!("content/{}", found.rel), Output::Copy(found.path));
            }
        }
    }
    language_folders(&content, src, &mut report.diagnostics);
    if let Some(site) = site {
        let statics = site.join("static");
        if statics.is_dir() {
            for found in crate::walk::files(
                &statics,
                src,
                crate::content::is_ignored,
                &mut walk_problems,
            ) {
                plan.insert(format!("static/{}", found.rel), Output::Copy(found.path));
            }
        }
        needs_a_person(site, src, &mut report.diagnostics, &mut walk_problems);
    }
    errors.extend(walk_problems.iter().filter(|d| d.is_error()).cloned());
    report
        .diagnostics
        .extend(walk_problems.into_iter().filter(|d| !d.is_error()));
    for (key, files) in unmapped {
        let ((file, line), more) = (&files[0], files.len() - 1);
        let also = if more > 0 {
            format!(
                " (and {more} more file{})",
                if more == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        report.diagnostics.push(Kind::FrontMatter.note(
            file,
            format!("front matter key `{key}`{also}: dala has no such key; kept under `extra:` for templates to use"),
        ).at(*line));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    write(dest, plan, force, &mut report)?;
    report.diagnostics.sort();
    Ok(report)
}

/// The path of `file` as messages show it: inside `src`, with `src` before it.
fn shown_path(src: &Path, file: &Path) -> PathBuf {
    match file.strip_prefix(src) {
        Ok(rel) => src.join(rel),
        Err(_) => file.to_path_buf(),
    }
}

/// A warning for each top-level folder of `content` named like a language (`ru`, `kk-Latn`):
/// Hugo's per-language content folders (`contentDir`), which dala does not have.
fn language_folders(content: &Path, src: &Path, out: &mut Vec<Diagnostic>) {
    let Ok(entries) = std::fs::read_dir(content) else {
        return;
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.len() <= 8 && crate::lang::Lang::parse(n).is_ok())
        })
        .collect();
    folders.sort();
    for folder in folders {
        let lang = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        out.push(Kind::Path.warning(
            shown_path(src, &folder),
            format!("a folder named like the language `{lang}`: if it is Hugo's content folder of that language, its pages were imported as pages of a section `{lang}`; move them beside their originals as `name.{lang}.md` (docs/hugo.md#configuration)"),
        ));
    }
}

/// The parts of a Hugo site that dala does not convert: templates, configuration, and the
/// rest, each a warning for a person.
fn needs_a_person(
    site: &Path,
    src: &Path,
    out: &mut Vec<Diagnostic>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut layouts = vec![site.join("layouts")];
    if let Ok(themes) = std::fs::read_dir(site.join("themes")) {
        let mut themes: Vec<PathBuf> = themes
            .filter_map(Result::ok)
            .map(|e| e.path().join("layouts"))
            .collect();
        themes.sort();
        layouts.extend(themes);
    }
    for dir in layouts.iter().filter(|d| d.is_dir()) {
        for found in crate::walk::files(dir, src, crate::content::is_ignored, problems) {
            let what = if found.rel.starts_with("shortcodes/") {
                "a Hugo shortcode template (Go templates): rewrite it as a Tera template in templates/shortcodes/ (docs/hugo.md#shortcodes)"
            } else {
                "a Hugo template (Go templates): rewrite it as a Tera template in templates/ or choose a dala theme (docs/hugo.md#templates)"
            };
            out.push(
                Kind::Template
                    .warning(shown_path(src, &found.path), what)
                    .at(1),
            );
        }
    }
    for name in [
        "hugo.toml",
        "hugo.yaml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.json",
        "config",
    ] {
        let path = site.join(name);
        if path.exists() {
            out.push(
                Kind::Config
                    .warning(shown_path(src, &path), "Hugo's configuration: write site.yaml by hand (base_url, languages, taxonomies, menu; docs/hugo.md#configuration)")
                    .at(1),
            );
        }
    }
    let others = [
        ("i18n", "Hugo's interface strings: write i18n/<lang>.yaml (docs/hugo.md#templates)"),
        ("data", "Hugo's data files: copy the YAML, JSON and CSV ones to data/ (TOML ones as YAML) and read them with load_data() in templates (docs/hugo.md#data-files)"),
        ("assets", "Hugo Pipes assets: dala copies static/ as it is; build CSS and scripts before, into static/"),
        ("archetypes", "Hugo's archetypes: `dala new article|page|section` writes new files"),
    ];
    for (dir, message) in others {
        let path = site.join(dir);
        if path.is_dir() {
            out.push(Kind::Other.warning(shown_path(src, &path), message));
        }
    }
}

/// Writes `plan` into `dest`, refusing it whole if a file exists (without `force`) or a
/// path would lead outside `dest`.
fn write(
    dest: &Path,
    plan: BTreeMap<String, Output>,
    force: bool,
    report: &mut Report,
) -> Result<(), Vec<Diagnostic>> {
    std::fs::create_dir_all(dest)
        .map_err(|e| vec![Kind::Io.error(dest, format!("cannot make the folder: {e}"))])?;
    let root = std::fs::canonicalize(dest)
        .map_err(|e| vec![Kind::Io.error(dest, format!("cannot read: {e}"))])?;
    let mut refused = Vec::new();
    for rel in plan.keys() {
        let target = dest.join(rel);
        // The deepest part of the path that exists must be inside DEST: a link in DEST that
        // leads elsewhere is never written through.
        let existing = target
            .ancestors()
            .find(|a| a.symlink_metadata().is_ok())
            .unwrap_or(dest);
        let inside = if existing
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
            && existing == target
        {
            // The file itself is a link: with --force it is replaced, not followed.
            existing
                .parent()
                .and_then(|p| std::fs::canonicalize(p).ok())
                .is_some_and(|p| p.starts_with(&root))
        } else {
            std::fs::canonicalize(existing).is_ok_and(|p| p.starts_with(&root))
        };
        if !inside {
            refused.push(Kind::Path.error(
                &target,
                "leads outside the destination folder (through a link): nothing was written",
            ));
        } else if target.symlink_metadata().is_ok() && !force {
            refused.push(Kind::Path.error(
                &target,
                "already exists: nothing was written (--force replaces such files)",
            ));
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    for (rel, output) in plan {
        let target = dest.join(&rel);
        let io = |e: std::io::Error| vec![Kind::Io.error(&target, format!("cannot write: {e}"))];
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        if target
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            std::fs::remove_file(&target).map_err(io)?;
        }
        match output {
            Output::Text(text) => std::fs::write(&target, text).map_err(io)?,
            Output::Copy(from) => {
                std::fs::copy(&from, &target).map_err(io)?;
            }
        }
        report.written.push(rel);
    }
    Ok(())
}
