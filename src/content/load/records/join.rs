//! The records joined to the Markdown page files: a version of a record with a file of the
//! same id and language adds to it; one without makes a page of its own.

use super::*;

impl Records {
    /// The page files with the records' versions: each joined to the file of its entry
    /// and language, or added as a page of its own when the record gives its title.
    pub(in crate::content::load) fn join(
        self,
        mut files: Vec<PageFile>,
        config: &Config,
        drafts: bool,
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<PageFile> {
        let mut written: BTreeMap<(String, Lang), usize> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            let name = match &f.bundle {
                Some(b) => b.clone(),
                None => dir_join(&f.dir, &f.stem),
            };
            written.insert((name, f.lang.clone()), i);
        }
        for (name, entry) in self.entries {
            let Some(collection) = config
                .collections
                .iter()
                .find(|c| c.name == entry.collection)
            else {
                continue;
            };
            for (lang, version) in &entry.versions {
                match written.get(&(name.clone(), lang.clone())) {
                    Some(&i) => {
                        join_one(&mut files[i], version, (&entry, collection), config, errors)
                    }
                    None if version.titled => files.push(entry.page(lang, version, config)),
                    None => {}
                }
            }
        }
        files.retain(|f| drafts || !f.fm.draft);
        files
    }
}

impl Entry {
    /// The page of a version that no Markdown file has: its body is empty, its file the
    /// data file, its name in `content/` the one its Markdown file would have.
    fn page(&self, lang: &Lang, version: &Version, config: &Config) -> PageFile {
        let name = if *lang == config.default_language {
            format!("{}.md", self.id)
        } else {
            format!("{}.{lang}.md", self.id)
        };
        PageFile {
            file: self.file.clone(),
            rel: dir_join(&self.section, &name),
            dir: self.section.clone(),
            lang: lang.clone(),
            stem: self.id.clone(),
            bundle: None,
            fm: version.fm.clone(),
            body: Some(String::new()),
            body_line: 1,
            source_hash: version.hash,
            text_hash: crate::util::stable_hash(b""),
        }
    }
}

/// Joins `version` of a record of `entry` to the Markdown file `file` of its id: the
/// file's front matter wins; a shared field both give differently is an error at the file.
/// The file, checked without `required:`, is checked for it now.
fn join_one(
    file: &mut PageFile,
    version: &Version,
    (entry, collection): (&Entry, &Collection),
    config: &Config,
    errors: &mut Vec<Diagnostic>,
) {
    let r = &version.fm;
    let fm = &mut file.fm;
    for (own, theirs) in [(&mut fm.date, &r.date), (&mut fm.updated, &r.updated)] {
        if own.is_none() {
            own.clone_from(theirs);
        }
    }
    fm.draft |= r.draft;
    for (own, theirs) in [
        (&mut fm.slug, &r.slug),
        (&mut fm.summary, &r.summary),
        (&mut fm.description, &r.description),
    ] {
        if own.is_none() {
            own.clone_from(theirs);
        }
    }
    fm.weight = fm.weight.or(r.weight);
    for (own, theirs) in [(&mut fm.aliases, &r.aliases), (&mut fm.authors, &r.authors)] {
        if own.is_empty() {
            own.clone_from(theirs);
        }
    }
    for (taxonomy, terms) in &r.taxonomies {
        fm.taxonomies
            .entry(taxonomy.clone())
            .or_insert_with(|| terms.clone());
    }
    let taxonomies = &config.taxonomies;
    if let (Some(own), Some(theirs)) = (fm.fields.as_object_mut(), r.fields.as_object()) {
        for (name, value) in theirs {
            let shared = collection
                .fields
                .iter()
                .any(|f| &f.name == name && f.shared);
            match own.get(name) {
                Some(mine) if shared && mine != value => {
                    let key = collections::place_key(name, taxonomies);
                    let line = fm.lines.get(&key).copied().unwrap_or(1);
                    let message = hints::record_shared_differs(name, &entry.shown, &entry.id);
                    errors.push(
                        DiagnosticKind::FrontMatter
                            .error(&file.file, message)
                            .at(line),
                    );
                    // Said once: translations compare with the record's value.
                    own.insert(name.clone(), value.clone());
                }
                Some(_) => {}
                None => {
                    own.insert(name.clone(), value.clone());
                }
            }
        }
    }
    for field in collection.fields.iter().filter(|f| f.required && !f.shared) {
        let given = fm.fields.get(&field.name).is_some_and(|v| !v.is_null());
        let key = collections::place_key(&field.name, taxonomies);
        if !given && !fm.lines.contains_key(&key) {
            let top = collections::is_top_level(&field.name, taxonomies);
            let line = fm.lines.get("extra").copied().unwrap_or(1);
            errors.push(
                DiagnosticKind::FrontMatter
                    .error(&file.file, collections::missing(&field.name, top))
                    .at(line),
            );
        }
    }
    let hashes = format!("{} {}", file.source_hash, version.hash);
    file.source_hash = crate::util::hash_bytes(hashes.as_bytes());
}
