//! Templates: tera set up once per build, with dala's functions and filters.
//!
//! Templates come from `themes/<theme>/templates/`, overridden by name from the site's
//! `templates/`. They never see dala's internal model, only the serializable views that
//! `build` puts in their context (documented in `docs/templates.md`).

use crate::error::{Diagnostic, Kind};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::url::{SitePath, Urls};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::{Context, Tera, Value};

/// Templates dala supplies when the theme has none of that name (see docs/templates.md).
const BUILTIN: &[(&str, &str)] = &[
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("root.html", include_str!("builtin/root.html")),
    ("404.html", include_str!("builtin/404.html")),
    ("redirect.html", include_str!("builtin/redirect.html")),
    ("offline.html", include_str!("builtin/offline.html")),
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
];

thread_local! {
    /// The language of the page being rendered on this thread, for `t()`, `date()` and the
    /// other functions that speak the page's language. Thread-local, not passed, because a
    /// Tera function receives only its arguments: templates write `t(key="read_more")`, and
    /// making them pass `lang=lang` to every call would break every theme. Set by
    /// `Templates::timed` before each render, on the thread that renders.
    static CURRENT_LANG: RefCell<Option<Lang>> = const { RefCell::new(None) };
}

pub struct Templates {
    tera: Tera,
    /// Template name -> its file (for error messages).
    files: BTreeMap<String, PathBuf>,
    /// A hash of every template's name and text.
    fingerprint: u64,
    /// Per template: renders, and the time they took.
    timings: std::sync::Mutex<HashMap<String, (u64, std::time::Duration)>>,
}

impl Templates {
    /// Loads the theme's and the site's templates. Every template that fails to parse is
    /// reported; `None` when any did.
    pub fn load(
        dirs: &[PathBuf],
        strings: Arc<Strings>,
        urls: Urls,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Templates> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        for (name, text) in BUILTIN {
            sources.insert(
                name.to_string(),
                (PathBuf::from(format!("<builtin {name}>")), text.to_string()),
            );
        }
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            for entry in walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file()
                    || crate::content::is_ignored(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let name = crate::util::relative(entry.path(), dir);
                match crate::source::read(entry.path(), "this template") {
                    Ok(text) => {
                        sources.insert(name, (entry.path().to_path_buf(), text));
                    }
                    Err(e) => errors.push(e),
                }
            }
        }

