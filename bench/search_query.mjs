// What a reader's first search downloads: runs the site's own /search.js under Node with a
// stub page and a fetch that reads the built files, and counts the bytes of every file the
// script asks for.
//
//     node bench/search_query.mjs PUBLIC_DIR LANG QUERY
//
// Prints one line: the query, the results found, the files fetched and their bytes, with
// the script included (the search page's own HTML is counted apart).
import fs from "node:fs";
import path from "node:path";

const [pub, lang, query] = process.argv.slice(2);
if (!query) {
  console.error("usage: node bench/search_query.mjs PUBLIC_DIR LANG QUERY");
  process.exit(2);
}
const fetched = [];
const file = (url) => path.join(pub, decodeURIComponent(new URL(url, "http://x").pathname));
globalThis.fetch = async (url) => {
  const body = fs.readFileSync(file(url));
  fetched.push([url, body.length]);
  return { ok: true, json: async () => JSON.parse(body.toString("utf8")) };
};

function element(attrs = {}) {
  return {
    attrs, children: [], text: "",
    getAttribute(name) { return this.attrs[name] ?? null; },
    addEventListener() {},
    appendChild(child) { this.children.push(child); },
    insertAdjacentElement() {},
    querySelector() { return null; },
    remove() {},
    set textContent(v) { this.text = v; if (v === "") this.children = []; },
    get textContent() { return this.text; },
  };
}
const form = element({
  "data-index": `/search/${lang}/`, "data-found": "{n}", "data-none": "0",
  "data-more": "more", "data-error": "error",
});
const nodes = {
  "search-form": form, "search-input": element(), "search-results": element(),
  "search-status": element(),
};
globalThis.document = { getElementById: (id) => nodes[id] ?? null, createElement: () => element() };
globalThis.window = globalThis;
globalThis.location = { href: "http://x/", search: "?q=" + encodeURIComponent(query) };
globalThis.history = { replaceState() {} };

const script = fs.readFileSync(path.join(pub, "search.js"));
const page = fs.statSync(path.join(pub, lang, "search", "index.html")).size;
new Function(script.toString("utf8"))();
for (let i = 0; i < 200 && nodes["search-status"].text === ""; i++) {
  await new Promise((r) => setTimeout(r, 10));
}
await new Promise((r) => setTimeout(r, 50));
const results = nodes["search-results"].children.length;
const bytes = script.length + fetched.reduce((s, [, n]) => s + n, 0);
console.log(
  `${lang} "${query}": ${nodes["search-status"].text} found, ${results} shown; ` +
  `${fetched.length + 1} files, ${(bytes / 1024).toFixed(1)} KB with the script ` +
  `(+ ${(page / 1024).toFixed(1)} KB for the search page's HTML)`,
);
if (process.env.VERBOSE) for (const [u, n] of fetched) console.log(`  ${u} ${n}`);
