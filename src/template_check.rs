//! Templates that would render without end: found before rendering where that can be
//! known, stopped with an error where it cannot.
//!
//! Tera follows `include`, `extends` and `import` by recursion, and a cycle of them
//! overflows the stack: the process aborts with no file or line (under `dala serve`, the
//! server dies). Template names are literal in Tera, so the graph of templates is known once
//! they are parsed: [`check`] reports every cycle at the tag that closes it, and every macro
//! that calls itself with its own arguments unchanged.
//!
//! A macro may recurse legitimately over data (the hub's `toc_items` walks the table of
//! contents), and Tera has no hook for macro depth. So [`instrument`] puts a call to a guard
//! at the start of every macro body: the guard measures the stack left on the rendering
//! thread and fails the render, naming the macro, before the stack runs out. Rendering
//! threads get a large stack ([`RENDER_STACK`], see [`configure_threads`]), which keeps real
//! recursion far from the guard.

use crate::error::{Diagnostic, Kind};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};
use tera::{Tera, Value};

/// The stack of each rendering thread (rayon's pool): 64 MiB. Only what is touched is
/// really used; a page of the hub needs well under 1 MiB, and a table of contents nested
/// six levels deep under 100 KiB more.
pub const RENDER_STACK: usize = 64 << 20;

/// The stack a macro must have left to start: below this the guard stops the render. One
/// level of macro recursion takes a few KiB, so this is many levels of slack.
pub const STACK_MARGIN: usize = 1 << 20;

/// The name of the guard function put at the start of every macro body.
const GUARD: &str = "__dala_stack_guard";

thread_local! {
    /// The macro (template, name) whose guard stopped the render on this thread.
    static STOPPED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Gives rayon's global pool, on which pages are rendered, threads with [`RENDER_STACK`].
/// Called once by the command line before any parallel work; when the pool exists already
/// (a library user built it), the guard still protects against a crash, with less depth.
pub fn configure_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(RENDER_STACK)
        .build_global();
}

/// Puts the stack guard at the start of every macro body and registers it.
///
/// This edits Tera's parsed templates (`Tera::templates`, public though hidden from its
/// docs): the guard is an AST node, so no template text or line moves. Whitespace control
/// was applied when parsing, so the node changes no output.
pub fn instrument(tera: &mut Tera) {
    for (name, template) in tera.templates.iter_mut() {
        for (macro_name, definition) in template.macros.iter_mut() {
            let args = HashMap::from([
                ("t".to_string(), Expr::new(ExprVal::String(name.clone()))),
                (
                    "m".to_string(),
                    Expr::new(ExprVal::String(macro_name.clone())),
                ),
            ]);
            let call = ExprVal::FunctionCall(FunctionCall {
                name: GUARD.to_string(),
                args,
            });
            definition
                .body
                .insert(0, Node::VariableBlock(WS::default(), Expr::new(call)));
        }
    }
    tera.register_function(GUARD, guard);
}

/// The guard: nothing while the stack has room, an error when it has not.
fn guard(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let left = stacker::remaining_stack().unwrap_or(usize::MAX);
    if left >= STACK_MARGIN {
        return Ok(Value::String(String::new()));
    }
    let text = |k: &str| {
        args.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (template, name) = (text("t"), text("m"));
    let message = format!("macro `{name}` of {template} recursed too deep");
    STOPPED.with(|s| *s.borrow_mut() = Some((template, name)));
    Err(tera::Error::msg(message))
}

/// Clears what the guard recorded on this thread: called before each render.
pub fn reset() {
    STOPPED.with(|s| *s.borrow_mut() = None);
}

/// After a failed render on this thread: the diagnostic for a macro the guard stopped, at
/// the macro's definition. `files` maps template names to their files.
pub fn stopped(files: &BTreeMap<String, PathBuf>, what: &str) -> Option<Diagnostic> {
    let (template, name) = STOPPED.with(|s| s.borrow_mut().take())?;
    let file = files
        .get(&template)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(&template));
    let line = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| macro_line(&text, &name));
    let d = Kind::TemplateRender.error(
        &file,
        format!(
            "macro `{name}` recursed too deep (the rendering thread's stack is nearly used up): \
             a macro that calls itself must reach a case that does not (while rendering {what})"
        ),
    );
    Some(match line {
        Some(l) => d.at(l),
        None => d,
    })
}

