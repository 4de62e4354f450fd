#!/usr/bin/env node
// Offline reading in a real browser (a site built with `offline: true`):
//   node offline.mjs <public-dir>
// Serves <public-dir> on 127.0.0.1 and, in Debian's Chromium: opens an English article,
// waits until the service worker controls the page and keeps it, opens the Russian home
// page; then goes offline (the browser context offline, the server stopped), reloads the
// article and finds its heading; opens a Russian article never visited and finds the
// Russian offline page, which lists the article kept. Exit status 1 on any failure.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const started = Date.now();
setTimeout(() => { console.error('offline.mjs: gave up after 2 minutes'); process.exit(1); }, 120000).unref();
const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node offline.mjs <public-dir>');
  process.exit(2);
}
const ROOT = path.resolve(dir);
if (!fs.existsSync(path.join(ROOT, 'sw.js'))) {
  console.error(`offline.mjs: ${ROOT}/sw.js does not exist: build a site with offline: true`);
  process.exit(2);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.xml': 'application/xml' };
const isFile = (p) => { try { return fs.statSync(p).isFile(); } catch { return false; } };
const server = http.createServer((req, res) => {
  let pathname;
  try { pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch { res.writeHead(400); return res.end(); }
  let file = path.join(ROOT, pathname);
  if (file !== ROOT && !file.startsWith(ROOT + path.sep)) { res.writeHead(404); return res.end(); }
  if (pathname.endsWith('/')) file = path.join(file, 'index.html');
  else if (isFile(path.join(file, 'index.html'))) { res.writeHead(301, { Location: encodeURI(pathname + '/') }); return res.end(); }
  if (!isFile(file)) file = path.join(ROOT, '404.html');
  const status = file === path.join(ROOT, '404.html') && !pathname.endsWith('404.html') ? 404 : 200;
  const body = fs.readFileSync(file);
  // As a static host is told to for pages (docs/publishing.md): ask again each time.
  res.writeHead(status, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

// The first article of a language's articles/ (by name), but `not` nor an alias that only
// redirects; its heading from the file.
function article(lang, not) {
  const base = path.join(ROOT, lang, 'articles');
  const isArticle = (n) => n !== not && n !== 'page' && isFile(path.join(base, n, 'index.html'))
    && !/http-equiv="refresh"/.test(fs.readFileSync(path.join(base, n, 'index.html'), 'utf8'));
  const name = fs.readdirSync(base).sort().find(isArticle);
  if (!name) throw new Error(`no article under /${lang}/articles/`);
  return { name, url: `/${lang}/articles/${encodeURIComponent(name)}/`, heading: headingOf(path.join(base, name, 'index.html')) };
}
function headingOf(file) {
  const m = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(fs.readFileSync(file, 'utf8'));
  return m ? m[1].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim() : null;
}

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const en = article('en');
  const ru = article('ru', en.name);

  // Online: the first visit registers the worker, which takes the page over and keeps it
  // with the English home page, stylesheet and offline page.
  await page.goto(ORIGIN + en.url, { waitUntil: 'load' });
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const kept = async (urls) => page.evaluate(async (list) => {
    const names = (await caches.keys()).filter((n) => n.startsWith('dala:'));
    const found = [];
    for (const name of names) {
      const cache = await caches.open(name);
      for (const u of list) if (await cache.match(u)) found.push(u);
    }
    return found.length === list.length ? names : null;
  }, urls);
  const shell = [en.url, '/en/', '/en/offline/'];
  let names = null;
  for (let i = 0; i < 100 && !names; i++) {
    names = await kept(shell);
    if (!names) await page.waitForTimeout(100);
  }
  check(names !== null, `the worker controls ${en.url} and keeps ${shell.join(' ')}${names ? ` (cache ${names.join(', ')})` : ''}`);
  const css = await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').getAttribute('href'));
  check((await kept([css])) !== null, `the stylesheet ${css} is kept`);
  await page.goto(ORIGIN + '/ru/', { waitUntil: 'load' });
  let ruKept = false;
  for (let i = 0; i < 100 && !ruKept; i++) {
    ruKept = (await kept(['/ru/offline/'])) !== null;
    if (!ruKept) await page.waitForTimeout(100);
  }
  check(ruKept, 'a visit in Russian keeps the Russian offline page');

  // Offline: no network for the browser, and no server either.
  await context.setOffline(true);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await page.goto(ORIGIN + en.url, { waitUntil: 'load' });
  const heading = (await page.locator('h1').first().innerText()).trim();
  check(heading === en.heading, `offline, ${en.url} reloads from what was kept: «${heading}»`);
  const styled = await page.evaluate(() => [...document.styleSheets].some((s) => { try { return s.cssRules.length > 0; } catch { return false; } }));
  check(styled, 'offline, the article has its stylesheet');

  await page.goto(ORIGIN + ru.url, { waitUntil: 'load' });
  const lang = await page.locator('html').getAttribute('lang');
  const title = (await page.locator('h1').first().innerText()).trim();
  const expected = headingOf(path.join(ROOT, 'ru', 'offline', 'index.html'));
  check(lang === 'ru' && title === expected, `offline, ${ru.url} (never visited) gives the Russian offline page: lang="${lang}", «${title}»`);
  await page.locator('#offline-saved a').first().waitFor({ timeout: 5000 }).catch(() => {});
  const listed = await page.locator('#offline-saved a').evaluateAll((as) => as.map((a) => [new URL(a.href).pathname, a.textContent, a.lang]));
  const entry = listed.find(([p]) => p === en.url);
  check(entry && entry[1] === en.heading && entry[2] === 'en', `the offline page lists the article kept, in English: ${JSON.stringify(entry || listed)}`);
  check(errors.length === 0, `no script errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
} catch (e) {
  check(false, String(e && e.message ? e.message : e).split('\n')[0]);
} finally {
  await browser.close();
  server.close();
}
console.log(`offline: ${failures.length ? `${failures.length} failed` : 'all passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length ? 1 : 0);
