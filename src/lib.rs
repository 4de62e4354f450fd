//! dala: a static site generator for multilingual sites, built for the digital government
//! hub of Central Asia and the Caucasus.
//!
//! The binary only calls [`run`]; everything is reachable from the library, so tests can
//! drive a build without a process.

pub mod build;
pub mod check;
pub mod cldr;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod highlight;
pub mod i18n;
pub mod lang;
pub mod markdown;
pub mod output;
pub mod progress;
pub mod render;
pub mod render_errors;
pub mod safe;
pub mod scaffold;
pub mod scratch;
pub mod search;
pub mod serve;
pub mod shortcode;
pub mod slug;
pub mod source;
pub mod taxonomy;
pub mod template_check;
pub mod translations;
pub mod translit;
pub mod typography;
pub mod url;
pub mod views;
pub mod walk;
mod yaml;

use clap::Parser;
use std::io::Write;
use std::time::Instant;

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the site has errors.
pub const EXIT_SITE_ERRORS: i32 = 1;
/// Exit status: bad usage.
pub const EXIT_USAGE: i32 = 2;

/// Runs the command line `args` (the program name first) and returns the exit status.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    // Before any parallel work: pages render on rayon's threads, with a deep stack.
    template_check::configure_threads();
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    match cli.command {
        cli::Command::Build(args) => run_build(args),
        cli::Command::Translations(args) => run_translations(args),
        cli::Command::Check(args) => {
            let problems = check::check(&args.root, args.external);
            let failing = problems.iter().filter(|p| p.severity != "note").count();
            if args.format == "json" {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&problems).unwrap_or_default()
                );
            } else {
                for p in &problems {
                    println!("{p}");
                }
                let notes = problems.len() - failing;
                println!(
                    "check: {} ({notes} note{})",
                    if failing == 0 {
                        "no problems".to_string()
                    } else {
                        format!("{failing} problem{}", if failing == 1 { "" } else { "s" })
                    },
                    if notes == 1 { "" } else { "s" }
                );
            }
            if failing == 0 {
                EXIT_OK
            } else {
                EXIT_SITE_ERRORS
            }
        }
        cli::Command::New(args) => {
            match scaffold::new_content(&args.root, &args.kind, &args.path, args.lang.as_deref()) {
                Ok(file) => {
                    println!("wrote {}", file.display());
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    EXIT_SITE_ERRORS
                }
            }
        }
        cli::Command::Init(args) => match scaffold::init(&args.dir) {
            Ok(files) => {
                println!(
                    "made a site in {} ({} files); build it with: dala build --root {}",
                    args.dir.display(),
                    files.len(),
                    args.dir.display()
                );
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_SITE_ERRORS
            }
        },
        cli::Command::Serve(args) => serve::serve(serve::ServeOptions {
            root: args.root,
            output: args.output,
            drafts: args.drafts,
            bind: args.bind,
            port: args.port,
            force: args.force,
        }),
    }
}

fn run_translations(args: cli::TranslationsArgs) -> i32 {
    let print_all = |diagnostics: &[error::Diagnostic]| {
        for d in diagnostics {
            eprintln!("{d}");
        }
    };
    let config = match config::Config::load(&args.root) {
        Ok(c) => c,
        Err(e) => {
            print_all(&e);
            return EXIT_SITE_ERRORS;
        }
    };
    let mut problems = Vec::new();
    let content = content::Content::load(
        &args.root,
        &config,
        true,
        &Default::default(),
        &mut problems,
    );
    if problems.iter().any(error::Diagnostic::is_error) {
        print_all(&problems);
        return EXIT_SITE_ERRORS;
    }
    if !args.mark.is_empty() {
        let mut status = EXIT_OK;
        for file in &args.mark {
            match translations::mark(&content, &config, file) {
                Ok(done) => println!("{done}"),
                Err(why) => {
                    eprintln!("error: {why}");
                    status = EXIT_SITE_ERRORS;
                }
            }
        }
        return status;
    }
    let report = translations::report(&content, &config);
    if args.format == "json" {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_SITE_ERRORS;
            }
        }
    } else {
        print!("{}", report.to_text());
    }
    EXIT_OK
}

fn run_build(args: cli::BuildArgs) -> i32 {
    let started = Instant::now();
    let options = build::BuildOptions {
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        base_url: args.base_url,
        force: args.force,
        progress: Some(Default::default()),
    };
    let stderr = std::io::stderr();
    let reporter = options.progress.clone().map(progress::Reporter::start);
    let result = build::build(&options);
    drop(reporter);
    match result {
        Ok(report) => {
            let mut err = stderr.lock();
            for w in &report.warnings {
                let _ = writeln!(err, "{w}");
            }
            let per_language: Vec<String> = report
                .pages_per_language
                .iter()
                .map(|(lang, n)| format!("{lang} {n}"))
                .collect();
            println!(
                "built {} in {:.2} s: pages {} ({} rendered, the rest unchanged); files {} ({} written, {} unchanged, {} removed)",
                report.output.display(),
                started.elapsed().as_secs_f64(),
                per_language.join(", "),
                report.pages_rendered,
                report.files,
                report.stats.written,
                report.stats.unchanged,
                report.stats.removed,
            );
            if args.timings {
                print!("\n{}", report.timings.to_text());
            }
            EXIT_OK
        }
        Err(failure) => {
            let mut err = stderr.lock();
            for d in &failure.diagnostics {
                let _ = writeln!(err, "{d}");
            }
            let _ = writeln!(err, "{failure}; {}", failure.output_outcome());
            EXIT_SITE_ERRORS
        }
    }
}
