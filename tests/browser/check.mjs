#!/usr/bin/env node
// Real-browser checks of a built site, as a reader meets it:
//   node check.mjs <public-dir> [--screenshots <dir>]
// Serves <public-dir> on 127.0.0.1, opens it in Debian's Chromium (never a
// downloaded browser), runs axe-core (WCAG 2.1 A/AA) on every kind of page in
// every language (light, dark and 320 px wide), uses the language switcher
// and the search, checks that no request leaves 127.0.0.1, and validates
// every .html file with the Nu Html Checker. Exit status 1 on any failure.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const started = Date.now();
// A hung browser must not eat CI's time: give up after 20 minutes.
setTimeout(() => {
  console.error('check.mjs: still running after 20 minutes, giving up');
  process.exit(1);
}, 20 * 60 * 1000).unref();

// ---------------------------------------------------------------- arguments
function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: node check.mjs <public-dir> [--screenshots <dir>] [--other-site]');
  process.exit(2);
}
let publicDir = null;
let shotsDir = null;
// --other-site: a site that is not the hub (no taxonomies, search or translation status
// page expected), checked for what every site owes its readers.
let otherSite = false;
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshots') {
      shotsDir = argv[++i];
      if (!shotsDir) usage('--screenshots needs a directory');
    } else if (a.startsWith('--screenshots=')) {
      shotsDir = a.slice('--screenshots='.length);
    } else if (a === '--other-site') {
      otherSite = true;
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('-')) {
      usage(`unknown option ${a}`);
    } else if (publicDir === null) {
      publicDir = a;
    } else {
      usage(`unexpected argument ${a}`);
    }
  }
}
if (!publicDir) usage('no public directory given');
const ROOT = path.resolve(publicDir);
if (!fs.existsSync(path.join(ROOT, 'index.html'))) usage(`${ROOT}/index.html does not exist: build the site first`);
if (shotsDir) fs.mkdirSync(shotsDir, { recursive: true });

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JAVA = process.env.JAVA || 'java';

// ------------------------------------------------------------------ results
const failures = []; // { check, url, details: [string] }
let passed = 0;
function pass() { passed++; }
function fail(check, url, details = []) {
  failures.push({ check, url, details: Array.isArray(details) ? details : [String(details)] });
  console.log(`FAIL ${check}${url ? ` ${url}` : ''}`);
  for (const d of failures.at(-1).details) console.log(`     ${d}`);
}
async function attempt(check, url, fn) {
  try {
    const ok = await fn();
    if (ok === false) return false;
    pass();
    return true;
  } catch (e) {
    fail(check, url, [String(e && e.message ? e.message : e).split('\n').slice(0, 6).join('\n     ')]);
    return false;
  }
}

// ------------------------------------------------------------ static server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8', '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.wasm': 'application/wasm', '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};
function isFile(p) { try { return fs.statSync(p).isFile(); } catch { return false; } }
function isDir(p) { try { return fs.statSync(p).isDirectory(); } catch { return false; } }

function send(req, res, status, file, headers = {}) {
  const body = fs.readFileSync(file);
  res.writeHead(status, {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
function notFound(req, res, pathname) {
  // A language's own 404.html when there is one, else the site's.
  const first = pathname.split('/')[1] || '';
  const candidates = first ? [path.join(ROOT, first, '404.html'), path.join(ROOT, '404.html')] : [path.join(ROOT, '404.html')];
  for (const f of candidates) {
    if (f.startsWith(ROOT + path.sep) && isFile(f)) return send(req, res, 404, f);
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('404 not found\n');
}
const server = http.createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    return res.end();
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400);
    return res.end();
  }
  const file = path.join(ROOT, pathname);
  if (file !== ROOT && !file.startsWith(ROOT + path.sep)) return notFound(req, res, '/');
  if (isDir(file)) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { Location: encodeURI(pathname + '/') });
      return res.end();
    }
    const index = path.join(file, 'index.html');
    return isFile(index) ? send(req, res, 200, index) : notFound(req, res, pathname);
  }
  if (isFile(file)) return send(req, res, 200, file);
  return notFound(req, res, pathname);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

