#include "searcher/result_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace notesearch {
namespace {

using nlohmann::ordered_json;

std::vector<std::string> Keys(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

StoredBlock SampleBlock() {
  StoredBlock stored;
  stored.file = "/notes/z\u00fcrich.md";
  Block& b = stored.block;
  b.line = 12;
  b.depth = 2;
  b.text = "Caf\u00e9 \"Python\" <script>alert(1)</script>\ttab";
  b.links = {{"Python", "https://python.org"}};
  b.headings = {{BlockKind::kHeading, 1, "Tools"}};
  b.ancestors = {{BlockKind::kBullet, 11, "Languages:"}};
  b.entities.tools = {"Python"};
  b.inherited.locations = {"Z\u00fcrich"};
  b.entities.tags = {"scripting"};
  b.inherited.tags = {"lang"};
  b.inherited.pages = {"project apollo"};
  return stored;
}

TEST(ResultJsonTest, WritesEveryMemberOfAHitInTheDocumentedOrder) {
  SearchResponse response;
  response.query = "caf\u00e9 python";
  response.total = 3;
  response.total_bullets = 4;
  response.limit = 10;
  response.notices = {"searched \"cafe\""};
  response.filters = {{"company", {"Apple", "ASML"}}};
  response.facets = {{"tool", {{"Python", 2}, {"C++", 1}}}};
  response.corrected = "cafe python";
  Hit hit;
  hit.stored = SampleBlock();
  hit.score = 6.914635657539673;
  hit.highlights = {{0, 5}, {7, 13}};  // bytes: "Café" is 5 bytes, 4 code points
  hit.snippet = Snippet{"… \"Python\" <script>", {{5, 11}}};
  hit.also = {{"/notes/b.md", 3}};
  response.hits = {hit};

  const ordered_json json = ordered_json::parse(ToJson(response));
  EXPECT_EQ(Keys(json), (std::vector<std::string>{"query", "total", "total_bullets", "offset", "limit", "notices",
                                                  "filters", "facets", "hits", "corrected"}));
  EXPECT_EQ(json["query"], response.query);
  EXPECT_EQ(json["total_bullets"], 4);
  EXPECT_EQ(json["notices"][0], "searched \"cafe\"");
  EXPECT_EQ(json["filters"]["company"], (std::vector<std::string>{"Apple", "ASML"}));
  EXPECT_EQ(json["facets"]["tool"][1]["value"], "C++");
  EXPECT_EQ(json["facets"]["tool"][1]["count"], 1);
  EXPECT_EQ(json["corrected"], "cafe python");
  const ordered_json& h = json["hits"][0];
  EXPECT_EQ(Keys(h), (std::vector<std::string>{"file", "line", "kind", "depth", "text", "score", "highlights", "context",
                                               "links", "tools", "companies", "locations", "tags", "pages",
                                               "inherited", "snippet", "also"}));
  EXPECT_EQ(h["file"], hit.stored.file);
  EXPECT_EQ(h["kind"], "bullet");
  EXPECT_EQ(h["text"], hit.stored.block.text);  // quotes, tags and tabs come back as they were
  EXPECT_DOUBLE_EQ(h["score"].get<double>(), hit.score);
  EXPECT_EQ(h["highlights"], ordered_json::parse("[[0, 4], [6, 12]]"));  // code points
  EXPECT_EQ(h["context"][1], ordered_json::parse(R"({"kind": "bullet", "line": 11, "text": "Languages:"})"));
  EXPECT_EQ(h["links"][0]["url"], "https://python.org");
  EXPECT_EQ(h["tools"], (std::vector<std::string>{"Python"}));
  EXPECT_EQ(h["tags"], (std::vector<std::string>{"scripting"}));
  EXPECT_EQ(h["pages"], ordered_json::array());
  EXPECT_EQ(h["inherited"], ordered_json::parse(R"({"tools": [], "companies": [], "locations": ["Z\u00fcrich"],
                                                      "tags": ["lang"], "pages": ["project apollo"]})"));
  EXPECT_EQ(h["snippet"]["text"], hit.snippet->text);
  EXPECT_EQ(h["snippet"]["highlights"], ordered_json::parse("[[3, 9]]"));  // "…" is 3 bytes, 1 code point
  EXPECT_EQ(h["also"][0]["line"], 3);
}

TEST(ResultJsonTest, ReplacesInvalidUtf8InEveryString) {
  SearchResponse response;
  response.query = "py\xffthon";
  Hit hit;
  hit.stored = SampleBlock();
  hit.stored.file = "/notes/latin1-\xe9.md";  // file names are bytes
  response.hits = {hit};
  const ordered_json json = ordered_json::parse(ToJson(response));  // throws on invalid UTF-8
  EXPECT_EQ(json["query"], "py\uFFFDthon");
  EXPECT_EQ(json["hits"][0]["file"], "/notes/latin1-\uFFFD.md");
  EXPECT_EQ(ordered_json::parse(ErrorJson("bad \xc3"))["error"], "bad \uFFFD");
}

TEST(ResultJsonTest, ABulletViewHasTheHitShapeWithoutScoresAndWithChildren) {
  BlockView view{SampleBlock(), {}};
  StoredBlock child;
  child.block.line = 13;
  child.block.text = "pandas";
  view.children = {child};
  const ordered_json json = ordered_json::parse(ToJson(view));
  EXPECT_EQ(Keys(json), (std::vector<std::string>{"file", "line", "kind", "depth", "text", "context", "links", "tools",
                                                  "companies", "locations", "tags", "pages", "inherited",
                                                  "children"}));
  EXPECT_EQ(json["children"], ordered_json::parse(R"([{"line": 13, "kind": "bullet", "text": "pandas"}])"));
}

TEST(ResultJsonTest, WritesStatsSuggestionsAndFacets) {
  IndexStats stats;
  stats.databases = {"/index"};
  stats.files = 2;
  stats.skipped_empty = 5;
  stats.last_indexed = -1;
  stats.language = "english";
  const ordered_json json = ordered_json::parse(ToJson(stats));
  EXPECT_EQ(json["databases"][0], "/index");
  EXPECT_EQ(json["files"], 2);
  EXPECT_EQ(json["skipped"], ordered_json::parse(R"({"empty_bullets": 5, "wordless_bullets": 0})"));
  EXPECT_EQ(json["last_indexed"], -1);
  EXPECT_EQ(json["language"], "english");

  const ordered_json suggestions = ordered_json::parse(ToJson("kub", {{"kubernetes", "word", 41}}));
  EXPECT_EQ(suggestions, ordered_json::parse(
                             R"({"query": "kub", "suggestions": [{"text": "kubernetes", "kind": "word", "count": 41}]})"));
  EXPECT_EQ(ordered_json::parse(ToJson(std::vector<Facet>{{"location", {{"Remote", 7}}}})),
            ordered_json::parse(R"({"location": [{"value": "Remote", "count": 7}]})"));
}

}  // namespace
}  // namespace notesearch
