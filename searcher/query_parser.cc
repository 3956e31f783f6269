#include "searcher/query_parser.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>

#include "core/errors.h"
#include "core/text.h"
#include "searcher/word_expansions.h"

namespace notesearch {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string Column(std::uint32_t column) { return "column " + std::to_string(column); }

// Control characters (pasted tabs, escape sequences) become spaces.
std::string WithoutControlCharacters(std::string_view query) {
  std::string out(query);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return out;
}

// A '*' before the end or a '?' with more of the word after it make a
// wildcard pattern (py*on, pyth?n, *thon); a '?' ending a word is
// punctuation (why?), and URLs stay text.
bool IsPattern(std::string_view word) {
  if (word.find("://") != std::string_view::npos || word.starts_with("www.")) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '*') return true;
    if (word[i] == '?' && word.find_first_not_of('?', i) != std::string_view::npos) return true;
  }
  return false;
}

std::string FieldNames() {
  std::string names;
  for (const Field& field : AllFields()) {
    if (!names.empty()) names += ", ";
    names += field.name;
  }
  return names;
}

struct Lexeme {
  enum class Kind { kText, kPhrase, kOpen, kClose, kAnd, kOr, kNot };
  Kind kind;
  std::string text;
  bool prefix = false;
  bool pattern = false;
  bool regex = false;
  const Field* field = nullptr;
  QueryNode::Modifier modifier = QueryNode::Modifier::kNone;
  std::uint32_t column = 1;
  double boost = 1;
  std::uint32_t edits = 0;
  std::uint32_t slop = 0;
};

// What may end a word, phrase or ')': `~` or `~N`, then `^N`.
struct Suffix {
  bool tilde = false;
  std::optional<std::uint32_t> tilde_number;
  std::optional<double> boost;
  std::size_t end = 0;  // just past the suffix
};

class Lexer {
 public:
  Lexer(std::string_view query, std::vector<std::string>* notices) : q_(query), notices_(notices) {}

  std::vector<Lexeme> Run() {
    while (true) {
      while (i_ < q_.size() && IsSpace(q_[i_])) ++i_;
      if (i_ >= q_.size()) break;
      LexClause();
    }
    return std::move(out_);
  }

 private:
  void LexClause() {
    Lexeme lexeme{Lexeme::Kind::kText};
    lexeme.column = static_cast<std::uint32_t>(i_ + 1);
    if (q_[i_] == '-' || q_[i_] == '+') {
      if (i_ + 1 >= q_.size() || IsSpace(q_[i_ + 1])) {
        notices_->push_back("ignored a lone '" + std::string(1, q_[i_]) + "' at " + Column(lexeme.column));
        ++i_;
        return;
      }
      lexeme.modifier = q_[i_] == '-' ? QueryNode::Modifier::kExcluded : QueryNode::Modifier::kRequired;
      ++i_;
    }
    LexFieldName(lexeme);
    if (i_ >= q_.size() || IsSpace(q_[i_])) {
      notices_->push_back("ignored an operator with nothing after it at " + Column(lexeme.column));
      return;
    }
    if (q_[i_] == '"') {
      LexPhrase(lexeme);
    } else if (q_.substr(i_).starts_with("[[") && q_.find("]]", i_ + 2) != std::string_view::npos &&
               (lexeme.field == nullptr || lexeme.field == PageField())) {
      LexPageLink(lexeme);
    } else if (q_[i_] == '/' && LexRegex(lexeme)) {
    } else if (q_[i_] == '(') {
      lexeme.kind = Lexeme::Kind::kOpen;
      ++open_groups_;
      ++i_;
      out_.push_back(std::move(lexeme));
    } else if (q_[i_] == ')') {
      if (open_groups_ > 0 && lexeme.modifier == QueryNode::Modifier::kNone && lexeme.field == nullptr) {
        --open_groups_;
        Lexeme close{Lexeme::Kind::kClose};
        ++i_;
        LexSuffix(close);
        out_.push_back(std::move(close));
      } else {
        notices_->push_back("ignored an unbalanced ')' at " + Column(static_cast<std::uint32_t>(i_ + 1)));
        ++i_;
      }
    } else {
      LexWord(lexeme);
    }
  }