/// Reports every cycle of `include`, `extends` and `import` among `sources` (name ->
/// (file, text)), and every macro that calls itself with its own arguments unchanged.
/// Templates that do not parse are left to the caller.
pub fn check(sources: &BTreeMap<String, (PathBuf, String)>) -> Vec<Diagnostic> {
    let mut parsed = BTreeMap::new();
    for (name, (_, text)) in sources {
        if let Ok(t) = tera::Template::new(name, None, text) {
            parsed.insert(name.clone(), t);
        }
    }
    let mut diagnostics = Vec::new();
    // Rendering follows `include` and `extends`; loading macros follows `import` and
    // `extends`. Either kind of cycle never ends.
    let mut render: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
    let mut load: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
    for (name, t) in &parsed {
        let text = &sources[name].1;
        let edge = |kind: &'static str, to: &str| Edge {
            kind,
            to: to.to_string(),
            line: tag_line(text, kind, to),
        };
        if let Some(parent) = &t.parent {
            render
                .entry(name)
                .or_default()
                .push(edge("extends", parent));
            load.entry(name).or_default().push(edge("extends", parent));
        }
        let mut included = Vec::new();
        includes(&t.ast, &mut included);
        for names in included {
            // Tera renders the first of the names that exists.
            if let Some(to) = names.iter().find(|n| sources.contains_key(*n)) {
                render.entry(name).or_default().push(edge("include", to));
            }
        }
        for (file, _) in &t.imported_macro_files {
            load.entry(name).or_default().push(edge("import", file));
        }
    }
    let mut seen = BTreeSet::new();
    for graph in [&render, &load] {
        for cycle in cycles(graph) {
            let mut key: Vec<(&str, &str, &str)> = cycle
                .iter()
                .map(|(from, e)| (*from, e.kind, e.to.as_str()))
                .collect();
            key.sort();
            let key: Vec<String> = key.iter().map(|k| format!("{k:?}")).collect();
            if seen.insert(key) {
                diagnostics.push(cycle_error(sources, &cycle));
            }
        }
    }
    for (name, t) in &parsed {
        let mut macros: Vec<_> = t.macros.values().collect();
        macros.sort_by(|a, b| a.name.cmp(&b.name));
        for m in macros {
            if calls_itself_unchanged(m) {
                let (file, text) = &sources[name];
                let line = self_call_line(text, &m.name);
                let d = Kind::Template.error(
                    file,
                    format!(
                        "macro `{}` calls itself with its own arguments unchanged (self::{}({})), so it would never end",
                        m.name,
                        m.name,
                        sorted(m.args.keys())
                            .iter()
                            .map(|a| format!("{a}={a}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                diagnostics.push(match line {
                    Some(l) => d.at(l).quoting(text, 1, Some(&format!("self::{}", m.name))),
                    None => d,
                });
            }
        }
    }
    diagnostics
}

/// Every template `t` extends, includes (macro bodies too) or imports, by name.
pub fn references(t: &tera::Template) -> Vec<String> {
    let mut out: Vec<String> = t.parent.iter().cloned().collect();
    let mut included = Vec::new();
    includes(&t.ast, &mut included);
    let mut macros: Vec<_> = t.macros.values().collect();
    macros.sort_by(|a, b| a.name.cmp(&b.name));
    for m in macros {
        includes(&m.body, &mut included);
    }
    out.extend(included.into_iter().flatten().cloned());
    out.extend(t.imported_macro_files.iter().map(|(f, _)| f.clone()));
    out
}

/// A problem Tera finds only with every template loaded (a missing parent or macro file),
/// at the tag that names it; `message` is Tera's.
pub fn load_error(
    sources: &BTreeMap<String, (PathBuf, String)>,
    fallback: &std::path::Path,
    message: &str,
) -> Diagnostic {
    let quoted = |q: char| -> Vec<&str> { message.split(q).skip(1).step_by(2).collect() };
    let found = if message.contains("is inheriting from") {
        let q = quoted('\'');
        q.first().zip(q.get(1)).map(|(t, p)| (*t, "extends", *p))
    } else if message.contains("loads macros from") {
        let q = quoted('`');
        q.first().zip(q.get(1)).map(|(t, f)| (*t, "import", *f))
    } else {
        None
    };
    let Some((template, kind, target)) = found else {
        return Kind::Template.error(fallback, message);
    };
    let Some((file, text)) = sources.get(template) else {
        return Kind::Template.error(fallback, message);
    };
    let d = Kind::Template.error(
        file,
        format!("{template} {kind} `{target}`, which is not a template of the theme or the site's templates/"),
    );
    match tag_line(text, kind, target) {
        Some(l) => d.at(l).quoting(text, 1, Some(target)),
        None => d,
    }
}

/// One `include`, `extends` or `import` of a template: its kind, target, and line.
struct Edge {
    kind: &'static str,
    to: String,
    line: Option<usize>,
}

/// Every elementary cycle that a depth-first search meets, each as its edges in order; the
/// last edge is the one that closes it. Deterministic: names are visited in order.
fn cycles<'a>(graph: &'a BTreeMap<&'a str, Vec<Edge>>) -> Vec<Vec<(&'a str, &'a Edge)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Open,
        Done,
    }
    fn visit<'a>(
        graph: &'a BTreeMap<&'a str, Vec<Edge>>,
        node: &'a str,
        state: &mut HashMap<&'a str, State>,
        path: &mut Vec<(&'a str, &'a Edge)>,
        found: &mut Vec<Vec<(&'a str, &'a Edge)>>,
    ) {
        state.insert(node, State::Open);
        for edge in graph.get(node).into_iter().flatten() {
            let to = edge.to.as_str();
            path.push((node, edge));
            match state.get(to) {
                Some(State::Open) => {
                    let start = path.iter().position(|(from, _)| *from == to).unwrap_or(0);
                    found.push(path[start..].to_vec());
                }
                Some(State::Done) => {}
                None => visit(graph, to, state, path, found),
            }
            path.pop();
        }
        state.insert(node, State::Done);
    }
    let mut state = HashMap::new();
    let mut found = Vec::new();
    for node in graph.keys() {
        if !state.contains_key(node) {
            visit(graph, node, &mut state, &mut Vec::new(), &mut found);
        }
    }
    found
}

