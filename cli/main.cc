// notesearch: index outline notes bullet by bullet and search them.
// This file only wires the command line to the indexer and the searcher.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <unicode/uversion.h>
#include <xapian.h>

#include "analysis/analysis_settings.h"
#include "cli/paths.h"
#include "cli/terminal.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/index_store.h"
#include "http/server.h"
#include "indexer/gazetteer.h"
#include "indexer/indexer.h"
#include "indexer/watcher.h"
#include "searcher/query_parser.h"
#include "searcher/result_json.h"
#include "searcher/searcher.h"

namespace notesearch {
namespace {

constexpr int kExitFound = 0;
constexpr int kExitNotFound = 1;  // as grep: a search that found nothing
constexpr int kExitError = 2;     // usage errors and failures

std::string VersionString() {
  return std::string("notesearch ") + NOTESEARCH_VERSION + " (Xapian " + Xapian::version_string() + ", ICU " +
         U_ICU_VERSION + ")";
}

struct CommonOptions {
  std::string db;
  std::filesystem::path Database() const { return db.empty() ? DefaultDatabase() : std::filesystem::path(db); }
};

void AddDbOption(CLI::App* command, CommonOptions& common) {
  command->add_option("--db", common.db,
                      "index directory (default: $NOTESEARCH_DB, else ~/.local/share/notesearch/index)");
}

// Readers may search several shards as one.
struct ReaderOptions {
  std::vector<std::string> dbs;
  std::vector<std::string> Databases() const {
    return dbs.empty() ? std::vector<std::string>{DefaultDatabase().string()} : dbs;
  }
};

void AddDbOption(CLI::App* command, ReaderOptions& reader) {
  command
      ->add_option("--db", reader.dbs,
                   "index to search; repeat it to search shards as one: index directories, Xapian stub "
                   "files, tcp://HOST:PORT (default: $NOTESEARCH_DB, else ~/.local/share/notesearch/index)")
      ->allow_extra_args(false);
}

std::vector<std::string> SplitCommas(const std::vector<std::string>& lists) {
  std::vector<std::string> items;
  for (const std::string& list : lists) {
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      if (comma > start) items.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return items;
}

// What every index run shares: the language and the gazetteers decide the
// analysis settings recorded in the index.
IndexOptions MakeIndexOptions(const std::filesystem::path& db, const std::string& language,
                              const std::string& gazetteer_dir) {
  IndexOptions options;
  options.database = db;
  options.gazetteer_dir = gazetteer_dir.empty() ? Gazetteer::DefaultUserDir() : std::filesystem::path(gazetteer_dir);
  options.analysis = AnalysisSettingsFor(language, options.gazetteer_dir);
  return options;
}

IndexReport RunIndexer(IndexOptions options, bool quiet) {
  ProgressBar progress(!quiet && ::isatty(STDERR_FILENO) == 1);
  options.on_progress = [&](const IndexProgress& p) { progress.Update(p); };
  options.on_diagnostic = [&](const Diagnostic& d) {
    progress.Finish();
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
  };
  IndexReport report = UpdateIndex(options);
  progress.Finish();
  return report;
}

// For an index built by another version of notesearch, the language it was
// built in (English when its record names none); nullopt for an index of
// this version.
std::optional<std::string> LanguageOfAnotherVersion(const std::filesystem::path& db) {
  const std::vector<std::filesystem::path> generations = index_store::CurrentGenerations(db);
  if (generations.empty()) return std::nullopt;
  try {
    const Xapian::Database shard = index_store::OpenForReading(db, generations.front());
    const std::string record = shard.get_metadata(metadata_keys::kAnalysis);
    if (AnalysisSettings::FromJson(record)) return std::nullopt;
    return AnalysisSettings::RecordedLanguage(record).value_or("english");
  } catch (const IndexError&) {
    return std::nullopt;  // damaged: the searcher says so, with the command to rebuild
  }
}

// With no index at the default location yet, the first search (or server)
// indexes the bundled corpus; a --db that does not exist is an error, as a
// mistyped path must not quietly get an index. An index built by another
// version of notesearch is re-indexed from the notes it was built from, as
// `notesearch index` would.
void EnsureIndex(const ReaderOptions& reader) {
  const std::vector<std::string> dbs = reader.Databases();
  const std::filesystem::path db = dbs.front();
  const bool remote = dbs.front().find("://") != std::string::npos;
  if (dbs.size() != 1 || remote) return;
  if (index_store::Exists(db)) {
    const std::optional<std::string> language = LanguageOfAnotherVersion(db);
    if (!language) return;
    std::fprintf(stderr,
                 "notesearch: the index at %s was built by another version of notesearch; re-indexing its notes "
                 "(language: %s) first\n",
                 db.string().c_str(), language->c_str());
    RunIndexer(MakeIndexOptions(db, *language, ""), /*quiet=*/false);
    return;
  }
  if (!reader.dbs.empty() || std::filesystem::exists(db)) return;
  std::fprintf(stderr, "notesearch: no index at %s yet; indexing the bundled corpus %s first\n", db.string().c_str(),
               BundledCorpus().string().c_str());
  IndexOptions options = MakeIndexOptions(db, "english", "");
  options.roots = {BundledCorpus()};
  RunIndexer(options, /*quiet=*/false);
}

RankingWeights LoadWeights(const std::string& weights_file, const std::vector<std::string>& assignments) {
  RankingWeights ranking;
  if (!weights_file.empty()) {
    std::ifstream in(weights_file);
    if (!in) throw UsageError("cannot read weights file " + weights_file);
    std::stringstream text;
    text << in.rdbuf();
    ranking.LoadConfig(text.str(), weights_file);
  }
  for (const std::string& assignment : assignments) ranking.SetFromAssignment(assignment);
  return ranking;
}

struct IndexCommand {
  CommonOptions common;
  std::vector<std::string> paths;
  bool rebuild = false;
  bool wait = false;
  bool quiet = false;
  std::string language = "english";
  std::string gazetteers;
  unsigned threads = 0;
  std::size_t shards = 0;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("index", "Index notes files (.md, .markdown, .txt) into the index");
    cmd->add_option("paths", paths,
                    "files and directories to index; the index then holds exactly these (default: the paths "
                    "of the last run, or the bundled corpus)");
    AddDbOption(cmd, common);
    cmd->add_flag("--rebuild", rebuild, "re-index every file from scratch");
    cmd->add_flag("--wait", wait, "wait for another running indexer instead of failing");
    cmd->add_flag("-q,--quiet", quiet, "no progress bar or summary");
    cmd->add_option("--language", language, "stemming language: english, german, ..., or none")
        ->capture_default_str();
    cmd->add_option("--threads", threads, "worker threads (default: one per core)");
    cmd->add_option("--shards", shards,
                    "split the index into N shards written in parallel (default: as it is, 1 for a new "
                    "index); merge them again with `notesearch compact`");
    cmd->add_option("--gazetteers", gazetteers,
                    "directory of your own tools.tsv, companies.tsv, places.tsv "
                    "(default: ~/.config/notesearch/gazetteers)");
    cmd->footer(
        "Examples:\n"
        "  notesearch index                      # update the index from the last run's paths\n"
        "  notesearch index ~/notes              # index a directory (recursively)\n"
        "  notesearch index --rebuild --db /tmp/idx corpus/\n"
        "  notesearch index --shards 4 ~/notes          # four shards, written in parallel\n");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    IndexOptions options = MakeIndexOptions(common.Database(), language, gazetteers);
    for (const std::string& path : paths) options.roots.emplace_back(path);
    if (options.roots.empty() && !index_store::Exists(options.database)) {
      options.roots.push_back(BundledCorpus());
    }
    options.rebuild = rebuild;
    options.wait_for_lock = wait;
    options.threads = threads;
    options.shards = shards;
    const IndexReport report = RunIndexer(options, quiet);
    if (!quiet) std::fputs(FormatIndexReport(report).c_str(), stdout);
    return kExitFound;
  }

  int exit_code = kExitFound;
};

struct SearchCommand {
  ReaderOptions reader;
  std::vector<std::string> words;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::vector<std::string> facets;
  std::size_t facet_limit = 10;
  std::vector<std::string> filters;
  bool json = false;
  bool explain = false;
  bool no_correct = false;
  std::string color = "auto";
  std::vector<std::string> weights;
  std::string weights_file;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("search", "Search the index; prints file:line: text for each hit");
    cmd->add_option("query", words, "the query (several arguments are joined with spaces); none with --filter "
                                    "lists every bullet the filters keep");
    AddDbOption(cmd, reader);
    cmd->add_option("-n,--limit", limit, "hits to show (at most 1000)")->capture_default_str();
    cmd->add_option("--offset", offset, "hits to skip, for paging")->capture_default_str();
    cmd->add_flag("--json", json, "print the JSON the HTTP API returns");
    cmd->add_option("--facets", facets, "count values of these fields over all matches: tool,company,location,...")
        ->allow_extra_args(false);
    cmd->add_option("--facet-limit", facet_limit, "values per facet")->capture_default_str();
    cmd->add_option("--filter", filters, "FIELD=VALUE, e.g. company=Apple; values of a field are ORed, fields ANDed; "
                                         "the ranking does not change")
        ->allow_extra_args(false);
    cmd->add_flag("--explain", explain, "print how the query was parsed (to stderr)");
    cmd->add_flag("--no-correct", no_correct, "search the words as typed, without spelling corrections");
    cmd->add_option("--color", color, "auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_option("--weight", weights, "override a ranking weight, e.g. --weight context=0.5")
        ->allow_extra_args(false);
    cmd->add_option("--weights-file", weights_file, "file of 'name = value' ranking weights");
    cmd->footer(
        "Query syntax:\n"
        "  words            bullets with all words first, then those with some\n"
        "  \"a phrase\"       the words in this order\n"
        "  -word +word      exclude / require a word (use `--` before a query starting with -)\n"
        "  a OR b, a AND b, a NOT b, (grouping), prefix*\n"
        "  tool:PyTorch company:Apple location:\"San Francisco\" section:\"Computer Vision\"\n"
        "  file:skill-sets kind:paragraph country:\"United States\"\n"
        "Examples:\n"
        "  notesearch search pytorch\n"
        "  notesearch search 'C#' --json\n"
        "  notesearch search '\"formal verification\" -theorem' --limit 20\n"
        "  notesearch search -- -java python\n"
        "  notesearch search 'company:Apple python' --facets tool,location\n"
        "  notesearch search pytorch --filter location=Remote --filter company=NVIDIA\n"
        "Exit status: 0 if something was found, 1 if nothing was, 2 on errors.");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    if (words.empty() && filters.empty()) throw UsageError("a query is required (or --filter to browse by facet)");
    std::string query;
    for (const std::string& word : words) query += (query.empty() ? "" : " ") + word;
    const std::vector<std::string> dbs = reader.Databases();
    EnsureIndex(reader);
    const RankingWeights ranking = LoadWeights(weights_file, weights);
    if (explain) {
      std::fprintf(stderr, "parsed: %s\n", words.empty() ? "(no words: browsing by the filters)"
                                                          : DescribeQuery(ParseQuery(query).root).c_str());
    }

    SearchRequest request{query, offset, limit, SplitCommas(facets), facet_limit, {}};
    request.correct = !no_correct;
    for (const std::string& filter : filters) {
      const std::size_t equals = filter.find('=');
      if (equals == std::string::npos || equals == 0) {
        throw UsageError("--filter takes FIELD=VALUE, e.g. company=Apple; got '" + filter + "'");
      }
      request.filters.emplace_back(filter.substr(0, equals), filter.substr(equals + 1));
    }
    Searcher searcher(dbs, ranking);
    const SearchResponse response = searcher.Search(request);
    if (json) {
      std::cout << DumpJson(ToJson(response)) << "\n";
    } else {
      for (const std::string& notice : response.notices) std::fprintf(stderr, "note: %s\n", notice.c_str());
      if (response.corrected) {
        std::fprintf(stderr, "note: showing results for '%s'; add --no-correct to search for '%s' as typed\n",
                     response.corrected->c_str(), query.c_str());
      }
      const bool use_color = UseColor(color == "always"  ? ColorMode::kAlways
                                      : color == "never" ? ColorMode::kNever
                                                         : ColorMode::kAuto,
                                      stdout);
      std::cout << FormatSearchSummary(response);
      for (const Hit& hit : response.hits) std::cout << FormatHit(hit, use_color);
      std::cout << FormatFacets(response.facets);
    }
    return response.total > 0 ? kExitFound : kExitNotFound;
  }