  // "name:" before a value, when name is a field. Unknown names stay text
  // ("http://x", "note:" in prose) with a notice when they look like a field.
  void LexFieldName(Lexeme& lexeme) {
    std::size_t j = i_;
    while (j < q_.size() && IsAsciiAlpha(q_[j])) ++j;
    if (j == i_ || j >= q_.size() || q_[j] != ':') return;
    const bool has_value = j + 1 < q_.size() && !IsSpace(q_[j + 1]);
    const std::string_view name = q_.substr(i_, j - i_);
    if (const Field* field = FindField(name)) {
      if (has_value) {
        lexeme.field = field;
        i_ = j + 1;
      } else {
        notices_->push_back("'" + std::string(name) + ":' at " + Column(lexeme.column) +
                            " has no value; searched as text");
      }
    } else if (has_value && q_[j + 1] != '/') {
      notices_->push_back("unknown field '" + std::string(name) + ":' at " + Column(lexeme.column) +
                          " searched as text (fields: " + FieldNames() + ")");
    }
  }

  void LexPhrase(Lexeme& lexeme) {
    const std::size_t close = q_.find('"', i_ + 1);
    lexeme.kind = Lexeme::Kind::kPhrase;
    if (close == std::string_view::npos) {
      notices_->push_back("unbalanced quote at " + Column(static_cast<std::uint32_t>(i_ + 1)) +
                          "; the phrase runs to the end of the query");
      lexeme.text = q_.substr(i_ + 1);
      i_ = q_.size();
    } else {
      lexeme.text = q_.substr(i_ + 1, close - i_ - 1);
      i_ = close + 1;
      LexSuffix(lexeme);
    }
    out_.push_back(std::move(lexeme));
  }

  // [[Page]] as the notes write it: the bullets linking to that page, as
  // page:"Page" (to find its words anywhere, type them without brackets).
  void LexPageLink(Lexeme& lexeme) {
    const std::size_t close = q_.find("]]", i_ + 2);
    const std::string_view target = PageLinkTarget(q_.substr(i_ + 2, close - i_ - 2));
    const std::uint32_t column = static_cast<std::uint32_t>(i_ + 1);
    i_ = close + 2;
    if (target.empty()) {
      notices_->push_back("ignored '" + std::string(q_.substr(column - 1, i_ - column + 1)) + "' at " + Column(column) +
                          ": it names no page");
      return;
    }
    lexeme.kind = Lexeme::Kind::kPhrase;
    lexeme.field = PageField();
    lexeme.text = target;
    LexSuffix(lexeme);
    out_.push_back(std::move(lexeme));
  }

  // /regex/ up to a '/' that ends the clause (a space, ')', a suffix or
  // the end; `\/` is a slash of the regex), over no space; false (and
  // nothing taken) for anything else, which is a word: /usr/bin, a/b.
  bool LexRegex(Lexeme& lexeme) {
    if (lexeme.field != nullptr && lexeme.field->type == FieldType::kBoolean) return false;
    std::size_t close = i_ + 1;
    while (close < q_.size() && q_[close] != '/' && !IsSpace(q_[close])) close += q_[close] == '\\' ? 2 : 1;
    if (close >= q_.size() || q_[close] != '/' || close == i_ + 1) return false;
    const std::size_t after = close + 1;
    if (after < q_.size() && !IsSpace(q_[after]) && q_[after] != ')' && !SuffixAt(after)) return false;
    const std::string regex(q_.substr(i_ + 1, close - i_ - 1));
    std::string error;
    if (!WordRegex::Compile(regex, &error)) {
      notices_->push_back("'/" + regex + "/' at " + Column(lexeme.column) + " is not a regular expression (" + error +
                          "); searched as text");
      return false;
    }
    lexeme.text = regex;
    lexeme.regex = true;
    i_ = after;
    LexSuffix(lexeme);
    out_.push_back(std::move(lexeme));
    return true;
  }

  static const Field* PageField() {
    static const Field* const page = FindField("page");
    return page;
  }

  // The suffix starting at q_[at], if one does and ends the clause (at a
  // space, ')', '"' or the end): otherwise '~' and '^' are text, as in
  // "~/notes" or "x^y".
  std::optional<Suffix> SuffixAt(std::size_t at) const {
    Suffix suffix;
    std::size_t k = at;
    auto digits = [&] {
      const std::size_t begin = k;
      while (k < q_.size() && q_[k] >= '0' && q_[k] <= '9') ++k;
      return q_.substr(begin, k - begin);
    };
    if (k < q_.size() && q_[k] == '~') {
      ++k;
      suffix.tilde = true;
      if (const std::string_view number = digits(); !number.empty()) {
        std::uint32_t value = 0;
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
        suffix.tilde_number = error == std::errc() ? value : std::numeric_limits<std::uint32_t>::max();
      }
    }
    if (k < q_.size() && q_[k] == '^') {
      ++k;
      const std::size_t begin = k;
      if (digits().empty()) return std::nullopt;
      if (k < q_.size() && q_[k] == '.') {
        ++k;
        if (digits().empty()) return std::nullopt;
      }
      double value = 0;
      std::from_chars(q_.data() + begin, q_.data() + k, value);
      suffix.boost = value;
    }
    if (k == at || (k < q_.size() && !IsSpace(q_[k]) && q_[k] != ')' && q_[k] != '"')) return std::nullopt;
    suffix.end = k;
    return suffix;
  }

