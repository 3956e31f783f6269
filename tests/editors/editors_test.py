#!/usr/bin/env python3
"""Drives the editor integrations in editors/ against a live notesearch server.

Usage: editors_test.py NOTESEARCH_BINARY SOURCE_DIR [unittest args, e.g. NvimTest]

Each run makes a few notes in a temporary directory, indexes them, starts
`notesearch serve --port 0` on loopback, then runs the editors headless:

  NvimTest, VimTest  editors/notesearch.vim in `nvim --headless` and `vim -es`:
                     :NoteSearch fills and opens the quickfix list,
                     :NoteSearchBullet shows the bullet in the preview window.
  EmacsTest          editors/notesearch.el in `emacs --batch`: byte-compiles
                     without warnings, M-x notesearch fills a grep-mode
                     buffer whose RET and next-error visit the hits.
  VscodeTasksTest    editors/vscode-tasks.json: its curl command line and
                     problem matcher regexp, with curl, against the server.

Every editor test also checks the error paths: a server error ({"error"}
with status 400), a refused connection and a server that never answers
(bounded by the plugins' timeout). The server is stopped in all cases. An
editor that is not installed fails its tests: run scripts/install-deps.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

BINARY = SOURCE_DIR = None  # from the command line
SERVER = None               # the Server of this run

# Hits must come back byte for byte: this query has every character that
# breaks a naive URL (space, '#', '+', '&', '%', quotes), non-ASCII text and
# what Vim's command line treats specially ('|', backslash, <key> notation).
TRICKY_QUERY = 'Zürich "quotes" & + #notes 100% it\'s a|b \\x <cr> %'
NOTES = {
    'work.md': '# Work\n'
               '\n'
               '- Projects\n'
               '  - kubernetes operators in Go\n'
               '    - reconcile loops with controller-runtime\n'
               '      and a second line of the same bullet\n'
               '  - C++ search engine #notes\n'
               '- Travel\n'
               '  - trip to Zürich with "quotes" & ampersand + plus 100% it\'s\n',
    # A space in the file name, which every client must carry through.
    'other notes.md': '+ cooking\n'
                      '  + pasta carbonara\n'
                      '+ kubernetes cluster upgrade\n',
}
EDITOR_TIMEOUT = 60  # seconds for one headless editor run, a guard against hangs
PLUGIN_TIMEOUT = 2   # the plugins' own request timeout in these tests


def bullet_view(work):
    """What every editor shows for line 6 of work.md (the continuation of
    the bullet on line 5): breadcrumb, the bullet, entities, place."""
    return [
        '# Work',
        '  - Projects',
        '    - kubernetes operators in Go',
        '      > reconcile loops with controller-runtime and a second line of the same bullet',
        '',
        'tools: (inherited: Kubernetes, Go)',
        work + ':5',
    ]


class Server:
    """Indexes NOTES into a temporary directory and serves them on loopback."""

    def __init__(self):
        self.process = self.log = None
        self.dir = os.path.realpath(tempfile.mkdtemp(prefix='notesearch-editors-'))
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self):
        self.notes = os.path.join(self.dir, 'notes')
        os.mkdir(self.notes)
        for name, text in NOTES.items():
            with open(os.path.join(self.notes, name), 'w', encoding='utf-8') as f:
                f.write(text)
        db = os.path.join(self.dir, 'db')
        subprocess.run([BINARY, 'index', '--db', db, self.notes], check=True,
                       stdout=subprocess.DEVNULL, timeout=60)
        self.log_path = os.path.join(self.dir, 'serve.log')
        self.log = open(self.log_path, 'wb')
        self.process = subprocess.Popen([BINARY, 'serve', '--db', db, '--port', '0'],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=self.log)
        self.url = 'http://127.0.0.1:%d' % self._wait_for_port()
        self._wait_for_health()

    def _wait_for_port(self):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            match = re.search(r'serving http://127\.0\.0\.1:(\d+)/', self.log_text())
            if match:
                return int(match.group(1))
            if self.process.poll() is not None:
                raise RuntimeError('notesearch serve exited %s:\n%s' % (self.process.returncode, self.log_text()))
            time.sleep(0.05)
        raise RuntimeError('notesearch serve printed no port:\n' + self.log_text())

    def _wait_for_health(self):
        deadline = time.monotonic() + 15
        while True:
            try:
                if json.loads(self.get('/healthz')) == {'status': 'ok'}:
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.05)

    def get(self, path_and_query):
        """The server's own answer, with no proxy in the way."""
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(self.url + path_and_query, timeout=10) as response:
            return response.read().decode('utf-8')

    def vimgrep(self, query, limit=50):
        body = self.get('/api/search?' + urllib.parse.urlencode(
            {'q': query, 'format': 'vimgrep', 'limit': limit}))
        return body.splitlines()

    def hits(self, query, limit=50):
        """[(file, line, text)] as the server returns them for query."""
        return [parse_vimgrep(line) for line in self.vimgrep(query, limit)]

    def columns(self, query, limit=50):
        """The column of each hit's first match in its line of the note."""
        return [int(re.match(r'^.+?:\d+:(\d+):', line).group(1)) for line in self.vimgrep(query, limit)]

    def log_text(self):
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def logged_queries(self):
        """The q parameter of each /api/search request, decoded by the server.
        The log writes params sorted by name, so q comes last."""
        return re.findall(r' /api/search\?.*?\bq=(.*) \d{3} \d+ [\d.]+ms$', self.log_text(), re.M)

    def query_count(self):
        """How many queries are logged, once the log has been still for a
        moment: a request's line comes just after its answer, so the last
        test's requests may not be written yet."""
        size, still_since = -1, time.monotonic()
        while time.monotonic() - still_since < 0.3:
            time.sleep(0.05)
            if os.path.getsize(self.log_path) != size:
                size, still_since = os.path.getsize(self.log_path), time.monotonic()
        return len(self.logged_queries())

    def queries_after(self, count, expected=1):
        """The queries logged after the first count ones, waiting for at least
        the expected number: the server logs a request once it has answered,
        so its line may lag a little behind."""
        deadline = time.monotonic() + 5
        while len(self.logged_queries()) < count + expected and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.logged_queries()[count:]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def parse_vimgrep(line):
    file, lnum, col, text = re.match(r'^(.+?):(\d+):(\d+):(.*)$', line).groups()
    return (file, int(lnum), text)