// ------------------------------------------------ the Nu Html Checker (vnu)
// Started first and run beside the browser: it needs one JVM for all files.
function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && /\.html?$/i.test(e.name)) out.push(p);
  }
  return out;
}
const htmlFiles = walk(ROOT).sort();
const vnuJar = String(require('vnu-jar'));
let vnuChild = null;
process.on('exit', () => { if (vnuChild && vnuChild.exitCode === null) vnuChild.kill(); });
const vnuDone = new Promise((resolve) => {
  const child = vnuChild = spawn(JAVA, ['-Xss4m', '-jar', vnuJar, '--errors-only', '--skip-non-html', '--format', 'json', '--exit-zero-always', ROOT],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  child.on('error', (e) => resolve({ error: `cannot run ${JAVA}: ${e.message}` }));
  child.on('close', (code) => resolve({ code, out }));
});

// ----------------------------------------------------------- url discovery
const rel = (p) => '/' + path.relative(ROOT, p).split(path.sep).map(encodeURIComponent).join('/');
const hasIndex = (d) => isFile(path.join(d, 'index.html'));
const subdirs = (d) => (isDir(d) ? fs.readdirSync(d, { withFileTypes: true }) : [])
  .filter((e) => e.isDirectory()).map((e) => e.name).sort();

// Languages: the root chooser's hreflang links (the top folders with an
// index.html as a fallback).
const rootHtml = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
let languages = [...rootHtml.matchAll(/<link[^>]+rel="alternate"[^>]+hreflang="([^"]+)"/g)]
  .map((m) => m[1]).filter((l) => l !== 'x-default' && hasIndex(path.join(ROOT, l)));
languages = [...new Set(languages)];
if (languages.length === 0) languages = subdirs(ROOT).filter((d) => hasIndex(path.join(ROOT, d)));

// An alias: a page that only redirects to where the page moved (checked apart, not by axe).
const isRedirect = (d) => /<meta http-equiv="refresh"/i.test(fs.readFileSync(path.join(d, 'index.html'), 'utf8').slice(0, 2000));
const redirects = [];
function discover(lang) {
  const base = path.join(ROOT, lang);
  const kinds = { home: `/${lang}/`, sections: [], articles: [], taxonomies: [], pages: [], search: null };
  for (const name of subdirs(base)) {
    const d = path.join(base, name);
    if (!hasIndex(d)) continue;
    if (isRedirect(d)) { redirects.push(rel(d) + '/'); continue; }
    if (name === 'search') { kinds.search = rel(d) + '/'; continue; }
    const children = subdirs(d).filter((c) => c !== 'page' && hasIndex(path.join(d, c)));
    for (const c of children.filter((c) => isRedirect(path.join(d, c)))) redirects.push(rel(path.join(d, c)) + '/');
    children.splice(0, children.length, ...children.filter((c) => !isRedirect(path.join(d, c))));
    if (isFile(path.join(d, 'atom.xml'))) {
      // A section: its listing, its second page if any, and its articles.
      kinds.sections.push(rel(d) + '/');
      if (hasIndex(path.join(d, 'page', '2'))) kinds.sections.push(rel(path.join(d, 'page', '2')) + '/');
      for (const c of children) kinds.articles.push(rel(path.join(d, c)) + '/');
    } else if (children.length > 0) {
      kinds.taxonomies.push({ name, list: rel(d) + '/', term: rel(path.join(d, children[0])) + '/' });
    } else {
      kinds.pages.push(rel(d) + '/');
    }
  }
  return kinds;
}
const site = Object.fromEntries(languages.map((l) => [l, discover(l)]));
// The biggest article of a language: it has the most kinds of Markdown output.
function richestArticle(lang) {
  const list = site[lang]?.articles || [];
  let best = null; let size = -1;
  for (const u of list) {
    const s = fs.statSync(path.join(ROOT, decodeURIComponent(u), 'index.html')).size;
    if (s > size) { best = u; size = s; }
  }
  return best;
}

// ---------------------------------------------------------------- browser
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const foreignRequests = new Map(); // url -> Set of the pages that asked for it
const brokenResources = new Map(); // url -> { status, from }
const pageErrors = []; // { url, message }

async function newContext(opts = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
    ...opts,
  });
  // Nothing may leave 127.0.0.1: every request is recorded, and one to
  // another host is aborted before it goes anywhere.
  const isLocal = (u) => {
    try {
      const p = new URL(u);
      return (p.protocol === 'http:' && p.hostname === '127.0.0.1') || ['data:', 'blob:', 'about:'].includes(p.protocol);
    } catch { return false; }
  };
  context.on('request', (req) => {
    if (isLocal(req.url())) return;
    let from = '';
    try { from = shortUrl(req.frame().url()); } catch { /* no frame */ }
    const seen = foreignRequests.get(req.url()) || new Set();
    if (from) seen.add(from);
    foreignRequests.set(req.url(), seen);
  });
  await context.route((u) => !isLocal(u.href), (route) => route.abort('blockedbyclient'));
  context.on('response', (res) => {
    const req = res.request();
    if (req.resourceType() === 'document' && req.isNavigationRequest()) return;
    if (res.status() >= 400) {
      let from = '';
      try { from = req.frame().url(); } catch { /* no frame */ }
      brokenResources.set(res.url(), { status: res.status(), from });
    }
  });
  context.on('page', (page) => {
    page.on('pageerror', (err) => pageErrors.push({ url: page.url(), message: err.message }));
  });
  return context;
}