  // Gives `lexeme` (a word, phrase or ')') the suffix at i_, if there is
  // one, and moves past it.
  void LexSuffix(Lexeme& lexeme) {
    const std::optional<Suffix> suffix = SuffixAt(i_);
    if (!suffix) return;
    const std::string at = Column(static_cast<std::uint32_t>(i_ + 1));
    i_ = suffix->end;
    if (suffix->boost) {
      lexeme.boost = std::min(*suffix->boost, kMaxBoost);
      if (*suffix->boost > kMaxBoost) {
        const std::string most = std::to_string(static_cast<int>(kMaxBoost));
        notices_->push_back("'^' at " + at + " weighs a clause at most " + most + " times; " + most + " used");
      }
    }
    if (!suffix->tilde) return;
    auto capped = [&](std::uint32_t limit, const char* what) {
      if (*suffix->tilde_number > limit) {
        notices_->push_back("'~' at " + at + " allows at most " + std::to_string(limit) + " " + what + "; " +
                            std::to_string(limit) + " used");
      }
      return std::min(*suffix->tilde_number, limit);
    };
    if (lexeme.kind == Lexeme::Kind::kPhrase) {
      if (suffix->tilde_number) {
        lexeme.slop = capped(kMaxSlop, "words between a phrase's words");
      } else {
        notices_->push_back("ignored '~' at " + at + ": after a phrase it takes a number of words, as in \"a b\"~2");
      }
    } else if (lexeme.kind == Lexeme::Kind::kText && !lexeme.prefix && !lexeme.pattern && !lexeme.regex &&
               lexeme.field == nullptr) {
      lexeme.edits = suffix->tilde_number ? capped(kMaxEdits, "edits") : EditsForLength(lexeme.text);
    } else {
      notices_->push_back("ignored '~' at " + at + ": only words without a field or wildcard can be fuzzy");
    }
  }

  void LexWord(Lexeme& lexeme) {
    std::size_t j = i_;
    while (j < q_.size() && !IsSpace(q_[j]) && q_[j] != '"' && !((q_[j] == '~' || q_[j] == '^') && SuffixAt(j))) ++j;
    std::string_view word = q_.substr(i_, j - i_);
    i_ = j;
    int closes = 0;
    while (!word.empty() && word.back() == ')' && open_groups_ > closes) {
      word.remove_suffix(1);
      ++closes;
    }
    const bool bare = lexeme.modifier == QueryNode::Modifier::kNone && lexeme.field == nullptr;
    bool has_word = false;
    if (bare && (word == "AND" || word == "OR" || word == "NOT")) {
      lexeme.kind = word == "AND" ? Lexeme::Kind::kAnd : word == "OR" ? Lexeme::Kind::kOr : Lexeme::Kind::kNot;
      out_.push_back(std::move(lexeme));
    } else {
      while (word.size() > 1 && word.back() == '*') {
        lexeme.prefix = true;
        word.remove_suffix(1);
      }
      if (word == "*") {
        notices_->push_back("ignored a lone '*' at " + Column(lexeme.column));
      } else if (!word.empty()) {
        lexeme.text = word;
        has_word = true;
        if (IsPattern(word)) {
          if (lexeme.field != nullptr && lexeme.field->type == FieldType::kBoolean) {
            notices_->push_back("'" + lexeme.text + "' at " + Column(lexeme.column) + ": a value of '" +
                                std::string(lexeme.field->name) + ":' takes only a trailing '*'; searched as typed");
          } else {
            lexeme.pattern = true;
            if (lexeme.prefix) lexeme.text += '*';
          }
        }
      }
    }
    // A suffix belongs to the last thing before it: "b^2", "(a b)^2".
    if (has_word && closes == 0) LexSuffix(lexeme);
    if (has_word) out_.push_back(std::move(lexeme));
    for (; closes > 0; --closes, --open_groups_) {
      Lexeme close{Lexeme::Kind::kClose};
      if (closes == 1) LexSuffix(close);
      out_.push_back(std::move(close));
    }
    if (const std::optional<Suffix> stray = SuffixAt(i_)) {
      notices_->push_back("ignored '" + std::string(q_.substr(i_, stray->end - i_)) + "' at " +
                          Column(static_cast<std::uint32_t>(i_ + 1)) + ": nothing before it");
      i_ = stray->end;
    }
  }