def refused_url():
    """An address where nothing listens: a port just freed."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return 'http://127.0.0.1:%d' % s.getsockname()[1]


class SilentServer:
    """Accepts connections (the kernel does, through the backlog) and never
    answers: the plugins must give up after their timeout, not hang."""

    def __enter__(self):
        self.socket = socket.socket()
        self.socket.bind(('127.0.0.1', 0))
        self.socket.listen(8)
        return 'http://127.0.0.1:%d' % self.socket.getsockname()[1]

    def __exit__(self, *exc):
        self.socket.close()


def require(program):
    path = shutil.which(program)
    if not path:
        raise AssertionError('%s is not installed: run scripts/install-deps (as root) '
                             'to install the editors these tests drive' % program)
    return path


def run_editor(args, cwd):
    """Runs a headless editor; returns (stdout + stderr, seconds taken)."""
    started = time.monotonic()
    try:
        done = subprocess.run(args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=EDITOR_TIMEOUT,
                              env=dict(os.environ, LC_ALL='C.UTF-8', HOME=cwd))
    except subprocess.TimeoutExpired as e:
        output = (e.output or b'').decode('utf-8', 'replace')
        raise AssertionError('%s hung for %d s:\n%s' % (args[0], EDITOR_TIMEOUT, output)) from None
    return done.stdout.decode('utf-8', 'replace'), time.monotonic() - started


def lisp_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def vim_string(s):
    return "'" + s.replace("'", "''") + "'"


# --------------------------------------------------------------------------
# Vim and Neovim: editors/notesearch.vim

# Runs COMMANDS (Ex lines), then writes what the user would see as JSON:
# the quickfix list (file, line, column, text), its title, whether its window
# is open, the preview window's lines and the error, if any. qall! in
# `finally` makes sure the editor quits whatever happens.
VIM_HARNESS = r'''
let g:notesearch_url = {url}
let g:notesearch_timeout = {timeout}
let s:efm_before = &errorformat
let s:result = {{}}
try
  execute 'source' fnameescape({plugin})
  try
{commands}
  catch
    let s:result.error = v:exception
  endtry
  let s:result.items = map(getqflist(), {{_, v -> {{'file': fnamemodify(bufname(v.bufnr), ':p'),
        \ 'lnum': v.lnum, 'col': v.col, 'text': v.text, 'valid': v.valid}}}})
  let s:result.title = getqflist({{'title': 1}}).title
  let s:result.qf_open = getqflist({{'winid': 1}}).winid != 0
  let s:result.efm_kept = &errorformat ==# s:efm_before
  let s:result.preview = []
  for s:w in range(1, winnr('$'))
    if getwinvar(s:w, '&previewwindow')
      let s:result.preview = getbufline(winbufnr(s:w), 1, '$')
    endif
  endfor
  let s:result.current_file = expand('%:p')
  call writefile([json_encode(s:result)], {out})
finally
  qall!
endtry
'''


class VimPluginTests:
    """Tests shared by NvimTest and VimTest; subclasses say how to start the editor."""

    program = None

    def command(self, script):
        raise NotImplementedError

    def run_vim(self, commands, url=None):
        require(self.program)
        work = tempfile.mkdtemp(dir=SERVER.dir)
        out = os.path.join(work, 'result.json')
        script = os.path.join(work, 'test.vim')
        with open(script, 'w', encoding='utf-8') as f:
            f.write(VIM_HARNESS.format(
                url=vim_string(url or SERVER.url), timeout=PLUGIN_TIMEOUT,
                plugin=vim_string(os.path.join(SOURCE_DIR, 'editors', 'notesearch.vim')),
                out=vim_string(out), commands='\n'.join('    ' + c for c in commands)))
        output, seconds = run_editor(self.command(script), cwd=SERVER.dir)
        self.assertTrue(os.path.exists(out), '%s wrote no result:\n%s' % (self.program, output))
        with open(out, encoding='utf-8') as f:
            result = json.load(f)
        result['seconds'] = seconds
        return result

    def search(self, query):
        logged = SERVER.query_count()
        result = self.run_vim(['NoteSearch ' + query])
        self.assertNotIn('error', result)
        self.assertEqual(SERVER.queries_after(logged), [query])
        expected = SERVER.hits(query)
        self.assertTrue(expected, 'the server found nothing for %r' % query)
        self.assertEqual([(i['file'], i['lnum'], i['text']) for i in result['items']], expected)
        self.assertTrue(all(i['valid'] for i in result['items']), result['items'])
        self.assertEqual([i['col'] for i in result['items']], SERVER.columns(query))
        self.assertEqual(result['title'], ':NoteSearch ' + query)
        self.assertTrue(result['qf_open'], 'the quickfix window is not open')
        self.assertTrue(result['efm_kept'], "'errorformat' was changed")
        return result

    def test_search_fills_and_opens_quickfix(self):
        result = self.search('kubernetes operators')
        first = result['items'][0]
        self.assertEqual((first['file'], first['lnum'], first['text']),
                         (os.path.join(SERVER.notes, 'work.md'), 4, 'kubernetes operators in Go'))
        # The other hit's file name has a space in it.
        self.assertIn(os.path.join(SERVER.notes, 'other notes.md'), [i['file'] for i in result['items']])

    def test_query_is_url_encoded(self):
        result = self.search(TRICKY_QUERY)
        self.assertIn('trip to Zürich with "quotes" & ampersand + plus 100% it\'s',
                      [i['text'] for i in result['items']])

    def test_cnext_jumps_to_hit(self):
        result = self.run_vim(['NoteSearch kubernetes operators', 'cfirst'])
        self.assertEqual(result['current_file'], os.path.join(SERVER.notes, 'work.md'))

    def test_no_hits_empties_the_list(self):
        result = self.run_vim(['NoteSearch kubernetes', 'NoteSearch nosuchwordanywhere'])
        self.assertNotIn('error', result)
        self.assertEqual(result['items'], [])
        self.assertEqual(result['title'], ':NoteSearch nosuchwordanywhere')
        self.assertFalse(result['qf_open'])

    def test_server_error_is_reported(self):
        result = self.run_vim(['let g:notesearch_limit = 5000', 'NoteSearch kubernetes'])
        self.assertEqual(result.get('error'), 'Vim(echoerr):notesearch: server error 400: '
                                              'limit must be an integer from 0 to 1000')

    def test_unreachable_server_is_reported(self):
        result = self.run_vim(['NoteSearch kubernetes'], url=refused_url())
        self.assertRegex(result.get('error', ''), r'^Vim\(echoerr\):notesearch: cannot reach the server at '
                                                  r'http://127\.0\.0\.1:\d+ \(connection refused\)')

    def test_missing_curl_is_reported(self):
        result = self.run_vim(["let g:notesearch_curl = 'no-such-curl'", 'NoteSearch kubernetes'])
        self.assertEqual(result.get('error'), 'Vim(echoerr):notesearch: no-such-curl not found; '
                                              'install curl or set g:notesearch_curl')

    def test_silent_server_times_out(self):
        with SilentServer() as url:
            result = self.run_vim(['NoteSearch kubernetes'], url=url)
        self.assertIn('(timed out)', result.get('error', ''))
        self.assertLess(result['seconds'], PLUGIN_TIMEOUT + 10)

    def test_bullet_in_preview_window(self):
        work = os.path.join(SERVER.notes, 'work.md')
        # Line 6 continues the bullet of line 5: the plugin falls back to it.
        result = self.run_vim(['edit ' + work.replace(' ', r'\ '), 'call cursor(6, 1)', 'NoteSearchBullet'])
        self.assertNotIn('error', result)
        self.assertEqual(result['preview'], bullet_view(work))
        self.assertEqual(result['current_file'], work, 'the cursor left the note')

    def test_bullet_with_children_in_file_with_space(self):
        other = os.path.join(SERVER.notes, 'other notes.md')
        result = self.run_vim(['edit ' + other.replace(' ', r'\ '), 'call cursor(1, 1)', 'NoteSearchBullet'])
        self.assertNotIn('error', result)
        self.assertEqual(result['preview'][:2], ['> cooking', '  - pasta carbonara'])


class NvimTest(VimPluginTests, unittest.TestCase):
    program = 'nvim'

    def command(self, script):
        return [require('nvim'), '--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', 'source ' + script]


class VimTest(VimPluginTests, unittest.TestCase):
    program = 'vim'

    def command(self, script):
        return [require('vim'), '-N', '-u', 'NONE', '-i', 'NONE', '-n', '-es', '-c', 'source ' + script]


# --------------------------------------------------------------------------
# Emacs: editors/notesearch.el

# Runs FORMS, then writes what the user would see as JSON. `where' is the
# file, line and column shown in the selected window.
EMACS_HARNESS = r'''
(setq notesearch-url {url} notesearch-timeout {timeout})
(defun test-where ()
  (let ((w (selected-window)))
    (with-current-buffer (window-buffer w)
      (save-excursion
        (goto-char (window-point w))
        (list (or buffer-file-name (buffer-name)) (line-number-at-pos) (1+ (current-column)))))))
(defvar test-result nil)
(defun test-put (key value) (push (cons key value) test-result))
(unwind-protect
    (condition-case err
        (progn {forms})
      (error (test-put 'error (error-message-string err))
             (test-put 'error_type (symbol-name (car err)))))
  (let ((coding-system-for-write 'utf-8))
    (with-temp-file {out} (insert (json-encode test-result)))))
'''


class EmacsTest(unittest.TestCase):
    def setUp(self):
        require('emacs')
        self.plugin = os.path.join(SOURCE_DIR, 'editors', 'notesearch.el')

    def run_emacs(self, forms, url=None):
        work = tempfile.mkdtemp(dir=SERVER.dir)
        out = os.path.join(work, 'result.json')
        script = os.path.join(work, 'test.el')
        with open(script, 'w', encoding='utf-8') as f:
            f.write(EMACS_HARNESS.format(url=lisp_string(url or SERVER.url), timeout=PLUGIN_TIMEOUT,
                                         out=lisp_string(out), forms=forms))
        output, seconds = run_editor(['emacs', '--batch', '-Q', '-l', self.plugin, '-l', script], cwd=work)
        self.assertTrue(os.path.exists(out), 'emacs wrote no result:\n' + output)
        with open(out, encoding='utf-8') as f:
            result = json.load(f)
        result['seconds'] = seconds
        return result

    def test_byte_compiles_without_warnings(self):
        work = tempfile.mkdtemp(dir=SERVER.dir)
        copy = shutil.copy(self.plugin, work)  # keeps the .elc out of the source tree
        output, _ = run_editor(['emacs', '--batch', '-Q', '--eval', '(setq byte-compile-error-on-warn t)',
                                '-f', 'batch-byte-compile', copy], cwd=work)
        self.assertNotRegex(output, r'(?i)warning|error', output)
        self.assertTrue(os.path.exists(copy + 'c'), 'no .elc written:\n' + output)

    def test_search_buffer_in_grep_mode(self):
        query = 'kubernetes operators'
        result = self.run_emacs(f'''
          (notesearch {lisp_string(query)})
          (with-current-buffer "*notesearch*"
            (test-put 'mode (symbol-name major-mode))
            (test-put 'grep_derived (and (derived-mode-p 'grep-mode) t))
            (test-put 'text (buffer-substring-no-properties (point-min) (point-max)))
            (test-put 'selected (equal (window-buffer (selected-window)) (current-buffer))))
          ;; RET on the first hit visits it.
          (select-window (get-buffer-window "*notesearch*"))
          (goto-char (point-min))
          (re-search-forward "^/")
          (call-interactively (key-binding (kbd "RET")))
          (test-put 'ret (test-where))
          ;; next-error, from anywhere, walks through the hits in order.
          (notesearch {lisp_string(query)})
          (other-window 1)
          (next-error)
          (test-put 'next1 (test-where))
          (next-error)
          (test-put 'next2 (test-where))''')
        self.assertNotIn('error', result)
        self.assertEqual(result['mode'], 'notesearch-mode')
        self.assertTrue(result['grep_derived'])
        self.assertTrue(result['selected'])
        expected = SERVER.hits(query)
        self.assertEqual(len(expected), 2)
        lines = result['text'].splitlines()
        self.assertEqual(lines[0], 'notesearch: kubernetes operators (2 hits)')
        self.assertEqual([parse_vimgrep(line) for line in lines[2:]], expected)
        # Enter and next-error land on the match's column in the note.
        columns = SERVER.columns(query)
        self.assertGreater(columns[0], 1)
        self.assertEqual(result['ret'], [expected[0][0], expected[0][1], columns[0]])
        self.assertEqual(result['next1'], [expected[0][0], expected[0][1], columns[0]])
        self.assertEqual(result['next2'], [expected[1][0], expected[1][1], columns[1]])

    def test_query_is_url_encoded(self):
        logged = SERVER.query_count()
        result = self.run_emacs(f'''
          (notesearch {lisp_string(TRICKY_QUERY)})
          (test-put 'text (with-current-buffer "*notesearch*" (buffer-string)))''')
        self.assertNotIn('error', result)
        self.assertEqual(SERVER.queries_after(logged), [TRICKY_QUERY])
        hits = [parse_vimgrep(line) for line in result['text'].splitlines()[2:]]
        self.assertEqual(hits, SERVER.hits(TRICKY_QUERY))
        self.assertIn('trip to Zürich with "quotes" & ampersand + plus 100% it\'s', [h[2] for h in hits])

    def test_g_runs_the_query_again(self):
        logged = SERVER.query_count()
        result = self.run_emacs('''
          (notesearch "kubernetes")
          (with-current-buffer "*notesearch*"
            (let ((inhibit-read-only t)) (erase-buffer))
            (call-interactively (key-binding "g"))
            (test-put 'text (buffer-string)))''')
        self.assertNotIn('error', result)
        self.assertEqual(SERVER.queries_after(logged, 2), ['kubernetes', 'kubernetes'])
        self.assertTrue(result['text'].startswith('notesearch: kubernetes (2 hits)\n'), result['text'])

    def test_no_hits(self):
        result = self.run_emacs('''
          (notesearch "nosuchwordanywhere")
          (test-put 'text (with-current-buffer "*notesearch*" (buffer-string)))''')
        self.assertNotIn('error', result)
        self.assertEqual(result['text'], 'notesearch: nosuchwordanywhere (0 hits)\n\n')

    def test_server_error_is_a_user_error(self):
        result = self.run_emacs('(let ((notesearch-limit 5000)) (notesearch "kubernetes"))')
        self.assertEqual(result.get('error_type'), 'user-error')
        self.assertEqual(result.get('error'), 'notesearch: server error 400: limit must be an integer from 0 to 1000')

    def test_unreachable_server_is_a_user_error(self):
        result = self.run_emacs('(notesearch "kubernetes")', url=refused_url())
        self.assertEqual(result.get('error_type'), 'user-error')
        self.assertRegex(result.get('error', ''), r'^notesearch: cannot reach the server at '
                                                  r'http://127\.0\.0\.1:\d+ \(Connection refused\)')

    def test_silent_server_times_out(self):
        with SilentServer() as url:
            result = self.run_emacs('(notesearch "kubernetes")', url=url)
        self.assertEqual(result.get('error_type'), 'user-error')
        self.assertIn('(no answer)', result.get('error', ''))
        self.assertLess(result['seconds'], PLUGIN_TIMEOUT + 10)

    def test_bullet(self):
        work = os.path.join(SERVER.notes, 'work.md')
        result = self.run_emacs(f'''
          (find-file {lisp_string(work)})
          (goto-char (point-min))
          (forward-line 5)   ; line 6 continues the bullet of line 5
          (notesearch-bullet)
          (test-put 'text (with-current-buffer "*notesearch-bullet*" (buffer-string)))''')
        self.assertNotIn('error', result)
        self.assertEqual(result['text'].splitlines(), bullet_view(work))


# --------------------------------------------------------------------------
# VS Code: editors/vscode-tasks.json, run as VS Code would (with curl).

class VscodeTasksTest(unittest.TestCase):
    def setUp(self):
        require('curl')
        path = os.path.join(SOURCE_DIR, 'editors', 'vscode-tasks.json')
        with open(path, encoding='utf-8') as f:
            # tasks.json is JSON with comments; ours are whole lines.
            text = ''.join(line for line in f if not line.lstrip().startswith('//'))
        self.task = json.loads(text)['tasks'][0]

    def run_task(self, query, url=None):
        """The task's command line with ${input:...} filled in, as VS Code runs it."""
        args = [re.sub(r'\$\{input:\w+\}', lambda _: query, a) for a in self.task['args']]
        if url:
            args = [a.replace('http://127.0.0.1:7077', url) for a in args]
        else:
            args = [a.replace('http://127.0.0.1:7077', SERVER.url) for a in args]
        return subprocess.run([self.task['command']] + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=30)

    def matches(self, output):
        pattern = self.task['problemMatcher']['pattern']
        found = []
        for line in output.decode('utf-8').splitlines():
            m = re.match(pattern['regexp'], line)  # the same syntax in JavaScript
            if m:
                found.append((m.group(pattern['file']), int(m.group(pattern['line'])),
                              int(m.group(pattern['column'])), m.group(pattern['message'])))
        return found

    def test_task_shape(self):
        self.assertEqual(self.task['type'], 'process')
        self.assertEqual(self.task['problemMatcher']['fileLocation'], 'absolute')

    def test_hits_match_the_problem_matcher(self):
        for query in ['kubernetes operators', TRICKY_QUERY]:
            logged = SERVER.query_count()
            done = self.run_task(query)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(SERVER.queries_after(logged), [query])
            self.assertEqual([(f, l, m) for f, l, c, m in self.matches(done.stdout)], SERVER.hits(query))

    def test_errors_fail_the_task(self):
        self.assertNotEqual(self.run_task('kubernetes', url=refused_url()).returncode, 0)


def setUpModule():
    global SERVER
    SERVER = Server()


def tearDownModule():
    if SERVER:
        SERVER.stop()


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    BINARY, SOURCE_DIR = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], '-v'] + sys.argv[3:])
