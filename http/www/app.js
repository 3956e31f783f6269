// The notesearch search page. Plain DOM code, no framework: everything the
// server returns is put into the page with textContent, never as HTML, so a
// note holding <script> shows as text.
'use strict';

const FACETS = ['tool', 'company', 'location', 'tag', 'page', 'section'];
// The entity lists of a hit and the filter field each of their values sets.
const ENTITIES = [['tools', 'tool'], ['companies', 'company'], ['locations', 'location'], ['tags', 'tag'], ['pages', 'page']];
// Tags and page links shown as the notes write them.
const CHIP_TEXT = { tag: (name) => '#' + name, page: (name) => '[[' + name + ']]' };
const PAGE = 20;
const DEBOUNCE_MS = 150;
const EDITOR_KEY = 'notesearch.editor';

const $ = (id) => document.getElementById(id);
const input = $('q');
const results = $('results');
const status = $('status');
const notices = $('notices');
const facetsBox = $('facets');
const filtersBox = $('filters');
const moreButton = $('more');
const editorSelect = $('editor');
const refineToggle = $('refine-toggle');
const suggestions = $('suggestions');

// The whole search lives in the URL: q, exact (no corrections) and one
// parameter per filter value (company=Apple), so a search can be bookmarked.
let state = { q: '', exact: false, filters: [] };
let offset = 0;
let selected = -1;
let inflight = null;
let generation = 0;
let debounceTimer = 0;
let suggesting = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(className, text, onClick) {
  const node = el('button', className, text);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  const filters = [];
  for (const field of FACETS) {
    for (const value of params.getAll(field)) filters.push([field, value]);
  }
  return { q: params.get('q') || '', exact: params.get('exact') === '1', filters };
}

function writeUrl(push) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.exact) params.set('exact', '1');
  for (const [field, value] of state.filters) params.append(field, value);
  const url = location.pathname + (params.toString() ? '?' + params : '');
  if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

function apiUrl(from) {
  const params = new URLSearchParams({ q: state.q, limit: String(PAGE), offset: String(from), facets: FACETS.join(',') });
  params.set('prefix', '1');
  if (state.exact) params.set('correct', 'false');
  for (const [field, value] of state.filters) params.append(field, value);
  return '/api/search?' + params;
}

// Highlights are [start, end) offsets in code points (result_json.cc turns
// the index's byte spans into them); JavaScript strings count UTF-16 units,
// so the text is split into code points first.
function marked(text, highlights) {
  const fragment = document.createDocumentFragment();
  const points = Array.from(text);
  let at = 0;
  for (const [start, end] of highlights || []) {
    if (start < at || end > points.length || start >= end) continue;
    fragment.append(points.slice(at, start).join(''));
    fragment.append(el('mark', '', points.slice(start, end).join('')));
    at = end;
  }
  fragment.append(points.slice(at).join(''));
  return fragment;
}