const light = await newContext();
const dark = await newContext({ colorScheme: 'dark' });
const narrow = await newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

function shortUrl(u) { return u.startsWith(ORIGIN) ? u.slice(ORIGIN.length) : u; }

async function open(context, url, { expectStatus = 200 } = {}) {
  const page = await context.newPage();
  if (context === dark) await page.emulateMedia({ colorScheme: 'dark' });
  const res = await page.goto(ORIGIN + url, { waitUntil: 'load' });
  const status = res ? res.status() : 0;
  if (status !== expectStatus) {
    await page.close();
    throw new Error(`HTTP ${status} (expected ${expectStatus}) for ${url}`);
  }
  return page;
}

let axeRuns = 0;
// Runs axe on the page as it is now; false (and a failure) on any violation.
async function axeHere(page, check, url) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  axeRuns++;
  if (result.length === 0) return true;
  const details = [];
  for (const v of result) {
    details.push(`${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 8)) {
      details.push(`  ${n.target}`);
      for (const line of (n.summary || '').split('\n')) if (line.trim()) details.push(`    ${line.trim()}`);
    }
    if (v.nodes.length > 8) details.push(`  … and ${v.nodes.length - 8} more element(s)`);
  }
  fail(check, url, details);
  return false;
}
// page: a tab kept by one worker for one context, reused from check to check.
async function axeCheck(page, url, mode, { expectStatus = 200 } = {}) {
  const check = `axe[${mode}]`;
  return attempt(check, url, async () => {
    const res = await page.goto(ORIGIN + url, { waitUntil: 'load' });
    const status = res ? res.status() : 0;
    if (status !== expectStatus) throw new Error(`HTTP ${status} (expected ${expectStatus}) for ${url}`);
    if (mode === '320px') {
      // Nothing may make the whole page scroll sideways: wide tables and code scroll in
      // their own boxes.
      const wide = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return null;
        const over = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('[tabindex]'))
          .slice(0, 3)
          .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
        return `${document.documentElement.scrollWidth} px wide at ${width} px: ${over.join(', ')}`;
      });
      if (wide) fail('width[320px]', url, [wide]);
    }
    return axeHere(page, check, url);
  });
}

// Articles that between them hold every kind of element (tag and class) that
// any article of the language holds: dark mode and 320 px look at these only.
function coveringArticles(lang) {
  const sig = new Map();
  for (const u of site[lang]?.articles || []) {
    const html = fs.readFileSync(path.join(ROOT, decodeURIComponent(u), 'index.html'), 'utf8');
    const body = html.slice(html.indexOf('<main'));
    const set = new Set();
    for (const m of body.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
      set.add(m[1].toLowerCase());
      const cls = /\sclass="([^"]*)"/.exec(m[2]);
      if (cls) for (const c of cls[1].split(/\s+/)) if (c) set.add(`${m[1].toLowerCase()}.${c}`);
    }
    sig.set(u, set);
  }
  const chosen = [];
  const rich = richestArticle(lang);
  const covered = new Set(rich ? sig.get(rich) : []);
  if (rich) chosen.push(rich);
  for (;;) {
    let best = null; let gain = 0;
    for (const [u, set] of sig) {
      let g = 0;
      for (const x of set) if (!covered.has(x)) g++;
      if (g > gain) { best = u; gain = g; }
    }
    if (!best) return chosen;
    chosen.push(best);
    for (const x of sig.get(best)) covered.add(x);
  }
}

// The catalogues of a language: each section page with [data-catalogue], and the first
// value page of each of its facets (links of `.facet li[data-value] a`).
function catalogues(lang) {
  const out = [];
  for (const url of site[lang]?.sections || []) {
    const html = fs.readFileSync(path.join(ROOT, decodeURIComponent(url), 'index.html'), 'utf8');
    if (!html.includes('data-catalogue')) continue;
    const values = [];
    for (const box of html.split('<details class="facet"').slice(1)) {
      const m = /<li data-value="[^"]*"><a href="([^"]+)"/.exec(box);
      if (m) values.push(new URL(m[1].replace(/&amp;/g, '&'), ORIGIN + url).pathname);
    }
    out.push({ url, values });
  }
  return out;
}

// -------------------------------------------------- the pages axe looks at
// Light: every kind of page in every language, and every article (that is
// where the Markdown output varies). Dark and 320 px: every kind of page, and
// the articles that hold every kind of element found in articles.
const axeLight = []; // [url, expectStatus]
const axeDarkNarrow = [];
const both = (u, s = 200) => { axeLight.push([u, s]); axeDarkNarrow.push([u, s]); };
const missingKinds = [];
both('/');
axeLight.push(['/this-page-does-not-exist/', 404]);
const notFoundUrl = (lang) => `/${lang}/this-page-does-not-exist/`;
for (const lang of languages) {
  const k = site[lang];
  both(k.home);
  if (k.sections.length === 0) missingKinds.push(`${lang}: a section (a folder with atom.xml, such as articles/)`);
  k.sections.forEach((s, i) => (i === 0 ? both(s) : axeLight.push([s, 200])));
  if (k.articles.length === 0) missingKinds.push(`${lang}: an article`);
  const covering = new Set(coveringArticles(lang));
  for (const a of k.articles) (covering.has(a) ? both(a) : axeLight.push([a, 200]));
  // The hub's consultations and events (issue 16): their lists and every entry are looked at.
  for (const want of otherSite ? [] : ['consultations', 'events']) {
    if (!k.sections.some((s) => s === `/${lang}/${want}/`)) missingKinds.push(`${lang}: the ${want} section`);
  }
  for (const want of otherSite ? [] : ['tags', 'countries', 'sdgs']) {
    if (!k.taxonomies.some((t) => t.name === want)) missingKinds.push(`${lang}: the ${want} taxonomy`);
  }
  for (const t of k.taxonomies) {
    if (t.name === 'tags') both(t.list), both(t.term);
    else axeLight.push([t.list, 200], [t.term, 200]);
  }
  for (const p of k.pages) both(p);
  // Catalogues (a section whose page has [data-catalogue]) and one value page of each of
  // their facets, in every mode.
  for (const c of catalogues(lang)) {
    both(c.url);
    for (const v of c.values.slice(0, 2)) both(v);
  }
  // The search page is looked at even when missing, so that it fails clearly.
  if (!otherSite) both(`/${lang}/search/`);
  both(notFoundUrl(lang), 404);
}
if (!otherSite && !axeLight.some(([u]) => u.endsWith('/translation-status/'))) missingKinds.push('the translation-status page');
for (const m of missingKinds) fail('pages', null, [`no ${m} found in ${ROOT}`]);
if (missingKinds.length === 0) pass();

// Two workers, each with one tab per context: the machine has two cores.
async function runAll(jobs, limit = 2) {
  let i = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    const tabs = new Map();
    while (i < jobs.length) {
      const [context, run] = jobs[i++];
      if (!tabs.has(context)) {
        const tab = await context.newPage();
        if (context === dark) await tab.emulateMedia({ colorScheme: 'dark' });
        tabs.set(context, tab);
      }
      await run(tabs.get(context));
    }
    for (const tab of tabs.values()) await tab.close();
  }));
}
const t0 = Date.now();
await runAll([
  ...axeLight.map(([u, s]) => [light, (tab) => axeCheck(tab, u, 'light', { expectStatus: s })]),
  ...axeDarkNarrow.map(([u, s]) => [dark, (tab) => axeCheck(tab, u, 'dark', { expectStatus: s })]),
  ...axeDarkNarrow.map(([u, s]) => [narrow, (tab) => axeCheck(tab, u, '320px', { expectStatus: s })]),
]);
const axeSeconds = (Date.now() - t0) / 1000;

// ------------------------------------------- every alias leads to a page
{
  const bad = [];
  for (const r of redirects) {
    const html = fs.readFileSync(path.join(ROOT, decodeURIComponent(r), 'index.html'), 'utf8');
    const to = /<meta http-equiv="refresh" content="0; url=([^"]+)"/i.exec(html)?.[1];
    const target = to ? decodeURIComponent(new URL(to.replace(/&amp;/g, '&'), ORIGIN + r).pathname) : null;
    if (!target || !isFile(path.join(ROOT, target, target.endsWith('/') ? 'index.html' : ''))) bad.push(`${r} → ${to}`);
  }
  if (bad.length) fail('aliases', null, bad.slice(0, 20));
  else pass();
}

// ------------------------------------- every address in the sitemap answers
let sitemapUrls = 0;
if (isFile(path.join(ROOT, 'sitemap.xml'))) {
  await attempt('sitemap', '/sitemap.xml', async () => {
    const xml = fs.readFileSync(path.join(ROOT, 'sitemap.xml'), 'utf8');
    const paths = new Set();
    for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>|\shref="([^"]+)"/g)) {
      try { paths.add(new URL((m[1] || m[2]).replace(/&amp;/g, '&')).pathname); } catch { /* not absolute */ }
    }
    const bad = [];
    for (const p of paths) {
      const r = await fetch(ORIGIN + p, { method: 'HEAD', redirect: 'manual' });
      if (r.status !== 200) bad.push(`HTTP ${r.status} ${p}`);
    }
    sitemapUrls = paths.size;
    if (bad.length) { fail('sitemap', '/sitemap.xml', bad.slice(0, 20)); return false; }
    return true;
  });
}

// --------------------------------------------------- page weight (< 40 KB)
// Every article's HTML plus the stylesheets and scripts it links to.
const WEIGHT_LIMIT = 40 * 1024;
let heaviest = { url: null, bytes: 0 };
function pageWeight(url) {
  const html = fs.readFileSync(path.join(ROOT, decodeURIComponent(url), 'index.html'), 'utf8');
  let bytes = Buffer.byteLength(html);
  const linked = new Set();
  for (const m of html.matchAll(/<link\b[^>]*>|<script\b[^>]*>/gi)) {
    const tag = m[0];
    const ref = /^<link/i.test(tag)
      ? (/\srel="?stylesheet"?/i.test(tag) && /\shref="([^"]+)"/i.exec(tag)?.[1])
      : /\ssrc="([^"]+)"/i.exec(tag)?.[1];
    if (!ref) continue;
    const u = new URL(ref.replace(/&amp;/g, '&'), ORIGIN + url);
    if (u.origin !== ORIGIN) continue; // reported by the request check
    linked.add(decodeURIComponent(u.pathname));
  }
  for (const p of linked) {
    const f = path.join(ROOT, p);
    if (isFile(f)) bytes += fs.statSync(f).size;
  }
  return bytes;
}
{
  const heavy = [];
  for (const lang of languages) {
    for (const url of site[lang].articles) {
      const bytes = pageWeight(url);
      if (bytes > heaviest.bytes) heaviest = { url, bytes };
      if (bytes >= WEIGHT_LIMIT) heavy.push(`${url}: ${bytes} bytes of HTML+CSS+JS, over the ${WEIGHT_LIMIT} byte budget`);
    }
  }
  if (heavy.length) fail('weight', null, heavy);
  else pass();
}

// ------------------------------------------------- the language switcher
const enArticle = site.en ? richestArticle('en') : null;
if (enArticle) {
  await attempt('language switcher', enArticle, async () => {
    const page = await open(light, enArticle);
    try {
      const link = page.locator('nav.languages a[hreflang="ru"]');
      if (await link.count() !== 1) throw new Error(`expected one nav.languages a[hreflang="ru"], found ${await link.count()}`);
      await Promise.all([page.waitForURL((u) => u.href !== ORIGIN + enArticle), link.click()]);
      await page.waitForLoadState('load');
      const htmlLang = await page.locator('html').getAttribute('lang');
      const where = shortUrl(page.url());
      if (htmlLang !== 'ru') throw new Error(`after the switch to Russian, <html lang="${htmlLang}"> on ${where}`);
      if (!where.startsWith('/ru/')) throw new Error(`after the switch to Russian, the URL is ${where}, not under /ru/`);
      const back = await page.locator('link[rel="alternate"][hreflang="en"]').first().getAttribute('href').catch(() => null);
      if (!back || new URL(back).pathname !== new URL(ORIGIN + enArticle).pathname) {
        throw new Error(`${where} is not the translation of ${enArticle}: its hreflang="en" alternate is ${back}`);
      }
      console.log(`ok   language switcher: ${enArticle} → ${where} (<html lang="ru">)`);
      return true;
    } finally { await page.close(); }
  });
} else {
  fail('language switcher', null, ['no English article found']);
}

// ----------------------------------------------------------------- search
// The interface: /<lang>/search/ has <form role="search"> with
// <input type="search" id="search-input">; results are links in #search-results;
// without JavaScript a visible #search-nojs says why there are none.
const RU_FORMS = /(^|[^а-яё])цифров(ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми)(?![а-яё])/iu;

async function search(page, lang, query) {
  const url = `/${lang}/search/`;
  const res = await page.goto(ORIGIN + url, { waitUntil: 'load' });
  if (!res || res.status() !== 200) throw new Error(`${url} answers HTTP ${res ? res.status() : 'nothing'}: there is no search page`);
  const form = page.locator('form[role="search"]');
  if (await form.count() < 1) throw new Error(`${url} has no <form role="search">`);
  const input = form.locator('input[type="search"]#search-input');
  if (await input.count() !== 1) throw new Error(`${url}: the search form has no <input type="search" id="search-input">`);
  const label = await input.evaluate((el) => (el.labels && el.labels.length > 0) || !!el.getAttribute('aria-label') || !!el.getAttribute('aria-labelledby'));
  if (!label) throw new Error(`${url}: #search-input has no label`);
  await input.fill(query);
  const results = page.locator('#search-results a');
  try {
    await results.first().waitFor({ state: 'visible', timeout: 2000 });
  } catch {
    await input.press('Enter');
    await results.first().waitFor({ state: 'visible', timeout: 8000 }).catch(() => {});
  }
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.href));
  if (hrefs.length === 0) throw new Error(`${url}: typing «${query}» gave no links in #search-results`);
  return hrefs;
}
async function fetchText(u) {
  const r = await fetch(u);
  const html = await r.text();
  return html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]+>/g, ' ');
}

