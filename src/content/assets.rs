//! The files beside the Markdown in `content/`: the bundle page or section each belongs to.

use super::*;

/// Non-Markdown files: in a bundle folder (or below it) they belong to that bundle page;
/// elsewhere to the folder's section.
pub(super) fn assets(files: Vec<(PathBuf, String)>, content: &Content) -> Vec<Asset> {
    let bundles: BTreeMap<&str, &str> = content
        .pages
        .iter()
        .filter_map(|p| p.bundle.as_deref().map(|b| (b, p.group.as_str())))
        .collect();
    files
        .into_iter()
        .map(|(file, rel)| {
            let mut dir = parent_dir(&rel);
            let mut bundle = None;
            loop {
                if let Some(group) = bundles.get(dir) {
                    bundle = Some((dir, *group));
                    break;
                }
                if dir.is_empty() {
                    break;
                }
                dir = parent_dir(dir);
            }
            match bundle {
                Some((dir, group)) => Asset {
                    name: rel[dir.len() + 1..].to_string(),
                    owner_dir: dir.to_string(),
                    bundle: Some(group.to_string()),
                    file,
                },
                None => {
                    let dir = parent_dir(&rel);
                    Asset {
                        name: rel[if dir.is_empty() { 0 } else { dir.len() + 1 }..].to_string(),
                        owner_dir: dir.to_string(),
                        bundle: None,
                        file,
                    }
                }
            }
        })
        .collect()
}