// Where a hit opens, by the editor chosen under Settings:
//   vscode: vscode://file/ABSOLUTE/PATH:LINE (VS Code's URL handler);
//   emacs:  the command `emacsclient -n +LINE 'PATH'` goes to the clipboard;
//   copy:   PATH:LINE goes to the clipboard.
// The API gives absolute paths (the index keeps them so).
function editorLink(file, line) {
  const choice = editorSelect.value;
  if (choice === 'vscode') {
    const path = file.split('/').map(encodeURIComponent).join('/');
    return { href: 'vscode://file' + (path.startsWith('/') ? '' : '/') + path + ':' + line, copy: null };
  }
  if (choice === 'emacs') return { href: null, copy: 'emacsclient -n +' + line + " '" + file.replace(/'/g, "'\\''") + "'" };
  return { href: null, copy: file + ':' + line };
}

function openHit(file, line, anchor) {
  const link = editorLink(file, line);
  if (link.href) {
    location.href = link.href;
    return;
  }
  navigator.clipboard.writeText(link.copy).then(
    () => flash(anchor, 'copied: ' + link.copy),
    () => flash(anchor, 'copy failed; select it: ' + link.copy));
}

function flash(anchor, message) {
  const note = el('span', 'flash', message);
  note.setAttribute('role', 'status');
  anchor.after(note);
  setTimeout(() => note.remove(), 2500);
}

function shortPath(file) {
  return file.split('/').slice(-2).join('/');
}

// An anchor that opens file:line in the editor; its href is the editor's
// URL when it has one, so it can also be copied or middle-clicked.
function placeLink(className, file, line) {
  const a = el('a', className, shortPath(file) + ':' + line);
  a.title = file + ':' + line;
  a.dataset.file = file;
  a.dataset.line = line;
  a.href = editorLink(file, line).href || '#';
  a.addEventListener('click', (event) => {
    event.preventDefault();
    openHit(file, line, a);
  });
  return a;
}

// Only web and mail links from notes become anchors; a javascript: or data:
// URL in a note stays text.
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed : null;
  } catch (error) {
    return null;
  }
}

function renderHit(hit) {
  const item = el('li', 'hit');
  item.dataset.file = hit.file;
  item.dataset.line = hit.line;

  const head = el('div', 'hit-head');
  head.append(placeLink('where', hit.file, hit.line));
  for (const [list, field] of ENTITIES) {
    for (const name of hit[list] || []) {
      const chip = button('entity entity-' + field, CHIP_TEXT[field] ? CHIP_TEXT[field](name) : name, () => addFilter(field, name));
      chip.dataset.field = field;
      chip.title = 'filter by ' + field + ': ' + name;
      head.append(chip);
    }
  }
  item.append(head);

  const body = el('p', 'text');
  if (hit.snippet) {
    body.append(marked(hit.snippet.text, hit.snippet.highlights));
    let full = false;
    const toggle = button('link toggle', 'show full text', () => {
      full = !full;
      body.replaceChildren(full ? marked(hit.text, hit.highlights) : marked(hit.snippet.text, hit.snippet.highlights));
      toggle.textContent = full ? 'show less' : 'show full text';
      toggle.setAttribute('aria-expanded', String(full));
    });
    toggle.setAttribute('aria-expanded', 'false');
    item.append(body, toggle);
  } else {
    body.append(marked(hit.text, hit.highlights));
    item.append(body);
  }

  const links = (hit.links || []).map((link) => [link, safeUrl(link.url)]).filter(([, url]) => url);
  if (links.length) {
    const list = el('ul', 'links');
    for (const [link, url] of links) {
      const a = el('a', '', '↗ ' + (url.host + url.pathname).replace(/\/$/, ''));
      a.href = url.href;
      a.title = link.text;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      const entry = el('li');
      entry.append(a);
      list.append(entry);
    }
    item.append(list);
  }

  // Headings › list intro › parent bullets; a paragraph that repeats the
  // heading above it shows once.
  const crumbs = (hit.context || []).map((c) => c.text).filter((text, i, all) => text && text !== all[i - 1]);
  if (crumbs.length) {
    const trail = el('p', 'crumbs');
    crumbs.forEach((text, i) => {
      if (i) trail.append(el('span', 'sep', ' › '));
      trail.append(el('span', 'crumb', text));
    });
    item.append(trail);
  }

  if (hit.also && hit.also.length) {
    const more = el('details', 'also');
    more.append(el('summary', '', 'and ' + hit.also.length + ' more'));
    const list = el('ul');
    for (const other of hit.also) {
      const entry = el('li');
      entry.append(placeLink('', other.file, other.line));
      list.append(entry);
    }
    more.append(list);
    item.append(more);
  }
  return item;
}

