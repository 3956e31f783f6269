// notesearch-serve: the HTTP server behind `notesearch serve`, which runs
// it. A binary of its own so that only the server loads the HTTP library:
// Debian's cpp-httplib brings OpenSSL and brotli, whose loading and
// initialisation cost every other command about 5 ms.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "cli/command_support.h"
#include "core/errors.h"
#include "core/index_store.h"
#include "http/server.h"
#include "indexer/indexer.h"
#include "indexer/watcher.h"
#include "searcher/searcher.h"

namespace notesearch {
namespace {

struct ServeCommand {
  ReaderOptions reader;
  ServerOptions server;
  bool quiet = false;
  bool watch = false;
  std::size_t cache_mb = ServerOptions{}.cache_bytes >> 20;
  std::vector<std::string> weights;
  std::string weights_file;

  void Register(CLI::App* cmd) {
    cmd->add_option("--host", server.host, "address to listen on; other than loopback only when asked")
        ->capture_default_str();
    cmd->add_option("--port", server.port, "port (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
    AddDbOption(cmd, reader);
    cmd->add_flag("--cors", server.cors, "allow any web origin (Access-Control-Allow-Origin: *)");
    cmd->add_option("--threads", server.threads, "worker threads")->check(WholeNumber())->capture_default_str();
    cmd->add_option("--cache-mb", cache_mb, "MiB of answers kept for repeated searches (0: no cache)")
        ->capture_default_str()
        ->check(CLI::Range(0, 1 << 20));
    cmd->add_flag("-q,--quiet", quiet, "no log line per request");
    cmd->add_flag("--watch", watch, "re-index notes files as they change (inotify)");
    cmd->add_option("--weight", weights, "override a ranking weight")->allow_extra_args(false);
    cmd->add_option("--weights-file", weights_file, "file of 'name = value' ranking weights");
    cmd->footer(
        "Endpoints: / (search page), /api/search?q=, /api/suggest?q=, /api/bullet?file=&line=,\n"
        "/api/stats, /healthz; see the README.\n"
        "Examples:\n  notesearch serve\n  notesearch serve --port 8765 --db ~/notes-index\n");
  }

  int Run() {
    server.databases = reader.Databases();
    server.weights = LoadWeights(weights_file, weights);
    server.log_requests = !quiet;
    server.cache_bytes = cache_mb << 20;
    if (server.threads == 0) throw UsageError("--threads must be at least 1");
    EnsureIndex(reader);
    if (server.host != "127.0.0.1" && server.host != "localhost" && server.host != "::1") {
      std::fprintf(stderr, "notesearch: warning: listening on %s: other machines can reach your notes\n",
                   server.host.c_str());
    }
    // SIGINT and SIGTERM stop the server cleanly: they are blocked in every
    // thread and taken by one that stops it.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    SearchServer search_server(server);
    std::unique_ptr<NotesWatcher> watcher = watch ? StartWatcher() : nullptr;
    std::atomic<bool> done{false};
    std::thread stopper([&] {
      int signal = 0;
      sigwait(&signals, &signal);
      if (!done) std::fprintf(stderr, "notesearch: stopping\n");
      search_server.Stop();
    });
    std::fprintf(stderr, "notesearch: serving http://%s:%d/ (Ctrl-C to stop)\n", server.host.c_str(),
                 search_server.port());
    const bool ran = search_server.Run();
    watcher.reset();
    done = true;
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes it if Run ended on its own
    stopper.join();
    return ran ? kExitFound : kExitError;
  }

  // Re-indexes the index's own roots (incrementally) whenever its notes
  // change; searchers see the commit on their next request.
  std::unique_ptr<NotesWatcher> StartWatcher() {
    if (server.databases.size() != 1 || !index_store::Exists(server.databases.front())) {
      throw UsageError("--watch needs exactly one local index (--db DIR)");
    }
    const IndexStats stats = Searcher(server.databases).Stats();
    std::vector<std::filesystem::path> roots(stats.roots.begin(), stats.roots.end());
    const std::string db = server.databases.front();
    const std::string language = stats.language;
    auto reindex = [db, language] {
      try {
        IndexOptions options = MakeIndexOptions(db, language, "");
        options.wait_for_lock = true;
        options.on_diagnostic = [](const Diagnostic& d) { std::fprintf(stderr, "%s\n", d.ToString().c_str()); };
        const IndexReport report = UpdateIndex(options);
        std::fprintf(stderr, "notesearch: re-indexed %zu changed, %zu removed, %zu renamed file(s) in %.2f s\n",
                     report.files_indexed, report.files_removed, report.renamed.size(), report.seconds);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "notesearch: re-indexing failed: %s\n", e.what());
      }
    };
    std::fprintf(stderr, "notesearch: watching %zu path(s) for changes\n", roots.size());
    return std::make_unique<NotesWatcher>(roots, std::chrono::milliseconds(200), reindex);
  }
};

}  // namespace
}  // namespace notesearch

int main(int argc, char** argv) {
  notesearch::ServeCommand serve;
  return notesearch::CommandBinaryMain(
      argc, argv, notesearch::kServeSummary, "notesearch serve",
      [&](CLI::App* app) { serve.Register(app); }, [&] { return serve.Run(); });
}
