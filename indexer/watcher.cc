#include "indexer/watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>
#include <thread>

#include "indexer/file_walker.h"

namespace notesearch {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE |
                                  IN_DELETE_SELF | IN_MOVE_SELF;

constexpr int kMaxDelayFactor = 5;

bool IsHiddenName(std::string_view name) { return !name.empty() && name[0] == '.'; }

}  // namespace

class NotesWatcher::Impl {
 public:
  Impl(const std::vector<fs::path>& roots, std::chrono::milliseconds settle, std::function<void()> on_change)
      : settle_(settle), on_change_(std::move(on_change)) {
    inotify_ = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    stop_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (inotify_ < 0 || stop_ < 0) throw std::runtime_error(std::string("inotify: ") + std::strerror(errno));
    for (const fs::path& root : roots) {
      std::error_code error;
      if (fs::is_directory(root, error)) {
        WatchTree(root);
      } else {
        // A single file: watch its directory, for saves that replace it.
        WatchDirectory(root.parent_path());
      }
    }
    thread_ = std::thread([this] { Loop(); });
  }

  ~Impl() {
    const std::uint64_t one = 1;
    (void)!::write(stop_, &one, sizeof one);
    thread_.join();
    ::close(inotify_);
    ::close(stop_);
  }

 private:
  void WatchDirectory(const fs::path& dir) {
    const int wd = ::inotify_add_watch(inotify_, dir.c_str(), kEvents);
    if (wd >= 0) directories_[wd] = dir;
  }

  void WatchTree(const fs::path& root) {
    WatchDirectory(root);
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (IsHiddenName(it->path().filename().string())) {
        if (it->is_directory(error)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(error) && !it->is_symlink(error)) WatchDirectory(it->path());
    }
  }

  // True when an event concerns notes: a notes file, or a directory.
  bool Relevant(const inotify_event& event) {
    if ((event.mask & (IN_DELETE_SELF | IN_MOVE_SELF)) != 0) return true;
    const std::string name = event.len > 0 ? event.name : "";
    if (IsHiddenName(name)) return false;
    if ((event.mask & IN_ISDIR) != 0) {
      if ((event.mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
        auto dir = directories_.find(event.wd);
        if (dir != directories_.end()) WatchTree(dir->second / name);
      }
      return true;
    }
    return HasNotesExtension(name);
  }

  void Loop() {
    bool pending = false;
    auto deadline = std::chrono::steady_clock::now();
    auto first_change = deadline;
    alignas(inotify_event) char buffer[16 * 1024];
    while (true) {
      int timeout = -1;
      if (pending) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        timeout = static_cast<int>(std::max<std::int64_t>(0, left.count()));
      }
      pollfd fds[2] = {{inotify_, POLLIN, 0}, {stop_, POLLIN, 0}};
      const int ready = ::poll(fds, 2, timeout);
      if (ready < 0 && errno != EINTR) return;
      if ((fds[1].revents & POLLIN) != 0) return;
      if ((fds[0].revents & POLLIN) != 0) {
        for (ssize_t n; (n = ::read(inotify_, buffer, sizeof buffer)) > 0;) {
          for (char* at = buffer; at < buffer + n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(at);
            if (Relevant(*event)) {
              const auto now = std::chrono::steady_clock::now();
              if (!pending) first_change = now;
              pending = true;
              // Wait for the burst to end, but not forever under a stream
              // of changes.
              deadline = std::min(now + settle_, first_change + kMaxDelayFactor * settle_);
            }
            at += sizeof(inotify_event) + event->len;
          }
        }
        continue;
      }
      if (pending && std::chrono::steady_clock::now() >= deadline) {
        pending = false;
        on_change_();
      }
    }
  }

  std::chrono::milliseconds settle_;
  std::function<void()> on_change_;
  int inotify_ = -1;
  int stop_ = -1;
  std::map<int, fs::path> directories_;  // watch descriptor -> directory
  std::thread thread_;
};

NotesWatcher::NotesWatcher(const std::vector<fs::path>& roots, std::chrono::milliseconds settle,
                           std::function<void()> on_change)
    : impl_(std::make_unique<Impl>(roots, settle, std::move(on_change))) {}

NotesWatcher::~NotesWatcher() = default;

}  // namespace notesearch
