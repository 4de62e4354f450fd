//! The files below `content/`: read, told apart by name (page, section, translation),
//! and their names checked (a language suffix, spaces and capitals).

use super::*;

/// The Markdown files below `content/`, classified, the other files (assets), and the
/// Markdown files refused for their names.
pub(super) fn read_tree(
    content_dir: &Path,
    root: &Path,
    config: &Config,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Classified>, Vec<(PathBuf, String)>, Vec<String>) {
    let mut markdown = Vec::new();
    let mut other = Vec::new();
    let mut unplaced = Vec::new();
    let mut named_folders = BTreeSet::new();
    for found in crate::walk::files(content_dir, root, is_ignored, errors) {
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
                Ok(c) => {
                    badly_named(content_dir, &c, &mut named_folders, errors);
                    markdown.push(c);
                }
                Err(e) => {
                    errors.push(e);
                    unplaced.push(rel);
                }
            }
        } else {
            other.push((path.to_path_buf(), rel));
        }
    }
    (markdown, other, unplaced)
}

/// A warning for the name of a Markdown file with spaces or capital letters (`My Page.md`),
/// and for each folder above it named so (once per folder: `named` are those seen): the
/// address is made of the name lower-cased with `-` for spaces, and the file is better
/// renamed so.
pub(super) fn badly_named(
    content_dir: &Path,
    c: &Classified,
    named: &mut BTreeSet<String>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut folder = String::new();
    let segments: Vec<&str> = c.rel.split('/').collect();
    let (name, folders) = segments.split_last().expect("a path has a name");
    for segment in folders {
        if !folder.is_empty() {
            folder.push('/');
        }
        folder.push_str(segment);
        if let Some(renamed) = crate::hints::url_name(segment) {
            if named.insert(folder.clone()) {
                errors.push(DiagnosticKind::Path.warning(
                    content_dir.join(&folder),
                    crate::hints::name_to_rename(true, segment, &renamed),
                ));
            }
        }
    }
    // The name without its language suffix (`kk-Latn` has a capital) and `.md`.
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let base = match stem.rsplit_once('.') {
        Some((base, suffix)) if suffix == c.lang.as_str() => base,
        _ => stem,
    };
    if let Some(renamed) = crate::hints::url_name(base) {
        let renamed = format!("{renamed}{}", &name[base.len()..]);
        errors.push(
            DiagnosticKind::Path
                .warning(&c.file, crate::hints::name_to_rename(false, name, &renamed)),
        );
    }
}

/// A name of `content/` as it goes into an address: lower case, `-` for spaces.
pub(super) fn in_url(name: &str) -> String {
    crate::hints::url_name(name).unwrap_or_else(|| name.to_string())
}

pub(super) fn classify(file: &Path, rel: &str, config: &Config) -> Result<Classified, Diagnostic> {
    let (dir, name) = match rel.rfind('/') {
        Some(i) => (&rel[..i], &rel[i + 1..]),
        None => ("", rel),
    };
    let stem_full = name.strip_suffix(".md").unwrap_or(name);
    let (base, lang) = match stem_full.rsplit_once('.') {
        Some((base, suffix)) if !base.is_empty() => match config.find_language(suffix) {
            Some(l) => (base, l.code.clone()),
            None if Lang::looks_like_tag(suffix) => {
                return Err(DiagnosticKind::Path.error(file, wrong_language(suffix, base, config)))
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
            Kind::Page { stem: in_url(folder), bundle: Some(dir.to_string()) }
        }
        _ => Kind::Page { stem: in_url(base), bundle: None },
    };
    let url_dir = match &kind {
        Kind::Page {
            bundle: Some(b), ..
        } => parent_dir(b),
        _ => dir,
    };
    let url_dir = url_dir.split('/').map(in_url).collect::<Vec<_>>().join("/");
    Ok(Classified {
        file: file.to_path_buf(),
        rel: rel.to_string(),
        dir: url_dir,
        lang,
        kind,
    })
}

/// The error for file `base.suffix.md` whose language suffix the site does not have.
pub(super) fn wrong_language(suffix: &str, base: &str, config: &Config) -> String {
    let meant = crate::hints::country_as_language(suffix);
    match &meant {
        Some((code, country, name)) if config.find_language(code).is_some() => {
            crate::hints::country_code_in_file_name(
                suffix,
                country,
                code,
                name,
                &format!("{base}.{code}.md"),
            )
        }
        _ => crate::hints::unconfigured_language(
            suffix,
            &config.language_codes(),
            meant
                .as_ref()
                .map(|(c, country, name)| (c.as_str(), *country, *name)),
        ),
    }
}
