//! `menu:` of `site.yaml`: the links of a theme's main navigation, when the site chooses them
//! instead of its top-level sections. Each item is a section of `content/` or a path inside
//! the site, with its label per language:
//!
//! ```yaml
//! menu:
//!   - section: guides                      # its title in each language
//!   - section: blog
//!     label: { en: News, ru: Новости }      # or labels of the site's own
//!   - path: tags/                          # below each language's home: /en/tags/
//!     label: { en: Tags, ru: Теги }
//!   - path: /files/report.pdf              # from the site's root
//!     label: Annual report                 # the same in every language
//! ```
//!
//! This module reads and checks the list; which links each language gets is the site
//! model's (`crate::site::menu`), since only the content knows its sections.

use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use std::collections::BTreeMap;
use std::path::Path;

/// The keys of an item of `menu:`.
pub const ITEM_KEYS: &[&str] = &["section", "path", "label"];

/// One item of `menu:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    pub target: Target,
    /// Labels by language, as written (a plain `label: Text` is the default language's).
    pub labels: BTreeMap<Lang, String>,
    /// The item's line in `site.yaml`.
    pub line: usize,
}

/// What a menu item links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A section's folder inside `content/` (`guides`, `docs/api`), without slashes around.
    Section(String),
    /// A path below each language's home (`tags/`), or from the site's root when it starts
    /// with `/` (`/files/report.pdf`).
    Path(String),
}

/// Reads `menu:` (the list `value`, on line `line` of `path`); each item's problems are
/// errors at its line. `languages` are the configured codes, `default` the default one (if
/// site.yaml has a valid one).
pub fn parse(
    entry: &crate::yaml::Entry,
    (languages, default): (&[Lang], Option<&Lang>),
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Vec<MenuItem> {
    let items: Vec<serde_json::Value> = match entry.get() {
        Ok(items) => items,
        Err(e) => {
            let message = format!(
                "{}; `menu` is a list of items such as `- section: guides` or `- path: tags/` with `label: {{ en: Tags }}`",
                e.message
            );
            errors.push(Kind::Config.error(path, message).at(e.line));
            return Vec::new();
        }
    };
    let mut menu = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let line = entry.line_of_item(i, "");
        match parse_item(item, languages, default) {
            Ok((target, labels)) => menu.push(MenuItem {
                target,
                labels,
                line,
            }),
            Err(message) => errors.push(
                Kind::Config
                    .error(path, format!("menu item {}: {message}", i + 1))
                    .at(line),
            ),
        }
    }
    menu
}

/// One item: its target and its labels, or what is wrong with it.
fn parse_item(
    item: &serde_json::Value,
    languages: &[Lang],
    default: Option<&Lang>,
) -> Result<(Target, BTreeMap<Lang, String>), String> {
    let Some(map) = item.as_object() else {
        return Err(
            "expected `section: <folder>` or `path: <path>`, with an optional `label`".into(),
        );
    };
    if let Some(key) = map.keys().find(|k| !ITEM_KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown key `{key}`; allowed keys: {}",
            ITEM_KEYS.join(", ")
        ));
    }
    let text = |key: &str| -> Result<Option<String>, String> {
        match map.get(key) {
            None => Ok(None),
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(format!("`{key}` must be text, and not empty")),
        }
    };
    let target = match (text("section")?, text("path")?) {
        (Some(dir), None) => Target::Section(checked_path(&dir, "section")?),
        (None, Some(p)) => {
            let inner = checked_path(&p, "path")?;
            let from_root = p.starts_with('/');
            let folder = p.ends_with('/');
            Target::Path(format!(
                "{}{inner}{}",
                if from_root { "/" } else { "" },
                if folder { "/" } else { "" }
            ))
        }
        (Some(_), Some(_)) => return Err("has both `section` and `path`: give one".into()),
        (None, None) => {
            return Err(
                "needs `section: <folder in content/>` or `path: <path in the site>`".into(),
            )
        }
    };
    let labels = labels(map.get("label"), languages, default)?;
    if matches!(target, Target::Path(_)) {
        match default {
            Some(d) if !labels.contains_key(d) => {
                return Err(format!(
                    "a `path` needs a `label`, in the default language `{d}` at least"
                ))
            }
            _ => {}
        }
    }
    Ok((target, labels))
}