  std::string_view q_;
  std::vector<std::string>* notices_;
  std::vector<Lexeme> out_;
  std::size_t i_ = 0;
  int open_groups_ = 0;
};

void ApplyField(QueryNode& node, const Field* field) {
  if (node.is_leaf()) {
    if (node.field == nullptr) node.field = field;
    return;
  }
  for (QueryNode& child : node.children) ApplyField(child, field);
}

class Parser {
 public:
  Parser(std::vector<Lexeme> lexemes, std::vector<std::string>* notices)
      : lx_(std::move(lexemes)), notices_(notices) {}

  QueryNode Run() {
    QueryNode root = ParseSequence();
    while (pos_ < lx_.size()) {  // only stray ')' can be left; the lexer drops those
      ++pos_;
      QueryNode rest = ParseSequence();
      for (QueryNode& child : rest.children) root.children.push_back(std::move(child));
    }
    return root;
  }

  std::size_t clauses() const { return clauses_; }

 private:
  bool Peek(Lexeme::Kind kind) const { return pos_ < lx_.size() && lx_[pos_].kind == kind; }

  QueryNode ParseSequence() {
    QueryNode sequence{QueryNode::Type::kSequence};
    while (pos_ < lx_.size() && !Peek(Lexeme::Kind::kClose)) {
      if (auto item = ParseOr()) sequence.children.push_back(std::move(*item));
    }
    return sequence;
  }

  std::optional<QueryNode> ParseOr() {
    std::optional<QueryNode> left = ParseAnd();
    while (Peek(Lexeme::Kind::kOr)) {
      const std::uint32_t column = lx_[pos_++].column;
      std::optional<QueryNode> right = ParseAnd();
      if (!right) {
        notices_->push_back("ignored 'OR' at " + Column(column) + ": nothing after it");
        break;
      }
      left = Combine(QueryNode::Type::kOr, std::move(left), std::move(*right), column);
    }
    return left;
  }

  std::optional<QueryNode> ParseAnd() {
    std::optional<QueryNode> left = ParseUnary();
    while (Peek(Lexeme::Kind::kAnd) || Peek(Lexeme::Kind::kNot)) {
      const Lexeme& op = lx_[pos_++];
      std::optional<QueryNode> right = ParseUnary();
      const char* name = op.kind == Lexeme::Kind::kAnd ? "AND" : "NOT";
      if (!right) {
        notices_->push_back(std::string("ignored '") + name + "' at " + Column(op.column) + ": nothing after it");
        break;
      }
      if (!left && op.kind == Lexeme::Kind::kNot) {  // "NOT x" alone means -x
        right->modifier = QueryNode::Modifier::kExcluded;
        left = std::move(right);
        continue;
      }
      left = Combine(op.kind == Lexeme::Kind::kAnd ? QueryNode::Type::kAnd : QueryNode::Type::kAndNot,
                     std::move(left), std::move(*right), op.column);
    }
    return left;
  }

  std::optional<QueryNode> Combine(QueryNode::Type type, std::optional<QueryNode> left, QueryNode right,
                                   std::uint32_t column) {
    if (!left) {
      notices_->push_back("ignored an operator at " + Column(column) + ": nothing before it");
      return right;
    }
    if (left->type == type && left->modifier == QueryNode::Modifier::kNone) {
      left->children.push_back(std::move(right));
      return left;
    }
    QueryNode node{type};
    node.column = left->column;
    node.children.push_back(std::move(*left));
    node.children.push_back(std::move(right));
    return node;
  }

