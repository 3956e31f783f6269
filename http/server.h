// The HTTP face of notesearch: a small JSON API over the searcher (the same
// JSON as `notesearch search --json`), a grep-style text format for editors,
// and the search page, all served by cpp-httplib.
//
//   GET /api/search?q=&limit=&offset=&facets=tool,company&company=Apple&format=json|vimgrep
//   GET /api/suggest?q=prefix&limit=      completions: tools, companies, places, words
//   GET /api/bullet?file=&line=           one indexed bullet with context and children
//   GET /api/stats, GET /healthz
//   GET /                                 the search page (embedded; works offline)
//
// Repeated JSON searches on an unchanged index are answered from a cache
// (header X-Cache: hit or miss). Each worker thread has its own Searcher (Xapian handles are not
// thread-safe), and each Searcher reopens the index when it changes, so a
// re-index is seen without a restart. Errors are JSON {"error": ...} with a
// 4xx status for anything a client can send.
// Thread-safety: Run blocks its caller; Stop may be called from any thread.
#ifndef NOTESEARCH_HTTP_SERVER_H_
#define NOTESEARCH_HTTP_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "searcher/ranking.h"

namespace notesearch {

// Chosen to stay clear of common development servers (3000, 5000, 5173,
// 8000, 8080, 8888, 9000).
inline constexpr int kDefaultPort = 7077;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = kDefaultPort;  // 0: any free port (see SearchServer::port)
  std::vector<std::string> databases;
  RankingWeights weights;
  bool cors = false;        // Access-Control-Allow-Origin: *
  bool log_requests = true;  // one line per request on stderr
  unsigned threads = 8;
  // Answers of JSON searches kept for repeated requests (see
  // result_cache.h); 0 turns the cache off.
  std::size_t cache_bytes = std::size_t{32} << 20;
};

class SearchServer {
 public:
  // Opens the index once to fail early (throws IndexError) and binds the
  // socket (throws std::runtime_error when the port is taken).
  explicit SearchServer(ServerOptions options);
  ~SearchServer();

  int port() const;  // the bound port
  // Serves until Stop(); returns false if the server could not run.
  bool Run();
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_HTTP_SERVER_H_