// The hub's search, in Russian and Kazakh.
if (!otherSite) {
await attempt('search ru', '/ru/search/', async () => {
  const page = await light.newPage();
  try {
    const hrefs = await search(page, 'ru', 'цифровых');
    for (const h of hrefs) {
      const u = new URL(h, ORIGIN);
      if (u.origin !== ORIGIN) throw new Error(`result ${h} points away from the site`);
    }
    let found = null;
    for (const h of hrefs.slice(0, 10)) {
      const u = new URL(h); u.hash = '';
      if (RU_FORMS.test(await fetchText(u.href))) { found = shortUrl(u.href); break; }
    }
    if (!found) throw new Error(`none of the ${hrefs.length} result(s) for «цифровых» contains «цифровой» or a form of it: ${hrefs.slice(0, 5).map(shortUrl).join(' ')}`);
    const nojs = page.locator('#search-nojs');
    if (await nojs.count() > 0 && await nojs.first().isVisible()) throw new Error('#search-nojs is visible although JavaScript runs');
    if (shotsDir) await page.screenshot({ path: path.join(shotsDir, 'search-ru.png') });
    await attempt('axe[light]', '/ru/search/ with results', () => axeHere(page, 'axe[light]', '/ru/search/ with results'));
    console.log(`ok   search ru: «цифровых» → ${hrefs.length} result(s), «цифров…» found on ${found}`);
    return true;
  } finally { await page.close(); }
});
await attempt('search ru (dark)', '/ru/search/', async () => {
  const page = await dark.newPage();
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await search(page, 'ru', 'цифровых');
    return await axeHere(page, 'axe[dark]', '/ru/search/ with results');
  } finally { await page.close(); }
});
await attempt('search kk', '/kk/search/', async () => {
  const page = await light.newPage();
  try {
    const hrefs = await search(page, 'kk', 'қызметтер');
    console.log(`ok   search kk: «қызметтер» → ${hrefs.length} result(s)`);
    return true;
  } finally { await page.close(); }
});
{
  const nojs = await newContext({ javaScriptEnabled: false });
  await attempt('search without JavaScript', '/ru/search/', async () => {
    const page = await nojs.newPage();
    try {
      const res = await page.goto(ORIGIN + '/ru/search/', { waitUntil: 'load' });
      if (!res || res.status() !== 200) throw new Error(`/ru/search/ answers HTTP ${res ? res.status() : 'nothing'}: there is no search page`);
      const msg = page.locator('#search-nojs');
      if (await msg.count() < 1) throw new Error('no #search-nojs element');
      if (!(await msg.first().isVisible())) throw new Error('#search-nojs is not visible with JavaScript off');
      const text = (await msg.first().innerText()).trim();
      if (!text) throw new Error('#search-nojs has no text');
      console.log(`ok   search without JavaScript: #search-nojs says «${text.split('\n')[0].slice(0, 80)}»`);
      return true;
    } finally { await page.close(); }
  });
  await nojs.close();
}
}

