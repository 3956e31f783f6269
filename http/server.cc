#include "http/server.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <sys/socket.h>

#include <httplib.h>

#include "core/embedded_files.h"
#include "core/errors.h"
#include "core/fields.h"
#include "http/result_cache.h"
#include "searcher/result_json.h"
#include "searcher/searcher.h"

namespace notesearch {
namespace {

constexpr std::size_t kMaxRequestBytes = 64 * 1024;
constexpr std::size_t kMaxOffset = 1'000'000'000;
constexpr std::size_t kMaxSuggestions = 50;

// Security headers for every response; the page's policy allows only its
// own scripts, styles and API.
const httplib::Headers kSecurityHeaders = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
};
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

struct StaticFile {
  const char* url;
  const char* path;  // embedded
  const char* type;
};
constexpr StaticFile kStaticFiles[] = {
    {"/", "http/www/index.html", "text/html; charset=utf-8"},
    {"/index.html", "http/www/index.html", "text/html; charset=utf-8"},
    {"/app.js", "http/www/app.js", "text/javascript; charset=utf-8"},
    {"/style.css", "http/www/style.css", "text/css; charset=utf-8"},
};

class BadRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool BoolParam(const httplib::Request& req, const char* name, bool fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  if (text == "1" || text == "true") return true;
  if (text == "0" || text == "false") return false;
  throw BadRequest(std::string(name) + " must be true, false, 1 or 0");
}

std::size_t SizeParam(const httplib::Request& req, const char* name, std::size_t fallback, std::size_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value > max) {
    throw BadRequest(std::string(name) + " must be an integer from 0 to " + std::to_string(max));
  }
  return value;
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) items.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

constexpr char kJsonType[] = "application/json; charset=utf-8";

void SendJson(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, kJsonType);
}

// Every parameter as sent, unambiguously (lengths before contents):
// parameters the search ignores only cost a miss, never a wrong answer.
std::string CacheKey(const httplib::Request& req) {
  std::string key;
  for (const auto& [name, value] : req.params) {
    key += std::to_string(name.size()) + ':' + name + std::to_string(value.size()) + ':' + value;
  }
  return key;
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, ErrorJson(message));
}

// Where a hit's first highlighted word is in the note: the line among the
// block's lines (continuation lines too) that holds it, and its 1-based byte
// column there, as ripgrep --vimgrep gives them; the block's first line and
// column 1 when no line holds it (edited since indexing, or split by
// markup). `lines` caches the files read for one response.
std::pair<std::uint32_t, std::size_t> MatchPlace(const Hit& hit, std::map<std::string, std::vector<std::string>>& lines) {
  const Block& block = hit.stored.block;
  if (hit.highlights.empty()) return {block.line, 1};
  auto [file, added] = lines.try_emplace(hit.stored.file);
  if (added) {
    std::ifstream in(hit.stored.file, std::ios::binary);
    for (std::string line; std::getline(in, line);) file->second.push_back(std::move(line));
  }
  const auto [start, end] = hit.highlights.front();
  const std::string_view word = std::string_view(block.text).substr(start, end - start);
  const auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  const std::uint32_t last = std::min<std::uint32_t>(std::max(block.line, block.last_line),
                                                     static_cast<std::uint32_t>(file->second.size()));
  for (std::uint32_t number = std::max<std::uint32_t>(block.line, 1); number <= last; ++number) {
    const std::string& line = file->second[number - 1];
    const auto found = std::search(line.begin(), line.end(), word.begin(), word.end(),
                                   [&](char a, char b) { return lower(a) == lower(b); });
    if (found != line.end()) return {number, static_cast<std::size_t>(found - line.begin()) + 1};
  }
  return {block.line, 1};
}

// path:line:col:text, one hit per line: Vim's quickfix (:cexpr, 'grepformat'
// %f:%l:%c:%m), Emacs grep-mode and VS Code problem matchers read it.
std::string VimgrepLines(const SearchResponse& response) {
  std::string out;
  std::map<std::string, std::vector<std::string>> lines;
  for (const Hit& hit : response.hits) {
    std::string text = hit.stored.block.text;
    for (char& c : text) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    const auto [line, column] = MatchPlace(hit, lines);
    out += hit.stored.file + ":" + std::to_string(line) + ":" + std::to_string(column) + ":" + text + "\n";
  }
  return out;
}

}  // namespace

