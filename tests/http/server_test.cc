// End-to-end tests of the HTTP server: started on a free loopback port in
// the test, queried with cpp-httplib's client, stopped at the end.
#include "http/server.h"

#include <atomic>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace notesearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class RunningServer {
 public:
  explicit RunningServer(ServerOptions options) {
    options.port = 0;
    options.log_requests = false;
    server_ = std::make_unique<SearchServer>(std::move(options));
    thread_ = std::thread([this] { server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    for (int i = 0; i < 100 && !client_->Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~RunningServer() {
    server_->Stop();
    thread_.join();
  }
  httplib::Result Get(const std::string& path) { return client_->Get(path); }
  nlohmann::json Json(const std::string& path) { return nlohmann::json::parse(client_->Get(path)->body); }
  int port() const { return server_->port(); }

 private:
  std::unique_ptr<SearchServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new testing::TestIndex({{"jobs.md",
                                      "# Jobs\n"
                                      "+ skill set:\n"
                                      "\t- Senior Software Engineer \u00b7 ASML \u00b7 United States\n"
                                      "\t- Experience with C++ and Python\n"
                                      "\t- Kubernetes and Docker\n"
                                      "+ <script>alert(1)</script> and <img src=x onerror=alert(2)> python\n"}});
    ServerOptions options;
    options.databases = {index_->db().string()};
    server_ = new RunningServer(options);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete index_;
  }
  static testing::TestIndex* index_;
  static RunningServer* server_;
};
testing::TestIndex* ServerTest::index_ = nullptr;
RunningServer* ServerTest::server_ = nullptr;

TEST_F(ServerTest, SearchReturnsTheCliJson) {
  const auto res = server_->Get("/api/search?q=python&limit=5&facets=tool,company&company=ASML");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  const nlohmann::json json = nlohmann::json::parse(res->body);
  EXPECT_EQ(json["query"], "python");
  EXPECT_EQ(json["total"], 1);
  EXPECT_EQ(json["limit"], 5);
  EXPECT_EQ(json["filters"]["company"][0], "ASML");
  EXPECT_EQ(json["hits"][0]["line"], 4);
  EXPECT_EQ(json["hits"][0]["inherited"]["companies"][0], "ASML");
  EXPECT_TRUE(json["facets"]["tool"].is_array());
  EXPECT_TRUE(json["hits"][0]["highlights"].is_array());
}

TEST_F(ServerTest, VimgrepFormatForEditors) {
  const auto res = server_->Get("/api/search?q=kubernetes&format=vimgrep");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // Column 4: the word after a tab and "- " in the note, as ripgrep --vimgrep counts.
  EXPECT_EQ(res->body, (index_->notes() / "jobs.md").string() + ":5:4:Kubernetes and Docker\n");
}

// A bullet whose match is on a continuation line: the vimgrep line is that
// line, so that the editor lands on the word (it gave the bullet's first
// line and column 1).
TEST(VimgrepTest, LinesPointAtTheLineOfTheMatch) {
  testing::TestIndex index({{"notes.md",
                             "+ embedded engineer\n"          // 1
                             "  deployed with Terraform\n"     // 2
                             "+ terraform modules\n"}});       // 3
  ServerOptions options;
  options.databases = {index.db().string()};
  RunningServer server(options);
  const auto res = server.Get("/api/search?q=terraform&format=vimgrep");
  ASSERT_TRUE(res);
  const std::string file = (index.notes() / "notes.md").string();
  EXPECT_THAT(res->body, HasSubstr(file + ":2:17:embedded engineer deployed with Terraform\n"));
  EXPECT_THAT(res->body, HasSubstr(file + ":3:3:terraform modules\n"));
}

TEST_F(ServerTest, CorrectionsCanBeTurnedOffAndTheLastWordCanBeAPrefix) {
  const nlohmann::json corrected = server_->Json("/api/search?q=kuberentes");
  EXPECT_EQ(corrected["corrected"], "kubernetes");
  EXPECT_EQ(corrected["total"], 1);
  const nlohmann::json as_typed = server_->Json("/api/search?q=kuberentes&correct=false");
  EXPECT_FALSE(as_typed.contains("corrected"));
  EXPECT_EQ(as_typed["total"], 0);
  EXPECT_EQ(server_->Json("/api/search?q=kubern")["total"], 0);
  EXPECT_EQ(server_->Json("/api/search?q=kubern&prefix=1")["hits"][0]["line"], 5);
  // A word being typed that starts no indexed word is a typo, not a prefix.
  EXPECT_EQ(server_->Json("/api/search?q=kuberentes&prefix=1")["corrected"], "kubernetes");
}

TEST_F(ServerTest, SuggestCompletesNamesAndWords) {
  const nlohmann::json json = server_->Json("/api/suggest?q=kub");
  ASSERT_FALSE(json["suggestions"].empty());
  EXPECT_EQ(json["suggestions"][0]["text"], "Kubernetes");
  EXPECT_EQ(json["suggestions"][0]["kind"], "tool");
  EXPECT_EQ(server_->Json("/api/suggest?q=senior%20soft")["suggestions"][0]["text"], "senior software");
}

TEST_F(ServerTest, BulletServesOnlyIndexedBullets) {
  const std::string file = (index_->notes() / "jobs.md").string();
  const auto res = server_->Get("/api/bullet?file=" + file + "&line=2");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const nlohmann::json json = nlohmann::json::parse(res->body);
  EXPECT_EQ(json["text"], "skill set:");
  EXPECT_EQ(json["children"].size(), 3u);
  // Nothing outside the index: traversal, absolute paths, encodings.
  for (const std::string& path : {std::string("../../../../etc/passwd"), std::string("/etc/passwd"),
                                  std::string("%2e%2e%2f%2e%2e%2fetc%2fpasswd"), file + "/../../etc/passwd",
                                  std::string("%252e%252e/etc/passwd")}) {
    const auto attempt = server_->Get("/api/bullet?file=" + path + "&line=1");
    ASSERT_TRUE(attempt);
    EXPECT_EQ(attempt->status, 404) << path;
    EXPECT_THAT(attempt->body, Not(HasSubstr("root:")));
  }
}

TEST_F(ServerTest, StatsAndHealth) {
  EXPECT_EQ(server_->Json("/api/stats")["bullets"], 5);
  EXPECT_EQ(server_->Json("/healthz")["status"], "ok");
}

TEST_F(ServerTest, FiltersWithoutWordsBrowseByFacet) {
  const nlohmann::json json = server_->Json("/api/search?company=ASML");
  EXPECT_GT(json["total"].get<int>(), 0);
  EXPECT_EQ(json["filters"]["company"][0], "ASML");
  for (const auto& hit : json["hits"]) EXPECT_TRUE(hit["highlights"].empty());
  EXPECT_EQ(server_->Json("/api/search?q=&company=ASML")["total"], json["total"]);
}

TEST_F(ServerTest, TheDirectoryFilterIsAParameterToo) {
  const std::string notes_dir = index_->notes().filename().string();
  const nlohmann::json json = server_->Json("/api/search?q=python&dir=" + notes_dir);
  EXPECT_EQ(json["total"], server_->Json("/api/search?q=python")["total"]);
  EXPECT_EQ(json["filters"]["dir"][0], notes_dir);
  const nlohmann::json none = server_->Json("/api/search?q=python&dir=nowhere");
  EXPECT_EQ(none["total"], 0);
  ASSERT_EQ(none["notices"].size(), 1u);
  EXPECT_THAT(none["notices"][0].get<std::string>(), HasSubstr("no indexed file is in a directory 'nowhere'"));
}

TEST_F(ServerTest, ClientErrorsAreJson4xx) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"/api/search", 400},
      {"/api/search?q=", 400},
      {"/api/search?q=python&limit=1001", 400},
      {"/api/search?q=python&limit=-1", 400},
      {"/api/search?q=python&limit=abc", 400},
      {"/api/search?q=python&offset=99999999999999999999", 400},
      {"/api/search?q=python&facets=colour", 400},
      {"/api/search?q=python&format=xml", 400},
      {"/api/search?q=python&prefix=yes", 400},
      {"/api/search?q=python&company=", 400},  // answered 0 results as if filtered
      {"/api/search?company=%20", 400},
      {"/api/search?q=" + std::string(5000, 'a'), 400},
      {"/api/suggest", 400},
      {"/api/bullet?file=x", 400},
      {"/api/bullet?file=x&line=-2", 400},
      {"/no/such/path", 404},
  };
  for (const auto& [path, status] : cases) {
    const auto res = server_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, status) << path;
    EXPECT_TRUE(nlohmann::json::parse(res->body).contains("error")) << path << ": " << res->body;
  }
  httplib::Client client("127.0.0.1", server_->port());
  const auto post = client.Post("/api/search", "q=python", "application/x-www-form-urlencoded");
  ASSERT_TRUE(post);
  EXPECT_GE(post->status, 400);
  EXPECT_LT(post->status, 500);
}

