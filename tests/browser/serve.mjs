#!/usr/bin/env node
// `dala serve` in a real browser: a page reloads itself after an edit, shows the build's
// errors over the page after a broken edit, and clears them after the next good save.
//   node serve.mjs <dala-binary> <site-dir>
// The site folder is changed by the test: give it a copy.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const [bin, site] = process.argv.slice(2);
if (!bin || !site) {
  console.error('usage: node serve.mjs <dala-binary> <site-dir>');
  process.exit(2);
}
setTimeout(() => { console.error('serve.mjs: gave up after 5 minutes'); process.exit(1); }, 300000).unref();

const out = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'dala-serve-check-'));
const server = spawn(bin, ['serve', '--port', '0', '--root', site, '--output', out],
  { stdio: ['ignore', 'pipe', 'inherit'] });
// Everything the server printed, and a way to wait for its next line matching a pattern.
let printed = '';
server.stdout.on('data', (chunk) => { printed += chunk; });
const printedLater = (pattern, timeout = 60000) => {
  const from = printed.length;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (pattern.test(printed.slice(from))) { clearInterval(poll); resolve(); }
      else if (Date.now() - started > timeout) { clearInterval(poll); reject(new Error(`no ${pattern}`)); }
    }, 20);
  });
};
const address = await new Promise((resolve, reject) => {
  let seen = '';
  server.stdout.on('data', (chunk) => {
    seen += chunk;
    const m = seen.match(/serving (http:\/\/[^/\s]+)\//);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`dala serve exited with ${code}`)));
});

let failed = 0;
const ok = (what) => console.log(`ok   ${what}`);
const fail = (what) => { failed++; console.log(`FAIL ${what}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const url = `${address}/en/`;
  await page.goto(url);
  const home = path.join(site, 'content', '_index.md');
  const original = fs.readFileSync(home, 'utf8');

  // An edit: the open page reloads by itself.
  const reloaded = page.waitForNavigation({ timeout: 20000 });
  fs.writeFileSync(home, original.replace(/^title:.*$/m, 'title: Edited while serving'));
  await reloaded;
  (await page.textContent('h1')).includes('Edited while serving')
    ? ok('an edit reloads the open page') : fail('the page did not show the edit');

  // A broken edit: an overlay with the file and line; the page stays as it was.
  fs.writeFileSync(home, '---\ntitle: [unclosed\n---\n');
  const overlay = await page.waitForSelector('#dala-errors[role="alert"]', { timeout: 20000 })
    .catch(() => null);
  const text = overlay ? await overlay.textContent() : '';
  /content\/_index\.md:\d+/.test(text)
    ? ok(`a broken edit shows the error over the page: ${text.split('\n').find((l) => l.includes('_index.md'))}`)
    : fail(`no overlay naming content/_index.md (got: ${text})`);
  (await page.textContent('h1')).includes('Edited while serving')
    ? ok('the page under the overlay is the last good build') : fail('the page changed');

  // The next good save clears it.
  const cleared = page.waitForNavigation({ timeout: 20000 });
  fs.writeFileSync(home, original);
  await cleared;
  (await page.$('#dala-errors')) === null
    ? ok('a good save clears the overlay') : fail('the overlay stayed');

  // A change to an article's text: its open page reloads, a page that does not show it
  // stays as it is.
  const article = await browser.newPage();
  await article.goto(`${address}/en/articles/open-data/`);
  await page.evaluate(() => { window.dalaStayed = true; });
  const file = path.join(site, 'content', 'articles', 'open-data.md');
  const articleText = fs.readFileSync(file, 'utf8');
  const articleReloaded = article.waitForNavigation({ timeout: 20000 });
  const settled = printedLater(/rendered 1 page/);
  fs.writeFileSync(file, articleText.replace('## Licences', '## Permits and licences'));
  await articleReloaded;
  (await article.textContent('body')).includes('Permits and licences')
    ? ok('a text edit reloads the article it changed') : fail('the article did not show the edit');
  await settled;
  await new Promise((r) => setTimeout(r, 1000));
  (await page.evaluate(() => window.dalaStayed === true))
    ? ok('a page the edit did not change was not reloaded') : fail('an unchanged page reloaded');
  fs.writeFileSync(file, articleText);
} catch (e) {
  fail(String(e));
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(out, { recursive: true, force: true });
}
console.log(`serve: ${failed ? failed + ' failed' : 'all passed'}`);
process.exit(failed ? 1 : 0);
