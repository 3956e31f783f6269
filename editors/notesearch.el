;;; notesearch.el --- Search outline notes with a notesearch server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: matching, outlines, tools

;; This file is not part of GNU Emacs.

;;; Commentary:

;; A client for `notesearch serve', the HTTP server of notesearch, a
;; full-text search engine for outline notes (markdown bullets).
;;
;;   M-x notesearch         prompts for a query and lists the hits in the
;;                          *notesearch* buffer, a `grep-mode' buffer:
;;                          RET or a mouse click visits a hit, and
;;                          `next-error' (M-g n, C-x `) walks through them;
;;                          g runs the query again.
;;   M-x notesearch-bullet  shows the bullet at point with its breadcrumb,
;;                          children and entities.
;;
;; Start the server first (`notesearch serve', by default on
;; http://127.0.0.1:7077), then install this file:
;;
;;   (add-to-list 'load-path "/path/to/notesearch/editors")
;;   (require 'notesearch)
;;   (global-set-key (kbd "C-c n") #'notesearch)   ; if you like
;;
;; Customize `notesearch-url', `notesearch-limit' and `notesearch-timeout'
;; (M-x customize-group RET notesearch).  Requests go through url.el,
;; so no external program is needed.

;;; Code:

(require 'grep)
(require 'json)
(require 'url)
(require 'url-http)

(defgroup notesearch nil
  "Search outline notes with a notesearch server."
  :group 'matching
  :prefix "notesearch-")

(defcustom notesearch-url "http://127.0.0.1:7077"
  "Address of the `notesearch serve' server."
  :type 'string)

(defcustom notesearch-limit 50
  "Most hits to fetch per search (the server allows up to 1000)."
  :type 'integer)

(defcustom notesearch-timeout 10
  "Seconds to wait for the server before giving up."
  :type 'number)

(defvar notesearch-history nil
  "Minibuffer history of `notesearch' queries.")

(defvar-local notesearch--query nil
  "The query whose hits this `notesearch-mode' buffer shows.")

;; Buffer-local variables of url-http's response buffers.
(defvar url-http-response-status)
(defvar url-http-end-of-headers)

(defun notesearch--loopback-p (url)
  "Non-nil when URL names a loopback host, which no proxy should see."
  (member (url-host (url-generic-parse-url url))
          '("localhost" "127.0.0.1" "::1" "[::1]")))

(defun notesearch--get (path-and-query)
  "GET PATH-AND-QUERY from `notesearch-url'.
Return (STATUS . BODY), BODY decoded from UTF-8.  Signal a `user-error'
when the server cannot be reached within `notesearch-timeout' seconds."
  (let* ((base (replace-regexp-in-string "/+\\'" "" notesearch-url))
         (url (concat base path-and-query))
         (url-proxy-services (unless (notesearch--loopback-p url) url-proxy-services))
         (unreachable
          (lambda (why)
            (user-error "notesearch: cannot reach the server at %s (%s); is `notesearch serve' running?"
                        base why)))
         (buffer (condition-case err
                     (url-retrieve-synchronously url 'silent 'inhibit-cookies notesearch-timeout)
                   ;; A refused connection is (file-error "make client process
                   ;; failed" "Connection refused" ...): keep the reason only.
                   (error (funcall unreachable (if (stringp (nth 2 err))
                                                   (nth 2 err)
                                                 (error-message-string err)))))))
    ;; A nil buffer (timeout) or one with no status line (the connection
    ;; dropped) both mean no answer.
    (unless (and buffer (buffer-local-value 'url-http-response-status buffer))
      (when buffer (kill-buffer buffer))
      (funcall unreachable "no answer"))
    (unwind-protect
        (with-current-buffer buffer
          (cons url-http-response-status
                (decode-coding-string
                 (buffer-substring-no-properties (1+ url-http-end-of-headers) (point-max))
                 'utf-8)))
      (kill-buffer buffer))))

(defun notesearch--check (response)
  "Signal a `user-error' with the server's message unless RESPONSE is a 200.
RESPONSE is (STATUS . BODY) as `notesearch--get' returns it."
  (unless (eql (car response) 200)
    (user-error "notesearch: server error %s: %s" (car response)
                (or (ignore-errors (alist-get 'error (json-read-from-string (cdr response))))
                    (cdr response)))))

(defvar notesearch-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map "g" #'notesearch-refresh)
    map)
  "Keymap of `notesearch-mode'; it inherits `grep-mode-map'.")

(define-derived-mode notesearch-mode grep-mode "NoteSearch"
  "Major mode of the *notesearch* buffer: search hits, one per line.
Each hit reads FILE:LINE:COLUMN:TEXT, as `notesearch serve' writes them
with format=vimgrep.  \\<notesearch-mode-map>\\[notesearch-refresh] runs the query again.

\\{notesearch-mode-map}"
  ;; grep's own regexp would take the column for part of the text; this one
  ;; takes it as the column.  The lazy .+? lets file names contain colons.
  (setq-local compilation-error-regexp-alist
              '(("^\\(.+?\\):\\([1-9][0-9]*\\):\\([1-9][0-9]*\\):" 1 2 3)))
  ;; grep counts columns from 0, the server (like Vim) from 1.
  (setq-local compilation-first-column 1))

;;;###autoload
(defun notesearch (query)
  "Search the notes for QUERY and list the hits in the *notesearch* buffer.
The buffer is in `notesearch-mode', derived from `grep-mode': RET visits
a hit and `next-error' steps through them.  Return the buffer."
  (interactive
   (list (read-string "Search notes: " nil 'notesearch-history)))
  (when (string-match-p "\\`[ \t\n]*\\'" query)
    (user-error "notesearch: empty query"))
  (let* ((response (notesearch--get
                    (format "/api/search?format=vimgrep&limit=%d&q=%s"
                            notesearch-limit (url-hexify-string query))))
         (hits (progn (notesearch--check response)
                      (split-string (cdr response) "\n" t)))
         (buffer (get-buffer-create "*notesearch*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert (format "notesearch: %s (%d %s)\n\n" query (length hits)
                        (if (= (length hits) 1) "hit" "hits")))
        (dolist (hit hits) (insert hit "\n")))
      (notesearch-mode)            ; after the text, so it is parsed afresh
      (setq notesearch--query query)
      (goto-char (point-min))
      (forward-line 2))
    (setq next-error-last-buffer buffer)
    (pop-to-buffer buffer)
    (unless hits (message "notesearch: no hits for %s" query))
    buffer))

(defun notesearch-refresh ()
  "Run the query of this *notesearch* buffer again."
  (interactive)
  (if notesearch--query
      (notesearch notesearch--query)
    (call-interactively #'notesearch)))

(defun notesearch--bullet-at (file line)
  "Fetch the bullet starting on LINE of FILE, as an alist, or nil if none."
  (let ((response (notesearch--get (format "/api/bullet?file=%s&line=%d"
                                           (url-hexify-string file) line))))
    (unless (eql (car response) 404)
      (notesearch--check response)
      (let ((json-object-type 'alist) (json-array-type 'list))
        (json-read-from-string (cdr response))))))

;;;###autoload
(defun notesearch-bullet ()
  "Show the bullet at point: its breadcrumb, children and entities.
When no bullet starts on the current line, show the nearest bullet or
heading above it."
  (interactive)
  (let* ((file (or buffer-file-name (user-error "notesearch: this buffer has no file")))
         (files (delete-dups (list file (file-truename file))))
         (lines (delete-dups
                 (list (line-number-at-pos)
                       (save-excursion
                         (end-of-line)
                         (if (re-search-backward "^\\(?:[ \t]*\\(?:[-+*]\\|[0-9]+[.)]\\)[ \t]\\|#\\)" nil t)
                             (line-number-at-pos)
                           1)))))
         (bullet (catch 'found
                   (dolist (f files)
                     (dolist (l lines)
                       (let ((b (notesearch--bullet-at f l))) (when b (throw 'found b)))))
                   (user-error "notesearch: no indexed bullet at %s:%d" file (car lines)))))
    (with-help-window "*notesearch-bullet*"
      (let ((depth 0))
        ;; The breadcrumb, outermost first, then the bullet and its children.
        (dolist (crumb (alist-get 'context bullet))
          (princ (format "%s%s %s\n" (make-string (* 2 depth) ?\s)
                         (if (equal (alist-get 'kind crumb) "heading") "#" "-")
                         (alist-get 'text crumb)))
          (setq depth (1+ depth)))
        (princ (format "%s> %s\n" (make-string (* 2 depth) ?\s) (alist-get 'text bullet)))
        (dolist (child (alist-get 'children bullet))
          (princ (format "%s- %s\n" (make-string (* 2 (1+ depth)) ?\s) (alist-get 'text child)))))
      (princ "\n")
      (dolist (kind '(tools companies locations))
        (let ((own (alist-get kind bullet))
              (inherited (alist-get kind (alist-get 'inherited bullet))))
          (when (or own inherited)
            (princ (format "%s:%s%s\n" kind
                           (if own (concat " " (mapconcat #'identity own ", ")) "")
                           (if inherited
                               (format " (inherited: %s)" (mapconcat #'identity inherited ", "))
                             ""))))))
      (princ (format "%s:%s\n" (alist-get 'file bullet) (alist-get 'line bullet))))))

(provide 'notesearch)
;;; notesearch.el ends here