        let mut tera = Tera::default();
        // Parse one by one first, so that every broken template is reported with its file.
        let mut ok = true;
        for (name, (file, text)) in &sources {
            let mut probe = Tera::default();
            if let Err(e) = probe.add_raw_template(name, text) {
                // A missing parent or macro file is only known once all templates are loaded
                // together: alone, a template that imports macros always lacks them.
                let message = chain(&e);
                if message.contains("is inheriting from") || message.contains("loads macros from") {
                    continue;
                }
                ok = false;
                errors.push(template_error(file, &e));
            }
        }
        if !ok {
            return None;
        }
        // Cycles of include, extends and import overflow the stack when rendered: refuse them.
        let cycles = crate::template_check::check(&sources);
        if !cycles.is_empty() {
            errors.extend(cycles);
            return None;
        }
        let all: Vec<(String, String)> = sources
            .iter()
            .map(|(n, (_, t))| (n.clone(), t.clone()))
            .collect();
        let fingerprint = crate::util::hash_bytes(format!("{all:?}").as_bytes());
        if let Err(e) = tera.add_raw_templates(all) {
            // Inheritance problems (a missing parent) only show when all are together.
            errors.push(crate::template_check::load_error(
                &sources,
                dirs.last().map_or(Path::new("templates"), |d| d.as_path()),
                &chain(&e),
            ));
            return None;
        }
        // Tera's default also escapes `/`, which only bloats every URL in a page.
        tera.set_escape_fn(crate::util::escape);
        register(&mut tera, strings, urls);
        crate::template_check::instrument(&mut tera);
        crate::safe::register(&mut tera);
        tera.register_filter("markdown", crate::field_markdown::MarkdownFilter);
        let files = sources.into_iter().map(|(n, (f, _))| (n, f)).collect();
        Some(Templates {
            tera,
            files,
            fingerprint,
            timings: Default::default(),
        })
    }

    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Gives templates `translation_report()`: the status of every page's translations
    /// (see [`crate::translations`]), for a status page for editors. Returns the templates
    /// that call it: what they render depends on every page.
    pub fn provide_report(
        &mut self,
        report: std::sync::Arc<crate::translations::Report>,
    ) -> std::collections::BTreeSet<String> {
        let value = serde_json::to_value(&*report).unwrap_or_default();
        self.tera
            .register_function("translation_report", move |_: &HashMap<String, Value>| {
                Ok(value.clone())
            });
        self.files
            .iter()
            .filter(|(_, f)| {
                std::fs::read_to_string(f).is_ok_and(|t| t.contains("translation_report"))
            })
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Gives templates `load_data(path=...)`: the data files of the site (see
    /// [`crate::data`]), each read noted for the build record.
    pub fn provide_data(&mut self, data: Arc<crate::data::DataFiles>) {
        self.tera
            .register_function("load_data", move |args: &HashMap<String, Value>| {
                let path = args
                    .get("path")
                    .and_then(Value::as_str)
                    .ok_or_else(|| tera::Error::msg(crate::hints::data_no_path()))?;
                let file = data.get(path).map_err(tera::Error::msg)?;
                crate::data::note_read(file);
                Ok(file.value.clone())
            });
    }

    /// Gives `get_url()` the names with hashes of the site's stylesheets and scripts, and
    /// templates `integrity(path=...)`, their Subresource Integrity value (see
    /// [`crate::assets`]).
    pub fn provide_assets(&mut self, assets: Arc<crate::assets::Assets>, urls: Urls) {
        register_get_url(&mut self.tera, urls, Some(assets.clone()));
        self.tera
            .register_function("integrity", move |args: &HashMap<String, Value>| {
                let path = args.get("path").and_then(Value::as_str).ok_or_else(|| {
                    tera::Error::msg("integrity() needs a `path`, e.g. integrity(path=\"style.css\")")
                })?;
                let asset = assets.get(path).ok_or_else(|| {
                    tera::Error::msg(format!(
                        "integrity(path=\"{path}\"): the site publishes no stylesheet or script `{path}` (a .css or .js file of static/)"
                    ))
                })?;
                Ok(Value::String(asset.integrity.clone()))
            });
    }

    /// Gives templates `resize_image(path=..., width=..., format="webp")`: an image of
    /// `content/` or `static/` at a width, as `{url, width, height}` (see
    /// [`crate::images::Resizer`]). Returns whether a template calls it.
    pub fn provide_images(&mut self, resizer: Arc<crate::images::Resizer>, urls: Urls) -> bool {
        self.tera
            .register_function("resize_image", move |args: &HashMap<String, Value>| {
                let path = args.get("path").and_then(Value::as_str).ok_or_else(|| {
                    tera::Error::msg(
                        "resize_image() needs a `path`, e.g. resize_image(path=\"articles/x/photo.jpg\", width=600)",
                    )
                })?;
                let width = match args.get("width") {
                    None => 720,
                    Some(w) => w.as_u64().and_then(|w| u32::try_from(w).ok()).ok_or_else(|| {
                        tera::Error::msg(format!(
                            "resize_image(path=\"{path}\"): `width` must be a number of pixels"
                        ))
                    })?,
                };
                let format = args.get("format").and_then(Value::as_str).unwrap_or("webp");
                let resized = resizer
                    .resize(path, width, format)
                    .map_err(tera::Error::msg)?;
                let url = urls.path(&crate::url::SitePath::file(&resized.path));
                Ok(serde_json::json!({
                    "url": url,
                    "width": resized.width,
                    "height": resized.height,
                }))
            });
        self.files
            .values()
            .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("resize_image")))
    }

    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Whether `name` is dala's built-in template (no theme or site file replaces it).
    pub fn is_builtin(&self, name: &str) -> bool {
        self.files
            .get(name)
            .is_some_and(|f| f.to_string_lossy().starts_with("<builtin "))
    }

    /// Renders `name` in `lang`, adding the time it took to the template's timings.
    fn timed(&self, name: &str, context: &Context, lang: &Lang) -> tera::Result<String> {
        self.timed_with(name, lang, || self.tera.render(name, context))
    }

    /// [`Templates::timed`] for any way of rendering.
    fn timed_with<R>(
        &self,
        name: &str,
        lang: &Lang,
        render: impl FnOnce() -> tera::Result<R>,
    ) -> tera::Result<R> {
        CURRENT_LANG.with(|c| *c.borrow_mut() = Some(lang.clone()));
        crate::template_check::reset();
        let started = std::time::Instant::now();
        let result = render();
        let took = started.elapsed();
        let mut timings = self.timings.lock().unwrap_or_else(|e| e.into_inner());
        match timings.get_mut(name) {
            Some(entry) => *entry = (entry.0 + 1, entry.1 + took),
            None => {
                timings.insert(name.to_string(), (1, took));
            }
        }
        result
    }

    /// (template, renders, seconds), the slowest first.
    pub fn timings(&self) -> Vec<(String, u64, f64)> {
        let timings = self.timings.lock().unwrap_or_else(|e| e.into_inner());
        let mut list: Vec<(String, u64, f64)> = timings
            .iter()
            .map(|(n, (count, took))| (n.clone(), *count, took.as_secs_f64()))
            .collect();
        list.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        list
    }

    /// The names of all templates.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Renders a shortcode's template; the error is tera's message in one line.
    pub fn render_shortcode(
        &self,
        name: &str,
        context: &Context,
        lang: &Lang,
    ) -> Result<String, String> {
        self.timed(name, context, lang).map_err(|e| {
            if let Some(d) = crate::template_check::stopped(&self.files, name) {
                // The caller reports it at the Markdown's call: say where the macro is.
                let line = d.line.map(|l| format!(":{l}")).unwrap_or_default();
                return format!("{} ({}{line})", d.message, d.path.display());
            }
            // `throw(message=...)` in a template: the editor needs only the message.
            let message = chain(&e);
            match message.split_once("Function call 'throw' failed: ") {
                Some((_, m)) => m.to_string(),
                None => message,
            }
        })
    }

    /// The file a template was read from, for diagnostics.
    pub fn file(&self, name: &str) -> PathBuf {
        self.files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    }

    /// Renders `name` for a page in `lang`; `what` names the content being rendered.
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        lang: &Lang,
        what: &str,
    ) -> Result<String, Diagnostic> {
        self.timed(name, context, lang)
            .map_err(|e| self.render_error(name, what, &e))
    }

    /// [`Templates::render`] for a file of the output: its bytes, not checked again as
    /// UTF-8 as a whole (tera writes only strings; checking a whole page cost 1.4 % of a
    /// build).
    pub fn render_bytes(
        &self,
        name: &str,
        context: &Context,
        lang: &Lang,
        what: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.timed_with(name, lang, || {
            let mut out = Vec::with_capacity(16 << 10);
            self.tera.render_to(name, context, &mut out).map(|()| out)
        })
        .map_err(|e| self.render_error(name, what, &e))
    }

    fn render_error(&self, name: &str, what: &str, e: &tera::Error) -> Diagnostic {
        if let Some(d) = crate::template_check::stopped(&self.files, what) {
            return d;
        }
        crate::render_errors::render_error(&self.files, name, &chain(e), what)
    }
}

