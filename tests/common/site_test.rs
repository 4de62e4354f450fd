//! A site written out in the test itself and built through the library, not the binary:
//!
//! ```ignore
//! let built = SiteTest::new()
//!     .file("content/x.md", "---\ntitle: X\n---\n## Hello {#hi}\n")
//!     .build();
//! assert_eq!(built.texts("en/x/", "h2#hi"), ["Hello"]);
//! ```
//!
//! [`SiteTest::new`] starts from the smallest site that builds, all of it shown here: one
//! language, and templates that print the page's content and a section's page titles.
//! `.file` adds a file or replaces one of these. Tests of the command line contract (exit
//! statuses, what is printed) run the binary instead.

use dala::build::{build, BuildOptions, BuildReport};
use dala::error::BuildFailure;
use dala::error::{Diagnostic, Kind, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct SiteTest {
    files: BTreeMap<String, String>,
}

pub struct Built {
    pub root: PathBuf,
    pub out: PathBuf,
    pub result: Result<BuildReport, BuildFailure>,
}

impl SiteTest {
    pub fn new() -> SiteTest {
        let files = [
            (
                "site.yaml",
                "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n",
            ),
            ("content/_index.md", "---\ntitle: Home\n---\n"),
            (
                "templates/page.html",
                "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main>{{ page.content | safe }}</main></html>\n",
            ),
            (
                "templates/section.html",
                "<!doctype html><html lang=\"{{ lang }}\"><title>{{ section.title }}</title><main>{{ section.content | safe }}<ul>{% for p in section.pages %}<li><a href=\"{{ p.path }}\">{{ p.title }}</a></li>{% endfor %}</ul></main></html>\n",
            ),
        ];
        SiteTest {
            files: files
                .into_iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        }
    }

    /// Adds the file at `path` (inside the site), or replaces it.
    pub fn file(mut self, path: &str, text: &str) -> SiteTest {
        self.files.insert(path.to_string(), text.to_string());
        self
    }

    /// Leaves out the file at `path` (one of the starting site's, such as its templates).
    pub fn without(mut self, path: &str) -> SiteTest {
        self.files.remove(path);
        self
    }

    /// Writes the site to a scratch folder; returns its root.
    pub fn write(&self) -> PathBuf {
        let root = super::scratch("site-test").join("site");
        for (path, text) in &self.files {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        root
    }

    /// Writes the site to a scratch folder and builds it into `public/` beside it.
    pub fn build(self) -> Built {
        self.build_with(None)
    }

    /// [`SiteTest::build`] at the build date and time `now` (as `--now` takes it).
    pub fn build_at(self, now: &str) -> Built {
        self.build_with(Some(now.to_string()))
    }

    fn build_with(self, now: Option<String>) -> Built {
        let root = self.write();
        let out = root.parent().unwrap().join("public");
        let result = build(&BuildOptions {
            root: root.clone(),
            output: Some(out.clone()),
            drafts: false,
            base_url: None,
            force: false,
            progress: None,
            strict: false,
            links_checked_after: false,
            serving: false,
            precompress: None,
            now,
        });
        Built { root, out, result }
    }
}

impl Built {
    /// Every diagnostic: the errors of a failed build, or the warnings of a good one.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &self.result {
            Ok(report) => &report.warnings,
            Err(failure) => &failure.diagnostics,
        }
    }

    /// Panics, listing the diagnostics, unless the build succeeded.
    pub fn assert_ok(&self) -> &Built {
        if let Err(failure) = &self.result {
            let all: Vec<String> = failure.diagnostics.iter().map(|d| d.to_string()).collect();
            panic!("the build failed:\n{}", all.join("\n"));
        }
        self
    }

    /// The diagnostics of `severity` at the file whose path in the site is `file`.
    pub fn at(&self, severity: Severity, file: &str) -> Vec<&Diagnostic> {
        let path = self.root.join(file);
        self.diagnostics()
            .iter()
            .filter(|d| d.severity == severity && d.path == path)
            .collect()
    }

    /// The diagnostics of `kind` at the file whose path in the site is `file`.
    pub fn of(&self, kind: Kind, file: &str) -> Vec<&Diagnostic> {
        let path = self.root.join(file);
        self.diagnostics()
            .iter()
            .filter(|d| d.kind == kind && d.path == path)
            .collect()
    }

    /// The built page at `path` (`en/x/`, or a file name), parsed.
    pub fn page(&self, path: &str) -> scraper::Html {
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        super::html(&self.out.join(file))
    }

    /// The text of each element of the page at `path` that `css` selects.
    pub fn texts(&self, path: &str, css: &str) -> Vec<String> {
        let doc = self.page(path);
        super::select(&doc, css)
            .iter()
            .map(|e| e.text().collect())
            .collect()
    }
}