// ------------------------------------------------------------- catalogues
// Filtering like a reader: choose a value of one facet with the keyboard and one of
// another with the mouse, check the count (against the entries' data-facets), the live
// region and the URL; reload; open an entry and go back; clear.
async function filterCatalogue(lang, url) {
  const page = await open(light, url);
  try {
    await page.waitForSelector('.facet input[type="checkbox"]', { timeout: 5000 });
    const facets = await page.$$eval('.facet[data-field]', (boxes) => boxes.map((b) => ({
      field: b.dataset.field,
      values: [...b.querySelectorAll('li[data-value]')].map((li) => li.dataset.value),
    })));
    const entries = await page.$$eval('.catalogue-entries > li', (lis) => lis.map((li) => (li.dataset.facets || '').split(' ')));
    // Two facets and a value of each that leave at least one entry together.
    let pick = null;
    for (let a = 0; a < facets.length && !pick; a++) {
      for (let b = a + 1; b < facets.length && !pick; b++) {
        for (const va of facets[a].values) {
          for (const vb of facets[b].values) {
            const left = entries.filter((t) => t.includes(`${facets[a].field}=${va}`) && t.includes(`${facets[b].field}=${vb}`)).length;
            if (left > 0 && left < entries.length) { pick = { a: facets[a].field, va, b: facets[b].field, vb, left }; break; }
          }
          if (pick) break;
        }
      }
    }
    if (!pick) throw new Error('no two facet values that narrow the list together');
    const box = (field, value) => page.locator(`.facet[data-field="${field}"] input[value="${value}"]`);
    // Keyboard: open the facet's disclosure, focus the checkbox, press Space.
    for (const [field, value, how] of [[pick.a, pick.va, 'keyboard'], [pick.b, pick.vb, 'mouse']]) {
      const details = page.locator(`.facet[data-field="${field}"]`);
      if (!(await details.evaluate((d) => d.open))) {
        await details.locator('summary').focus();
        await page.keyboard.press('Enter');
      }
      if (how === 'keyboard') { await box(field, value).focus(); await page.keyboard.press('Space'); }
      else await box(field, value).click();
    }
    const check = async (when) => {
      const visible = await page.$$eval('.catalogue-entries > li', (lis) => lis.filter((li) => !li.hidden).length);
      if (visible !== pick.left) throw new Error(`${when}: ${visible} entries shown, expected ${pick.left} (${pick.a}=${pick.va} and ${pick.b}=${pick.vb})`);
      const status = (await page.locator('.catalogue-status').innerText()).trim();
      if (!status.includes(String(pick.left))) throw new Error(`${when}: the live region says «${status}», not ${pick.left}`);
      const q = new URL(page.url()).searchParams;
      if (!q.getAll(pick.a).includes(pick.va) || !q.getAll(pick.b).includes(pick.vb)) throw new Error(`${when}: the URL ${shortUrl(page.url())} does not keep the choice`);
      for (const [f, v] of [[pick.a, pick.va], [pick.b, pick.vb]]) {
        if (!(await box(f, v).isChecked())) throw new Error(`${when}: ${f}=${v} is not checked`);
      }
      return status;
    };
    const status = await check('after choosing');
    const role = await page.locator('.catalogue-status').getAttribute('role');
    if (role !== 'status') throw new Error(`the count is not a live region (role="${role}")`);
    await axeHere(page, 'axe[filtered]', shortUrl(page.url()));
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.facet input[type="checkbox"]');
    await check('after reloading');
    const entry = page.locator('.catalogue-entries > li:not([hidden]) h3 a').first();
    await Promise.all([page.waitForURL((u) => !u.href.includes('?')), entry.click()]);
    await page.goBack({ waitUntil: 'load' });
    await page.waitForSelector('.facet input[type="checkbox"]');
    await check('after going back');
    await page.locator('[data-clear]').click();
    const all = await page.$$eval('.catalogue-entries > li', (lis) => lis.filter((li) => !li.hidden).length);
    if (all !== entries.length || new URL(page.url()).search) throw new Error(`after clearing: ${all} of ${entries.length} shown, URL ${shortUrl(page.url())}`);
    console.log(`ok   catalogue ${url}: ${pick.a}=${pick.va} + ${pick.b}=${pick.vb} → «${status}»; kept on reload and back; cleared`);
    return true;
  } finally { await page.close(); }
}
for (const lang of ['en', 'ru', 'kk']) {
  for (const c of catalogues(lang)) {
    await attempt('catalogue', c.url, () => filterCatalogue(lang, c.url));
  }
}

