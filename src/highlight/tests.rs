use super::*;

/// The spans of highlighted HTML in order, each as its class and its text.
fn spans(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_fragment(html);
    let span = scraper::Selector::parse("span").unwrap();
    doc.select(&span)
        .map(|s| {
            let class = s.value().attr("class").unwrap_or_default().to_string();
            (class, s.text().collect())
        })
        .collect()
}

/// The texts of the spans of `class`, in order.
fn of_class(html: &str, class: &str) -> Vec<String> {
    spans(html)
        .into_iter()
        .filter(|(c, _)| c == class)
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn known_language_gets_flat_classes() {
    let (html, result) = highlight("fn main() { let x = \"hi\"; } // done\n", "rust");
    assert!(result.is_ok());
    assert!(html.contains("<span class=\"k\">fn</span>"), "{html}");
    assert!(
        html.contains("<span class=\"s\">&quot;hi&quot;</span>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"c\">// done</span>"), "{html}");
    assert!(!html.contains("style="), "{html}");
    assert!(!html.contains("<span class=\"\">"), "{html}");
}

#[test]
fn json_keys_and_values() {
    let (html, _) = highlight("{\"id\": 42, \"ok\": true}\n", "json");
    assert!(html.contains("<span class=\"n\">42</span>"), "{html}");
    assert!(html.contains("<span class=\"l\">true</span>"), "{html}");
    assert!(html.contains("class=\"p\""), "{html}");
}

#[test]
fn unknown_language_is_plain_with_a_warning() {
    let (html, result) = highlight("<x>\n", "klingon");
    assert!(result.unwrap_err().contains("`klingon`"));
    assert_eq!(
        html,
        "<pre class=\"code\" data-lang=\"klingon\"><code class=\"language-klingon\">&lt;x&gt;\n</code></pre>\n"
    );
    let (html, result) = highlight("<x>\n", "text");
    assert!(result.is_ok());
    assert!(html.contains("<code class=\"language-text\">&lt;x&gt;\n</code>"));
}

#[test]
fn identical_blocks_are_highlighted_once() {
    let h = Highlighter::default();
    let (a, _) = h.highlight("let x = 1;\n", "rust");
    let (b, _) = h.highlight("let x = 1;\n", "rust");
    assert!(Arc::ptr_eq(&a, &b));
}

/// A React component: JSX after `</button>` and to the end of the block.
const JSX: &str = r#"export function Apply({ onSend }) {
  return (
    <form className="apply" onSubmit={onSend}>
      <button type="submit">Send</button>
      <input name="email" placeholder="you@example.org" />
      <p className="note">Done / 2</p>
    </form>
  );
}
// end
"#;

#[test]
fn jsx_keeps_tags_attributes_and_strings_to_the_end_of_the_block() {
    // `js` and `javascript` blocks hold JSX too: the same grammar reads all three.
    for lang in ["jsx", "js", "javascript", "JSX"] {
        let (html, result) = highlight(JSX, lang);
        assert!(result.is_ok(), "{lang}");
        assert_eq!(
            of_class(&html, "g"),
            ["form", "button", "button", "input", "p", "p", "form"],
            "{lang}: tag names\n{html}"
        );
        assert_eq!(
            of_class(&html, "a"),
            [
                "className",
                "onSubmit",
                "type",
                "name",
                "placeholder",
                "className"
            ],
            "{lang}: attribute names\n{html}"
        );
        assert_eq!(
            of_class(&html, "s"),
            [
                "\"apply\"",
                "\"submit\"",
                "\"email\"",
                "\"you@example.org\"",
                "\"note\""
            ],
            "{lang}: strings\n{html}"
        );
        // Nothing ran on: the comment on the last line is a comment.
        assert_eq!(
            spans(&html).last(),
            Some(&("c".to_string(), "// end".to_string())),
            "{lang}\n{html}"
        );
    }
}

#[test]
fn plain_javascript_still_reads_well_in_the_jsx_grammar() {
    let code = "const re = /a+b/g;\nif (a < b) { x = y / 2; }\nlet s = `t ${x}`; // ok\n";
    let (html, _) = highlight(code, "js");
    let all = spans(&html);
    assert!(all.contains(&("s".into(), "/a+b/g".into())), "{html}");
    assert!(all.contains(&("o".into(), "<".into())), "{html}");
    assert!(all.contains(&("o".into(), "/".into())), "{html}");
    assert!(all.contains(&("n".into(), "2".into())), "{html}");
    assert_eq!(all.last(), Some(&("c".into(), "// ok".into())), "{html}");
}

