// Drives the search page in headless Chromium (Debian's chromium through
// playwright-core) against a live `notesearch serve` on a free loopback port.
// Usage: node search_page_test.mjs NOTESEARCH_BINARY CORPUS_DIR ARTIFACT_DIR
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const [binary, corpus, artifacts] = process.argv.slice(2);
if (!binary || !corpus || !artifacts) {
  console.error('usage: node search_page_test.mjs NOTESEARCH_BINARY CORPUS_DIR ARTIFACT_DIR');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  console.error('playwright-core is missing: run `npm ci` in tests/browser (CTest does it in browser_npm_ci)');
  process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: apt-get install chromium (scripts/install-deps does it)`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, child, log) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error('notesearch serve exited: ' + fs.readFileSync(log, 'utf8'));
    try {
      const response = await fetch(base + '/healthz');
      if (response.ok) return;
    } catch (error) {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('notesearch serve did not answer /healthz: ' + fs.readFileSync(log, 'utf8'));
}

// Notes: the bundled corpus plus one file whose bullets are HTML attacks.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'notesearch-browser-'));
const notes = path.join(work, 'notes');
fs.mkdirSync(notes);
for (const name of fs.readdirSync(corpus)) fs.copyFileSync(path.join(corpus, name), path.join(notes, name));
fs.writeFileSync(path.join(notes, 'hostile.md'),
  '+ xsscanary <script>window.pwned = 1</script>\n' +
  '+ xsscanary <img src=x onerror="window.pwned = 2">\n');
const db = path.join(work, 'index');
execFileSync(binary, ['index', '--db', db, '-q', notes], { stdio: 'inherit' });

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const log = path.join(work, 'serve.log');
const logFd = fs.openSync(log, 'w');
const server = spawn(binary, ['serve', '--port', String(port), '--db', db], { stdio: ['ignore', logFd, logFd] });
let browser;
fs.mkdirSync(artifacts, { recursive: true });

async function api(query) {
  const response = await fetch(`${base}/api/search?${query}`);
  assert.equal(response.status, 200);
  return response.json();
}

try {
  await waitForHealth(base, server, log);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(base + '/');

  // 1. Typing searches, with highlights and breadcrumbs.
  await page.locator('#q').pressSequentially('python', { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll('#results .hit').length > 0);
  const expected = await api('q=python&limit=20&prefix=1&facets=tool,company,location,section');
  await page.waitForFunction((total) => document.querySelector('#status').textContent.startsWith(total + ' results'),
    expected.total);
  assert.equal(await page.locator('#results .hit').count(), Math.min(20, expected.hits.length));
  const marks = await page.locator('#results .hit mark').allTextContents();
  assert.ok(marks.length > 0, 'no highlights');
  assert.ok(marks.some((m) => m.toLowerCase() === 'python'), 'no highlighted "python": ' + marks.slice(0, 5));
  assert.ok((await page.locator('#results .hit .crumbs').count()) > 0, 'no breadcrumbs');
  assert.match(page.url(), /[?&]q=python/);
  await page.screenshot({ path: path.join(artifacts, 'search-laptop.png'), fullPage: false });

  // 2. A facet value filters; the chip shows; the URL keeps it; the API agrees.
  const facet = page.locator('#facets .facet-value[data-field="company"]').first();
  const company = await facet.getAttribute('data-value');
  await facet.click();
  await page.waitForSelector(`#filters .chip[data-field="company"]`);
  const filtered = await api(`q=python&limit=20&prefix=1&company=${encodeURIComponent(company)}`);
  await page.waitForFunction((total) => document.querySelector('#status').textContent.startsWith(total + ' results'),
    filtered.total);
  assert.ok(filtered.total < expected.total, 'the filter did not narrow the results');
  assert.equal(new URL(page.url()).searchParams.get('company'), company);
  // Reloading the URL restores the search and the filter.
  await page.reload();
  await page.waitForSelector(`#filters .chip[data-field="company"]`);
  assert.equal(await page.locator('#q').inputValue(), 'python');
  await page.waitForFunction((total) => document.querySelector('#status').textContent.startsWith(total + ' results'),
    filtered.total);
  // Removing the chip removes the filter.
  await page.locator('#filters .chip').click();
  await page.waitForFunction((total) => document.querySelector('#status').textContent.startsWith(total + ' results'),
    expected.total);
  assert.equal(await page.locator('#filters .chip').count(), 0);
  assert.equal(new URL(page.url()).searchParams.get('company'), null);

  // 3. Keyboard: / focuses the box, arrows select a hit.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#results .hit.selected').count(), 1);
  assert.equal(await page.locator('#results .hit').nth(1).getAttribute('class'), 'hit selected');

  // 4. Bullet text is text: the attacks show literally and run nothing.
  await page.locator('#q').fill('xsscanary');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('2 results'));
  const texts = await page.locator('#results .hit .text').allTextContents();
  assert.ok(texts.some((t) => t.includes('<script>window.pwned = 1</script>')), texts.join(' | '));
  assert.ok(texts.some((t) => t.includes('<img src=x onerror="window.pwned = 2">')), texts.join(' | '));
  assert.equal(await page.locator('#results script, #results img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(dialogs, []);

  // 5. A misspelling is corrected, with the way back.
  await page.locator('#q').fill('kuberentes');
  await page.waitForSelector('#notices .corrected');
  assert.match(await page.locator('#notices .corrected').textContent(), /Showing results for kubernetes/);
  await page.locator('#notices .corrected button').click();
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'No results');
  assert.equal(new URL(page.url()).searchParams.get('exact'), '1');

  // 6. Phone width: the page still shows results; screenshot for review.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#q').fill('machine learning');
  await page.waitForFunction(() => document.querySelectorAll('#results .hit').length > 0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
  await page.screenshot({ path: path.join(artifacts, 'search-phone.png'), fullPage: false });

  assert.deepEqual(pageErrors, []);
  console.log('browser test passed; screenshots:');
  for (const name of ['search-laptop.png', 'search-phone.png']) console.log('  ' + path.join(artifacts, name));
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
}
