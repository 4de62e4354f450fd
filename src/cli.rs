//! The command line: clap definitions, one argument struct per command.

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::scaffold::NewKind;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "dala",
    version,
    about = "dala builds fast, multilingual static sites from Markdown",
    long_about = "dala builds fast, multilingual static sites from Markdown with YAML front matter and Tera templates.\n\nExit status: 0 success, 1 the site has errors (each printed with file and line), 2 bad usage."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of dala's messages: en, ru or kk [default: the environment's
    /// DALA_MESSAGES, else its locale (LC_ALL, LC_MESSAGES, LANG), else en]. `--format json`
    /// stays in English
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_messages)]
    pub messages: Option<crate::messages::Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default)
    Build(BuildArgs),
    /// Build, serve the site on 127.0.0.1 and rebuild it on every change, reloading the
    /// pages open in the browser
    Serve(ServeArgs),
    /// Check whether the site is fit to publish: everything `build` checks, plus every
    /// internal link and #anchor, the front matter rules of site.yaml, duplicate titles and
    /// slugs, images without alt text; missing translations are listed as notes
    Check(CheckArgs),
    /// Write a new content file with its front matter filled in: `dala new article
    /// articles/my-article --lang kk`
    New(NewArgs),
    /// Make a new site in a folder (site.yaml, a home, a section and an article in each of
    /// its languages, the hub theme): `dala init my-site --languages kk,ru,en`
    Init(InitArgs),
    /// Show each page's original and whether its translations exist, are missing or out of
    /// date; or record that a translation is up to date with --mark
    Translations(TranslationsArgs),
    /// Convert another generator's content into a dala site: `dala import hugo SRC DEST`
    /// writes DEST/content/ and DEST/static/ and lists what needs a person
    Import(ImportArgs),
    /// Print docs/highlighting.md: every language code blocks are highlighted in
    #[command(hide = true)]
    HighlightLanguages,
}

/// The generators `dala import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    /// A Hugo site (its folder, with content/) or a Hugo content folder
    Hugo,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The generator the content comes from
    #[arg(value_name = "FROM", value_enum)]
    pub from: ImportFrom,
    /// The Hugo site's folder (or its content folder)
    #[arg(value_name = "SRC")]
    pub src: PathBuf,
    /// The dala site's folder: the content goes to DEST/content/, static files to
    /// DEST/static/
    #[arg(value_name = "DEST")]
    pub dest: PathBuf,
    /// Replace files that already exist in DEST (refused without it, and nothing is written)
    #[arg(long)]
    pub force: bool,
}

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people
    Text,
    /// For scripts and CI
    Json,
}

#[derive(Debug, Args)]
pub struct TranslationsArgs {
    /// The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// `text`: a table; `json`: the same data for scripts and CI
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Record in these translation files that they match their original as it is now
    /// (writes `original_hash:` into their front matter). A page's original is the version
    /// its `original:` (or its section's) names, else the default language's, else the
    /// first language of site.yaml that has it. FILE is looked for in the site's folder
    /// (--root), then from the current folder, then in content/
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub mark: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder: the one holding site.yaml, content/, themes/, i18n/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: public/ inside the root]. The folder is replaced
    /// whole, atomically, and only when the build succeeds
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of site.yaml's `base_url` (e.g. for a preview deployment)
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Print where the time went: per phase, and per template (with the Markdown apart)
    #[arg(long)]
    pub timings: bool,
    /// Replace the output folder even if it holds files that no dala build made (no build
    /// record beside it), such as another generator's public/
    #[arg(long)]
    pub force: bool,
    /// Fail on warnings too (exit 1, the output left as it was). Without it, warnings are
    /// printed and the build succeeds; errors always fail it
    #[arg(long)]
    pub strict: bool,
    /// Write a .gz and a .br beside each text file of the output (HTML, CSS, JS, XML, JSON,
    /// SVG...) of 1 KB or more, for hosts that serve precompressed files; as site.yaml's
    /// `precompress: true`
    #[arg(long)]
    pub precompress: bool,
    /// The build's date and time, for what depends on it (the status of a consultation or
    /// an event): `2026-12-03`, `2026-12-03T09:30:00+05:00` or seconds since 1970. Without
    /// it, SOURCE_DATE_EPOCH, else the clock
    #[arg(long, value_name = "WHEN", value_parser = parse_now)]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder: the one holding site.yaml, content/, themes/, i18n/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to build [default: a folder of the user's cache, ~/.cache/dala, one per site]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// The address to listen on
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: String,
    /// The port to listen on (0: any free port; the address is printed)
    #[arg(long, value_name = "PORT", default_value_t = 1111)]
    pub port: u16,
    /// Build into --output even if it holds files that no dala build made
    #[arg(long)]
    pub force: bool,
    /// The build's date and time, for what depends on it (the status of a consultation or
    /// an event): `2026-12-03`, `2026-12-03T09:30:00+05:00` or seconds since 1970. Without
    /// it, SOURCE_DATE_EPOCH, else the clock
    #[arg(long, value_name = "WHEN", value_parser = parse_now)]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// `text`: one line per problem; `json`: a list of {file, line, severity, message}
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also check links that leave the site (eight requests at a time, 10 s each at most)
    #[arg(long)]
    pub external: bool,
    /// Fail on warnings too (exit 1). Without it, warnings are listed and only errors fail
    /// the check
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// `article` (with today's date), `page` or `section`
    #[arg(value_name = "KIND", value_enum)]
    pub kind: NewKind,
    /// Where, inside content/: `articles/my-article`; with a trailing `/`
    /// (`articles/my-article/`), a page bundle: `articles/my-article/index.md`
    #[arg(value_name = "PATH")]
    pub path: String,
    /// Write a page bundle, a folder with the page's `index.md` (and its images beside it)
    #[arg(long)]
    pub bundle: bool,
    /// The language of the new file [default: the site's default language]
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The site's folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make the site in (new, or empty)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The site's languages, separated by commas, the first being the default language:
    /// `kk,ru,en`. Each one the hub theme speaks (az, en, hy, ka, kk, ky, ru, tg, tk, uz), or
    /// kk-Latn / uz-Cyrl with kk / uz, which dala writes from them [default: en,ru]
    #[arg(long, value_name = "LANGS")]
    pub languages: Option<String>,
}

fn parse_messages(s: &str) -> Result<crate::messages::Lang, String> {
    crate::messages::Lang::from_code(s).ok_or_else(|| format!("expected en, ru or kk, not `{s}`"))
}

fn parse_now(s: &str) -> Result<String, String> {
    crate::time::parse_now(s).map(|_| s.to_string())
}

fn parse_base_url(s: &str) -> Result<String, String> {
    crate::safe::check_base_url(s).map(|()| s.to_string())
}