fn cycle_error(
    sources: &BTreeMap<String, (PathBuf, String)>,
    cycle: &[(&str, &Edge)],
) -> Diagnostic {
    let kinds: BTreeSet<&str> = cycle.iter().map(|(_, e)| e.kind).collect();
    let kind = kinds.into_iter().collect::<Vec<_>>().join("/");
    let mut chain: Vec<&str> = cycle.iter().map(|(from, _)| *from).collect();
    chain.push(cycle[0].0);
    let steps: Vec<String> = cycle
        .iter()
        .map(|(from, e)| {
            let verb = match e.kind {
                "include" => "includes",
                "extends" => "extends",
                _ => "imports",
            };
            match e.line {
                Some(l) => format!("{from} {verb} {} at line {l}", e.to),
                None => format!("{from} {verb} {}", e.to),
            }
        })
        .collect();
    let (closing, edge) = cycle[cycle.len() - 1];
    let (file, text) = sources.get(closing).map_or_else(
        || (PathBuf::from(closing), ""),
        |(f, t)| (f.clone(), t.as_str()),
    );
    let d = Kind::Template.error(
        file,
        format!(
            "`{kind}` cycle: {} ({}), so rendering would never end",
            chain.join(" -> "),
            steps.join(", ")
        ),
    );
    match edge.line {
        Some(l) => d.at(l).quoting(text, 1, Some(&edge.to)),
        None => d,
    }
}

/// The names of every `include` outside macro bodies (a macro's includes are bounded by
/// the stack guard when the macro runs, and a library of macros may include its own file).
fn includes<'a>(nodes: &'a [Node], out: &mut Vec<&'a [String]>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.push(names),
            Node::Block(_, b, _) => includes(&b.body, out),
            Node::Forloop(_, f, _) => {
                includes(&f.body, out);
                if let Some(e) = &f.empty_body {
                    includes(e, out);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    includes(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    includes(body, out);
                }
            }
            Node::FilterSection(_, f, _) => includes(&f.body, out),
            _ => {}
        }
    }
}