  int exit_code = kExitFound;
};

struct StatsCommand {
  ReaderOptions reader;
  bool json = false;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("stats", "Show what the index holds");
    AddDbOption(cmd, reader);
    cmd->add_flag("--json", json, "print JSON");
    cmd->footer("Example:\n  notesearch stats --json");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    Searcher searcher(reader.Databases());
    const IndexStats stats = searcher.Stats();
    if (json) {
      std::cout << DumpJson(ToJson(stats)) << "\n";
    } else {
      std::cout << FormatStats(stats);
    }
    return kExitFound;
  }

  int exit_code = kExitFound;
};

struct CompactCommand {
  CommonOptions common;
  bool wait = false;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("compact", "Merge an index's shards into one compacted database");
    AddDbOption(cmd, common);
    cmd->add_flag("--wait", wait, "wait for another running indexer instead of failing");
    cmd->footer("Example:\n  notesearch index --shards 4 ~/notes && notesearch compact");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t shards = CompactIndex(common.Database(), wait);
    std::printf("Compacted %zu shard%s into one in %.2f s\n", shards, shards == 1 ? "" : "s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return kExitFound;
  }

  int exit_code = kExitFound;
};

struct ShowCommand {
  ReaderOptions reader;
  std::string location;
  bool json = false;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("show", "Show one bullet with its context, children and entities");
    cmd->add_option("location", location, "FILE:LINE, as search prints it")->required();
    AddDbOption(cmd, reader);
    cmd->add_flag("--json", json, "print JSON (the hit shape, plus \"children\")");
    cmd->footer("Example:\n  notesearch show corpus/skill-sets.md:141 --json");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    const std::size_t colon = location.rfind(':');
    std::uint32_t line = 0;
    try {
      if (colon == std::string::npos) throw std::invalid_argument("no colon");
      line = static_cast<std::uint32_t>(std::stoul(location.substr(colon + 1)));
    } catch (const std::exception&) {
      throw UsageError("expected FILE:LINE, got '" + location + "'");
    }
    EnsureIndex(reader);
    Searcher searcher(reader.Databases());
    const std::optional<BlockView> view = searcher.Show(location.substr(0, colon), line);
    if (!view) {
      std::fprintf(stderr, "notesearch: no indexed bullet at %s\n", location.c_str());
      return kExitNotFound;
    }
    if (json) {
      std::cout << DumpJson(ToJson(*view)) << "\n";
    } else {
      std::cout << FormatBlockView(*view, UseColor(ColorMode::kAuto, stdout));
    }
    return kExitFound;
  }

