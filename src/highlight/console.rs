//! Shell sessions (`console`, `shell-session`): commands typed at a prompt, and what they
//! printed. dala reads them with a small grammar of its own, which knows PowerShell's
//! prompts as well as a POSIX shell's:
//!
//! - a line that begins with a prompt is a command: the prompt gets a class of its own
//!   ([`PROMPT`]), and the command is read as bash, or as PowerShell after a `PS C:\>`
//!   prompt;
//! - a line that goes on with the command above it is command too: after a line that ends
//!   with the shell's line continuation (`\`, PowerShell's `` ` ``), or one that begins
//!   with the shell's prompt for more (`> `, `>> `) right after a command line, as in the
//!   lines of a here-document. The command's parser goes on where that line left it;
//! - every other line is output ([`OUTPUT`]).
//!
//! The prompts known: `$`, `#` (root) and `%`, alone or after `user@host:~/folder`,
//! `[user@host folder]` or `(venv) `; and PowerShell's `PS>` and `PS C:\folder>`. A prompt
//! is followed by a space or ends the line.

use super::reader::{Parser, Readers, Unparsable};
use super::Spans;

/// The class of a prompt.
pub(super) const PROMPT: &str = "gp";
/// The class of a command's output.
pub(super) const OUTPUT: &str = "go";

/// The shell that a prompt is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shell {
    Posix,
    PowerShell,
}

impl Shell {
    /// The catalog's language its commands are read in.
    pub(super) fn language(self) -> &'static str {
        match self {
            Shell::Posix => "shellscript",
            Shell::PowerShell => "powershell",
        }
    }

    /// Whether `line` ends with the mark that continues a command on the next line.
    fn continues(self, line: &str) -> bool {
        let mark = match self {
            Shell::Posix => '\\',
            Shell::PowerShell => '`',
        };
        line.trim_end().ends_with(mark)
    }

    /// The prompt for more of a command, when `line` begins with it.
    fn more(self, line: &str) -> Option<usize> {
        let prompt = match self {
            Shell::Posix => ">",
            Shell::PowerShell => ">>",
        };
        line.strip_prefix(prompt)
            .and_then(|rest| after_sign(rest, prompt.len()))
    }
}

/// Pushes the lines of a session, each prompt, command and output with its class.
pub(super) fn session(
    code: &str,
    readers: &mut Readers,
    spans: &mut Spans,
) -> Result<(), Unparsable> {
    // The command being read: its shell and its parser, and whether its last line asked
    // for more. `None` after output.
    let mut command: Option<(Shell, Parser, bool)> = None;
    for line in code.split_inclusive('\n') {
        if let Some((shell, parser, continued)) = command.as_mut() {
            let more = shell.more(line);
            if *continued || more.is_some() {
                let prompt = more.unwrap_or(0);
                spans.push(&line[..prompt], PROMPT);
                readers.line(parser, &line[prompt..], spans)?;
                *continued = shell.continues(line);
                continue;
            }
        }
        command = None;
        let Some((prompt, shell)) = prompt(line) else {
            spans.push(line, OUTPUT);
            continue;
        };
        let mut parser = Parser::new(shell.language());
        spans.push(&line[..prompt], PROMPT);
        readers.line(&mut parser, &line[prompt..], spans)?;
        command = Some((shell, parser, shell.continues(line)));
    }
    Ok(())
}

/// The length in bytes of the prompt that begins `line` (with the space after it), and the
/// shell it is of.
fn prompt(line: &str) -> Option<(usize, Shell)> {
    if let Some(length) = powershell_prompt(line) {
        return Some((length, Shell::PowerShell));
    }
    posix_prompt(line).map(|length| (length, Shell::Posix))
}

/// `PS>` or `PS C:\Users\me>`.
fn powershell_prompt(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("PS")?;
    let end = rest.find('>')?;
    let place = &rest[..end];
    if !place.is_empty() && (!place.starts_with(' ') || place.trim().is_empty()) {
        return None;
    }
    after_sign(&rest[end + 1..], "PS".len() + end + 1)
}

/// `$`, `#` or `%`, alone or after `(venv) ` and `user@host:~/folder` or `[user@host folder]`.
fn posix_prompt(line: &str) -> Option<usize> {
    let mut at = 0;
    if line.starts_with('(') {
        at = line.find(") ")? + 2;
    }
    let rest = &line[at..];
    let sign = if rest.starts_with('[') {
        // The sign right after the bracket.
        rest.find(']')? + 1
    } else {
        // The last character of the first word, whose other characters name a user, a
        // host or a folder.
        let word = rest.split(char::is_whitespace).next().unwrap_or("");
        let sign = word.len().checked_sub(1)?;
        let place = &word[..sign];
        if !place.is_empty() && !place.contains(['@', ':', '~', '/']) {
            return None;
        }
        sign
    };
    if !matches!(rest.as_bytes().get(sign), Some(b'$' | b'#' | b'%')) {
        return None;
    }
    after_sign(&rest[sign + 1..], at + sign + 1)
}

/// The prompt's length, `length` and the space after it, when `rest` (what follows its sign)
/// begins with a space or is the end of the line.
fn after_sign(rest: &str, length: usize) -> Option<usize> {
    if rest.starts_with(' ') {
        Some(length + 1)
    } else if rest.trim().is_empty() {
        Some(length)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_are_told_from_output() {
        let cases: &[(&str, Option<(usize, Shell)>)] = &[
            ("$ cargo build\n", Some((2, Shell::Posix))),
            ("$\n", Some((1, Shell::Posix))),
            ("# apt-get install -y git\n", Some((2, Shell::Posix))),
            ("% ls\n", Some((2, Shell::Posix))),
            ("me@hub:~/site$ dala build\n", Some((15, Shell::Posix))),
            ("[me@hub site]# ls\n", Some((15, Shell::Posix))),
            ("(venv) $ pip install x\n", Some((9, Shell::Posix))),
            ("PS C:\\> Get-ChildItem\n", Some((8, Shell::PowerShell))),
            ("PS> dir\n", Some((4, Shell::PowerShell))),
            ("PS C:\\Users\\me> cd ..\n", Some((16, Shell::PowerShell))),
            ("   Compiling dala v0.1.0\n", None),
            ("100% done\n", None),
            ("$HOME is set\n", None),
            ("#!/bin/sh\n", None),
            ("PSA: read this\n", None),
            ("Cost: $ 5\n", None),
            ("\n", None),
        ];
        for (line, expected) in cases {
            assert_eq!(prompt(line), *expected, "{line:?}");
        }
    }

    #[test]
    fn a_command_goes_on_after_its_continuation() {
        assert!(Shell::Posix.continues("cargo build \\\n"));
        assert!(!Shell::Posix.continues("cargo build\n"));
        assert!(Shell::PowerShell.continues("Get-ChildItem `\n"));
        assert_eq!(Shell::Posix.more("> EOF\n"), Some(2));
        assert_eq!(Shell::Posix.more(">> x\n"), None);
        assert_eq!(Shell::PowerShell.more(">> }\n"), Some(3));
    }
}