/// `label`: text (the default language's) or a map of configured languages to text.
fn labels(
    value: Option<&serde_json::Value>,
    languages: &[Lang],
    default: Option<&Lang>,
) -> Result<BTreeMap<Lang, String>, String> {
    let mut labels = BTreeMap::new();
    match value {
        None => {}
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
            if let Some(d) = default {
                labels.insert(d.clone(), s.clone());
            }
        }
        Some(serde_json::Value::Object(map)) => {
            for (code, text) in map {
                let Some(lang) = languages.iter().find(|l| l.as_str() == code) else {
                    let known: Vec<&str> = languages.iter().map(Lang::as_str).collect();
                    return Err(format!(
                        "`label` for `{code}`, which is not a configured language ({})",
                        known.join(", ")
                    ));
                };
                match text {
                    serde_json::Value::String(s) if !s.trim().is_empty() => {
                        labels.insert(lang.clone(), s.clone());
                    }
                    _ => return Err(format!("the `{code}` label must be text, and not empty")),
                }
            }
        }
        Some(_) => {
            return Err(
                "`label` is text, or a label per language: `label: { en: Tags, ru: Теги }`".into(),
            )
        }
    }
    Ok(labels)
}

/// `path` without the slashes around it, each segment one that a URL path may have.
fn checked_path(path: &str, key: &str) -> Result<String, String> {
    let inner = path.trim_start_matches('/').trim_end_matches('/');
    if inner.is_empty() {
        return Err(format!(
            "`{key}: {path}` names no page: give a folder or file inside the site, such as `tags/`"
        ));
    }
    for segment in inner.split('/') {
        crate::safe::check_segment(segment, path)
            .map_err(|problem| format!("`{key}`: {problem}"))?;
    }
    Ok(inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_menu(yaml: &str) -> (Vec<MenuItem>, Vec<Diagnostic>) {
        let table = crate::yaml::Table::parse(yaml, 1).unwrap();
        let langs = [Lang::parse("en").unwrap(), Lang::parse("ru").unwrap()];
        let mut errors = Vec::new();
        let entry = table.get("menu").unwrap();
        let menu = parse(
            entry,
            (&langs, Some(&langs[0])),
            Path::new("site.yaml"),
            &mut errors,
        );
        (menu, errors)
    }

    #[test]
    fn items_of_both_kinds() {
        let (menu, errors) = parse_menu(
            "menu:\n  - section: guides/\n  - path: tags/\n    label: { en: Tags, ru: Теги }\n  - path: /files/r.pdf\n    label: Report\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(menu[0].target, Target::Section("guides".into()));
        assert_eq!(menu[1].target, Target::Path("tags/".into()));
        assert_eq!(menu[1].labels.len(), 2);
        assert_eq!(menu[2].target, Target::Path("/files/r.pdf".into()));
        assert_eq!(menu[2].labels[&Lang::parse("en").unwrap()], "Report");
        assert_eq!(menu.iter().map(|m| m.line).collect::<Vec<_>>(), [2, 3, 5]);
    }

    #[test]
    fn each_problem_at_its_item() {
        let (menu, errors) = parse_menu(
            "menu:\n  - section: guides\n  - path: tags/\n    label: { ru: Теги }\n  - section: a\n    path: b\n  - path: ../up/\n    label: Up\n  - section: x\n    label: { fr: X }\n  - page: about\n",
        );
        assert_eq!(menu.len(), 1);
        let found: Vec<(Option<usize>, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(found[0].0 == Some(3) && found[0].1.contains("default language `en`"));
        assert!(found[1].0 == Some(5) && found[1].1.contains("both"));
        assert!(found[2].0 == Some(7) && found[2].1.contains("`..`"));
        assert!(found[3].0 == Some(9) && found[3].1.contains("`fr`"));
        assert!(found[4].0 == Some(11) && found[4].1.contains("unknown key `page`"));
    }
}