#[test]
fn each_newly_supported_language_gets_classes() {
    // (language, code, spans it must have: class and text)
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            "tsx",
            "const B = ({ label }: Props) => <b className=\"x\">{label}</b>;\n",
            &[
                ("g", "b"),
                ("a", "className"),
                ("s", "\"x\""),
                ("t", "Props"),
            ],
        ),
        (
            "typescript",
            "interface User { id: number }\nconst n: number = 42; // answer\n",
            &[("t", "number"), ("n", "42"), ("c", "// answer")],
        ),
        (
            "ts",
            "let id: string = \"a\";\n",
            &[("t", "string"), ("s", "\"a\"")],
        ),
        (
            "toml",
            "[package]\nname = \"dala\" # the name\nversion = 1\n",
            &[
                ("t", "package"),
                ("p", "name"),
                ("s", "\"dala\""),
                ("c", "# the name"),
                ("n", "1"),
            ],
        ),
        (
            "powershell",
            "Get-ChildItem | Where-Object { $_.Length -gt 10 } # big\n",
            &[("f", "Get-ChildItem"), ("n", "10"), ("c", "# big")],
        ),
        ("ps1", "$name = \"hub\"\n", &[("s", "\"hub\"")]),
        (
            "dockerfile",
            "FROM rust:1.89 AS build\nRUN cargo build --release\n",
            &[("k", "FROM"), ("k", "RUN"), ("f", "cargo")],
        ),
        ("Dockerfile", "FROM alpine\nCOPY a /b\n", &[("k", "COPY")]),
        (
            "shell",
            "cargo build --release\n",
            &[("f", "cargo"), ("v", "--release")],
        ),
    ];
    for (lang, code, expected) in cases {
        let (html, result) = highlight(code, lang);
        assert!(result.is_ok(), "{lang}");
        // A token's scope may take the space before it (` --release`).
        let all: Vec<(String, String)> = spans(&html)
            .into_iter()
            .map(|(c, t)| (c, t.trim().to_string()))
            .collect();
        for (class, text) in *expected {
            assert!(
                all.contains(&(class.to_string(), text.to_string())),
                "{lang}: no `{text}` of class {class}\n{html}"
            );
        }
    }
}

#[test]
fn every_word_of_words_tsv_finds_its_language() {
    let catalog = catalog::catalog();
    let mut count = 0;
    for line in include_str!("words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let (name, words) = line.split_once('\t').expect("a tab after the language");
        assert!(
            catalog.language(name).is_some_and(|l| l.public),
            "words.tsv: `{name}` is no language a fence may name"
        );
        for word in words.split_whitespace() {
            assert_eq!(word.to_ascii_lowercase(), word);
            assert_eq!(words::grammar(word), Grammar::Language(name), "{word}");
            count += 1;
        }
    }
    assert!(count > 200, "{count} words");
    for shell in [console::Shell::Posix, console::Shell::PowerShell] {
        assert!(catalog.language(shell.language()).is_some(), "{shell:?}");
    }
    assert!(catalog.language(dockerfile::LANGUAGE).is_some());
}

#[test]
fn every_grammar_carried_loads_with_what_it_embeds() {
    let catalog = catalog::catalog();
    assert_eq!(catalog.languages().len(), grammars::GRAMMARS.len());
    for language in catalog.languages() {
        for embedded in &language.embeds {
            assert!(
                catalog.language(embedded).is_some(),
                "{}: {embedded}",
                language.name
            );
        }
        // A grammar that failed to load would give plain code without a warning: prepare
        // each one itself.
        assert!(
            reader::prepared(language.name).is_ok(),
            "{} does not load",
            language.name
        );
    }
}

#[test]
fn a_console_session_tells_prompts_and_commands_from_output() {
    let code = r#"$ cargo build --release
   Compiling dala v0.1.0
# apt-get install -y ripgrep
Reading package lists... Done
PS C:\> Get-ChildItem -Recurse
    Directory: C:\
$ cat <<EOF > a.txt
> hello
> EOF
me@hub:~/site$ echo one \
  two
one two
"#;
    for lang in ["console", "shell-session", "sh-session", "Console"] {
        let (html, result) = highlight(code, lang);
        assert!(result.is_ok(), "{lang}");
        assert_eq!(
            of_class(&html, console::PROMPT),
            ["$", "#", "PS C:\\>", "$", ">", ">", "me@hub:~/site$"],
            "{lang}: prompts\n{html}"
        );
        assert_eq!(
            of_class(&html, "f"),
            ["cargo", "apt-get", "Get-ChildItem", "cat", "echo"],
            "{lang}: commands\n{html}"
        );
        let output = of_class(&html, console::OUTPUT);
        assert_eq!(
            output,
            [
                "   Compiling dala v0.1.0",
                "Reading package lists... Done",
                "    Directory: C:\\",
                "one two"
            ],
            "{lang}: output\n{html}"
        );
    }
}

