//! The second phase: `site.yaml`, the theme, the interface strings, the templates and the
//! content, read and checked into a [`Loaded`] site.

use super::record::BuildCache;
use super::BuildOptions;
use crate::config::{Config, CONFIG_FILE};
use crate::content::{Content, SourceCache};
use crate::error::{BuildFailure, Diagnostic, Kind};
use crate::i18n::{Strings, I18N_DIR};
use crate::render::Templates;
use crate::url::Urls;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything of the site that rendering needs, loaded and checked.
pub(super) struct Loaded {
    pub(super) config: Config,
    pub(super) urls: Urls,
    pub(super) root: PathBuf,
    pub(super) theme_dir: Option<PathBuf>,
    pub(super) strings: Arc<Strings>,
    /// `None` when a template does not parse: the content is still checked.
    pub(super) templates: Option<Templates>,
    pub(super) content: Content,
    /// The main navigation of each language (see [`crate::site::menu`]).
    pub(super) menus:
        std::collections::BTreeMap<crate::lang::Lang, Vec<crate::views::MenuItemView>>,
    /// Problems found while loading; rendering goes on to find more.
    pub(super) errors: Vec<Diagnostic>,
    /// A hash of everything besides a page's own file that its HTML depends on: the
    /// configuration, the options, the templates and the interface strings.
    pub(super) fingerprint: u64,
    /// A hash of `site.yaml`.
    pub(super) config_hash: u64,
    /// The translation status of every page.
    pub(super) report: std::sync::Arc<crate::translations::Report>,
    /// Templates that call `translation_report()`, and a hash of the report: only what they
    /// render depends on it.
    pub(super) report_templates: std::collections::BTreeSet<String>,
    pub(super) report_hash: u64,
    /// The data files (`data/`) that templates read with `load_data()`: a page or listing
    /// depends on those its last render read (see [`crate::data::recording`]).
    pub(super) data: Arc<crate::data::DataFiles>,
    /// The stylesheets and scripts, named by their content (src/assets.rs).
    pub(super) assets: Arc<crate::assets::Assets>,
    /// The images of the bundles, their sizes read (src/build/images.rs).
    pub(super) images: super::images::SiteImages,
    /// Where processed images are kept between builds, beside the output.
    pub(super) image_cache: Arc<crate::images::Cache>,
    /// What `resize_image()` made for templates, to publish.
    pub(super) resizer: Arc<crate::images::Resizer>,
    /// Markdown files rendered, and the nanoseconds it took (all threads added up).
    pub(super) markdown_time: (std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64),
}

impl Loaded {
    pub(super) fn has_template(&self, name: &str) -> bool {
        self.templates.as_ref().is_some_and(|t| t.has(name))
    }

    /// The site as its model reads it.
    pub(super) fn model(&self) -> crate::site::Site<'_> {
        crate::site::Site {
            config: &self.config,
            content: &self.content,
            urls: &self.urls,
            strings: &self.strings,
        }
    }
}

pub(super) fn fail(diagnostics: Vec<Diagnostic>) -> BuildFailure {
    let mut diagnostics = diagnostics;
    diagnostics.sort();
    diagnostics.dedup();
    BuildFailure { diagnostics }
}

