" notesearch.vim - search your outline notes from Vim and Neovim.
"
" Talks to a running `notesearch serve` (default http://127.0.0.1:7077) with
" curl, so it works the same in Vim 8.2+/9 and Neovim, with no +channel,
" Python or Lua needed.
"
" Commands:
"   :NoteSearch words...   search; the hits fill the quickfix list, whose
"                          window opens (titled ":NoteSearch words...").
"                          Then :cnext / :cprev / <Enter> jump to the notes.
"   :NoteSearchBullet      show the bullet under the cursor with its
"                          breadcrumb, children and entities in the preview
"                          window (close it with :pclose or CTRL-W z).
"
" Settings (read on every call, so they can change at any time):
"   g:notesearch_url       server address      (default 'http://127.0.0.1:7077')
"   g:notesearch_limit     most hits to fetch  (default 50; the server allows 1000)
"   g:notesearch_timeout   seconds to wait     (default 10)
"   g:notesearch_curl      curl program        (default 'curl')
"
" Install: copy this file to ~/.vim/plugin/ (Vim) or
" ~/.config/nvim/plugin/ (Neovim), or `:source` it from your vimrc.
" Needs curl on $PATH. Text is exchanged as UTF-8: run Vim with
" 'encoding' utf-8 (the default in any UTF-8 locale, and always in Neovim).

if exists('g:loaded_notesearch')
  finish
endif
let g:loaded_notesearch = 1
let s:save_cpo = &cpo
set cpo&vim

" Every failure is thrown as 'notesearch: ...'; s:Run() catches it and the
" command :echoerr's it at its own level, where Vim prints the bare message
" (an :echoerr inside a function or a :catch gets an "Error detected while
" processing" line above it).
command! -nargs=+ NoteSearch execute s:Run('Search', [<q-args>])
command! -nargs=0 NoteSearchBullet execute s:Run('Bullet', [])

" Calls s:{name}(args); returns '' or an :echoerr command for its error.
function! s:Run(name, args) abort
  try
    call call('s:' . a:name, a:args)
    return ''
  catch /^notesearch:/
    return 'echoerr ' . string(v:exception)
  endtry
endfunction

function! s:Setting(name, default) abort
  return get(g:, 'notesearch_' . a:name, a:default)
endfunction

" Percent-encodes every byte except the unreserved ones of RFC 3986, so
" spaces, '#', '+', '&', '%', quotes and non-ASCII text all reach the server
" intact. strpart() and char2nr() on a lone byte work on bytes (for a byte
" that is not a whole UTF-8 character, char2nr() returns the byte itself).
function! s:UrlEncode(str) abort
  let str = &encoding ==# 'utf-8' ? a:str : iconv(a:str, &encoding, 'utf-8')
  let out = ''
  for i in range(strlen(str))
    let byte = strpart(str, i, 1)
    let out .= byte =~# '^[A-Za-z0-9._~-]$' ? byte : printf('%%%02X', char2nr(byte))
  endfor
  return out
endfunction

" GETs base URL + path_and_query. Returns [http_status, body]; throws when the
" server cannot be reached. curl's -w appends the status on a last line of
" its own; --max-time bounds the wait so a hung server cannot freeze the
" editor; --noproxy keeps loopback requests away from any $http_proxy.
function! s:Get(path_and_query) abort
  let base = substitute(s:Setting('url', 'http://127.0.0.1:7077'), '/\+$', '', '')
  let url = base . a:path_and_query
  let curl = s:Setting('curl', 'curl')
  if !executable(curl)
    throw 'notesearch: ' . curl . ' not found; install curl or set g:notesearch_curl'
  endif
  let cmd = [curl, '-sS', '--noproxy', 'localhost,127.0.0.1,::1',
        \ '--max-time', printf('%s', s:Setting('timeout', 10)), '-w', '\n%{http_code}', url]
  let out = system(join(map(cmd, 'shellescape(v:val)')))
  if v:shell_error
    " 6: unknown host, 7: connection refused, 28: timed out.
    let why = get({6: 'unknown host', 7: 'connection refused', 28: 'timed out'},
          \ v:shell_error, 'curl exit status ' . v:shell_error)
    throw printf('notesearch: cannot reach the server at %s (%s); is `notesearch serve` running?',
          \ base, why)
  endif
  let lines = split(out, '\n', 1)
  let body = join(lines[:-2], "\n")
  if &encoding !=# 'utf-8'
    let body = iconv(body, 'utf-8', &encoding)
  endif
  return [str2nr(lines[-1]), body]
