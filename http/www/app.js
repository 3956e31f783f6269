// The notesearch search page. Plain DOM code, no framework: everything the
// server returns is put into the page with textContent, never as HTML, so a
// note holding <script> shows as text.
'use strict';

const FACETS = ['tool', 'company', 'location', 'section'];
const PAGE = 20;
const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);
const input = $('q');
const results = $('results');
const status = $('status');
const notices = $('notices');
const facetsBox = $('facets');
const filtersBox = $('filters');
const moreButton = $('more');
const editorSelect = $('editor');

// The whole search lives in the URL: q, exact (no corrections) and one
// parameter per filter value (company=Apple), so a search can be bookmarked.
let state = { q: '', exact: false, filters: [] };
let offset = 0;
let selected = -1;
let inflight = null;
let generation = 0;
let debounceTimer = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
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

// Highlights are [start, end) offsets in code points; JavaScript strings
// count UTF-16 units, so the text is split into code points first.
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

function editorLink(file, line) {
  const choice = editorSelect.value;
  if (choice === 'vscode') return { href: 'vscode://file' + encodeURI(file) + ':' + line, copy: null };
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
    () => flash(anchor, 'copied'),
    () => flash(anchor, 'copy failed: ' + link.copy));
}

function flash(anchor, message) {
  const note = el('span', 'flash', message);
  anchor.after(note);
  setTimeout(() => note.remove(), 1500);
}

function shortPath(file) {
  const parts = file.split('/');
  return parts.slice(-2).join('/');
}

function renderHit(hit) {
  const item = el('li', 'hit');
  item.dataset.file = hit.file;
  item.dataset.line = hit.line;

  const head = el('div', 'hit-head');
  const where = el('a', 'where', shortPath(hit.file) + ':' + hit.line);
  where.title = hit.file + ':' + hit.line;
  const link = editorLink(hit.file, hit.line);
  where.href = link.href || '#';
  where.addEventListener('click', (event) => {
    event.preventDefault();
    openHit(hit.file, hit.line, where);
  });
  head.append(where);
  for (const [kind, names] of [['tool', hit.tools], ['company', hit.companies], ['location', hit.locations]]) {
    for (const name of names || []) head.append(el('span', 'entity entity-' + kind, name));
  }
  item.append(head);

  const body = el('p', 'text');
  if (hit.snippet) {
    body.append(marked(hit.snippet.text, hit.snippet.highlights));
    const toggle = el('button', 'link', 'show full text');
    toggle.type = 'button';
    let full = false;
    toggle.addEventListener('click', () => {
      full = !full;
      body.replaceChildren(full ? marked(hit.text, hit.highlights) : marked(hit.snippet.text, hit.snippet.highlights));
      toggle.textContent = full ? 'show less' : 'show full text';
    });
    item.append(body, toggle);
  } else {
    body.append(marked(hit.text, hit.highlights));
    item.append(body);
  }

  if (hit.context && hit.context.length) {
    const crumbs = el('p', 'crumbs');
    crumbs.textContent = hit.context.map((c) => c.text).join(' › ');
    item.append(crumbs);
  }

  if (hit.also && hit.also.length) {
    const more = el('details', 'also');
    more.append(el('summary', '', 'and ' + hit.also.length + ' more'));
    const list = el('ul');
    for (const other of hit.also) {
      const entry = el('li');
      const a = el('a', '', shortPath(other.file) + ':' + other.line);
      a.href = '#';
      a.addEventListener('click', (event) => {
        event.preventDefault();
        openHit(other.file, other.line, a);
      });
      entry.append(a);
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
      const active = state.filters.some(([f, v]) => f === field && v === value);
      const button = el('button', active ? 'facet-value active' : 'facet-value');
      button.type = 'button';
      button.dataset.field = field;
      button.dataset.value = value;
      button.append(el('span', 'name', value), el('span', 'count', String(count)));
      button.addEventListener('click', () => toggleFilter(field, value));
      const entry = el('li');
      entry.append(button);
      list.append(entry);
    }
    group.append(list);
    facetsBox.append(group);
  }
}

function renderFilters() {
  filtersBox.replaceChildren();
  for (const [field, value] of state.filters) {
    const chip = el('button', 'chip');
    chip.type = 'button';
    chip.dataset.field = field;
    chip.dataset.value = value;
    chip.setAttribute('aria-label', 'remove filter ' + field + ': ' + value);
    chip.append(el('span', '', field + ': ' + value), el('span', 'x', '×'));
    chip.addEventListener('click', () => toggleFilter(field, value));
    filtersBox.append(chip);
  }
}