function renderFacets(facets) {
  facetsBox.replaceChildren();
  for (const field of FACETS) {
    const values = (facets && facets[field]) || [];
    if (!values.length) continue;
    const group = el('section', 'facet');
    group.append(el('h2', '', field));
    const list = el('ul');
    for (const { value, count } of values) {
      const active = hasFilter(field, value);
      const choice = button(active ? 'facet-value active' : 'facet-value', undefined, () => toggleFilter(field, value));
      choice.dataset.field = field;
      choice.dataset.value = value;
      choice.title = value;
      choice.setAttribute('aria-pressed', String(active));
      choice.append(el('span', 'name', value), el('span', 'count', String(count)));
      const entry = el('li');
      entry.append(choice);
      list.append(entry);
    }
    group.append(list);
    facetsBox.append(group);
  }
  refineToggle.hidden = !facetsBox.children.length;
}

function renderFilters() {
  filtersBox.replaceChildren();
  for (const [field, value] of state.filters) {
    const chip = button('chip', undefined, () => toggleFilter(field, value));
    chip.dataset.field = field;
    chip.dataset.value = value;
    chip.setAttribute('aria-label', 'remove filter ' + field + ': ' + value);
    chip.append(el('span', '', field + ': ' + value), el('span', 'x', '×'));
    filtersBox.append(chip);
  }
  const count = state.filters.length;
  refineToggle.textContent = count ? 'Refine (' + count + ')' : 'Refine';
}

function renderNotices(data) {
  notices.replaceChildren();
  if (data.corrected) {
    const p = el('p', 'notice corrected');
    p.append('Showing results for ', el('strong', '', data.corrected), '. ');
    p.append(button('link', 'Search instead for ' + data.query, () => {
      state.exact = true;
      search(true);
    }));
    notices.append(p);
  }
  for (const text of data.notices || []) notices.append(el('p', 'notice', text));
}

function clearResults() {
  results.replaceChildren();
  facetsBox.replaceChildren();
  refineToggle.hidden = true;
  notices.replaceChildren();
  moreButton.hidden = true;
  status.textContent = '';
}

function showError(message) {
  clearResults();
  notices.replaceChildren(el('p', 'notice error', 'Search failed: ' + message));
}

// One search request at a time: a newer one aborts the older, and an answer
// that arrives after a newer request started is dropped.
async function fetchPage(from) {
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  const mine = ++generation;
  let response;
  let data;
  try {
    response = await fetch(apiUrl(from), { signal: controller.signal });
    try {
      data = await response.json();
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      data = { error: 'the server answered HTTP ' + response.status + ' with something other than JSON' };
    }
  } catch (error) {
    if (error.name !== 'AbortError' && mine === generation) {
      showError('cannot reach the notesearch server (' + error.message + ')');
    }
    return null;
  } finally {
    if (inflight === controller) inflight = null;
  }
  if (mine !== generation) return null;
  if (!response.ok || data.error) {
    showError(data.error || 'HTTP ' + response.status);
    return null;
  }
  return data;
}

async function search(push) {
  writeUrl(push);
  renderFilters();
  offset = 0;
  selected = -1;
  if (!state.q.trim() && !state.filters.length) {  // filters alone browse
    if (inflight) inflight.abort();
    generation++;
    clearResults();
    return;
  }
  status.textContent = 'Searching…';
  const data = await fetchPage(0);
  if (!data) return;
  results.replaceChildren(...data.hits.map(renderHit));
  renderFacets(data.facets);
  renderNotices(data);
  updateStatus(data);
}

async function loadMore() {
  moreButton.disabled = true;
  const data = await fetchPage(offset + PAGE);
  moreButton.disabled = false;
  if (!data) return;
  offset += PAGE;
  results.append(...data.hits.map(renderHit));
  updateStatus(data);
}