/// Whether the macro calls `self::<its name>` passing each of its parameters as itself,
/// with no parameter set anew in its body (a loop variable or `set` of the same name would
/// make the argument different).
fn calls_itself_unchanged(m: &tera::ast::MacroDefinition) -> bool {
    let mut bound = HashSet::new();
    bindings(&m.body, &mut bound);
    if m.args.keys().any(|a| bound.contains(a.as_str())) {
        return false;
    }
    let mut found = false;
    walk_nodes(&m.body, &mut |e: &ExprVal| {
        if let ExprVal::MacroCall(call) = e {
            let same = call.namespace == "self"
                && call.name == m.name
                && call.args.len() == m.args.len()
                && call.args.iter().all(|(k, v)| {
                    m.args.contains_key(k)
                        && !v.negated
                        && v.filters.is_empty()
                        && matches!(&v.val, ExprVal::Ident(i) if i == k)
                });
            found |= same;
        }
    });
    found
}

/// The names that `for` and `set` bind in `nodes`.
fn bindings<'a>(nodes: &'a [Node], out: &mut HashSet<&'a str>) {
    for node in nodes {
        match node {
            Node::Set(_, s) => {
                out.insert(&s.key);
            }
            Node::Forloop(_, f, _) => {
                out.insert(&f.value);
                if let Some(k) = &f.key {
                    out.insert(k);
                }
                bindings(&f.body, out);
                if let Some(e) = &f.empty_body {
                    bindings(e, out);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    bindings(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    bindings(body, out);
                }
            }
            Node::Block(_, b, _) => bindings(&b.body, out),
            Node::FilterSection(_, f, _) => bindings(&f.body, out),
            _ => {}
        }
    }
}

/// Calls `f` on every expression value in `nodes`, nested ones included.
fn walk_nodes(nodes: &[Node], f: &mut dyn FnMut(&ExprVal)) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, e) => walk_expr(e, f),
            Node::Set(_, s) => walk_expr(&s.value, f),
            Node::FilterSection(_, s, _) => {
                s.filter.args.values().for_each(|e| walk_expr(e, f));
                walk_nodes(&s.body, f);
            }
            Node::Block(_, b, _) => walk_nodes(&b.body, f),
            Node::Forloop(_, l, _) => {
                walk_expr(&l.container, f);
                walk_nodes(&l.body, f);
                if let Some(e) = &l.empty_body {
                    walk_nodes(e, f);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    walk_expr(cond, f);
                    walk_nodes(body, f);
                }
                if let Some((_, body)) = &i.otherwise {
                    walk_nodes(body, f);
                }
            }
            _ => {}
        }
    }
}

fn walk_expr(e: &Expr, f: &mut dyn FnMut(&ExprVal)) {
    walk_val(&e.val, f);
    for filter in &e.filters {
        filter.args.values().for_each(|a| walk_expr(a, f));
    }
}

fn walk_val(v: &ExprVal, f: &mut dyn FnMut(&ExprVal)) {
    f(v);
    match v {
        ExprVal::Math(m) => {
            walk_expr(&m.lhs, f);
            walk_expr(&m.rhs, f);
        }
        ExprVal::Logic(l) => {
            walk_expr(&l.lhs, f);
            walk_expr(&l.rhs, f);
        }
        ExprVal::In(i) => {
            walk_expr(&i.lhs, f);
            walk_expr(&i.rhs, f);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| walk_expr(a, f)),
        ExprVal::MacroCall(c) => c.args.values().for_each(|a| walk_expr(a, f)),
        ExprVal::FunctionCall(c) => c.args.values().for_each(|a| walk_expr(a, f)),
        ExprVal::Array(items) => items.iter().for_each(|a| walk_expr(a, f)),
        ExprVal::StringConcat(c) => c.values.iter().for_each(|v| walk_val(v, f)),
        _ => {}
    }
}

fn sorted<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    let mut v: Vec<_> = keys.collect();
    v.sort();
    v
}