  int exit_code = kExitFound;
};

struct FacetsCommand {
  ReaderOptions reader;
  std::vector<std::string> fields;
  std::size_t limit = 20;
  bool json = false;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("facets", "List the most common values of fields over the whole index");
    cmd->add_option("fields", fields, "tool, company, location, country, section, file (default: all)");
    AddDbOption(cmd, reader);
    cmd->add_option("-n,--limit", limit, "values per field")->capture_default_str();
    cmd->add_flag("--json", json, "print JSON");
    cmd->footer("Examples:\n  notesearch facets tool\n  notesearch facets company location --limit 5 --json");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    std::vector<std::string> names = SplitCommas(fields);
    if (names.empty()) {
      for (const Field& field : AllFields()) {
        if (field.facet_slot != Xapian::BAD_VALUENO) names.emplace_back(field.name);
      }
    }
    if (limit > kMaxFacetLimit) throw UsageError("limit is at most " + std::to_string(kMaxFacetLimit));
    EnsureIndex(reader);
    Searcher searcher(reader.Databases());
    const std::vector<Facet> facets = searcher.FacetCounts(names, limit);
    if (json) {
      std::cout << DumpJson(ToJson(facets)) << "\n";
    } else {
      std::cout << FormatFacets(facets);
    }
    return kExitFound;
  }

  int exit_code = kExitFound;
};

