// Drives the search page in headless Chromium (Debian's chromium through
// playwright-core) against a live `notesearch serve` on a free loopback port.
// Usage: node search_page_test.mjs NOTESEARCH_BINARY CORPUS_DIR ARTIFACT_DIR
// Every check is a node:assert assertion; see README.md for the list.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [binary, corpus, artifacts] = process.argv.slice(2);
if (!binary || !corpus || !artifacts) {
  console.error('usage: node search_page_test.mjs NOTESEARCH_BINARY CORPUS_DIR ARTIFACT_DIR');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));

// Missing tools fail the test (exit 1) with what to install; they never skip it.
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  const where = path.join(here, 'node_modules');
  console.error(`FAIL: playwright-core cannot be loaded from ${where} (${error.message}).\n` +
    'Run `npm ci` in tests/browser (CTest does it in the browser_npm_ci fixture).');
  process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`FAIL: ${CHROMIUM} is missing: apt-get install chromium (scripts/install-deps does it), ` +
    'or set $CHROMIUM to a Chromium binary.');
  process.exit(1);
}

const PAGE = 20;  // hits per page, as in http/www/app.js
const FACETS = 'tool,company,location,tag,page,section';

// --- the notes, the index and the server -----------------------------------

// Notes: the bundled corpus plus one file of HTML attacks. (Markdown would
// strip the underscores of window.__xss, so the canary is window.xssfired.)
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'notesearch-browser-'));
const notes = path.join(work, 'notes');
fs.mkdirSync(notes);
for (const name of fs.readdirSync(corpus)) fs.copyFileSync(path.join(corpus, name), path.join(notes, name));
fs.writeFileSync(path.join(notes, 'hostile.md'), [
  '# Hostile <b>heading</b> notes',
  '',
  '+ xsscanary <script>window.xssfired = 1</script>',
  '+ xsscanary <img src=x onerror="window.xssfired = 2">',
  '+ xsscanary [click me](javascript:window.xssfired=3) and [a site](https://example.org/page)',
  '+ 😀🎉 astralcheck after characters outside the BMP',
  // A bullet long enough that the API sends a snippet of it.
  `+ ${'lorem ipsum dolor sit amet '.repeat(12)}longbulletcheck ${'consectetur adipiscing elit '.repeat(10)}`,
  '## Runbooks #ops',
  '+ tagcheck restart the #kubernetes pods',
  '+ pagecheck met [[Alice Smith|Alice]] about the launch',
  ''].join('\n'));
const db = path.join(work, 'index');

let server = null;
let browser = null;

