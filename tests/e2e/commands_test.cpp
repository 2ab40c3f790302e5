// runs, show and db on a real database; read-only commands never create, migrate or change a database.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

using nlohmann::json;

// Parses RFC 4180 CSV (quoted fields, doubled quotes, embedded newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

class Commands : public ::testing::Test {
 protected:
  TempDir m_dir;
  fs::path m_db = m_dir / "lab.db";
  void SetUp() override {
    auto r = run_voltperf({"--db", m_db.string(), "ingest", lab_history().string(), "--tag", "lab=ci"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

TEST_F(Commands, RunsInEveryFormat) {
  auto table = run_voltperf({"--db", m_db.string(), "runs", "--backend", "vhost-net", "--last", "2"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("vhost-net  20261012-023723  2026-10-12T02:37:23Z  ok"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("2 run(s)"), std::string::npos);
  auto csv = parse_csv(run_voltperf({"--db", m_db.string(), "runs", "--format", "csv"}).out);
  ASSERT_EQ(csv.size(), 37u);
  EXPECT_EQ(csv[0], (std::vector<std::string>{"backend", "run", "started_at", "status", "tests_ok", "host", "kernel", "tags"}));
  EXPECT_EQ(csv[1][7], "lab=ci");
  auto j = json::parse(run_voltperf({"--db", m_db.string(), "runs", "--format", "json", "--since",
                                     "2026-10-07T00:00:00Z", "--until", "2026-10-07T23:59:59Z"}).out);
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["runs"].size(), 3u);
  auto bad = run_voltperf({"--db", m_db.string(), "runs", "--since", "last tuesday"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("not an ISO 8601 time"), std::string::npos) << bad.err;
}

TEST_F(Commands, ShowFindsRunsByNameAndSaysWhenItCannot) {
  auto r = run_voltperf({"--db", m_db.string(), "show", "20261007-021447"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("run       vhost-net/20261007-021447"), std::string::npos);
  EXPECT_NE(r.out.find("tcp-single   ok      receiver_bps"), std::string::npos) << r.out;
  auto csv = parse_csv(run_voltperf({"--db", m_db.string(), "show", "vhost-net/20261007-021447", "--format", "csv"}).out);
  EXPECT_EQ(csv[0][0], "test");
  EXPECT_GT(csv.size(), 40u);
  auto missing = run_voltperf({"--db", m_db.string(), "show", "virtio/nope"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no run 'virtio/nope'"), std::string::npos);
}

TEST_F(Commands, ReadOnlyCommandsNeverCreateOrChangeADatabase) {
  auto absent = m_dir / "absent.db";
  auto r = run_voltperf({"--db", absent.string(), "runs"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no database at " + absent.string()), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(absent));
  // VOLTPERF_DB is the default when --db is not given.
  auto env = run_voltperf({"runs", "--format", "json"}, {{"VOLTPERF_DB", m_db.string()}});
  EXPECT_EQ(json::parse(env.out)["runs"].size(), 36u);

  auto before = read_text(m_db);
  run_voltperf({"--db", m_db.string(), "runs"});
  run_voltperf({"--db", m_db.string(), "show", "virtio/20261001-023050"});
  run_voltperf({"--db", m_db.string(), "db", "status"});
  EXPECT_EQ(read_text(m_db), before);
}

TEST_F(Commands, OlderDatabaseIsMigratedOnlyByCommandsThatWrite) {
  {
    SQLite::Database raw(m_db.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 0");  // pretend an older schema (0 = before any voltperf migration)
  }
  auto r = run_voltperf({"--db", m_db.string(), "runs"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("is not a voltperf database"), std::string::npos) << r.err;
  {
    SQLite::Database raw(m_db.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 999");
  }
  auto newer = run_voltperf({"--db", m_db.string(), "ingest", lab_history().string()});
  EXPECT_EQ(newer.exit_code, 3);
  EXPECT_NE(newer.err.find("written by a newer voltperf"), std::string::npos) << newer.err;
}

TEST_F(Commands, DbStatusAndMigrate) {
  auto s = run_voltperf({"--db", m_db.string(), "db", "status", "--format", "json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  auto j = json::parse(s.out);
  EXPECT_EQ(j["rows"]["runs"], 36);
  EXPECT_EQ(j["integrity"], "ok");
  EXPECT_EQ(j["schema_version"], j["latest_schema_version"]);
  auto fresh = m_dir / "new.db";
  auto m = run_voltperf({"--db", fresh.string(), "db", "migrate"});
  EXPECT_EQ(m.exit_code, 0) << m.err;
  EXPECT_NE(m.out.find("migrated        0 -> "), std::string::npos) << m.out;
  auto again = run_voltperf({"--db", fresh.string(), "db", "migrate"});
  EXPECT_NE(again.out.find("nothing to do"), std::string::npos) << again.out;
}

TEST_F(Commands, UsageErrorsExitTwo) {
  EXPECT_EQ(run_voltperf({"--db", m_db.string(), "frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_voltperf({"--db", m_db.string(), "runs", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(run_voltperf({"--db", m_db.string(), "ingest", lab_history().string(), "--tag", "novalue"}).exit_code, 2);
  auto help = run_voltperf({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
}

}  // namespace
}  // namespace voltperf::test