// ------------------------------------------------------------ screenshots
if (shotsDir) {
  const ruArticle = richestArticle('ru');
  const shots = [
    [light, '/ru/', 'home-ru.png'],
    [light, ruArticle, 'article-ru.png'],
    [narrow, ruArticle, 'article-ru-320.png'],
  ];
  for (const [ctx, url, name] of shots) {
    await attempt('screenshot', `${url} → ${name}`, async () => {
      if (!url) throw new Error('no Russian article found');
      const page = await open(ctx, url);
      try { await page.screenshot({ path: path.join(shotsDir, name) }); } finally { await page.close(); }
      return true;
    });
  }
  // The widest table of each of these languages, at the top of the screen, at 1280 and
  // 320 px: what a reader sees of it before scrolling it.
  for (const lang of ['ru', 'kk']) {
    const widest = widestTable(lang);
    if (!widest) continue;
    for (const [ctx, name] of [[light, `table-${lang}.png`], [narrow, `table-${lang}-320.png`]]) {
      await attempt('screenshot', `${widest.url} → ${name}`, async () => {
        const page = await open(ctx, widest.url);
        try {
          await page.locator('.table-scroll').nth(widest.index).evaluate((e) => e.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: path.join(shotsDir, name) });
        } finally { await page.close(); }
        return true;
      });
    }
  }
}