endfunction

" Throws the server's {"error": "..."} message for any status but 200.
function! s:CheckStatus(status, body) abort
  if a:status == 200
    return
  endif
  let message = a:body
  try
    let message = json_decode(a:body).error
  catch
  endtry
  throw printf('notesearch: server error %d: %s', a:status, message)
endfunction

function! s:Search(query) abort
  let [status, body] = s:Get('/api/search?format=vimgrep&limit=' . printf('%s', s:Setting('limit', 50))
        \ . '&q=' . s:UrlEncode(a:query))
  call s:CheckStatus(status, body)
  " One hit a line: /abs/path/file.md:LINE:COL:text. The 'efm' key parses
  " them without touching the user's 'errorformat'.
  let hits = filter(split(body, '\n'), 'v:val !=# ""')
  call setqflist([], ' ', {'title': ':NoteSearch ' . a:query, 'lines': hits,
        \ 'efm': '%f:%l:%c:%m'})
  if empty(hits)
    cclose
    echomsg 'notesearch: no hits for ' . a:query
  else
    copen
  endif
endfunction

" Asks for the bullet on the cursor line (the server also knows its
" continuation lines); when there is none (a blank line, a line of an index
" built before it knew them), for the nearest bullet or heading above. The index may hold the file under its resolved (symlink-free) path.
function! s:Bullet() abort
  let file = expand('%:p')
  if empty(file)
    throw 'notesearch: this buffer has no file'
  endif
  let start = search('^\s*\%([-+*]\|\d\+[.)]\)\s\|^#', 'bcnW')
  let tries = [[file, line('.')]]
  if start > 0 && start != line('.')
    call add(tries, [file, start])
  endif
  if resolve(file) !=# file
    call extend(tries, map(copy(tries), '[resolve(file), v:val[1]]'))
  endif
  for [path, lnum] in tries
    let [status, body] = s:Get('/api/bullet?file=' . s:UrlEncode(path) . '&line=' . lnum)
    if status != 404
      break
    endif
  endfor
  call s:CheckStatus(status, body)
  call s:ShowBullet(json_decode(body))
endfunction

" Renders the bullet as an indented outline: breadcrumb (outermost first),
" the bullet itself marked with '>', its children, then its entities.
function! s:ShowBullet(bullet) abort
  let lines = []
  let depth = 0
  for crumb in a:bullet.context
    call add(lines, repeat('  ', depth) . (crumb.kind ==# 'heading' ? '# ' : '- ') . crumb.text)
    let depth += 1
  endfor
  call add(lines, repeat('  ', depth) . '> ' . a:bullet.text)
  for child in get(a:bullet, 'children', [])
    call add(lines, repeat('  ', depth + 1) . '- ' . child.text)
  endfor
  call add(lines, '')
  let inherited = get(a:bullet, 'inherited', {})
  for kind in ['tools', 'companies', 'locations']
    let own = get(a:bullet, kind, [])
    let from_parents = get(inherited, kind, [])
    if !empty(own) || !empty(from_parents)
      call add(lines, kind . ':' . (empty(own) ? '' : ' ' . join(own, ', '))
            \ . (empty(from_parents) ? '' : ' (inherited: ' . join(from_parents, ', ') . ')'))
    endif
  endfor
  call add(lines, a:bullet.file . ':' . a:bullet.line)

  " A scratch buffer in the preview window; the cursor stays where it was.
  silent! pclose
  execute 'silent botright' min([len(lines), &previewheight]) 'new'
  setlocal previewwindow buftype=nofile bufhidden=wipe noswapfile nobuflisted
  call setline(1, lines)
  setlocal nomodifiable filetype=markdown
  wincmd p
endfunction

let &cpo = s:save_cpo
unlet s:save_cpo
