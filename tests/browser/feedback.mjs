#!/usr/bin/env node
// "Is this page useful?" in a real browser, against the reference receiver:
//   node feedback.mjs <dala-binary> <site-root>
// Copies the site (the hub) to a temporary folder, points its `feedback:` endpoint at
// docs/feedback-receiver.mjs started on 127.0.0.1, builds it for a local server and, in
// Debian's Chromium: with JavaScript off, answers "yes" with a comment on an English
// article (the receiver must get the page, its language, the answer, the comment and an
// empty trap, and send the browser back to the page, whose thanks show); with JavaScript on,
// answers "no" on the English and the Kazakh article (the post must go in the background
// and the status region thank in the page's language); and on the Russian one, with the
// background post failing, the script must post the form the plain way. Exit status 1 on
// any failure.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

setTimeout(() => { console.error('feedback.mjs: gave up after 3 minutes'); process.exit(1); }, 180000).unref();
const [dala, siteArg] = process.argv.slice(2);
if (!dala || !siteArg) {
  console.error('usage: node feedback.mjs <dala-binary> <site-root>');
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const here = path.dirname(fileURLToPath(import.meta.url));
const RECEIVER = path.resolve(here, '../../docs/feedback-receiver.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dala-feedback-'));
const PUBLIC = path.join(work, 'public');

