//! The links the built pages make inside the site, and those that lead to nothing: a
//! warning of the build (`dala check` reports them as errors, with anchors besides).
//!
//! Each HTML file the build produces is scanned as it is put ([`Links::built`]); a file
//! kept from the last build has the links the record says it had ([`Links::kept`]), so
//! that an incremental build finds a link whose page went away as a whole build does.

use crate::error::{Diagnostic, Kind};
use crate::html_links::{
    self, climbs, leads_to_nothing, no_such_file, on_pages, served_file, Resolver, Target,
};
use crate::output::Origin;
use crate::url::Urls;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// The links of the built HTML files, kept in the build record.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct LinkRecord {
    /// Each distinct link: as written (without its fragment), and where it leads.
    links: Vec<(String, Target)>,
    /// The links of each HTML file, as indexes into `links`.
    files: BTreeMap<String, Vec<u32>>,
}

/// Collects the links of the HTML files a build produces. Each rendering thread works on
/// a table of its own, taken from a pool and put back (the lock is held for that only, not
/// while a page's links are resolved); the tables are merged at the end.
pub(super) struct Links<'a> {
    resolver: Resolver,
    previous: &'a LinkRecord,
    tables: Mutex<Vec<Table>>,
}

#[derive(Default)]
struct Table {
    /// Each link met that leads to the same place from every page (see
    /// [`Resolver::same_from_every_page`]), by what it is written as: its number in
    /// `links`, or `None` when it leaves the site. (A relative link is resolved each time:
    /// a page's own links are distinct, so it would be met again only from another page,
    /// under another key.)
    known: FxHashMap<String, Option<u32>>,
    ids: FxHashMap<(String, Target), u32>,
    links: Vec<(String, Target)>,
    /// Each HTML file's links, and the source it was made from.
    files: BTreeMap<String, (Vec<u32>, PathBuf)>,
}

impl Table {
    fn number(&mut self, link: (String, Target)) -> u32 {
        if let Some(&id) = self.ids.get(&link) {
            return id;
        }
        let id = self.links.len() as u32;
        self.links.push(link.clone());
        self.ids.insert(link, id);
        id
    }

    /// One table of the links and files of `tables`.
    fn merge(tables: Vec<Table>) -> Table {
        let mut tables = tables.into_iter();
        let mut all = tables.next().unwrap_or_default();
        for table in tables {
            let renumber: Vec<u32> = table.links.into_iter().map(|l| all.number(l)).collect();
            for (path, (ids, origin)) in table.files {
                let ids = ids.iter().map(|&i| renumber[i as usize]).collect();
                all.add(&path, ids, origin);
            }
        }
        all
    }

    fn add(&mut self, path: &str, mut ids: Vec<u32>, origin: PathBuf) {
        ids.sort_unstable();
        ids.dedup();
        self.files.insert(path.to_string(), (ids, origin));
    }
}