// The page of `lang` with the table of most columns (by the headers its region's label
// lists), and which table of the page it is.
function widestTable(lang) {
  let best = null;
  const under = path.join(ROOT, lang) + path.sep;
  for (const file of htmlFiles.filter((f) => f.startsWith(under) && f.endsWith('index.html'))) {
    const html = fs.readFileSync(file, 'utf8');
    const labels = [...html.matchAll(/<div class="table-scroll"[^>]*aria-label="([^"]*)"/g)].map((m) => m[1]);
    labels.forEach((label, index) => {
      const columns = label.split(',').length;
      if (!best || columns > best.columns) {
        const url = '/' + path.relative(ROOT, path.dirname(file)).split(path.sep).map(encodeURIComponent).join('/') + '/';
        best = { url, index, columns };
      }
    });
  }
  return best;
}

// --------------------------------------- requests, resources, script errors
if (foreignRequests.size === 0) pass();
else {
  fail('requests', null, [...foreignRequests].slice(0, 20).map(([u, from]) => {
    const pages = [...from];
    return `${u}${pages.length ? ` (from ${pages.slice(0, 3).join(' ')}${pages.length > 3 ? ` and ${pages.length - 3} more` : ''})` : ''}`;
  }));
}
if (brokenResources.size === 0) pass();
else {
  fail('resources', null, [...brokenResources].slice(0, 20).map(([u, r]) => `HTTP ${r.status} ${shortUrl(u)}${r.from ? ` (on ${shortUrl(r.from)})` : ''}`));
}
if (pageErrors.length === 0) pass();
else fail('script errors', null, pageErrors.slice(0, 20).map((e) => `${shortUrl(e.url)}: ${e.message}`));

