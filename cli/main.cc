// notesearch: index outline notes bullet by bullet and search them.
// This file only wires the command line to the indexer and the searcher.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "cli/command_support.h"
#include "cli/paths.h"
#include "cli/terminal.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/index_store.h"
#include "indexer/indexer.h"
#include "searcher/query_parser.h"
#include "searcher/result_json.h"
#include "searcher/searcher.h"

namespace notesearch {
namespace {

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

  // One line per field of the table, as `--help` shows them.
  static std::string FieldsHelp() {
    std::string help;
    for (const Field& field : AllFields()) {
      std::string name = "    " + std::string(field.name) + ":";
      name.resize(std::max<std::size_t>(name.size() + 1, 15), ' ');
      help += name + std::string(field.help) + "\n";
    }
    return help;
  }

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("search", "Search the index; prints file:line: text for each hit");
    AddVerbatimPositionals(cmd, "query", words,
                           "the query (several arguments are joined with spaces); none with --filter lists every "
                           "bullet the filters keep");
    AddDbOption(cmd, reader);
    cmd->add_option("-n,--limit", limit, "hits to show (at most 1000)")->check(WholeNumber())->capture_default_str();
    cmd->add_option("--offset", offset, "hits to skip, for paging")->check(WholeNumber())->capture_default_str();
    cmd->add_flag("--json", json, "print the JSON the HTTP API returns");
    cmd->add_option("--facets", facets, "count values of these fields over all matches: " + FacetFieldNames(","))
        ->allow_extra_args(false);
    cmd->add_option("--facet-limit", facet_limit, "values per facet")->check(WholeNumber())->capture_default_str();
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
        "  a OR b, a AND b, a NOT b, (grouping), prefix*, py*on, pyth?n, *thon\n"
        "  /py(thon|torch)/ words the regular expression matches whole (case ignored)\n"
        "  word~ word~2     also words 1 or 2 edits away, below the word as typed\n"
        "  [[Page]]         bullets linking to a page (or below one that does), as page:\"Page\"\n"
        "  \"a phrase\"~2     the words in order, up to 2 other words apart\n"
        "  word^2 (a b)^0.5 weigh a clause 2 times / half as much\n"
        "  field:word field:\"a phrase\" field:(a OR b), with these fields:\n" +
        FieldsHelp() +
        "Examples:\n"
        "  notesearch search pytorch\n"
        "  notesearch search 'C#' --json\n"
        "  notesearch search '\"formal verification\" -theorem' --limit 20\n"
        "  notesearch search -- -java python\n"
        "  notesearch search 'company:Apple python' --facets tool,location\n"
        "  notesearch search 'dir:~/notes/work kubernetes -dir:archive'\n"
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
    Searcher& searcher = OpenForProcess(dbs, ranking);
    const SearchResponse response = searcher.Search(request);
    if (json) {
      std::cout << ToJson(response) << "\n";
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
    Searcher& searcher = OpenForProcess(reader.Databases());
    const IndexStats stats = searcher.Stats();
    if (json) {
      std::cout << ToJson(stats) << "\n";
    } else {
      std::cout << FormatStats(stats);
    }
    return kExitFound;
  }

  int exit_code = kExitFound;
};

struct CompactCommand {
  WriterOptions common;
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
    Searcher& searcher = OpenForProcess(reader.Databases());
    const std::optional<BlockView> view = searcher.Show(location.substr(0, colon), line);
    if (!view) {
      std::fprintf(stderr, "notesearch: no indexed bullet at %s\n", location.c_str());
      return kExitNotFound;
    }
    if (json) {
      std::cout << ToJson(*view) << "\n";
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
    AddVerbatimPositionals(cmd, "fields", fields, FacetFieldNames() + " (default: all)");
    AddDbOption(cmd, reader);
    cmd->add_option("-n,--limit", limit, "values per field")->check(WholeNumber())->capture_default_str();
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
    Searcher& searcher = OpenForProcess(reader.Databases());
    const std::vector<Facet> facets = searcher.FacetCounts(names, limit);
    if (json) {
      std::cout << ToJson(facets) << "\n";
    } else {
      std::cout << FormatFacets(facets);
    }
    return kExitFound;
  }

  int exit_code = kExitFound;
};

// `index` and `serve` run binaries of their own, from the directory of this
// one, with the same arguments (cli/index_main.cc and cli/serve_main.cc say
// why); their --help is theirs.
struct DelegatedCommand {
  std::string name;
  std::string description;
  std::string binary;

  void Register(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(name, description);
    cmd->prefix_command();
    cmd->set_help_flag();
    cmd->callback([this, cmd] { RunSiblingBinary(binary, cmd->remaining()); });
  }
};

int Main(int argc, char** argv) {
  SetXapianFlushThreshold();  // before any thread
  CLI::App app{"notesearch: full-text search for outline notes, bullet by bullet"};
  app.set_version_flag("--version", VersionString());
  app.require_subcommand(1);
  app.footer(
      "Start with:\n"
      "  notesearch search kubernetes        # indexes the bundled corpus on first use\n"
      "  notesearch index ~/notes            # index your own notes\n"
      "Run `notesearch COMMAND --help` for each command's options.");
  DelegatedCommand index{"index", kIndexSummary, "notesearch-index"};
  SearchCommand search;
  StatsCommand stats;
  ShowCommand show;
  FacetsCommand facets;
  DelegatedCommand serve{"serve", kServeSummary, "notesearch-serve"};
  CompactCommand compact;
  index.Register(app);
  search.Register(app);
  stats.Register(app);
  show.Register(app);
  facets.Register(app);
  serve.Register(app);
  compact.Register(app);
  bool extras = false;
  const int status = ExitStatusOf(app, [&] {
    try {
      app.parse(argc, argv);
    } catch (const CLI::ExtrasError&) {
      extras = true;
      throw;
    }
    for (const CLI::App* command : app.get_subcommands()) {
      if (command->get_name() == "search") return search.exit_code;
      if (command->get_name() == "stats") return stats.exit_code;
      if (command->get_name() == "show") return show.exit_code;
      if (command->get_name() == "facets") return facets.exit_code;
      if (command->get_name() == "compact") return compact.exit_code;
    }
    return kExitFound;
  });
  // `notesearch search -python java`: CLI11 reads -python as an option.
  if (extras && app.got_subcommand("search")) {
    std::fprintf(stderr, "notesearch: a query that starts with '-' goes after --: notesearch search -- -word ...\n");
  }
  return status;
}

}  // namespace
}  // namespace notesearch

int main(int argc, char** argv) { return notesearch::Main(argc, argv); }
