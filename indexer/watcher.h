// Watches notes directories with inotify and calls back when notes files
// change, once a burst of changes has settled (an editor's save is often a
// write, a rename and a chmod; "save all" is many files): the callback runs
// on the watcher's own thread, never twice at once.
// Thread-safety: construct and destroy on one thread; the callback runs on
// the watcher thread.
#ifndef NOTESEARCH_INDEXER_WATCHER_H_
#define NOTESEARCH_INDEXER_WATCHER_H_

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

namespace notesearch {

class NotesWatcher {
 public:
  // Throws std::runtime_error when inotify is unavailable. Directories
  // created later under the roots are watched too.
  NotesWatcher(const std::vector<std::filesystem::path>& roots, std::chrono::milliseconds settle,
               std::function<void()> on_change);
  ~NotesWatcher();  // stops and joins the watcher thread
  NotesWatcher(const NotesWatcher&) = delete;
  NotesWatcher& operator=(const NotesWatcher&) = delete;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_INDEXER_WATCHER_H_
