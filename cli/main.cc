// notesearch: index outline notes bullet by bullet and search them.
// This file only wires the command line to the indexer and the searcher.
#include <unistd.h>

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
#include "core/index_store.h"
#include "indexer/gazetteer.h"
#include "indexer/indexer.h"
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

struct IndexCommand {
  CommonOptions common;
  std::vector<std::string> paths;
  bool rebuild = false;
  bool wait = false;
  bool quiet = false;
  std::string language = "english";
  std::string gazetteers;
  unsigned threads = 0;

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
    cmd->add_option("--gazetteers", gazetteers,
                    "directory of your own tools.tsv, companies.tsv, places.tsv "
                    "(default: ~/.config/notesearch/gazetteers)");
    cmd->footer(
        "Examples:\n"
        "  notesearch index                      # update the index from the last run's paths\n"
        "  notesearch index ~/notes              # index a directory (recursively)\n"
        "  notesearch index --rebuild --db /tmp/idx corpus/\n");
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
    const IndexReport report = RunIndexer(options, quiet);
    if (!quiet) std::fputs(FormatIndexReport(report).c_str(), stdout);
    return kExitFound;
  }

  int exit_code = kExitFound;
};

struct SearchCommand {
  CommonOptions common;
  std::vector<std::string> words;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool json = false;
  bool explain = false;
  std::string color = "auto";
  std::vector<std::string> weights;
  std::string weights_file;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("search", "Search the index; prints file:line: text for each hit");
    cmd->add_option("query", words, "the query (several arguments are joined with spaces)")->required();
    AddDbOption(cmd, common);
    cmd->add_option("-n,--limit", limit, "hits to show (at most 1000)")->capture_default_str();
    cmd->add_option("--offset", offset, "hits to skip, for paging")->capture_default_str();
    cmd->add_flag("--json", json, "print the JSON the HTTP API returns");
    cmd->add_flag("--explain", explain, "print how the query was parsed (to stderr)");
    cmd->add_option("--color", color, "auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_option("--weight", weights, "override a ranking weight, e.g. --weight context=0.5");
    cmd->add_option("--weights-file", weights_file, "file of 'name = value' ranking weights");
    cmd->footer(
        "Query syntax:\n"
        "  words            bullets with all words first, then those with some\n"
        "  \"a phrase\"       the words in this order\n"
        "  -word +word      exclude / require a word (use `--` before a query starting with -)\n"
        "  a OR b, a AND b, a NOT b, (grouping), prefix*\n"
        "  section:\"Computer Vision\", file:skill-sets, kind:paragraph\n"
        "Examples:\n"
        "  notesearch search pytorch\n"
        "  notesearch search 'C#' --json\n"
        "  notesearch search '\"formal verification\" -theorem' --limit 20\n"
        "  notesearch search -- -java python\n"
        "Exit status: 0 if something was found, 1 if nothing was, 2 on errors.");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    std::string query;
    for (const std::string& word : words) query += (query.empty() ? "" : " ") + word;
    const std::filesystem::path db = common.Database();
    if (!index_store::Exists(db) && !std::filesystem::exists(db)) {
      std::fprintf(stderr, "notesearch: no index at %s yet; indexing the bundled corpus %s first\n",
                   db.string().c_str(), BundledCorpus().string().c_str());
      IndexOptions options = MakeIndexOptions(db, "english", "");
      options.roots = {BundledCorpus()};
      RunIndexer(options, /*quiet=*/false);
    }
    RankingWeights ranking;
    if (!weights_file.empty()) {
      std::ifstream in(weights_file);
      if (!in) throw UsageError("cannot read weights file " + weights_file);
      std::stringstream text;
      text << in.rdbuf();
      ranking.LoadConfig(text.str(), weights_file);
    }
    for (const std::string& assignment : weights) ranking.SetFromAssignment(assignment);
    if (explain) std::fprintf(stderr, "parsed: %s\n", DescribeQuery(ParseQuery(query).root).c_str());

    Searcher searcher(db, ranking);
    const SearchResponse response = searcher.Search({query, offset, limit});
    if (json) {
      std::cout << DumpJson(ToJson(response)) << "\n";
    } else {
      for (const std::string& notice : response.notices) std::fprintf(stderr, "note: %s\n", notice.c_str());
      const bool use_color = UseColor(color == "always"  ? ColorMode::kAlways
                                      : color == "never" ? ColorMode::kNever
                                                         : ColorMode::kAuto,
                                      stdout);
      std::cout << FormatSearchSummary(response);
      for (const Hit& hit : response.hits) std::cout << FormatHit(hit, use_color);
    }
    return response.total > 0 ? kExitFound : kExitNotFound;
  }

  int exit_code = kExitFound;
};

struct StatsCommand {
  CommonOptions common;
  bool json = false;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("stats", "Show what the index holds");
    AddDbOption(cmd, common);
    cmd->add_flag("--json", json, "print JSON");
    cmd->footer("Example:\n  notesearch stats --json");
    cmd->callback([this] { exit_code = Run(); });
  }

  int Run() {
    Searcher searcher(common.Database());
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
  index.Register(app);
  search.Register(app);
  stats.Register(app);
  try {
    app.parse(argc, argv);
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