impl<'a> Links<'a> {
    pub(super) fn new(urls: &Urls, previous: &'a LinkRecord) -> Links<'a> {
        Links {
            resolver: Resolver::new(urls),
            previous,
            tables: Mutex::default(),
        }
    }

    /// Scans a file the build produced at `path`, if it is HTML.
    pub(super) fn built(&self, path: &str, bytes: &[u8], origin: &Origin) {
        if !path.ends_with(".html") {
            return;
        }
        let mut table = self.take_table();
        let mut ids = Vec::new();
        for link in html_links::links_in(bytes) {
            let link = match link {
                Cow::Borrowed(l) => Cow::Borrowed(l.split('#').next().unwrap_or(l)),
                Cow::Owned(l) => Cow::Owned(l.split('#').next().unwrap_or(&l).to_string()),
            };
            // A link to a Markdown file is the Markdown's to resolve: one it could not is an
            // error already.
            if crate::markdown::is_content_link(&link) {
                continue;
            }
            let everywhere = self.resolver.same_from_every_page(&link);
            if everywhere {
                if let Some(&id) = table.known.get(link.as_ref()) {
                    ids.extend(id);
                    continue;
                }
            }
            let target = self.resolver.target(path, &link);
            if !everywhere {
                ids.extend(target.map(|target| table.number((link.into_owned(), target))));
                continue;
            }
            let link = link.into_owned();
            let id = target.map(|target| table.number((link.clone(), target)));
            table.known.insert(link, id);
            ids.extend(id);
        }
        table.add(path, ids, origin.file.clone());
        self.put_back(table);
    }

    /// Takes the links the last build recorded for the file at `path`, kept as it was.
    pub(super) fn kept(&self, path: &str, origin: &Origin) {
        let Some(ids) = self.previous.files.get(path) else {
            return;
        };
        let mut table = self.take_table();
        let ids = ids
            .iter()
            .filter_map(|&i| self.previous.links.get(i as usize).cloned())
            .map(|link| table.number(link))
            .collect();
        table.add(path, ids, origin.file.clone());
        self.put_back(table);
    }

    /// A table no other thread is using (a new one if all are).
    fn take_table(&self) -> Table {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables.pop().unwrap_or_default()
    }

    fn put_back(&self, table: Table) {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables.push(table);
    }

    /// The links that lead to nothing (`has` tells which output files the build made), as
    /// warnings, and the record for the next build.
    pub(super) fn finish(
        self,
        has: impl Fn(&str) -> bool + Sync,
        missing_files_fail: bool,
    ) -> (LinkRecord, Vec<Diagnostic>) {
        let tables = self.tables.into_inner().unwrap_or_else(|e| e.into_inner());
        let table = Table::merge(tables);
        // The same numbers whatever order the jobs ran in: by link.
        let mut order: Vec<u32> = (0..table.links.len() as u32).collect();
        // (On both cores: this and the checks below run after every page is written, while
        // nothing else can.)
        order.par_sort_unstable_by(|&a, &b| table.links[a as usize].cmp(&table.links[b as usize]));
        let mut renumber = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }
        let dead: Vec<bool> = table
            .links
            .par_iter()
            .map(|(_, target)| match target {
                Target::Path(path) => served_file(path, &has).is_none(),
                Target::Climbs => true,
            })
            .collect();
        // Each dead link, with the files that have it, in path order.
        let mut found: BTreeMap<u32, Vec<(&str, &PathBuf)>> = BTreeMap::new();
        let mut files = BTreeMap::new();
        for (path, (ids, origin)) in &table.files {
            for &id in ids {
                if dead[id as usize] {
                    found
                        .entry(renumber[id as usize])
                        .or_default()
                        .push((path, origin));
                }
            }
            let mut ids: Vec<u32> = ids.iter().map(|&i| renumber[i as usize]).collect();
            ids.sort_unstable();
            files.insert(path.clone(), ids);
        }
        let links: Vec<(String, Target)> = order
            .iter()
            .map(|&i| table.links[i as usize].clone())
            .collect();
        let warnings = found
            .into_iter()
            .map(|(id, on)| warning(&links[id as usize], &on, missing_files_fail))
            .collect();
        (LinkRecord { links, files }, warnings)
    }
}

/// The warning for a link that leads to nothing, on the files `on` (with their sources):
/// at the line of the first one's source that writes it, or else at that source, as a link
/// its template puts there. An image or other file that a content file names and that is
/// not there is an error (with `missing_files_fail`): the page would be published without
/// it.
fn warning(
    (link, target): &(String, Target),
    on: &[(&str, &PathBuf)],
    missing_files_fail: bool,
) -> Diagnostic {
    let file = match target {
        Target::Path(path) => is_file(path),
        Target::Climbs => false,
    };
    // A page of the content says more than a listing of site.yaml.
    let (page, source) = on
        .iter()
        .find(|(_, source)| source.extension().is_some_and(|x| x == "md"))
        .unwrap_or(&on[0]);
    let decoded = crate::url::percent_decode(link).unwrap_or_else(|| link.clone());
    let written = std::fs::read_to_string(source).ok().and_then(|text| {
        text.lines().enumerate().find_map(|(i, l)| {
            let as_written = [link, &decoded]
                .into_iter()
                .find(|w| !w.is_empty() && l.contains(w.as_str()))?;
            Some((i + 1, l.to_string(), as_written.clone()))
        })
    });
    // The link as the source writes it, when it does.
    let shown = written.as_ref().map_or(link, |(_, _, w)| w);
    let message = match target {
        Target::Climbs => climbs(shown),
        Target::Path(_) if file && written.is_some() => no_such_file(shown),
        Target::Path(_) => leads_to_nothing(shown),
    };
    match written {
        Some((number, line, as_written)) => {
            let elsewhere = match on.len() - 1 {
                0 => String::new(),
                1 => " (also on 1 other page)".to_string(),
                n => format!(" (also on {n} other pages)"),
            };
            let message = format!("{message}{elsewhere}");
            let d = if file && missing_files_fail {
                Kind::Link.error(source, message)
            } else {
                Kind::Link.warning(source, message)
            };
            d.at(number).quoting(&line, number, Some(&as_written))
        }
        None => Kind::Link.warning(
            source,
            format!("{message} (on {page}: {})", on_pages(on.len())),
        ),
    }
}

/// Whether a path of the output names a file other than a page: `img/map.png`, `a.pdf`.
fn is_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    match name.rsplit_once('.') {
        Some((stem, ext)) => !stem.is_empty() && !matches!(ext, "html" | "htm" | ""),
        None => false,
    }
}