/// The tags `{% ... %}` of a template: the line each starts on and its words inside the
/// delimiters (whitespace control `-` removed). Comments, `{{ ... }}` and raw blocks are
/// skipped; quotes inside a tag are respected.
fn tags(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut at, mut line, mut counted) = (0, 1, 0);
    let mut in_raw = false;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let open = bytes.get(start + 1).copied();
        let close = match open {
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            Some(b'#') => "#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        // The end, outside quotes (comments have no quotes to respect).
        let mut end = None;
        let mut quote: Option<u8> = None;
        let mut i = start + 2;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if close != "#}" && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
                None if text[i..].starts_with(close) => {
                    end = Some(i);
                    break;
                }
                None => {}
            }
            i += 1;
        }
        let Some(end) = end else { break };
        line += bytecount_newlines(&bytes[counted..start]);
        counted = start;
        at = end + 2;
        if open != Some(b'%') {
            continue;
        }
        let inner = text[start + 2..end].trim_matches('-').trim();
        if in_raw {
            in_raw = inner != "endraw";
            continue;
        }
        in_raw = inner == "raw";
        out.push((line, inner));
    }
    out
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// The line of the first `{% <keyword> ... %}` tag that names `target` in quotes.
fn tag_line(text: &str, keyword: &str, target: &str) -> Option<usize> {
    tags(text).into_iter().find_map(|(line, inner)| {
        let rest = inner.strip_prefix(keyword)?;
        let quoted = ['"', '\'', '`']
            .iter()
            .any(|q| rest.contains(&format!("{q}{target}{q}")));
        (rest.starts_with(char::is_whitespace) && quoted).then_some(line)
    })
}

/// The line of `{% macro <name>(...) %}`.
fn macro_line(text: &str, name: &str) -> Option<usize> {
    tags(text).into_iter().find_map(|(line, inner)| {
        let rest = inner.strip_prefix("macro")?.trim_start();
        let rest = rest.strip_prefix(name)?;
        rest.trim_start().starts_with('(').then_some(line)
    })
}

/// The line of the first `self::<name>(` after the macro's definition.
fn self_call_line(text: &str, name: &str) -> Option<usize> {
    let def = macro_line(text, name)?;
    let from: usize = text.split_inclusive('\n').take(def - 1).map(str::len).sum();
    let needle = format!("self::{name}(");
    let at = text[from..].find(&needle)?;
    Some(bytecount_newlines(&text.as_bytes()[..from + at]) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(list: &[(&str, &str)]) -> BTreeMap<String, (PathBuf, String)> {
        list.iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    (PathBuf::from(format!("t/{n}")), t.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn cycles_are_found_at_the_tag_that_closes_them() {
        let d = check(&sources(&[
            ("a.html", "x\n{% include \"b.html\" %}"),
            ("b.html", "{# {% include \"a.html\" %} #}\n\n{%- include [\"none.html\", \"a.html\"] ignore missing -%}"),
            ("c.html", "{% extends \"d.html\" %}"),
            ("d.html", "{% extends 'c.html' %}"),
            ("e.html", "{% import \"e.html\" as e %}"),
            ("ok.html", "{% raw %}{% include \"ok.html\" %}{% endraw %}{{ \"{% include 'ok.html' %}\" }}"),
        ]));
        let shown: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert_eq!(d.len(), 3, "{shown:#?}");
        assert!(
            shown[0].starts_with("t/b.html:3: error: `include` cycle: a.html -> b.html -> a.html"),
            "{shown:#?}"
        );
        assert!(
            shown[1].starts_with("t/d.html:1: error: `extends` cycle: c.html -> d.html -> c.html"),
            "{shown:#?}"
        );
        assert!(
            shown[2].starts_with("t/e.html:1: error: `import` cycle: e.html -> e.html"),
            "{shown:#?}"
        );
    }

    #[test]
    fn a_macro_calling_itself_unchanged_is_found_and_real_recursion_is_not() {
        let d = check(&sources(&[(
            "m.html",
            "{% macro toc(entries) %}{% for e in entries %}{{ self::toc(entries=e.children) }}{% endfor %}{% endmacro %}\n\
             {% macro walk(items) %}{% for items in items %}{{ self::walk(items=items) }}{% endfor %}{% endmacro %}\n\
             {% macro count(n) %}{{ self::count(n=n + 1) }}{% endmacro %}\n\
             {% macro loop(a, b) %}\n{% if a %}\n{{ self::loop(b=b, a=a) }}{% endif %}{% endmacro %}\n\
             {% macro bare() %}{{ self::bare() }}{% endmacro %}",
        )]));
        let shown: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert_eq!(d.len(), 2, "{shown:#?}");
        assert!(
            shown[0].starts_with("t/m.html:7: error: macro `bare`"),
            "{shown:#?}"
        );
        assert!(
            shown[1].starts_with("t/m.html:6: error: macro `loop`"),
            "{shown:#?}"
        );
        assert!(shown[1].contains("self::loop(a=a, b=b)"), "{shown:#?}");
    }
}