  std::optional<QueryNode> ParseUnary() {
    if (pos_ >= lx_.size()) return std::nullopt;
    const Lexeme& lexeme = lx_[pos_];
    switch (lexeme.kind) {
      case Lexeme::Kind::kText:
      case Lexeme::Kind::kPhrase: {
        ++pos_;
        ++clauses_;
        QueryNode leaf{lexeme.kind == Lexeme::Kind::kPhrase ? QueryNode::Type::kPhrase
                       : lexeme.regex                        ? QueryNode::Type::kRegex
                       : lexeme.pattern                      ? QueryNode::Type::kPattern
                       : lexeme.prefix                       ? QueryNode::Type::kPrefix
                                                             : QueryNode::Type::kWord};
        leaf.modifier = lexeme.modifier;
        leaf.text = lexeme.text;
        leaf.field = lexeme.field;
        leaf.column = lexeme.column;
        leaf.boost = lexeme.boost;
        leaf.edits = lexeme.edits;
        leaf.slop = lexeme.slop;
        return leaf;
      }
      case Lexeme::Kind::kOpen: {
        ++pos_;
        QueryNode group = ParseSequence();
        double boost = 1;
        if (Peek(Lexeme::Kind::kClose)) {
          boost = lx_[pos_++].boost;
        } else {
          notices_->push_back("unbalanced '(' at " + Column(lexeme.column) + "; closed at the end");
        }
        if (group.children.empty()) return std::nullopt;
        if (lexeme.field != nullptr) ApplyField(group, lexeme.field);
        QueryNode node = group.children.size() == 1 ? std::move(group.children[0]) : std::move(group);
        if (lexeme.modifier != QueryNode::Modifier::kNone) node.modifier = lexeme.modifier;
        node.column = lexeme.column;
        if (boost != 1) node.boost = boost;
        return node;
      }
      case Lexeme::Kind::kAnd:
      case Lexeme::Kind::kOr:
        notices_->push_back("ignored an operator at " + Column(lexeme.column) + ": nothing before it");
        ++pos_;
        return ParseUnary();
      case Lexeme::Kind::kNot: {
        ++pos_;
        std::optional<QueryNode> operand = ParseUnary();
        if (operand) operand->modifier = QueryNode::Modifier::kExcluded;
        return operand;
      }
      case Lexeme::Kind::kClose:
        return std::nullopt;
    }
    return std::nullopt;
  }

  std::vector<Lexeme> lx_;
  std::vector<std::string>* notices_;
  std::size_t pos_ = 0;
  std::size_t clauses_ = 0;
};

}  // namespace

std::uint32_t EditsForLength(std::string_view word) {
  const auto letters = std::count_if(word.begin(), word.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  return letters >= 7 ? 2 : 1;
}

ParsedQuery ParseQuery(std::string_view query) {
  if (query.size() > kMaxQueryBytes) {
    throw UsageError("the query is " + std::to_string(query.size()) + " bytes long; the limit is " +
                     std::to_string(kMaxQueryBytes));
  }
  ParsedQuery parsed;
  const std::string cleaned = WithoutControlCharacters(query);
  Parser parser(Lexer(cleaned, &parsed.notices).Run(), &parsed.notices);
  parsed.root = parser.Run();
  if (parser.clauses() > kMaxQueryClauses) {
    throw UsageError("the query has " + std::to_string(parser.clauses()) + " words or phrases; the limit is " +
                     std::to_string(kMaxQueryClauses));
  }
  if (parsed.root.children.empty()) throw UsageError("the query has nothing to search for");
  return parsed;
}

std::string DescribeQuery(const QueryNode& node) {
  std::string out;
  if (node.modifier == QueryNode::Modifier::kExcluded) out += "-";
  if (node.modifier == QueryNode::Modifier::kRequired) out += "+";
  const char* type = "";
  switch (node.type) {
    case QueryNode::Type::kWord: type = "word"; break;
    case QueryNode::Type::kPhrase: type = "phrase"; break;
    case QueryNode::Type::kPrefix: type = "prefix"; break;
    case QueryNode::Type::kPattern: type = "pattern"; break;
    case QueryNode::Type::kRegex: type = "regex"; break;
    case QueryNode::Type::kSequence: type = "seq"; break;
    case QueryNode::Type::kAnd: type = "and"; break;
    case QueryNode::Type::kOr: type = "or"; break;
    case QueryNode::Type::kAndNot: type = "andnot"; break;
  }
  out += "(";
  out += type;
  if (node.field != nullptr) out += " " + std::string(node.field->name) + ":";
  if (node.is_leaf()) out += " \"" + node.text + "\"";
  if (node.edits != 0) out += " ~" + std::to_string(node.edits);
  if (node.slop != 0) out += " ~" + std::to_string(node.slop);
  for (const QueryNode& child : node.children) out += " " + DescribeQuery(child);
  if (node.boost != 1) {
    char number[32];
    const auto [end, error] = std::to_chars(number, number + sizeof number, node.boost);
    out += " ^" + std::string(number, end);
  }
  out += ")";
  return out;
}

}  // namespace notesearch