function updateStatus(data) {
  const shown = results.children.length;
  const bullets = data.total_bullets !== undefined && data.total_bullets !== data.total
    ? ' (' + data.total_bullets + ' bullets)' : '';
  const noun = data.total === 1 ? ' result' : ' results';
  const none = state.filters.length ? 'No results with the filters above' : 'No results';
  status.textContent = data.total === 0 ? none : data.total + noun + bullets + ', showing ' + shown;
  moreButton.hidden = shown >= data.total || data.hits.length === 0;
}

function hasFilter(field, value) {
  return state.filters.some(([f, v]) => f === field && v === value);
}

function addFilter(field, value) {
  if (!hasFilter(field, value)) toggleFilter(field, value);
}

function toggleFilter(field, value) {
  const at = state.filters.findIndex(([f, v]) => f === field && v === value);
  if (at >= 0) state.filters.splice(at, 1);
  else state.filters.push([field, value]);
  search(true);
}

function select(index) {
  const hits = results.children;
  if (!hits.length) return;
  selected = Math.max(0, Math.min(index, hits.length - 1));
  for (let i = 0; i < hits.length; i++) {
    hits[i].classList.toggle('selected', i === selected);
    if (i === selected) hits[i].setAttribute('aria-current', 'true');
    else hits[i].removeAttribute('aria-current');
  }
  hits[selected].scrollIntoView({ block: 'nearest' });
}

async function suggest(prefix) {
  if (suggesting) suggesting.abort();
  if (prefix.length < 2) {
    suggestions.replaceChildren();
    return;
  }
  const controller = new AbortController();
  suggesting = controller;
  try {
    const response = await fetch('/api/suggest?' + new URLSearchParams({ q: prefix, limit: '8' }),
      { signal: controller.signal });
    if (!response.ok) return;
    const data = await response.json();
    if (suggesting !== controller) return;
    suggestions.replaceChildren(...data.suggestions.map((s) => {
      const option = el('option');
      option.value = s.text;
      return option;
    }));
  } catch (error) {
    // Suggestions are a convenience; the search itself reports errors.
  }
}

function clearSearch() {
  clearTimeout(debounceTimer);
  input.value = '';
  state.q = '';
  state.exact = false;
  suggestions.replaceChildren();
  search(false);
  input.focus();
}

input.addEventListener('input', () => {
  state.q = input.value;
  state.exact = false;
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => {
    search(false);
    suggest(input.value.trim());
  }, DEBOUNCE_MS);
});

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(debounceTimer);
  state.q = input.value;
  search(true);
});

moreButton.addEventListener('click', loadMore);

refineToggle.addEventListener('click', () => {
  const open = facetsBox.classList.toggle('open');
  refineToggle.setAttribute('aria-expanded', String(open));
});

// Keys act on the hits from the search box or the page itself; a focused
// button, link or the settings menu keeps its own keys.
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const active = document.activeElement;
  const typing = active === input;
  const onPage = typing || active === document.body || active === null;
  if (event.key === '/' && !typing && !(active instanceof HTMLSelectElement)) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && (onPage || results.contains(active)) &&
             results.children.length) {
    event.preventDefault();
    select(event.key === 'ArrowDown' ? selected + 1 : selected - 1);
  } else if (event.key === 'Enter' && onPage && selected >= 0 && results.children[selected]) {
    event.preventDefault();
    const where = results.children[selected].querySelector('.where');
    openHit(where.dataset.file, where.dataset.line, where);
  } else if (event.key === 'Escape' && onPage) {
    event.preventDefault();
    clearSearch();
  }
});

editorSelect.value = localStorage.getItem(EDITOR_KEY) || 'vscode';
if (!editorSelect.value) editorSelect.value = 'vscode';
editorSelect.addEventListener('change', () => {
  localStorage.setItem(EDITOR_KEY, editorSelect.value);
  for (const a of results.querySelectorAll('a[data-file]')) a.href = editorLink(a.dataset.file, a.dataset.line).href || '#';
});

function restore() {
  state = readUrl();
  input.value = state.q;
  search(false);
}
window.addEventListener('popstate', restore);
restore();
