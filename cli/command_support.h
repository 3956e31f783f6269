// What the `notesearch` commands and `notesearch-serve` share: where the
// index is, the ranking weights given on the command line, and indexing the
// bundled corpus (or re-indexing an index of another version) on first use.
// Thread-safety: functions for a command's main thread.
#ifndef NOTESEARCH_CLI_COMMAND_SUPPORT_H_
#define NOTESEARCH_CLI_COMMAND_SUPPORT_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "cli/paths.h"
#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "searcher/ranking.h"

namespace CLI {
class App;
class Option;
class Validator;
}

namespace notesearch {

constexpr int kExitFound = 0;
constexpr int kExitNotFound = 1;  // as grep: a search that found nothing
constexpr int kExitError = 2;     // usage errors and failures

// "notesearch 1.2.0 (Xapian 1.4.22, ICU 72.1)".
std::string VersionString();

// Readers may search several shards as one.
struct ReaderOptions {
  std::vector<std::string> dbs;
  std::vector<std::string> Databases() const {
    return dbs.empty() ? std::vector<std::string>{DefaultDatabase().string()} : dbs;
  }
};

// --db, repeatable.
void AddDbOption(CLI::App* command, ReaderOptions& reader);

// A positional of any number of arguments, each kept as typed. CLI11's own
// splits an argument in brackets at its commas and drops the brackets, and
// neither a directory "[old]" nor a query "[[Page]]" is such a list.
CLI::Option* AddVerbatimPositionals(CLI::App* command, const std::string& name, std::vector<std::string>& values,
                                    const std::string& help);

// For counts (--limit, --offset, --threads): CLI11 would wrap -1 into a
// size_t of 18 quintillion, and its NonNegativeNumber prints its range as a
// 300-digit number.
const CLI::Validator& WholeNumber();

// Writers and commands about one index name one directory.
struct WriterOptions {
  std::string db;
  std::filesystem::path Database() const { return db.empty() ? DefaultDatabase() : std::filesystem::path(db); }
};
// --db, once.
void AddDbOption(CLI::App* command, WriterOptions& writer);

// What `notesearch --help` and the command binaries' own --help say the
// commands that run a binary of their own do.
inline constexpr char kIndexSummary[] = "Index notes files (.md, .markdown, .txt) into the index";
inline constexpr char kServeSummary[] = "Serve the JSON API, the search page and editor endpoints over HTTP";

// The main of a binary that is one command (notesearch-index,
// notesearch-serve): sets Xapian's flush threshold before any thread, lets
// `add_options` declare the command's options on an app called `name`
// ("notesearch index", as the user typed it), parses `argv` and returns
// ExitStatusOf `run`.
int CommandBinaryMain(int argc, char** argv, const std::string& description, const std::string& name,
                      const std::function<void(CLI::App*)>& add_options, const std::function<int()>& run);

// Replaces the process with `binary` from the directory of this one (never
// one found elsewhere: the working directory, PATH), given `arguments`;
// throws what to say when it cannot.
[[noreturn]] void RunSiblingBinary(const std::string& binary, const std::vector<std::string>& arguments);

// What every index run shares: the language and the gazetteers decide the
// analysis settings recorded in the index.
IndexOptions MakeIndexOptions(const std::filesystem::path& db, const std::string& language,
                              const std::string& gazetteer_dir);

// UpdateIndex with a progress bar on a terminal (unless `quiet`) and each
// diagnostic on stderr.
IndexReport RunIndexer(IndexOptions options, bool quiet);

// With no index at the default location yet, the first search (or server)
// indexes the bundled corpus; a --db that does not exist is an error, as a
// mistyped path must not quietly get an index. An index built by another
// version of notesearch is re-indexed from the notes it was built from, as
// `notesearch index` would.
void EnsureIndex(const ReaderOptions& reader);

// Opens the index for a command that ends the process after using it: the
// searcher is never freed, as freeing what it loaded (entity aliases,
// synonyms, the context lexicon) cost more than a search of the bundled
// corpus (2.8 M instructions). It also sets the process's heap up for a
// short life (see PrepareHeapForOneShot). Call it once per process.
Searcher& OpenForProcess(const std::vector<std::string>& databases, RankingWeights weights = {});

// Runs `command` (which parses `app`'s arguments and acts on them) and
// returns its exit status; what it throws becomes status 2 and one line on
// stderr: CLI11's usage errors as CLI11 prints them (--help and --version
// are status 0), the rest as "notesearch: error: ...".
int ExitStatusOf(CLI::App& app, const std::function<int()>& command);

// The default weights, then `weights_file`, then each "name=value".
RankingWeights LoadWeights(const std::string& weights_file, const std::vector<std::string>& assignments);

}  // namespace notesearch

#endif  // NOTESEARCH_CLI_COMMAND_SUPPORT_H_
