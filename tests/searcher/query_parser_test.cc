#include "searcher/query_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"

namespace notesearch {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Tree(std::string_view query) { return DescribeQuery(ParseQuery(query).root); }
std::vector<std::string> Notices(std::string_view query) { return ParseQuery(query).notices; }

TEST(QueryParserTest, WordsAreASequence) {
  EXPECT_EQ(Tree("machine learning"), "(seq (word \"machine\") (word \"learning\"))");
}

TEST(QueryParserTest, TechnicalTokensSurviveTheSyntax) {
  EXPECT_EQ(Tree("C++ C# .NET TCP/IP node.js"),
            "(seq (word \"C++\") (word \"C#\") (word \".NET\") (word \"TCP/IP\") (word \"node.js\"))");
}

TEST(QueryParserTest, PhrasesModifiersAndPrefixes) {
  EXPECT_EQ(Tree("\"formal verification\" -theorem +model optim*"),
            "(seq (phrase \"formal verification\") -(word \"theorem\") +(word \"model\") (prefix \"optim\"))");
}

TEST(QueryParserTest, OrBindsTighterThanJuxtaposition) {
  EXPECT_EQ(Tree("python pandas OR numpy"), "(seq (word \"python\") (or (word \"pandas\") (word \"numpy\")))");
}

TEST(QueryParserTest, AndAndNotBindTighterThanOr) {
  EXPECT_EQ(Tree("a AND b OR c NOT d"), "(seq (or (and (word \"a\") (word \"b\")) (andnot (word \"c\") (word \"d\"))))");
}

TEST(QueryParserTest, LowerCaseOperatorsAreWords) {
  EXPECT_EQ(Tree("rock and roll or not"),
            "(seq (word \"rock\") (word \"and\") (word \"roll\") (word \"or\") (word \"not\"))");
}

TEST(QueryParserTest, ParenthesesGroup) {
  EXPECT_EQ(Tree("(pytorch OR tensorflow) -java"),
            "(seq (or (word \"pytorch\") (word \"tensorflow\")) -(word \"java\"))");
  EXPECT_EQ(Tree("-(a b)"), "(seq -(seq (word \"a\") (word \"b\")))");
}

TEST(QueryParserTest, FieldsScopeWordsPhrasesAndGroups) {
  EXPECT_EQ(Tree("section:\"Computer Vision\" file:skill-sets kind:(paragraph OR heading)"),
            "(seq (phrase section: \"Computer Vision\") (word file: \"skill-sets\") "
            "(or (word kind: \"paragraph\") (word kind: \"heading\")))");
  EXPECT_EQ(Tree("SECTION:x"), "(seq (word section: \"x\"))");
}

TEST(QueryParserTest, UnknownFieldsAndUrlsAreText) {
  EXPECT_EQ(Tree("https://example.com"), "(seq (word \"https://example.com\"))");
  EXPECT_THAT(Notices("https://example.com"), IsEmpty());
  EXPECT_EQ(Tree("foo:bar"), "(seq (word \"foo:bar\"))");
  EXPECT_THAT(Notices("foo:bar"), ElementsAre(HasSubstr("unknown field 'foo:'")));
}

// Regression: "tool:" alone was searched as the word "tool" without a word
// about it.
TEST(QueryParserTest, AFieldWithoutAValueIsTextWithANotice) {
  EXPECT_EQ(Tree("python tool:"), "(seq (word \"python\") (word \"tool:\"))");
  EXPECT_THAT(Notices("python tool:"), ElementsAre(HasSubstr("'tool:' at column 8 has no value")));
  EXPECT_THAT(Notices("tool: python"), ElementsAre(HasSubstr("'tool:' at column 1 has no value")));
}

TEST(QueryParserTest, UnbalancedQuoteRunsToTheEnd) {
  EXPECT_EQ(Tree("\"design automation"), "(seq (phrase \"design automation\"))");
  EXPECT_THAT(Notices("\"design automation"), ElementsAre(HasSubstr("unbalanced quote at column 1")));
}

TEST(QueryParserTest, UnbalancedParenthesesAreRepaired) {
  EXPECT_EQ(Tree("(a OR b"), "(seq (or (word \"a\") (word \"b\")))");
  EXPECT_THAT(Notices("(a OR b"), ElementsAre(HasSubstr("unbalanced '('")));
  EXPECT_EQ(Tree("a) b"), "(seq (word \"a)\") (word \"b\"))");
  EXPECT_EQ(Tree("a ) b"), "(seq (word \"a\") (word \"b\"))");
  EXPECT_THAT(Notices("a ) b"), ElementsAre(HasSubstr("unbalanced ')'")));
}

TEST(QueryParserTest, LoneModifiersAndDanglingOperatorsAreIgnored) {
  EXPECT_EQ(Tree("python - java"), "(seq (word \"python\") (word \"java\"))");
  EXPECT_THAT(Notices("python - java"), ElementsAre(HasSubstr("lone '-' at column 8")));
  EXPECT_EQ(Tree("OR python AND"), "(seq (word \"python\"))");
  EXPECT_EQ(Notices("OR python AND").size(), 2u);
  EXPECT_EQ(Tree("NOT java"), "(seq -(word \"java\"))");
}

TEST(QueryParserTest, ControlCharactersAreSpaces) {
  EXPECT_EQ(Tree("a\tb\x01\x1b[31mc"), "(seq (word \"a\") (word \"b\") (word \"[31mc\"))");
}

TEST(QueryParserTest, NothingToSearchIsAnError) {
  EXPECT_THROW(ParseQuery(""), UsageError);
  EXPECT_THROW(ParseQuery("   "), UsageError);
  EXPECT_THROW(ParseQuery("AND OR NOT"), UsageError);
  EXPECT_THROW(ParseQuery("- + *"), UsageError);
  EXPECT_THROW(ParseQuery("()"), UsageError);
}

TEST(QueryParserTest, LimitsAreClearErrors) {
  try {
    ParseQuery(std::string(10 * 1024, 'a'));
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("10240 bytes long; the limit is 4096"));
  }
  std::string many;
  for (int i = 0; i < 100; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_THROW(ParseQuery(many), UsageError);
}

}  // namespace
}  // namespace notesearch
