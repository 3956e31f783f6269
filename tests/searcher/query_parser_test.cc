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

TEST(QueryParserTest, ACaretWeighsTheClauseBeforeIt) {
  EXPECT_EQ(Tree("python^2 java"), "(seq (word \"python\" ^2) (word \"java\"))");
  EXPECT_EQ(Tree("\"formal verification\"^0.5 tool:JAX^3"),
            "(seq (phrase \"formal verification\" ^0.5) (word tool: \"JAX\" ^3))");
  EXPECT_EQ(Tree("(pytorch OR tensorflow)^1.5 rust"),
            "(seq (or (word \"pytorch\") (word \"tensorflow\") ^1.5) (word \"rust\"))");
  EXPECT_EQ(Tree("(a b^2)^3"), "(seq (seq (word \"a\") (word \"b\" ^2) ^3))");
  EXPECT_EQ(Tree("(a b) ^2"), "(seq (seq (word \"a\") (word \"b\")))");
  EXPECT_THAT(Notices("(a b) ^2"), ElementsAre("ignored '^2' at column 7: nothing before it"));
  EXPECT_EQ(Tree("optim*^2"), "(seq (prefix \"optim\" ^2))");
  EXPECT_THAT(Notices("python^2 java"), IsEmpty());
}

TEST(QueryParserTest, ACaretOverTheLimitIsCappedWithANotice) {
  EXPECT_EQ(Tree("python^1000"), "(seq (word \"python\" ^100))");
  EXPECT_THAT(Notices("python^1000"), ElementsAre("'^' at column 7 weighs a clause at most 100 times; 100 used"));
}

TEST(QueryParserTest, CaretsAndTildesInsideWordsAreText) {
  EXPECT_EQ(Tree("x^y ~/notes a~b x^ x^2.y"),
            "(seq (word \"x^y\") (word \"~/notes\") (word \"a~b\") (word \"x^\") (word \"x^2.y\"))");
}

TEST(QueryParserTest, ATildeMakesAWordFuzzy) {
  EXPECT_EQ(Tree("pyton~ elasticsearh~ kubernets~1 python~0"),
            "(seq (word \"pyton\" ~1) (word \"elasticsearh\" ~2) (word \"kubernets\" ~1) (word \"python\"))");
  EXPECT_EQ(Tree("pyton~1^2"), "(seq (word \"pyton\" ~1 ^2))");
  EXPECT_EQ(Tree("pyton~5"), "(seq (word \"pyton\" ~2))");
  EXPECT_THAT(Notices("pyton~5"), ElementsAre("'~' at column 6 allows at most 2 edits; 2 used"));
}

TEST(QueryParserTest, ATildeWhereNothingCanBeFuzzyIsIgnoredWithANotice) {
  EXPECT_EQ(Tree("tool:pytorch~ optim*~ py*on~ (a b)~"),
            "(seq (word tool: \"pytorch\") (prefix \"optim\") (pattern \"py*on\") (seq (word \"a\") (word \"b\")))");
  EXPECT_THAT(Notices("tool:pytorch~"),
              ElementsAre("ignored '~' at column 13: only words without a field or wildcard can be fuzzy"));
  EXPECT_THAT(Notices("\"a b\"~"),
              ElementsAre("ignored '~' at column 6: after a phrase it takes a number of words, as in \"a b\"~2"));
}

TEST(QueryParserTest, ATildeAfterAPhraseLetsItsWordsBeApart) {
  EXPECT_EQ(Tree("\"machine models\"~2^2"), "(seq (phrase \"machine models\" ~2 ^2))");
  EXPECT_EQ(Tree("\"a b\"~99"), "(seq (phrase \"a b\" ~32))");
  EXPECT_THAT(Notices("\"a b\"~99"),
              ElementsAre("'~' at column 6 allows at most 32 words between a phrase's words; 32 used"));
}

TEST(QueryParserTest, EditsGrowWithTheWordsLength) {
  EXPECT_EQ(EditsForLength("pyton"), 1u);
  EXPECT_EQ(EditsForLength("kubern"), 1u);
  EXPECT_EQ(EditsForLength("kuberne"), 2u);
  EXPECT_EQ(EditsForLength("zürich"), 1u);  // six letters in seven bytes
}

