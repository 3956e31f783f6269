#include "indexer/markdown_inline.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace notesearch {
namespace {

bool IsAsciiPunct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Non-ASCII bytes count as word characters: emphasis next to "é" or "機".
bool IsWordChar(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
}

// A link's text or address longer than this is not one: looking further
// for the bracket that closes each '[' made a line of 200,000 unclosed '['
// take 12 s (each scanned to the end of the line).
constexpr std::size_t kMaxLinkPartBytes = 4096;

// Index just past the bracket that closes the one at `open`, or npos when
// none does within kMaxLinkPartBytes.
std::size_t MatchingClose(std::string_view s, std::size_t open, char open_char, char close_char) {
  int level = 0;
  const std::size_t stop = std::min(s.size(), open + kMaxLinkPartBytes);
  for (std::size_t i = open; i < stop; ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == open_char) ++level;
    if (s[i] == close_char && --level == 0) return i + 1;
  }
  return std::string_view::npos;
}

constexpr std::size_t kNoRun = static_cast<std::size_t>(-1);

struct BacktickRun {
  std::size_t begin;
  std::size_t length;
  std::size_t next_same;  // index of the next run as long, or kNoRun
};

// Each run of backticks in `s` and the next one as long, found in one pass
// each way: searching forward from every run instead cost a scan of the
// rest of the line per unmatched run (` `` ``` ... over 10 MB).
std::vector<BacktickRun> BacktickRuns(std::string_view s) {
  std::vector<BacktickRun> runs;
  for (std::size_t i = s.find('`'); i != std::string_view::npos; i = s.find('`', i)) {
    const std::size_t end = std::min(s.find_first_not_of('`', i), s.size());
    runs.push_back({i, end - i, kNoRun});
    i = end;
  }
  std::unordered_map<std::size_t, std::size_t> later;  // length -> index of the nearest later run
  for (std::size_t k = runs.size(); k-- > 0;) {
    auto [it, added] = later.try_emplace(runs[k].length, k);
    if (!added) {
      runs[k].next_same = it->second;
      it->second = k;
    }
  }
  return runs;
}

class InlineReducer {
 public:
  // `without_code`: each code span becomes a space.
  InlineReducer(std::vector<Link>* links, bool without_code) : links_(links), without_code_(without_code) {}

  std::string Reduce(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const std::vector<BacktickRun> runs = BacktickRuns(s);
    std::size_t run = 0;  // the first run at or after i
    for (std::size_t i = 0; i < s.size();) {
      const char c = s[i];
      if (c == '\\' && i + 1 < s.size() && IsAsciiPunct(s[i + 1])) {
        out += s[i + 1];  // an escaped character is always literal
        i += 2;
      } else if (c == '`') {
        while (run < runs.size() && runs[run].begin < i) ++run;
        // A code span runs to the next run of as many backticks, and holds
        // its text as written: no emphasis, links or escapes inside.
        if (run == runs.size() || runs[run].begin != i) {
          ++i;  // the rest of a run whose first backtick was escaped (\``): dropped
        } else if (runs[run].next_same == kNoRun) {
          i += runs[run].length;  // a run no other as long closes: dropped
        } else {
          const BacktickRun& open = runs[run];
          const std::size_t content = open.begin + open.length;
          const BacktickRun& close = runs[open.next_same];
          out += without_code_ ? std::string_view(" ") : s.substr(content, close.begin - content);
          i = close.begin + close.length;
        }
      } else if ((c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) &&
                 TryLink(s, c == '!' ? i + 1 : i, out, i)) {
      } else if (c == '<' && TryAutolink(s, out, i)) {
      } else if (c == '*' || c == '_') {
        std::size_t run_end = i;
        while (run_end < s.size() && s[run_end] == c) ++run_end;
        const char before = i == 0 ? ' ' : s[i - 1];
        const char after = run_end == s.size() ? ' ' : s[run_end];
        if (!IsEmphasisDelimiter(c, before, after)) out.append(s.substr(i, run_end - i));
        i = run_end;
      } else {
        out += c;
        ++i;
      }
    }
    return out;
  }

 private:
  // CommonMark's flanking rules, simplified: a run is a delimiter when it
  // touches a word on one side; '_' inside a word (snake_case) is literal.
  static bool IsEmphasisDelimiter(char marker, char before, char after) {
    const bool left_flanking =
        !IsSpace(after) && (!IsAsciiPunct(after) || IsSpace(before) || IsAsciiPunct(before));
    const bool right_flanking =
        !IsSpace(before) && (!IsAsciiPunct(before) || IsSpace(after) || IsAsciiPunct(after));
    if (marker == '_' && IsWordChar(before) && IsWordChar(after)) return false;
    return left_flanking || right_flanking;
  }