TEST_F(ServerTest, HostileQueriesGetAnswers) {
  for (const char* q : {"%22unbalanced", "(((", "AND%20OR%20NOT", "%00%01%1b", "%ZZ", "-", "*"}) {
    const auto res = server_->Get(std::string("/api/search?q=") + q);
    ASSERT_TRUE(res) << q;
    EXPECT_TRUE(res->status == 200 || res->status == 400) << q << " " << res->status;
  }
}

TEST_F(ServerTest, PageIsEmbeddedWithSecurityHeaders) {
  const auto res = server_->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), StartsWith("text/html"));
  EXPECT_THAT(res->body, HasSubstr("app.js"));
  EXPECT_THAT(res->get_header_value("Content-Security-Policy"), HasSubstr("script-src 'self'"));
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(server_->Get("/app.js")->status, 200);
  EXPECT_EQ(server_->Get("/style.css")->status, 200);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
}

TEST_F(ServerTest, CorsOnlyWhenEnabled) {
  ServerOptions options;
  options.databases = {index_->db().string()};
  options.cors = true;
  RunningServer cors(options);
  EXPECT_EQ(cors.Get("/api/search?q=python")->get_header_value("Access-Control-Allow-Origin"), "*");
}

TEST_F(ServerTest, ConcurrentClientsAllGetAnswers) {
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", server_->port());
      for (int i = 0; i < 25; ++i) {
        const auto res = client.Get(i % 2 ? "/api/search?q=python" : "/api/suggest?q=py");
        if (res && res->status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok, 200);
}

// Regression: Debian's cpp-httplib listens with a backlog of 5, so with
// more clients connecting at once the kernel dropped connection requests
// and clients waited a second to retry (p99 0.9 s at 64 connections).
TEST_F(ServerTest, ListensWithABacklogForManyClients) {
  // For a listening socket, ss reports the backlog as Send-Q (iproute2,
  // installed by scripts/install-deps).
  const testing::CommandResult ss =
      testing::RunCommand("ss", {"-ltnH", "sport = :" + std::to_string(server_->port())});
  ASSERT_EQ(ss.exit_code, 0) << ss.err;
  std::istringstream fields(ss.out);
  std::string state;
  std::size_t queued = 0;
  std::size_t backlog = 0;
  fields >> state >> queued >> backlog;
  EXPECT_EQ(state, "LISTEN") << ss.out;
  EXPECT_GE(backlog, 128u) << ss.out;
}

TEST(ServerReindexTest, AReindexIsSeenWithoutARestart) {
  testing::TestIndex index({{"a.md", "+ before\n"}});
  ServerOptions options;
  options.databases = {index.db().string()};
  RunningServer server(options);
  EXPECT_EQ(server.Json("/api/search?q=fresh")["total"], 0);
  index.Write("b.md", "+ fresh words\n");
  index.Reindex();
  EXPECT_EQ(server.Json("/api/search?q=fresh")["total"], 1);
  index.Write("a.md", "+ rebuilt\n");
  index.Reindex(/*rebuild=*/true);
  EXPECT_EQ(server.Json("/api/search?q=rebuilt")["total"], 1);
}

TEST(ServerCacheTest, ARepeatedSearchIsAnsweredFromTheCacheUntilTheIndexChanges) {
  testing::TestIndex index({{"a.md", "+ python notes\n"}});
  ServerOptions options;
  options.databases = {index.db().string()};
  RunningServer server(options);
  const auto first = server.Get("/api/search?q=python");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->get_header_value("X-Cache"), "miss");
  const auto again = server.Get("/api/search?q=python");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->get_header_value("X-Cache"), "hit");
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(server.Get("/api/search?q=python&limit=5")->get_header_value("X-Cache"), "miss");
  // vimgrep columns come from the notes as they are now: never cached.
  EXPECT_FALSE(server.Get("/api/search?q=python&format=vimgrep")->has_header("X-Cache"));
  index.Write("b.md", "+ more python\n");
  index.Reindex();
  const auto after = server.Get("/api/search?q=python");
  EXPECT_EQ(after->get_header_value("X-Cache"), "miss");
  EXPECT_EQ(nlohmann::json::parse(after->body)["total"], 2);
}

