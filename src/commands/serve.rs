//! `dala serve`: build, serve on loopback, rebuild on changes.

use crate::cli::ServeArgs;
use crate::messages::Lang;
use crate::serve;

pub fn run(args: ServeArgs, messages: Lang) -> i32 {
    serve::serve(serve::ServeOptions {
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        bind: args.bind,
        port: args.port,
        force: args.force,
        messages,
        now: args.now,
    })
}