// The site's server, first: its address is the base URL to build with.
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.png': 'image/png', '.jpg': 'image/jpeg', '.xml': 'application/xml' };
const isFile = (p) => { try { return fs.statSync(p).isFile(); } catch { return false; } };
const server = http.createServer((req, res) => {
  let pathname;
  try { pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch { return res.writeHead(400).end(); }
  let file = path.join(PUBLIC, pathname);
  if (!file.startsWith(PUBLIC + path.sep)) return res.writeHead(404).end();
  if (pathname.endsWith('/')) file = path.join(file, 'index.html');
  if (!isFile(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
  res.end(fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

// The reference receiver for that origin, on a free port; each answer is a line of JSON.
const receiver = spawn(process.execPath, [RECEIVER, ORIGIN, '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
const answers = [];
let out = '';
receiver.stdout.on('data', (d) => {
  out += d;
  for (let i; (i = out.indexOf('\n')) >= 0; out = out.slice(i + 1)) answers.push(JSON.parse(out.slice(0, i)));
});
const ENDPOINT = await new Promise((resolve, reject) => {
  let err = '';
  receiver.stderr.on('data', (d) => {
    err += d;
    const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
    if (m) resolve(`${m[1]}feedback`);
  });
  receiver.on('exit', (code) => reject(new Error(`the receiver stopped (${code}): ${err}`)));
});

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
const cleanUp = () => {
  receiver.kill();
  server.close();
  fs.rmSync(work, { recursive: true, force: true });
};

// A copy of the site whose form posts to the receiver.
const copy = path.join(work, 'site');
for (const name of ['site.yaml', 'content', 'themes', 'templates', 'i18n', 'static', 'data']) {
  if (fs.existsSync(path.join(SITE, name))) fs.cpSync(path.join(SITE, name), path.join(copy, name), { recursive: true });
}
const yaml = fs.readFileSync(path.join(copy, 'site.yaml'), 'utf8');
const pointed = yaml.replace(/^(feedback:\n  endpoint:) \S+$/m, `$1 ${ENDPOINT}`);
if (pointed === yaml) {
  console.error('feedback.mjs: site.yaml has no `feedback:` block with `endpoint:` on its next line');
  cleanUp();
  process.exit(2);
}
fs.writeFileSync(path.join(copy, 'site.yaml'), pointed);
const built = spawnSync(dala, ['build', '--root', copy, '--output', PUBLIC, '--base-url', ORIGIN], { encoding: 'utf8' });
if (built.status !== 0) {
  console.error(`feedback.mjs: the build failed:\n${built.stderr}`);
  cleanUp();
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const local = (url) => /^http:\/\/127\.0\.0\.1:\d+\//.test(url);
// Waits until the receiver has printed `n` answers.
const answered = async (n) => {
  for (let i = 0; i < 50 && answers.length < n; i++) await new Promise((r) => setTimeout(r, 100));
  return answers[n - 1];
};
const ARTICLE = '/en/articles/digital-id/';
try {
  // Without JavaScript: the plain post, a 303 back to the page, the thanks by :target.
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route((u) => !local(u.href), (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r); });
    await page.goto(ORIGIN + ARTICLE);
    await page.check('form.feedback-form input[name=useful][value=yes]');
    await page.fill('form.feedback-form textarea[name=comment]', 'Clear, thank you: «пайдалы»');
    await Promise.all([page.waitForURL(`${ORIGIN}${ARTICLE}#feedback-thanks`), page.click('form.feedback-form button[type=submit]')]);
    const sent = new URLSearchParams(posts[0]?.postData() ?? '');
    check(posts.length === 1 && posts[0].url() === ENDPOINT && posts[0].resourceType() === 'document', 'without JavaScript the browser posts the form itself');
    check(sent.get('website') === '' && sent.get('return_to') === `${ORIGIN}${ARTICLE}#feedback-thanks`, 'it sends an empty trap and where to come back to');
    const a = await answered(1);
    check(a?.page === ORIGIN + ARTICLE && a?.lang === 'en' && a?.useful === 'yes' && a?.comment === 'Clear, thank you: «пайдалы»',
      `the receiver got the page, its language, the answer and the comment: ${JSON.stringify(a)}`);
    check(await page.isVisible('#feedback-thanks'), 'back on the page (303), its thanks show');
    check((await page.textContent('#feedback-thanks')).trim() === 'Thank you for your answer!', 'in English');
    await context.close();
  }
  // With JavaScript: the background post, the thanks in the status region, in each language.
  for (const [lang, thanks] of [['en', 'Thank you for your answer!'], ['kk', 'Жауабыңызға рахмет!']]) {
    const context = await browser.newContext();
    await context.route((u) => !local(u.href), (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r); });
    const url = `${ORIGIN}/${lang}/articles/digital-id/`;
    await page.goto(url);
    const before = answers.length;
    await page.check('form.feedback-form input[name=useful][value=no]');
    await page.click('form.feedback-form button[type=submit]');
    const status = page.locator('.feedback [role=status]');
    await status.filter({ hasText: thanks }).waitFor({ timeout: 5000 }).catch(() => {});
    check((await status.textContent()).trim() === thanks, `${lang}: the status region thanks the reader: ${await status.textContent()}`);
    check(page.url() === url && posts.length === 1 && posts[0].resourceType() === 'fetch', `${lang}: sent in the background, the page stays`);
    const a = await answered(before + 1);
    check(a?.page === url && a?.lang === lang && a?.useful === 'no' && a?.comment === '', `${lang}: the receiver got it: ${JSON.stringify(a)}`);
    check(await page.isHidden('form.feedback-form'), `${lang}: the form is put away`);
    check(await page.evaluate(() => document.activeElement?.getAttribute('role') === 'status'), `${lang}: focus moves to the thanks`);
    check(errors.length === 0, `${lang}: no script error ${errors.join('; ')}`);
    await context.close();
  }
  // With JavaScript, when the background post fails: the plain post, and the thanks after it.
  {
    const context = await browser.newContext();
    await context.route((u) => !local(u.href), (route) => route.abort('blockedbyclient'));
    await context.route(ENDPOINT, (route) => (route.request().resourceType() === 'fetch' ? route.abort('failed') : route.continue()));
    const page = await context.newPage();
    const url = `${ORIGIN}/ru/articles/digital-id/`;
    await page.goto(url);
    await page.check('form.feedback-form input[name=useful][value=yes]');
    const back = page.waitForURL(`${url}#feedback-thanks`, { timeout: 5000 }).then(() => true, () => false);
    await page.click('form.feedback-form button[type=submit]');
    check(await back, 'ru: when the background post fails, the form is posted the plain way');
    const a = await answered(4);
    check(a?.page === url && a?.lang === 'ru' && a?.useful === 'yes', `ru: the receiver got it: ${JSON.stringify(a)}`);
    check((await page.textContent('#feedback-thanks')).trim() === 'Спасибо за ответ!' && await page.isVisible('#feedback-thanks'), 'ru: its thanks show, in Russian');
    await context.close();
  }
  check(answers.length === 4, `the receiver got four answers, no more (${answers.length})`);
} catch (e) {
  check(false, `feedback.mjs: ${e.stack || e}`);
} finally {
  await browser.close();
  cleanUp();
}
console.log(failures.length ? `feedback: ${failures.length} failed` : 'feedback: all passed');
process.exit(failures.length ? 1 : 0);