// `serve --port 0` takes a free port and prints it: no race with other tests.
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', '--port', '0', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    server = child;
    let log = '';
    const timer = setTimeout(() => reject(new Error('notesearch serve printed no port in 10 s:\n' + log)), 10000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const found = /serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${found[1]}`);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`notesearch serve exited with ${code}:\n${log}`));
    });
  });
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if (await Promise.race([exited, timeout]) === 'timeout') server.kill('SIGKILL');
}
// Whatever happens to this process, the server does not outlive it.
process.on('exit', () => { if (server && server.exitCode === null) server.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

async function waitForHealth(base) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base + '/healthz')).ok) return;
    } catch (error) {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('notesearch serve did not answer /healthz');
}

// --- what the page should show, computed from the API ----------------------

let base = '';

// The API's answer for what the page asks: q with the last word a prefix.
async function api(q, extra = {}) {
  const params = new URLSearchParams({ q, limit: String(PAGE), prefix: '1', facets: FACETS, ...extra });
  const response = await fetch(`${base}/api/search?${params}`);
  const data = await response.json();
  assert.equal(response.status, 200, `API error for ${q}: ${JSON.stringify(data)}`);
  return data;
}

// The marked spans of a text, cut at code points as the API counts them.
function markedSpans(text, highlights) {
  const points = Array.from(text);
  return highlights.map(([start, end]) => points.slice(start, end).join(''));
}

function shownText(hit) {
  return hit.snippet ? hit.snippet : { text: hit.text, highlights: hit.highlights };
}

function crumbs(hit) {
  return hit.context.map((c) => c.text).filter((t, i, all) => t && t !== all[i - 1]).join(' › ');
}

// Waits until the status line tells total and shown, and, when given, the
// first hit is that hit (so an earlier search with the same count can't pass).
function statusIs(page, total, shown, first = null) {
  const where = first ? `${first.file}:${first.line}` : null;
  return page.waitForFunction(([total, shown, where]) => {
    const text = document.querySelector('#status').textContent;
    const counted = total === 0 ? text.startsWith('No results')
      : text.startsWith(total + (total === 1 ? ' result' : ' results')) && text.endsWith('showing ' + shown);
    const hit = document.querySelector('#results .hit .where');
    return counted && (!where || (hit && hit.title === where));
  }, [total, shown, where], { timeout: 5000 });
}

async function hitTexts(page) {
  return page.locator('#results .hit .text').allTextContents();
}

// --- the test ----------------------------------------------------------------

try {
  execFileSync(binary, ['index', '--db', db, '-q', notes], { stdio: 'inherit' });
  base = await startServer();
  await waitForHealth(base);
  fs.mkdirSync(artifacts, { recursive: true });

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const consoleErrors = [];  // CSP violations show here
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  const response = await page.goto(base + '/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);

  // 1. Typing searches: count, highlights at the right code points, breadcrumbs.
  await page.locator('#q').pressSequentially('python', { delay: 25 });
  const python = await api('python');
  assert.ok(python.total > PAGE, 'the corpus should have more than a page of python hits');
  // Typing searches as it goes: "pyth" (a prefix) may find what "python"
  // finds, so the status alone does not tell that the whole word was searched.
  // The URL changes when that search starts.
  await page.waitForURL(/[?&]q=python(&|$)/);
  await statusIs(page, python.total, PAGE, python.hits[0]);
  assert.equal(await page.locator('#results .hit').count(), PAGE);
  const marks = await page.locator('#results .hit mark').allTextContents();
  assert.ok(marks.some((m) => m.toLowerCase() === 'python'), 'no highlighted "python": ' + marks.slice(0, 5));
  for (let i = 0; i < PAGE; i++) {
    const hit = python.hits[i];
    const item = page.locator('#results .hit').nth(i);
    assert.equal(await item.locator('.where').getAttribute('title'), `${hit.file}:${hit.line}`);
    const shown = shownText(hit);
    assert.deepEqual(await item.locator('.text mark').allTextContents(), markedSpans(shown.text, shown.highlights),
      `hit ${i}: marks differ from the API's highlights`);
    if (hit.context.length) assert.equal(await item.locator('.crumbs').textContent(), crumbs(hit), `hit ${i}: breadcrumb`);
    const entities = [...hit.tools, ...hit.companies, ...hit.locations, ...hit.tags.map((t) => '#' + t),
      ...hit.pages.map((p) => '[[' + p + ']]')];
    assert.deepEqual(await item.locator('.entity').allTextContents(), entities, `hit ${i}: entity chips`);
  }
  assert.ok((await page.locator('#results .hit .crumbs').count()) > 0, 'no breadcrumbs');
  await page.screenshot({ path: path.join(artifacts, 'search-laptop.png') });

  // 2. "and N more" of identical bullets lists their places.
  const alsoAt = python.hits.findIndex((h) => h.also);
  assert.ok(alsoAt >= 0, 'no identical bullets on the first page of python');
  {
    const also = python.hits[alsoAt].also;
    const item = page.locator('#results .hit').nth(alsoAt);
    assert.equal(await item.locator('.also summary').textContent(), `and ${also.length} more`);
    await item.locator('.also summary').click();
    assert.deepEqual(await item.locator('.also li a').evaluateAll((as) => as.map((a) => a.title)),
      also.map((a) => `${a.file}:${a.line}`));
    assert.ok(await item.locator('.also li a').first().isVisible());
  }

  // 3. Load more appends the next page, as the API pages it.
  await page.locator('#more').click();
  await statusIs(page, python.total, 2 * PAGE);
  const second = await api('python', { offset: String(PAGE) });
  assert.equal(await page.locator('#results .hit').nth(PAGE).locator('.where').getAttribute('title'),
    `${second.hits[0].file}:${second.hits[0].line}`);

  // 4. A facet value filters: chip, count as the API's, filter in the URL,
  //    restored on reload, removed with the chip.
  const facet = page.locator('#facets .facet-value[data-field="company"]').first();
  const company = await facet.getAttribute('data-value');
  await facet.click();
  await page.waitForSelector('#filters .chip[data-field="company"]');
  const filtered = await api('python', { company });
  assert.ok(filtered.total > 0 && filtered.total < python.total, 'the filter did not narrow the results');
  await statusIs(page, filtered.total, Math.min(PAGE, filtered.total), filtered.hits[0]);
  assert.equal(await page.locator('#filters .chip').textContent(), `company: ${company}×`);
  assert.equal(await page.locator(`#facets .facet-value.active[data-field="company"]`).getAttribute('aria-pressed'), 'true');
  let url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'python');
  assert.equal(url.searchParams.get('company'), company);
  await page.reload();
  await page.waitForSelector('#filters .chip[data-field="company"]');
  assert.equal(await page.locator('#q').inputValue(), 'python');
  await statusIs(page, filtered.total, Math.min(PAGE, filtered.total), filtered.hits[0]);
  for (const hit of filtered.hits) {
    assert.ok(hit.companies.includes(company) || hit.inherited.companies.includes(company), 'API hit outside the filter');
  }
  // Back goes to the search before the filter.
  await page.goBack();
  await statusIs(page, python.total, PAGE, python.hits[0]);
  assert.equal(await page.locator('#filters .chip').count(), 0);
  await page.goForward();
  await statusIs(page, filtered.total, Math.min(PAGE, filtered.total), filtered.hits[0]);
  await page.locator('#filters .chip').click();
  await statusIs(page, python.total, PAGE, python.hits[0]);
  assert.equal(await page.locator('#filters .chip').count(), 0);
  assert.equal(new URL(page.url()).searchParams.get('company'), null);

  // An entity chip of a hit filters by that entity.
  const entity = page.locator('#results .hit .entity[data-field="tool"]').first();
  const tool = await entity.textContent();
  await entity.click();
  await page.waitForSelector('#filters .chip[data-field="tool"]');
  const byTool = await api('python', { tool });
  await statusIs(page, byTool.total, Math.min(PAGE, byTool.total), byTool.hits[0]);
  assert.equal(new URL(page.url()).searchParams.get('tool'), tool);
  // With the box emptied, the chip alone lists every bullet it keeps.
  await page.locator('#q').fill('');
  const browsed = await api('', { tool });
  assert.ok(browsed.total >= byTool.total, 'browsing keeps at least what the words did');
  await statusIs(page, browsed.total, Math.min(PAGE, browsed.total), browsed.hits[0]);
  assert.equal(new URL(page.url()).searchParams.get('q'), null);
  await page.locator('#q').fill('python');
  await statusIs(page, byTool.total, Math.min(PAGE, byTool.total), byTool.hits[0]);
  await page.locator('#filters .chip').click();
  await statusIs(page, python.total, PAGE, python.hits[0]);

  // A tag shows as #tag on its hit, filters on click, and has its facet.
  await page.locator('#q').fill('tagcheck');
  const tagged = await api('tagcheck');
  assert.deepEqual(tagged.hits[0].tags, ['kubernetes']);
  assert.deepEqual(tagged.hits[0].inherited.tags, ['ops']);
  await statusIs(page, tagged.total, tagged.total, tagged.hits[0]);
  const tagChip = page.locator('#results .hit .entity[data-field="tag"]').first();
  assert.equal(await tagChip.textContent(), '#kubernetes');
  assert.equal(await page.locator('#facets .facet-value[data-field="tag"]').count(), 2);  // kubernetes, ops
  await tagChip.click();
  await page.waitForSelector('#filters .chip[data-field="tag"]');
  assert.equal(new URL(page.url()).searchParams.get('tag'), 'kubernetes');
  const byTag = await api('tagcheck', { tag: 'kubernetes' });
  assert.equal(byTag.total, 1);
  await statusIs(page, byTag.total, byTag.total, byTag.hits[0]);
  await page.locator('#filters .chip').click();

  // So does a page link, as [[page]].
  await page.locator('#q').fill('pagecheck');
  const linked = await api('pagecheck');
  assert.deepEqual(linked.hits[0].pages, ['alice smith']);
  await statusIs(page, linked.total, linked.total, linked.hits[0]);
  const pageChip = page.locator('#results .hit .entity[data-field="page"]').first();
  assert.equal(await pageChip.textContent(), '[[alice smith]]');
  assert.equal(await page.locator('#facets .facet-value[data-field="page"]').count(), 1);
  await pageChip.click();
  await page.waitForSelector('#filters .chip[data-field="page"]');
  assert.equal(new URL(page.url()).searchParams.get('page'), 'alice smith');
  const byPage = await api('pagecheck', { page: 'alice smith' });
  assert.equal(byPage.total, 1);
  await statusIs(page, byPage.total, byPage.total, byPage.hits[0]);
  await page.locator('#filters .chip').click();
  await page.locator('#q').fill('python');
  await statusIs(page, python.total, PAGE, python.hits[0]);

  // 5. Keyboard: / focuses the box, arrows select hits, Enter opens the
  //    selected one (here: copies path:line), Escape clears.
  await page.locator('#status').click();
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#results .hit.selected').count(), 1);
  assert.equal(await page.locator('#results .hit').first().getAttribute('aria-current'), 'true');
  await page.keyboard.press('ArrowDown');
  assert.match(await page.locator('#results .hit').nth(1).getAttribute('class'), /\bselected\b/);
  await page.keyboard.press('ArrowUp');
  assert.match(await page.locator('#results .hit').first().getAttribute('class'), /\bselected\b/);
  assert.equal(await page.locator('#results .hit.selected').count(), 1);

  // The editor link: VS Code by default, then "copy path:line", kept in localStorage.
  const first = python.hits[0];
  assert.equal(await page.locator('#results .hit .where').first().getAttribute('href'),
    `vscode://file${first.file.split('/').map(encodeURIComponent).join('/')}:${first.line}`);
  await page.locator('#settings summary').click();
  await page.locator('#editor').selectOption('copy');
  assert.equal(await page.evaluate(() => localStorage.getItem('notesearch.editor')), 'copy');
  await page.reload();
  await statusIs(page, python.total, PAGE, python.hits[0]);
  assert.equal(await page.locator('#editor').inputValue(), 'copy');
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results .hit .flash');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${first.file}:${first.line}`);
  await page.locator('#settings summary').click();
  await page.locator('#editor').selectOption('vscode');
  assert.equal(await page.locator('#results .hit .where').first().getAttribute('href'),
    `vscode://file${first.file.split('/').map(encodeURIComponent).join('/')}:${first.line}`);
  await page.locator('#settings summary').click();
  await page.locator('#q').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('#q').value === '' &&
    document.querySelectorAll('#results .hit').length === 0);
  assert.equal(new URL(page.url()).searchParams.get('q'), null);

  // 6. Bullet text is text: the attacks show literally and run nothing.
  await page.locator('#q').fill('xsscanary');
  await statusIs(page, 3, 3);
  const texts = await hitTexts(page);
  assert.ok(texts.includes('xsscanary <script>window.xssfired = 1</script>'), texts.join(' | '));
  assert.ok(texts.includes('xsscanary <img src=x onerror="window.xssfired = 2">'), texts.join(' | '));
  assert.equal(await page.locator('#results .crumbs').first().textContent(), 'Hostile <b>heading</b> notes');
  assert.equal(await page.locator('#results script, #results img, #results b').count(), 0);
  assert.equal(await page.locator('script').count(), 1, 'a script element was created from data');
  assert.equal(await page.locator('img').count(), 0, 'an img element was created from data');
  // A javascript: link of a note is no anchor; an https: one is.
  assert.equal(await page.locator('#results a[href^="javascript:"]').count(), 0);
  assert.equal(await page.locator('#results .links a').getAttribute('href'), 'https://example.org/page');
  await page.waitForTimeout(200);  // an onerror would have fired by now
  assert.equal(await page.evaluate(() => window.xssfired), undefined);
  assert.deepEqual(dialogs, []);

  // 7. Highlights count code points: a word after emoji is marked exactly.
  await page.locator('#q').fill('astralcheck');
  await statusIs(page, 1, 1);
  assert.deepEqual(await page.locator('#results mark').allTextContents(), ['astralcheck']);

  // 8. A long bullet shows its snippet, and "show full text" the rest.
  await page.locator('#q').fill('longbulletcheck');
  {
    const [long] = (await api('longbulletcheck')).hits;
    await statusIs(page, 1, 1, long);
    assert.ok(long.snippet, 'the API sent no snippet for the long bullet');
    const item = page.locator('#results .hit').first();
    assert.equal(await item.locator('.text').textContent(), long.snippet.text);
    assert.deepEqual(await item.locator('.text mark').allTextContents(), ['longbulletcheck']);
    await item.locator('button.toggle').click();
    assert.equal(await item.locator('.text').textContent(), long.text);
    assert.deepEqual(await item.locator('.text mark').allTextContents(), ['longbulletcheck']);
    assert.equal(await item.locator('button.toggle').getAttribute('aria-expanded'), 'true');
    await item.locator('button.toggle').click();
    assert.equal(await item.locator('.text').textContent(), long.snippet.text);
  }

  // 9. A misspelling is corrected, with the way back to the word as typed.
  await page.locator('#q').fill('kuberentes');
  await page.waitForSelector('#notices .corrected');
  assert.match(await page.locator('#notices .corrected').textContent(),
    /^Showing results for kubernetes\. Search instead for kuberentes$/);
  await page.locator('#notices .corrected button').click();
  await statusIs(page, 0, 0);
  assert.equal(new URL(page.url()).searchParams.get('exact'), '1');
  assert.equal(await page.locator('#notices .corrected').count(), 0);

  // 10. Errors: the API's {"error"} and an unreachable server show readably.
  const huge = 'word '.repeat(900);
  const apiError = await (await fetch(`${base}/api/search?${new URLSearchParams({ q: huge })}`)).json();
  assert.ok(apiError.error, 'a 4.5 KB query should be refused');
  await page.locator('#q').fill(huge);
  await page.waitForSelector('#notices .error');
  assert.equal(await page.locator('#notices .error').textContent(), 'Search failed: ' + apiError.error);
  await page.route('**/api/search?*', (route) => route.abort('connectionrefused'));
  await page.locator('#q').fill('python');
  await page.waitForFunction(() => /cannot reach the notesearch server/.test(document.querySelector('#notices').textContent));
  await page.unroute('**/api/search?*');

  // 11. A slow, stale answer never replaces a newer one.
  await page.route('**/api/search?*', async (route) => {
    if (new URL(route.request().url()).searchParams.get('q') === 'kubernetes') {
      await new Promise((resolve) => setTimeout(resolve, 800));
    }
    await route.continue().catch(() => {});  // the page may have aborted it
  });
  const slow = page.waitForRequest((r) => r.url().includes('q=kubernetes'));
  await page.locator('#q').fill('kubernetes');
  await slow;
  await page.locator('#q').fill('python');
  await statusIs(page, python.total, PAGE, python.hits[0]);
  await page.waitForTimeout(1000);
  assert.ok((await page.locator('#status').textContent()).startsWith(`${python.total} results`), 'a stale answer won');
  assert.equal(await page.locator('#q').inputValue(), 'python');
  await page.unroute('**/api/search?*');

  // 12. Phone width: no sideways scrolling; the facets fold under "Refine".
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#q').fill('machine learning');
  const ml = await api('machine learning');
  await statusIs(page, ml.total, PAGE, ml.hits[0]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
  assert.ok(!(await page.locator('#facets').isVisible()), 'the facets should be folded at phone width');
  assert.ok(await page.locator('#refine-toggle').isVisible());
  await page.screenshot({ path: path.join(artifacts, 'search-phone.png') });
  await page.locator('#refine-toggle').click();
  assert.ok(await page.locator('#facets').isVisible());
  assert.equal(await page.locator('#refine-toggle').getAttribute('aria-expanded'), 'true');
  const facetBox = await page.locator('#facets').boundingBox();
  const resultsBox = await page.locator('#results').boundingBox();
  assert.ok(facetBox.y + facetBox.height <= resultsBox.y, 'the facets should sit above the results');
  await page.screenshot({ path: path.join(artifacts, 'search-phone-refine.png') });

  // 13. Dark mode follows the system.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark mode background is ${background}`);
  await page.screenshot({ path: path.join(artifacts, 'search-laptop-dark.png') });

  assert.deepEqual(pageErrors, [], 'JavaScript errors on the page');
  const unexpected = consoleErrors.filter((m) => !/Failed to load resource|ERR_CONNECTION_REFUSED|ERR_FAILED/.test(m));
  assert.deepEqual(unexpected, [], 'console errors (a CSP violation shows here)');
  await context.close();
  console.log('browser test passed; screenshots:');
  for (const name of ['search-laptop.png', 'search-laptop-dark.png', 'search-phone.png', 'search-phone-refine.png']) {
    console.log('  ' + path.join(artifacts, name));
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  fs.rmSync(work, { recursive: true, force: true });
}