function renderNotices(data) {
  notices.replaceChildren();
  if (data.corrected) {
    const p = el('p', 'notice corrected');
    p.append('Showing results for ', el('strong', '', data.corrected), '. ');
    const instead = el('button', 'link', 'Search instead for ' + data.query);
    instead.type = 'button';
    instead.addEventListener('click', () => {
      state.exact = true;
      search(true);
    });
    p.append(instead);
    notices.append(p);
  }
  for (const text of data.notices || []) notices.append(el('p', 'notice', text));
}

function showError(message) {
  results.replaceChildren();
  facetsBox.replaceChildren();
  moreButton.hidden = true;
  notices.replaceChildren(el('p', 'notice error', message));
  status.textContent = '';
}

async function fetchPage(from) {
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const mine = ++generation;
  let response;
  try {
    response = await fetch(apiUrl(from), { signal: inflight.signal });
  } catch (error) {
    if (error.name === 'AbortError') return null;
    if (mine === generation) showError('Cannot reach the notesearch server: ' + error.message);
    return null;
  }
  let data;
  try {
    data = await response.json();
  } catch (error) {
    data = { error: 'the server answered HTTP ' + response.status + ' with something other than JSON' };
  }
  if (mine !== generation) return null;  // a newer search has started
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
  if (!state.q.trim()) {
    if (inflight) inflight.abort();
    generation++;
    results.replaceChildren();
    facetsBox.replaceChildren();
    notices.replaceChildren();
    moreButton.hidden = true;
    status.textContent = '';
    return;
  }
  const data = await fetchPage(0);
  if (!data) return;
  results.replaceChildren(...data.hits.map(renderHit));
  renderFacets(data.facets);
  renderNotices(data);
  updateStatus(data);
}

async function loadMore() {
  const data = await fetchPage(offset + PAGE);
  if (!data) return;
  offset += PAGE;
  results.append(...data.hits.map(renderHit));
  updateStatus(data);
}

function updateStatus(data) {
  const shown = results.children.length;
  const bullets = data.total_bullets !== undefined && data.total_bullets !== data.total
    ? ' (' + data.total_bullets + ' bullets)' : '';
  status.textContent = data.total === 0 ? 'No results' : data.total + ' results' + bullets + ', showing ' + shown;
  moreButton.hidden = shown >= data.total || data.hits.length === 0;
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
  for (let i = 0; i < hits.length; i++) hits[i].classList.toggle('selected', i === selected);
  hits[selected].scrollIntoView({ block: 'nearest' });
}

async function suggest(prefix) {
  const list = $('suggestions');
  if (prefix.length < 2) {
    list.replaceChildren();
    return;
  }
  try {
    const response = await fetch('/api/suggest?' + new URLSearchParams({ q: prefix, limit: '8' }));
    if (!response.ok) return;
    const data = await response.json();
    list.replaceChildren(...data.suggestions.map((s) => {
      const option = el('option');
      option.value = s.text;
      return option;
    }));
  } catch (error) {
    // Suggestions are a convenience; the search itself reports errors.
  }
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

document.addEventListener('keydown', (event) => {
  const typing = document.activeElement === input;
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if (event.key === 'ArrowDown') {
    event.preventDefault();
    select(selected + 1);
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    select(selected - 1);
  } else if (event.key === 'Enter' && selected >= 0) {
    event.preventDefault();
    const hit = results.children[selected];
    openHit(hit.dataset.file, hit.dataset.line, hit.querySelector('.where'));
  } else if (event.key === 'Escape' && typing) {
    input.value = '';
    state.q = '';
    search(false);
  }
});

editorSelect.value = localStorage.getItem('notesearch.editor') || 'vscode';
editorSelect.addEventListener('change', () => {
  localStorage.setItem('notesearch.editor', editorSelect.value);
  for (const hit of results.querySelectorAll('.hit')) {
    const link = editorLink(hit.dataset.file, hit.dataset.line);
    hit.querySelector('.where').href = link.href || '#';
  }
});

function restore() {
  state = readUrl();
  input.value = state.q;
  search(false);
}
window.addEventListener('popstate', restore);
restore();
