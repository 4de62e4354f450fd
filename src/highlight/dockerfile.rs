//! Dockerfiles with their shell commands highlighted: the catalog's Dockerfile grammar
//! reads the instructions, and the commands of a `RUN` (to the end of the instruction,
//! across lines that end with `\`) are read as shell script, as in a `sh` block.

use super::reader::{Parser, Readers, Unparsable};
use super::Spans;

/// The catalog's language of the instructions.
pub(super) const LANGUAGE: &str = "docker";
/// The catalog's language of a `RUN`'s commands.
const SHELL: &str = "shellscript";

/// Pushes the lines of a Dockerfile, each token with its class.
pub(super) fn dockerfile(
    code: &str,
    readers: &mut Readers,
    spans: &mut Spans,
) -> Result<(), Unparsable> {
    let mut instructions = Parser::new(LANGUAGE);
    // The commands of the `RUN` being read, when its last line ended with `\`.
    let mut commands: Option<Parser> = None;
    for line in code.split_inclusive('\n') {
        if let Some(parser) = commands.as_mut() {
            readers.line(parser, line, spans)?;
            if !continues(line) {
                commands = None;
            }
            continue;
        }
        let Some(at) = run_commands(line) else {
            readers.line(&mut instructions, line, spans)?;
            continue;
        };
        readers.line(&mut instructions, &line[..at], spans)?;
        let mut parser = Parser::new(SHELL);
        readers.line(&mut parser, &line[at..], spans)?;
        if continues(line) {
            commands = Some(parser);
        }
    }
    Ok(())
}

/// Where the commands begin when `line` is a `RUN` instruction (in any case, after any
/// indentation, with its options: `RUN --mount=type=cache,target=/root/.cargo cargo build`).
fn run_commands(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    if rest.len() < 4 || !rest[..3].eq_ignore_ascii_case("run") {
        return None;
    }
    let after = &rest[3..];
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let mut at = indent + 3;
    // The options (`--mount=...`, `--network=none`) stay with the instruction.
    loop {
        let rest = &line[at..];
        let word_start = at + (rest.len() - rest.trim_start().len());
        if !line[word_start..].starts_with("--") {
            return Some(word_start);
        }
        at = word_start
            + line[word_start..]
                .find(char::is_whitespace)
                .unwrap_or(line.len() - word_start);
    }
}

/// Whether `line` goes on on the next one.
fn continues(line: &str) -> bool {
    line.trim_end().ends_with('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_instructions_are_found_with_their_options() {
        assert_eq!(run_commands("RUN cargo build\n"), Some(4));
        assert_eq!(run_commands("  run  ls\n"), Some(7));
        assert_eq!(
            run_commands("RUN --mount=type=cache,target=/x cargo build\n"),
            Some(33)
        );
        assert_eq!(run_commands("RUNNER x\n"), None);
        assert_eq!(run_commands("FROM rust\n"), None);
        assert_eq!(run_commands("RUN\n"), None);
        assert!(continues("RUN a && \\\n"));
        assert!(!continues("RUN a\n"));
    }
}