/// A template file that does not parse: tera's message names line and column.
fn template_error(file: &Path, e: &tera::Error) -> Diagnostic {
    let message = chain(e);
    // tera writes "--> 12:5" for parse errors.
    let place = message.split("--> ").nth(1).and_then(|rest| {
        let mut it = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
    });
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let d = Kind::Template.error(file, message);
    match place {
        Some((line, column)) => d.at_column(line, column),
        None => d,
    }
}

/// An error and its sources, in one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// `get_url(path=..., absolute=false)`: the URL of a file of the site; a stylesheet or
/// script of `assets` by its name with the hash of its content.
fn register_get_url(tera: &mut Tera, urls: Urls, assets: Option<Arc<crate::assets::Assets>>) {
    tera.register_function("get_url", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg("get_url() needs a `path`, e.g. get_url(path=\"style.css\")")
        })?;
        let absolute = args
            .get("absolute")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let path = match assets.as_ref().and_then(|a| a.get(path)) {
            Some(asset) => asset.hashed.as_str(),
            None => path,
        };
        let p = SitePath::file(path);
        Ok(Value::String(if absolute {
            urls.permalink(&p)
        } else {
            urls.path(&p)
        }))
    });
}

fn register(tera: &mut Tera, strings: Arc<Strings>, urls: Urls) {
    let date_strings = strings.clone();
    let region_strings = strings.clone();
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs a `key`, e.g. t(key=\"home\")"))?;
        let lang = match args.get("lang").and_then(Value::as_str) {
            Some(code) => Lang::parse(code).map_err(tera::Error::msg)?,
            None => CURRENT_LANG
                .with(|c| c.borrow().clone())
                .ok_or_else(|| tera::Error::msg("t(): no current language"))?,
        };
        let count = args.get("count").and_then(Value::as_u64);
        let extra: Vec<(&str, String)> = args
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "key" | "lang" | "count"))
            .map(|(k, v)| {
                (
                    k.as_str(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            })
            .collect();
        match strings.text(&lang, key, count, &extra) {
            Some(s) => Ok(Value::String(s)),
            None => Err(tera::Error::msg(crate::render_errors::missing_string(
                &strings, key,
            ))),
        }
    });
    tera.register_function("country_name", move |args: &HashMap<String, Value>| {
        let code = args.get("code").and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg("country_name() needs a `code`, e.g. country_name(code=\"kz\")")
        })?;
        let code = crate::taxonomy::check_term(crate::taxonomy::Kind::Countries, code)
            .map_err(tera::Error::msg)?;
        let lang = current_lang()?;
        Ok(Value::String(
            region_strings
                .region_name(&lang, &code)
                .unwrap_or_else(|| code.to_ascii_uppercase()),
        ))
    });
    register_get_url(tera, urls, None);
    tera.register_filter(
        "date",
        move |value: &Value, args: &HashMap<String, Value>| {
            let text = match value {
                Value::String(s) => s.as_str(),
                Value::Object(o) => o.get("datetime").and_then(Value::as_str).unwrap_or(""),
                _ => return Err(tera::Error::msg("date: expected a date (e.g. page.date)")),
            };
            let date = crate::date::Date::parse(text).map_err(tera::Error::msg)?;
            let format = args.get("format").and_then(Value::as_str).unwrap_or("long");
            let lang = match args.get("lang").and_then(Value::as_str) {
                Some(code) => Lang::parse(code).map_err(tera::Error::msg)?,
                None => current_lang()?,
            };
            let localized = |long: bool| {
                date_strings
                    .format_date(&lang, date.ymd(), long)
                    .unwrap_or_else(|| date.day().to_string())
            };
            match format {
                "long" => Ok(Value::String(localized(true))),
                "short" => Ok(Value::String(localized(false))),
                "iso" | "day" => Ok(Value::String(date.day().to_string())),
                "rfc3339" => Ok(Value::String(date.rfc3339().to_string())),
                other => Err(tera::Error::msg(format!(
                    "date: unknown format `{other}` (expected `long`, `short`, `iso` or `rfc3339`)"
                ))),
            }
        },
    );
}

/// The language of the page being rendered on this thread.
fn current_lang() -> tera::Result<Lang> {
    CURRENT_LANG
        .with(|c| c.borrow().clone())
        .ok_or_else(|| tera::Error::msg("no current language"))
}