  // [text](url "title"): appends the reduced text, records the link.
  bool TryLink(std::string_view s, std::size_t open, std::string& out, std::size_t& i) {
    const std::size_t text_end = MatchingClose(s, open, '[', ']');
    if (text_end == std::string_view::npos || text_end >= s.size() || s[text_end] != '(') {
      return false;
    }
    const std::size_t url_end = MatchingClose(s, text_end, '(', ')');
    if (url_end == std::string_view::npos) return false;
    std::string text = Reduce(s.substr(open + 1, text_end - 1 - (open + 1)));
    std::string_view url = s.substr(text_end + 1, url_end - 1 - (text_end + 1));
    while (!url.empty() && IsSpace(url.front())) url.remove_prefix(1);
    if (std::size_t space = url.find_first_of(" \t"); space != std::string_view::npos) {
      url = url.substr(0, space);  // drop an optional "title"
    }
    if (url.size() >= 2 && url.front() == '<' && url.back() == '>') url = url.substr(1, url.size() - 2);
    out += text;
    if (!text.empty() || !url.empty()) links_->push_back({std::move(text), std::string(url)});
    i = url_end;
    return true;
  }

  // <https://example.com>: the URL is the text.
  bool TryAutolink(std::string_view s, std::string& out, std::size_t& i) {
    const std::size_t close = s.find('>', i);
    if (close == std::string_view::npos) return false;
    std::string_view inner = s.substr(i + 1, close - i - 1);
    const std::size_t scheme = inner.find("://");
    if (scheme == std::string_view::npos || scheme == 0 ||
        inner.find_first_of(" \t<") != std::string_view::npos) {
      return false;
    }
    out.append(inner);
    links_->push_back({std::string(inner), std::string(inner)});
    i = close + 1;
    return true;
  }

  std::vector<Link>* links_;
  bool without_code_;
};

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string PlainTextOfMarkdown(std::string_view markdown, std::vector<Link>* links,
                                std::optional<std::string>* without_code) {
  std::vector<Link> ignored;
  InlineReducer reducer(links != nullptr ? links : &ignored, false);
  if (without_code != nullptr) {
    without_code->reset();
    if (markdown.find('`') != std::string_view::npos) {
      std::vector<Link> again;
      *without_code = CollapseWhitespace(InlineReducer(&again, true).Reduce(markdown));
    }
  }
  return CollapseWhitespace(reducer.Reduce(markdown));
}

std::vector<std::pair<std::size_t, std::size_t>> AddressSpans(std::string_view text) {
  auto is_scheme_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
  };
  auto starts_a_word = [&](std::size_t at) {
    return at == 0 || IsSpace(text[at - 1]) || std::string_view("(<\"'").find(text[at - 1]) != std::string_view::npos;
  };
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  // The next "://" and "www." at or after `from`, each searched for again
  // only once passed: one pass over the text however many there are.
  std::size_t scheme = text.find("://");
  std::size_t www = text.find("www.");
  for (std::size_t from = 0;;) {
    if (scheme != std::string_view::npos && scheme < from) scheme = text.find("://", from);
    if (www != std::string_view::npos && www < from) www = text.find("www.", from);
    const bool by_scheme = scheme < www;  // npos is the largest
    const std::size_t marker = by_scheme ? scheme : www;
    if (marker == std::string_view::npos) break;
    const std::size_t after_marker = marker + (by_scheme ? 3 : 4);
    std::size_t begin = marker;
    if (by_scheme) {
      while (begin > from && is_scheme_char(text[begin - 1])) --begin;
    }
    // "://" with no scheme, or inside a word ("awww.", "x_https://"): no address.
    if ((by_scheme && begin == marker) || !starts_a_word(begin)) {
      from = after_marker;
      continue;
    }
    std::size_t end = text.find_first_of(" \t", after_marker);
    if (end == std::string_view::npos) end = text.size();
    while (end > begin) {
      const std::string_view address = text.substr(begin, end - begin);
      const char last = text[end - 1];
      // (https://x.org) loses its ')', wiki/Foo_(bar) keeps it.
      const bool closes_inside = last == ')' && std::count(address.begin(), address.end(), '(') >=
                                                   std::count(address.begin(), address.end(), ')');
      if (closes_inside || std::string_view(".,;:!?)'\">").find(last) == std::string_view::npos) break;
      --end;
    }
    spans.emplace_back(begin, end);
    from = std::max(end, after_marker);
  }
  return spans;
}

}  // namespace notesearch