TEST(QueryParserTest, WildcardsInsideOrInFrontMakeAPattern) {
  EXPECT_EQ(Tree("py*on pyth?n *thon py?o*"),
            "(seq (pattern \"py*on\") (pattern \"pyth?n\") (pattern \"*thon\") (pattern \"py?o*\"))");
  EXPECT_EQ(Tree("tool:py*ch"), "(seq (pattern tool: \"py*ch\"))");
  // A '?' that ends a word is punctuation, and URLs are text.
  EXPECT_EQ(Tree("why? what?? https://a.b/c?d=e www.x.com/?q=1"),
            "(seq (word \"why?\") (word \"what??\") (word \"https://a.b/c?d=e\") (word \"www.x.com/?q=1\"))");
  EXPECT_THAT(Notices("py*on pyth?n"), IsEmpty());
}

TEST(QueryParserTest, SlashesAroundAClauseMakeARegex) {
  EXPECT_EQ(Tree("/py(thon|torch)/ -/java.*/ tool:/k8.?s/"),
            "(seq (regex \"py(thon|torch)\") -(regex \"java.*\") (regex tool: \"k8.?s\"))");
  EXPECT_EQ(Tree("(/a.b/ OR c)^2 /x\\/y/^3"),
            "(seq (or (regex \"a.b\") (word \"c\") ^2) (regex \"x\\/y\" ^3))");
  EXPECT_THAT(Notices("/py(thon|torch)/"), IsEmpty());
  // Paths, fractions and a filter field's values stay words.
  EXPECT_EQ(Tree("/usr/bin a/b/ // /x/y file:/skill/"),
            "(seq (word \"/usr/bin\") (word \"a/b/\") (word \"//\") (word \"/x/y\") (word file: \"/skill/\"))");
  EXPECT_THAT(Notices("/a.b/~"), ElementsAre("ignored '~' at column 6: only words without a field or wildcard can be fuzzy"));
}

TEST(QueryParserTest, ARegexThatDoesNotCompileIsText) {
  EXPECT_EQ(Tree("/py(thon/"), "(seq (word \"/py(thon/\"))");
  EXPECT_THAT(Notices("x /py(thon/"),
              ElementsAre("'/py(thon/' at column 3 is not a regular expression (a parenthesis without its pair at "
                          "its end); searched as text"));
}

TEST(QueryParserTest, AFilterFieldTakesOnlyATrailingStar) {
  EXPECT_EQ(Tree("file:sk?ll file:skill*"), "(seq (word file: \"sk?ll\") (prefix file: \"skill\"))");
  EXPECT_THAT(Notices("file:sk?ll"),
              ElementsAre("'sk?ll' at column 1: a value of 'file:' takes only a trailing '*'; searched as typed"));
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

TEST(QueryParserTest, APageLinkIsAPhraseOfThePageField) {
  EXPECT_EQ(Tree("[[Project Apollo]] standup"), "(seq (phrase page: \"Project Apollo\") (word \"standup\"))");
  EXPECT_EQ(Tree("-[[Apollo|shown text]]^2 page:[[Apollo#Risks]]"),
            "(seq -(phrase page: \"Apollo\" ^2) (phrase page: \"Apollo\"))");
  EXPECT_EQ(Tree("[[Apollo]] OR [[Gemini]]"), "(seq (or (phrase page: \"Apollo\") (phrase page: \"Gemini\")))");
  // Not links: one never closed, one in another field.
  EXPECT_EQ(Tree("[[Apollo"), "(seq (word \"[[Apollo\"))");
  EXPECT_EQ(Tree("tag:[[x]]"), "(seq (word tag: \"[[x]]\"))");
  EXPECT_EQ(Tree("[[ ]] apollo"), "(seq (word \"apollo\"))");
  EXPECT_THAT(Notices("[[ ]] apollo"), ElementsAre("ignored '[[ ]]' at column 1: it names no page"));
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