pub(super) fn load(options: &BuildOptions, previous: &BuildCache) -> Result<Loaded, BuildFailure> {
    let root = options.root.clone();
    let mut config = Config::load(&root).map_err(fail)?;
    let config_text = std::fs::read(root.join(CONFIG_FILE)).unwrap_or_default();
    let config_hash = crate::util::hash_bytes(&config_text);
    // What the last build read of the content stands only if site.yaml is the same.
    let empty = SourceCache::default();
    let known_sources = if previous.config == config_hash {
        &previous.sources
    } else {
        &empty
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.trim_end_matches('/').to_string();
    }
    if options.serving {
        config.offline = false;
    }
    let mut errors = Vec::new();
    match crate::time::build_now(options.now.as_deref()) {
        Ok(now) => config.now = now,
        Err(problem) => errors.push(Kind::Config.error(root.join(CONFIG_FILE), problem)),
    }
    let urls = Urls::new(&config.base_url);
    let theme_dir = config.theme_dir(&root);
    let theme_missing = missing_theme(&config, &root, theme_dir.as_deref(), &mut errors);
    let mut i18n_dirs: Vec<PathBuf> = theme_dir.iter().map(|d| d.join(I18N_DIR)).collect();
    i18n_dirs.push(root.join(I18N_DIR));
    let i18n_refs: Vec<&Path> = i18n_dirs.iter().map(PathBuf::as_path).collect();
    let strings = Arc::new(Strings::load(&i18n_refs, &config, &mut errors));
    let mut template_dirs: Vec<PathBuf> = theme_dir.iter().map(|d| d.join("templates")).collect();
    template_dirs.push(root.join("templates"));
    let mut templates = Templates::load(&template_dirs, strings.clone(), urls.clone(), &mut errors);
    let data = Arc::new(crate::data::DataFiles::load_all(&root, &mut errors));
    let assets = Arc::new(super::statics::assets(
        &root,
        theme_dir.as_deref(),
        config.search,
    ));
    if let Some(templates) = &mut templates {
        templates.provide_assets(assets.clone(), urls.clone());
        templates.provide_data(data.clone());
    }
    let content = Content::load(&root, &config, options.drafts, known_sources, &mut errors);
    let model = crate::site::Site {
        config: &config,
        content: &content,
        urls: &urls,
        strings: &strings,
    };
    let menus = crate::site::menu::menus(&model, &root.join(CONFIG_FILE), &mut errors);
    errors.extend(crate::site::schedule::problems(&model));
    let errors_before_checks = errors.len();
    if theme_missing {
        // Every template the theme should have had would be missing too: one error says it.
        templates = None;
    }
    if let Some(templates) = &templates {
        let site_templates = template_dirs.last().cloned().unwrap_or_default();
        required_templates(templates, &config, (&root, &site_templates), &mut errors);
    }
    if errors.len() > errors_before_checks {
        // Without the templates the site needs, rendering would only repeat the problem.
        templates = None;
    }
    let (report, report_templates, report_hash) =
        translation_report(&content, &config, &mut templates);
    let (images, image_cache, resizer, every_build) = super::images::prepare(
        &root,
        theme_dir.as_deref(),
        &config,
        &content,
        options,
        (&mut templates, &urls),
    );
    let fingerprint = crate::util::hash_bytes(
        format!(
            "{} {} {} {} {} {:?} {} {} {} {} {}",
            config_hash,
            // `dala serve` turns it off: every page's head changes.
            config.offline,
            every_build,
            // Pages give their images' widths and heights.
            images.fingerprint(),
            // Pages name the stylesheets and scripts by their content.
            assets.fingerprint(),
            options.base_url,
            options.drafts,
            templates.as_ref().map_or(0, Templates::fingerprint),
            strings.fingerprint(),
            // Every page shows the menu, which section titles and weights make.
            crate::util::hash_bytes(format!("{menus:?}").as_bytes()),
            // Where consultations and events stand at the build's date.
            crate::site::schedule::fingerprint(&model)
        )
        .as_bytes(),
    );
    Ok(Loaded {
        config,
        urls,
        root,
        theme_dir,
        strings,
        templates,
        content,
        menus,
        errors,
        fingerprint,
        config_hash,
        report,
        report_templates,
        report_hash,
        data,
        assets,
        images,
        image_cache,
        resizer,
        markdown_time: Default::default(),
    })
}

/// The templates every site needs: a page's and a section's, and a taxonomy's and a term's
/// when site.yaml lists taxonomies; each missing one is an error.
fn required_templates(
    templates: &Templates,
    config: &Config,
    (root, site_templates): (&Path, &Path),
    errors: &mut Vec<Diagnostic>,
) {
    for required in ["page.html", "section.html"] {
        if !templates.has(required) {
            errors.push(Kind::Template.error(
                site_templates,
                format!(
                    "no template `{required}`: the theme or the site's templates/ must have one"
                ),
            ));
        }
    }
    if !config.taxonomies.is_empty() {
        for required in ["taxonomy.html", "taxonomy_term.html"] {
            if !templates.has(required) {
                errors.push(Kind::Template.error(
                    root.join(CONFIG_FILE),
                    format!(
                        "site.yaml lists taxonomies, but the theme has no template `{required}`"
                    ),
                ));
            }
        }
    }
}

/// The translation status of every page, given to the templates that call
/// `translation_report()` (which it returns, with a hash of the report).
fn translation_report(
    content: &Content,
    config: &Config,
    templates: &mut Option<Templates>,
) -> (
    Arc<crate::translations::Report>,
    std::collections::BTreeSet<String>,
    u64,
) {
    let report = Arc::new(crate::translations::report(content, config));
    let report_templates = templates
        .as_mut()
        .map(|t| t.provide_report(report.clone()))
        .unwrap_or_default();
    let report_hash = crate::util::hash_bytes(&serde_json::to_vec(&*report).unwrap_or_default());
    (report, report_templates, report_hash)
}

/// Whether site.yaml names a theme whose folder is not there (an error, then).
fn missing_theme(
    config: &Config,
    root: &Path,
    theme_dir: Option<&Path>,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let Some(dir) = theme_dir.filter(|d| !d.is_dir()) else {
        return false;
    };
    errors.push(Kind::Config.error(
        root.join(CONFIG_FILE),
        format!(
            "theme `{}`: there is no folder {}",
            config.theme.as_deref().unwrap_or(""),
            dir.display()
        ),
    ));
    true
}