struct ServeCommand {
  ReaderOptions reader;
  ServerOptions server;
  bool quiet = false;
  bool watch = false;
  std::size_t cache_mb = ServerOptions{}.cache_bytes >> 20;
  std::vector<std::string> weights;
  std::string weights_file;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON API, the search page and editor endpoints over HTTP");
    cmd->add_option("--host", server.host, "address to listen on; other than loopback only when asked")
        ->capture_default_str();
    cmd->add_option("--port", server.port, "port (0: any free port)")->capture_default_str();
    AddDbOption(cmd, reader);
    cmd->add_flag("--cors", server.cors, "allow any web origin (Access-Control-Allow-Origin: *)");
    cmd->add_option("--threads", server.threads, "worker threads")->capture_default_str();
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
    cmd->callback([this] { exit_code = Run(); });
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

  int exit_code = kExitFound;
};

int Main(int argc, char** argv) {
  CLI::App app{"notesearch: full-text search for outline notes, bullet by bullet"};
  app.set_version_flag("--version", VersionString());
  app.require_subcommand(1);
  app.footer(
      "Start with:\n"
      "  notesearch search kubernetes        # indexes the bundled corpus on first use\n"
      "  notesearch index ~/notes            # index your own notes\n"
      "Run `notesearch COMMAND --help` for each command's options.");
  IndexCommand index;
  SearchCommand search;
  StatsCommand stats;
  ShowCommand show;
  FacetsCommand facets;
  ServeCommand serve;
  CompactCommand compact;
  index.Register(app);
  search.Register(app);
  stats.Register(app);
  show.Register(app);
  facets.Register(app);
  serve.Register(app);
  compact.Register(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    app.exit(e);
    // `notesearch search -python java`: CLI11 reads -python as an option.
    if (app.got_subcommand("search")) {
      std::fprintf(stderr, "notesearch: a query that starts with '-' goes after --: notesearch search -- -word ...\n");
    }
    return kExitError;
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitFound : kExitError;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "notesearch: error: %s\n", e.what());
    return kExitError;
  } catch (const IndexError& e) {
    std::fprintf(stderr, "notesearch: error: %s\n", e.what());
    return kExitError;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "notesearch: error: Xapian: %s\n", e.get_description().c_str());
    return kExitError;
  }
  for (const CLI::App* command : app.get_subcommands()) {
    if (command->get_name() == "index") return index.exit_code;
    if (command->get_name() == "search") return search.exit_code;
    if (command->get_name() == "stats") return stats.exit_code;
    if (command->get_name() == "show") return show.exit_code;
    if (command->get_name() == "facets") return facets.exit_code;
    if (command->get_name() == "serve") return serve.exit_code;
    if (command->get_name() == "compact") return compact.exit_code;
  }
  return kExitFound;
}

}  // namespace
}  // namespace notesearch

int main(int argc, char** argv) {
  try {
    return notesearch::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "notesearch: error: %s\n", e.what());
    return 2;
  }
}
