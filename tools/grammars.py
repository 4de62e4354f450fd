#!/usr/bin/env python3
"""Vendors the TextMate grammars dala highlights code with.

The grammars come from the npm package `tm-grammars` (Shiki's collection, most of them
VS Code's), pinned below. This script reads the unpacked package, keeps the languages of
LANGUAGES whose licence allows dala's binary to carry them (see LICENCES), with the
grammars they embed where those pass too, and writes:

- src/highlight/grammars/<name>.json: each grammar, minified;
- src/highlight/grammars/index.tsv: one line per grammar: its name, root scope, display
  name, aliases, the grammars it embeds, whether a fence may name it, its licence, where
  it comes from, and the file of its licence text;
- src/highlight/grammars/licences/<n>.txt: the licence texts, from the package's NOTICE,
  each once, and tm-grammars' own licence (tm-grammars.txt);
- src/highlight/grammars.rs: the table that puts them in dala's binary.

Run it after changing LANGUAGES or the pinned version:

    npm pack tm-grammars@1.32.22 && tar xzf tm-grammars-1.32.22.tgz
    python3 tools/grammars.py package

Nothing at build or test time needs npm: the output is committed.
"""

import json
import os
import re
import subprocess
import sys

VERSION = "1.32.22"

# Licences that let a binary under MIT OR Apache-2.0 carry the grammar, given its notice
# (ACKNOWLEDGEMENTS.md) and, for MPL-2.0, the grammar's source (the JSON in this
# repository). tm-grammars records GPL-3.0 for a few grammars (Ada, gnuplot, nginx,
# Racket, Org) and no licence it could assert for some others: those are left out.
LICENCES = {"MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "ISC", "MPL-2.0"}

# Grammars tm-grammars records no licence for, kept because fences name them often, with
# where their licence is stated. TextMate's own bundles (github.com/textmate) are under
# the permission their READMEs give; see ACKNOWLEDGEMENTS.md.
UNRECORDED = {
    "toml": "TextMate bundle licence",
    "yaml": "TextMate bundle licence",
}

# The languages a fence may name. Everything else a selected grammar embeds is carried
# only to be embedded.
LANGUAGES = """
asm awk bat bibtex c clojure cmake cobol coffee cpp crystal csharp css csv d dart desktop
diff docker dotenv elm erlang fish fortran-free-form fsharp git-commit git-rebase gleam
go graphql groovy handlebars haskell hcl html http ini java javascript jinja
json json5 jsonc jsonl jsx julia kotlin latex less liquid log lua make
markdown mdx nix nushell objective-c objective-cpp ocaml pascal perl php powershell prisma
proto pug python r raku razor regexp rst ruby rust sas scala scheme scss shellscript
solidity sql svelte swift systemd terraform tex toml tsv tsx twig typescript typst v vb
verilog vhdl viml vue wasm wgsl xml xsl yaml zig actionscript-3 common-lisp puppet
fortran-fixed-form gdscript genie haml jsonnet lean wikitext odin qml reg stylus system-verilog
vyper plsql
""".split()


def main(package):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "src", "highlight", "grammars")
    index = json.loads(
        subprocess.check_output(
            [
                "node",
                "-e",
                "import(process.argv[1]).then(m => console.log(JSON.stringify(m.grammars)))",
                os.path.join(os.path.abspath(package), "index.js"),
            ]
        )
    )
    version = json.load(open(os.path.join(package, "package.json")))["version"]
    if version != VERSION:
        sys.exit(f"the package is tm-grammars {version}, this script pins {VERSION}")
    grammars = {g["name"]: g for g in index}
    notices = read_notice(os.path.join(package, "NOTICE"))

    def allowed(name):
        g = grammars[name]
        return g.get("license") in LICENCES or name in UNRECORDED

    chosen = {}
    todo = [name for name in LANGUAGES]
    for name in LANGUAGES:
        if name not in grammars:
            sys.exit(f"{name}: no such grammar in tm-grammars {VERSION}")
        if not allowed(name):
            sys.exit(f"{name}: licence {grammars[name].get('license')} is not one dala carries")
    while todo:
        name = todo.pop()
        if name in chosen or name not in grammars or not allowed(name):
            continue
        chosen[name] = grammars[name]
        todo.extend(grammars[name].get("embedded", []))

    for old in os.listdir(out) if os.path.isdir(out) else []:
        if old.endswith(".json"):
            os.remove(os.path.join(out, old))
    os.makedirs(os.path.join(out, "licences"), exist_ok=True)
    for old in os.listdir(os.path.join(out, "licences")):
        os.remove(os.path.join(out, "licences", old))

    with open(os.path.join(out, "licences", "tm-grammars.txt"), "w") as f:
        f.write(open(os.path.join(package, "LICENSE")).read().strip() + "\n")
    texts = {}
    rows = []
    for name in sorted(chosen):
        g = chosen[name]
        data = json.load(open(os.path.join(package, "grammars", name + ".json")))
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(data, f, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        text = notices.get(name + ".json")
        if text is None:
            licence_file = "-"
        else:
            if text not in texts:
                texts[text] = f"{len(texts) + 1:03}.txt"
                with open(os.path.join(out, "licences", texts[text]), "w") as f:
                    f.write(text.strip() + "\n")
            licence_file = texts[text]
        embedded = [e for e in g.get("embedded", []) if e in chosen]
        rows.append(
            [
                name,
                g["scopeName"],
                g.get("displayName", name),
                ",".join(g.get("aliases", [])),
                ",".join(embedded),
                "public" if name in LANGUAGES else "embedded",
                g.get("license") or UNRECORDED[name],
                g.get("source", "").split("/blob/")[0] or "-",
                licence_file,
            ]
        )
    with open(os.path.join(out, "index.tsv"), "w") as f:
        f.write(f"# tm-grammars {VERSION}: made by tools/grammars.py, do not edit by hand.\n")
        f.write("# name\tscope\tdisplay name\taliases\tembeds\tfence\tlicence\tsource\tlicence text\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    with open(os.path.join(root, "src", "highlight", "grammars.rs"), "w") as f:
        f.write(
            "//! The grammars dala carries, in its binary: made by `tools/grammars.py` from\n"
            f"//! tm-grammars {VERSION}; do not edit by hand. `grammars/index.tsv` says what each is.\n\n"
            "/// The index: one line per grammar (see `tools/grammars.py`).\n"
            'pub(super) const INDEX: &str = include_str!("grammars/index.tsv");\n\n'
            "/// Each grammar's JSON, by its name.\n"
            "pub(super) const GRAMMARS: &[(&str, &str)] = &[\n"
        )
        for name in sorted(chosen):
            f.write(f'    ("{name}", include_str!("grammars/{name}.json")),\n')
        f.write("];\n")
    size = sum(os.path.getsize(os.path.join(out, n + ".json")) for n in chosen)
    print(f"{len(chosen)} grammars ({len(LANGUAGES)} for fences), {size} bytes, {len(texts)} licence texts")


def read_notice(path):
    """The licence text of each grammar file, from tm-grammars' NOTICE."""
    rule = "=" * 105
    texts = {}
    for block in open(path).read().split("\n" + rule + "\n")[1:]:
        head, _, text = block.partition("\n" + "-" * 105 + "\n")
        files = re.search(r"Files:\s+(.*)", head)
        if files:
            for name in files.group(1).split(","):
                texts[name.strip()] = text.strip()
    return texts


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package")