#[test]
fn the_stylesheet_styles_every_class_with_aa_contrast() {
    let css = stylesheet();
    let mut classes: Vec<&str> = reader::CLASSES
        .iter()
        .map(|(_, c)| *c)
        .filter(|c| !c.is_empty())
        .collect();
    classes.extend([console::PROMPT, console::OUTPUT]);
    let (light, dark) = css.split_once("@media").unwrap();
    for class in classes {
        for palette in [light, dark] {
            assert!(
                palette.contains(&format!(".code .{class} "))
                    || palette.contains(&format!(".code .{class},")),
                ".{class} in {palette}"
            );
        }
    }
    for (palette, background) in [(light, "#f5f7fa"), (dark, "#1e2125")] {
        assert!(palette.contains(&format!("background: {background}")));
        for colour in palette.split("color: #").skip(1) {
            let colour = &colour[..6];
            let ratio = contrast(colour, &background[1..]);
            assert!(ratio >= 4.5, "#{colour} on {background}: {ratio:.2}");
        }
    }
}

/// The WCAG contrast ratio of two colours written as six hexadecimal digits.
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `docs/highlighting.md` is what the code highlights: regenerate it with
/// `cargo run -- highlight-languages > docs/highlighting.md` when a syntax or alias changes.
#[test]
fn the_documented_list_of_languages_is_the_code_s() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/highlighting.md");
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    let made = languages_markdown();
    assert!(
        written == made,
        "docs/highlighting.md differs from the languages dala highlights: run `cargo run -- highlight-languages > docs/highlighting.md`"
    );
}

#[test]
fn every_listed_word_highlights_and_common_ones_are_listed() {
    let langs = languages();
    let words: Vec<&str> = langs
        .iter()
        .flat_map(|l| l.words.iter().map(String::as_str))
        .collect();
    for w in [
        "rust",
        "json",
        "yaml",
        "toml",
        "js",
        "tsx",
        "console",
        "powershell",
        "python",
    ] {
        assert!(words.contains(&w), "{w} is not listed");
    }
    for w in &words {
        assert!(
            highlight("x\n", w).1.is_ok(),
            "`{w}` is listed but not highlighted"
        );
    }
}

/// The text of highlighted HTML: its tags taken out and its entities read back.
fn text_of(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    let code = scraper::Selector::parse("code").unwrap();
    doc.select(&code).next().unwrap().text().collect()
}

#[test]
fn every_character_of_the_code_survives_highlighting() {
    let long = format!("{{\"a\": \"{}\"}}\n{{\"b\": 1}}\n", "x".repeat(10_000));
    let cases: &[(&str, &str)] = &[
        ("rust", "fn main() {\r\n    println!(\"привет\");\r\n}\r\n"),
        ("json", &long),
        (
            "python",
            "def f():\n\treturn 'Қазақша'  # no newline at the end",
        ),
        ("yaml", "title: \"Сәлем, әлем!\"\n  - <b>&amp;</b>\n"),
        ("console", "$ echo \"<a>\" \\\n> & more\nout & <b>\n"),
        ("dockerfile", "FROM x\nRUN a && \\\n    b\n\nCMD [\"c\"]"),
        ("tsx", "const a = <b c=\"d\">{e}</b>;\n"),
        ("markdown", "# Заголовок\n\n```js\nlet x = 1;\n```\n"),
        (
            "html",
            "<script>if (a < b) {}</script>\n<style>p { color: red }</style>\n",
        ),
    ];
    for (lang, code) in cases {
        let (html, result) = highlight(code, lang);
        assert!(result.is_ok(), "{lang}");
        // An HTML parser reads CR LF as LF, as browsers do.
        assert_eq!(text_of(&html), code.replace("\r\n", "\n"), "{lang}\n{html}");
    }
}

#[test]
fn the_same_code_gives_the_same_html_on_every_thread() {
    let code = include_str!("reader.rs");
    let first = highlight(code, "rust").0;
    let others: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| highlight(code, "rust").0))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for other in others {
        assert!(other == first);
    }
    assert!(first.matches("<span").count() > 100);
}