await browser.close();
server.close();

// ------------------------------------------------------------------- vnu
const vnu = await vnuDone;
let vnuErrors = 0;
if (vnu.error) {
  fail('html', null, [vnu.error]);
} else {
  let messages = [];
  try {
    messages = JSON.parse(vnu.out.slice(vnu.out.indexOf('{'))).messages || [];
  } catch {
    fail('html', null, [`unreadable output of the Nu Html Checker (exit ${vnu.code}):`, ...vnu.out.split('\n').slice(0, 20)]);
  }
  const byFile = new Map();
  for (const m of messages) {
    if (m.type !== 'error' && m.type !== 'non-document-error' && m.subType !== 'fatal') continue;
    const file = m.url ? path.relative(ROOT, m.url.startsWith('file:') ? fileURLToPath(m.url) : m.url) : '(checker)';
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(m);
  }
  for (const [file, ms] of byFile) {
    vnuErrors += ms.length;
    fail('html', file, ms.slice(0, 10).map((m) => `${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'} ${m.message}${m.extract ? `\n       ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : ''}`));
  }
  passed += htmlFiles.length - byFile.size;
}

// ---------------------------------------------------------------- summary
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log('');
console.log(`site:        ${ROOT} served at ${ORIGIN}`);
console.log(`languages:   ${languages.join(', ')}`);
console.log(`axe-core:    ${axeRuns} page runs (${axeLight.length} light, ${axeDarkNarrow.length} dark, ${axeDarkNarrow.length} at 320 px; ${AXE_TAGS.join(' ')}) in ${axeSeconds.toFixed(1)} s`);
console.log(`sitemap:     ${sitemapUrls} addresses answer 200`);
console.log(`aliases:     ${redirects.length} old addresses lead to pages`);
console.log(`weight:      heaviest article ${heaviest.url}: ${(heaviest.bytes / 1024).toFixed(1)} KB of HTML+CSS+JS (budget ${WEIGHT_LIMIT / 1024} KB)`);
console.log(`requests:    ${foreignRequests.size} distinct URL(s) on hosts other than 127.0.0.1`);
console.log(`html:        ${htmlFiles.length} files through the Nu Html Checker, ${vnuErrors} error(s)`);
if (shotsDir) console.log(`screenshots: ${path.resolve(shotsDir)}`);
console.log(`time:        ${seconds} s`);
if (failures.length) {
  console.log('');
  console.log('failed checks:');
  const counts = new Map();
  for (const f of failures) counts.set(f.check, (counts.get(f.check) || 0) + 1);
  for (const [c, n] of counts) console.log(`  ${c}: ${n}`);
}
console.log(`browser: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