class SearchServer::Impl {
 public:
  explicit Impl(ServerOptions options) : options_(std::move(options)), cache_(options_.cache_bytes) {
    Searcher probe(options_.databases, options_.weights);  // fail early on a bad index
    server_.new_task_queue = [threads = options_.threads] { return new httplib::ThreadPool(threads); };
    server_.set_payload_max_length(kMaxRequestBytes);
    // Without it, Nagle's algorithm and the client's delayed ACK hold each
    // keep-alive answer back for 40 ms.
    server_.set_tcp_nodelay(true);
    // cpp-httplib's 5 requests per keep-alive connection stay: a worker
    // serves one connection until it closes, so with 100 the connections
    // beyond --threads waited (p99 1.5 s at 64 connections, 123 ms with 5).
    server_.set_read_timeout(5, 0);
    server_.set_write_timeout(5, 0);
    // Debian's cpp-httplib listens with a backlog of 5 (compiled into the
    // library): more clients connecting at once than that made the kernel
    // drop connection requests, which clients send again after a second
    // (p99 0.9 s at 64 connections). The socket is kept here so that the
    // backlog can be raised once it is bound.
    server_.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      listening_socket_ = sock;
    });
    server_.set_default_headers(kSecurityHeaders);
    server_.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& res) {
      request_started = std::chrono::steady_clock::now();
      if (options_.cors) res.set_header("Access-Control-Allow-Origin", "*");
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res, &Impl::ApiSearch); });
    server_.Get("/api/suggest", [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res, &Impl::ApiSuggest); });
    server_.Get("/api/bullet", [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res, &Impl::ApiBullet); });
    server_.Get("/api/stats", [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res, &Impl::ApiStats); });
    server_.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, R"({"status":"ok"})"); });
    for (const StaticFile& file : kStaticFiles) {
      server_.Get(file.url, [file](const httplib::Request&, httplib::Response& res) {
        const std::optional<std::string_view> bytes = FindEmbeddedFile(file.path);
        if (!bytes) return SendError(res, 404, "not found");
        res.set_header("Content-Security-Policy", kPagePolicy);
        res.set_content(std::string(*bytes), file.type);
      });
    }
    // Unknown paths, wrong methods, oversized requests: JSON, never HTML.
    server_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (res.body.empty()) {
        SendError(res, res.status, res.status == 404 ? "no such path: " + req.path : "request refused (HTTP " + std::to_string(res.status) + ")");
      }
    });
    server_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      SendError(res, 500, "internal error");
    });
    if (options_.log_requests) {
      server_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started).count();
        std::string target = req.path;
        if (!req.params.empty()) {
          target += '?';
          for (const auto& [key, value] : req.params) target += key + "=" + value + "&";
          target.pop_back();
        }
        std::fprintf(stderr, "%s %s %s %d %zu %.1fms\n", req.remote_addr.c_str(), req.method.c_str(), target.c_str(),
                     res.status, res.body.size(), ms);
      });
    }
    port_ = options_.port == 0 ? server_.bind_to_any_port(options_.host) : options_.port;
    if (options_.port != 0 && !server_.bind_to_port(options_.host, options_.port)) port_ = -1;
    if (port_ < 0) {
      throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                               " (in use, or not an address of this machine)");
    }
    ::listen(listening_socket_, SOMAXCONN);  // on a listening socket, sets its backlog
  }

  int port() const { return port_; }
  bool Run() { return server_.listen_after_bind(); }
  void Stop() { server_.stop(); }

 private:
  using Handler = void (Impl::*)(const httplib::Request&, httplib::Response&, Searcher&);

  // Runs a handler with this thread's Searcher, mapping errors to 4xx.
  void Handle(const httplib::Request& req, httplib::Response& res, Handler handler) {
    try {
      (this->*handler)(req, res, ThreadSearcher());
    } catch (const BadRequest& e) {
      SendError(res, 400, e.what());
    } catch (const UsageError& e) {
      SendError(res, 400, e.what());
    } catch (const IndexError& e) {
      SendError(res, 503, e.what());  // the index, not the request, is at fault
    } catch (const Xapian::Error& e) {
      SendError(res, 503, "index error: " + e.get_msg());
    }
  }

  Searcher& ThreadSearcher() {
    std::lock_guard lock(searchers_mutex_);
    std::unique_ptr<Searcher>& searcher = searchers_[std::this_thread::get_id()];
    if (!searcher) searcher = std::make_unique<Searcher>(options_.databases, options_.weights);
    return *searcher;
  }

  void ApiSearch(const httplib::Request& req, httplib::Response& res, Searcher& searcher) {
    SearchRequest request;
    request.query = req.get_param_value("q");
    request.limit = SizeParam(req, "limit", 10, kMaxLimit);
    request.offset = SizeParam(req, "offset", 0, kMaxOffset);
    request.facet_limit = SizeParam(req, "facet_limit", 10, kMaxFacetLimit);
    request.correct = BoolParam(req, "correct", true);
    request.last_word_prefix = BoolParam(req, "prefix", false);
    if (req.has_param("facets")) request.facets = SplitList(req.get_param_value("facets"));
    for (const Field& field : AllFields()) {
      if (field.value_prefix.empty()) continue;
      const std::string name(field.name);
      for (std::size_t i = 0; i < req.get_param_value_count(name.c_str()); ++i) {
        request.filters.emplace_back(name, req.get_param_value(name.c_str(), i));
      }
    }
    // Filters alone browse by facet; anything else needs words.
    if (!req.has_param("q") && request.filters.empty()) throw BadRequest("missing q: /api/search?q=words");
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    if (format != "json" && format != "vimgrep") throw BadRequest("format must be json or vimgrep");
    if (format == "vimgrep") {  // not cached: its columns come from the notes as they are now
      res.set_content(VimgrepLines(searcher.Search(request)), "text/plain; charset=utf-8");
      return;
    }
    const std::optional<std::string> snapshot = searcher.Snapshot();
    if (!snapshot) return SendJson(res, 200, ToJson(searcher.Search(request)));
    const std::string key = *snapshot + CacheKey(req);
    if (const std::shared_ptr<const std::string> answer = cache_.Find(key)) {
      res.set_header("X-Cache", "hit");
      res.set_content(*answer, kJsonType);
      return;
    }
    SendJson(res, 200, ToJson(searcher.Search(request)));
    res.set_header("X-Cache", "miss");
    cache_.Insert(key, res.body);
  }

  void ApiSuggest(const httplib::Request& req, httplib::Response& res, Searcher& searcher) {
    if (!req.has_param("q")) throw BadRequest("missing q: /api/suggest?q=prefix");
    const std::string query = req.get_param_value("q");
    if (query.size() > kMaxQueryBytes) throw BadRequest("q is over " + std::to_string(kMaxQueryBytes) + " bytes");
    SendJson(res, 200, ToJson(query, searcher.Suggest(query, SizeParam(req, "limit", 10, kMaxSuggestions))));
  }

  // Only what the index holds is served: the bullet is looked up in the
  // index, never read from the disk, so no path can reach another file.
  void ApiBullet(const httplib::Request& req, httplib::Response& res, Searcher& searcher) {
    if (!req.has_param("file") || !req.has_param("line")) throw BadRequest("missing file or line: /api/bullet?file=PATH&line=N");
    const std::size_t line = SizeParam(req, "line", 0, 0xFFFFFFFFu);
    const std::string file = req.get_param_value("file");
    const std::optional<BlockView> view = searcher.Show(file, static_cast<std::uint32_t>(line));
    if (!view) return SendError(res, 404, "no indexed bullet at " + file + ":" + std::to_string(line));
    SendJson(res, 200, ToJson(*view));
  }

  void ApiStats(const httplib::Request&, httplib::Response& res, Searcher& searcher) {
    SendJson(res, 200, ToJson(searcher.Stats()));
  }

  static thread_local std::chrono::steady_clock::time_point request_started;

  ServerOptions options_;
  ResultCache cache_;
  httplib::Server server_;
  int port_ = -1;
  socket_t listening_socket_ = -1;
  std::mutex searchers_mutex_;
  std::unordered_map<std::thread::id, std::unique_ptr<Searcher>> searchers_;
};

thread_local std::chrono::steady_clock::time_point SearchServer::Impl::request_started;

SearchServer::SearchServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
SearchServer::~SearchServer() = default;
int SearchServer::port() const { return impl_->port(); }
bool SearchServer::Run() { return impl_->Run(); }
void SearchServer::Stop() { impl_->Stop(); }

}  // namespace notesearch
