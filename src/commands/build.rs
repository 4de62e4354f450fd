//! `dala build`: the site into its output folder, with a summary, warnings and errors.

use crate::build::{build, BuildOptions};
use crate::cli::BuildArgs;
use crate::messages::{translate, Lang};
use crate::progress::Reporter;
use crate::{EXIT_OK, EXIT_SITE_ERRORS};
use std::io::Write;
use std::time::Instant;

pub fn run(args: BuildArgs, messages: Lang) -> i32 {
    let started = Instant::now();
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        base_url: args.base_url,
        force: args.force,
        progress: Some(Default::default()),
        strict: args.strict,
        links_checked_after: false,
        serving: false,
        // Off unless asked for, here or in site.yaml.
        precompress: args.precompress.then_some(true),
        now: args.now,
    };
    let stderr = std::io::stderr();
    let reporter = options.progress.clone().map(Reporter::start);
    let result = build(&options);
    drop(reporter);
    match result {
        Ok(report) => {
            let mut err = stderr.lock();
            for w in &report.warnings {
                let _ = writeln!(err, "{}", w.to_string_in(messages));
            }
            let per_language: Vec<String> = report
                .pages_per_language
                .iter()
                .map(|(lang, n)| format!("{lang} {n}"))
                .collect();
            let summary = format!(
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
            println!("{}", translate(messages, &summary));
            if args.timings {
                print!("\n{}", report.timings.to_text());
            }
            EXIT_OK
        }
        Err(failure) => {
            let mut err = stderr.lock();
            for d in &failure.diagnostics {
                let _ = writeln!(err, "{}", d.to_string_in(messages));
            }
            let last = format!("{failure}; {}", failure.output_outcome());
            let _ = writeln!(err, "{}", translate(messages, &last));
            EXIT_SITE_ERRORS
        }
    }
}