TEST(ServerCacheTest, NothingIsKeptWhenTheCacheIsOff) {
  testing::TestIndex index({{"a.md", "+ python notes\n"}});
  ServerOptions options;
  options.databases = {index.db().string()};
  options.cache_bytes = 0;
  RunningServer server(options);
  EXPECT_EQ(server.Get("/api/search?q=python")->get_header_value("X-Cache"), "miss");
  EXPECT_EQ(server.Get("/api/search?q=python")->get_header_value("X-Cache"), "miss");
}

TEST(ServerReindexTest, NoRequestFailsWhileTheIndexIsRewritten) {
  std::string many;
  for (int i = 0; i < 400; ++i) many += "+ bullet " + std::to_string(i) + " about python and kubernetes\n";
  testing::TestIndex index({{"a.md", many}, {"b.md", "+ python\n"}});
  ServerOptions options;
  options.databases = {index.db().string()};
  RunningServer server(options);
  std::atomic<bool> writing{true};
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", server.port());
      while (writing) {
        const auto res = client.Get("/api/search?q=python&facets=tool");
        (res && res->status == 200 ? ok : failed)++;
      }
    });
  }
  for (int round = 0; round < 6; ++round) {
    index.Write("a.md", many + "+ round " + std::to_string(round) + "\n");
    index.Reindex(/*rebuild=*/round % 2 == 1);
  }
  writing = false;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(ok, 20);
  EXPECT_EQ(server.Json("/api/search?q=round")["total"], 1);
}

TEST(ServerStartTest, AMissingIndexIsAnErrorAtStart) {
  ServerOptions options;
  options.databases = {"/nonexistent/index"};
  EXPECT_ANY_THROW(SearchServer server(options));
}

}  // namespace
}  // namespace notesearch
