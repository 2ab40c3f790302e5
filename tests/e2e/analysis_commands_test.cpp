// report, hierarchy, trend, query and sql on the real lab history (vhost-net slowed from its 7th run).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

using nlohmann::json;

class LabHistory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir();
    auto r = run_voltperf({"--db", db().string(), "ingest", "-q", lab_history().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete s_dir; }
  static fs::path db() { return s_dir->path() / "lab.db"; }
  static CommandResult vp(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db().string()});
    return run_voltperf(args);
  }
  static TempDir* s_dir;
};
TempDir* LabHistory::s_dir = nullptr;

TEST_F(LabHistory, HierarchyFailsOnTheLatestRunsNamingVhostNetBelowTwiceVirtio) {
  auto r = vp({"hierarchy", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  auto j = json::parse(r.out);
  EXPECT_EQ(j["format"], "voltperf.hierarchy");
  bool tcp_ratio_failed = false;
  for (const auto& c : j["checks"]) {
    if (c["verdict"] == "fail") {
      EXPECT_EQ(c["rule"], "ratio");
      EXPECT_EQ(c["a"], "vhost-net");
      EXPECT_EQ(c["b"], "virtio");
      EXPECT_LT(c["ratio"].get<double>(), 2.0);
      if (c["metric"].get<std::string>().rfind("tcp-", 0) == 0) tcp_ratio_failed = true;
    }
  }
  EXPECT_TRUE(tcp_ratio_failed);
  auto text = vp({"hierarchy"});
  EXPECT_NE(text.out.find("vhost-net is 1.50x virtio, below 2x"), std::string::npos) << text.out;
}

TEST_F(LabHistory, HierarchyPassesAsOfEachOfTheFirstSixLabRuns) {
  for (int n = 1; n <= 6; ++n) {
    auto at = "2026-10-0" + std::to_string(n) + "T23:59:59Z";
    auto r = vp({"hierarchy", "--at", at, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << at << "\n" << r.out;
    auto j = json::parse(r.out);
    EXPECT_EQ(j["summary"]["fail"], 0) << at;
    EXPECT_EQ(j["summary"]["missing"], 0) << at;
    for (const auto& c : j["checks"]) EXPECT_EQ(c["a_run"].get<std::string>().substr(0, 8), "2026100" + std::to_string(n));
  }
  // With only one run each there is no spread yet: a ratio short of 2x is inconclusive, and --strict fails it.
  auto first = vp({"hierarchy", "--at", "2026-10-01T23:59:59Z", "--strict"});
  EXPECT_EQ(first.exit_code, 1) << first.out;
  EXPECT_NE(first.out.find("too little data to judge"), std::string::npos) << first.out;
}

TEST_F(LabHistory, HierarchyLatencyRulesAreOptInAndMissingDataIsNeverAPass) {
  auto plain = json::parse(vp({"hierarchy", "--format", "json"}).out);
  for (const auto& c : plain["checks"]) EXPECT_EQ(c["metric"].get<std::string>().rfind("icmp", 0), std::string::npos);
  auto lat = json::parse(vp({"hierarchy", "--latency", "--format", "json"}).out);
  int icmp = 0;
  for (const auto& c : lat["checks"])
    if (c["metric"].get<std::string>().rfind("icmp", 0) == 0) {
      ++icmp;
      EXPECT_EQ(c["rule"], "order") << "no ratio rule on latency";
      EXPECT_EQ(c["direction"], "lower");
    }
  EXPECT_EQ(icmp, 4);
  auto missing = vp({"hierarchy", "--order", "macvtap,vhost-user,virtio", "--ratio", "none", "--format", "json"});
  auto j = json::parse(missing.out);
  EXPECT_GT(j["summary"]["missing"].get<int>(), 0);
  EXPECT_EQ(j["summary"]["pass"], 0) << "a rule with a missing backend never passes";
  EXPECT_EQ(vp({"hierarchy", "--order", "macvtap,vhost-user,virtio", "--ratio", "none", "--strict"}).exit_code, 1);
}

TEST_F(LabHistory, TrendShowsTheStepInVhostNetAtItsSeventhRun) {
  auto r = vp({"trend", "--metric", "tcp-single.receiver_bps", "--backend", "vhost-net", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto runs = json::parse(r.out)["backends"][0]["runs"];
  ASSERT_EQ(runs.size(), 12u);
  std::size_t worst = 0;
  double worst_change = 0;
  for (std::size_t i = 1; i < runs.size(); ++i)
    if (runs[i]["change_prev_pct"].get<double>() < worst_change) {
      worst_change = runs[i]["change_prev_pct"].get<double>();
      worst = i;
    }
  EXPECT_EQ(worst, 6u) << "the 7th run";
  EXPECT_EQ(runs[6]["run"], "20261007-021447");
  EXPECT_LT(worst_change, -30);
  auto text = vp({"trend", "--metric", "tcp-single.receiver_bps", "--backend", "vhost-net"});
  EXPECT_NE(text.out.find("-45.9%"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("vhost-net    "), std::string::npos) << "sparkline line";
  auto csv = vp({"trend", "--metric", "udp-max.receiver_bps", "--last", "3", "--format", "csv"});
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 1 + 3 * 3);
}

TEST_F(LabHistory, RelativeToVirtioUsesTheSameLabRun) {
  auto r = json::parse(vp({"trend", "--metric", "tcp-single.receiver_bps", "--relative-to", "virtio", "--format", "json"}).out);
  for (const auto& b : r["backends"]) {
    ASSERT_EQ(b["runs"].size(), 12u);
    if (b["backend"] == "virtio") {
      for (const auto& run : b["runs"]) EXPECT_DOUBLE_EQ(run["value"].get<double>(), 1.0);
    }
  }
  auto rep = json::parse(vp({"report", "--relative-to", "virtio", "--format", "json"}).out);
  for (const auto& b : rep["backends"]) {
    EXPECT_EQ(b["reference_run"], "20261012-021753");
    if (b["backend"] == "vhost-net") {
      EXPECT_NEAR(b["metrics"][0]["relative"].get<double>(), 1.50, 0.01);
    }
  }
}

TEST_F(LabHistory, ReportInEveryFormat) {
  auto j = json::parse(vp({"report", "--format", "json"}).out);
  EXPECT_EQ(j["format"], "voltperf.report");
  ASSERT_EQ(j["backends"].size(), 3u);
  EXPECT_EQ(j["backends"][1]["backend"], "vhost-net");
  EXPECT_EQ(j["backends"][1]["run"], "20261012-023723");
  EXPECT_EQ(j["backends"][1]["metrics"].size(), 6u);
  EXPECT_EQ(j["hierarchy"]["summary"]["fail"], 3);
  auto at = json::parse(vp({"report", "--at", "2026-10-03T12:00:00+02:00", "--format", "json"}).out);
  EXPECT_EQ(at["as_of"], "2026-10-03T10:00:00Z");
  EXPECT_EQ(at["backends"][0]["run"], "20261003-020824");
  auto csv = vp({"report", "--format", "csv"});
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 1 + 3 * 6);
  auto md = vp({"report", "--format", "markdown"});
  EXPECT_NE(md.out.find("| vhost-net | 20261012-023723 |"), std::string::npos) << md.out;
  auto text = vp({"report"});
  EXPECT_NE(text.out.find("vhost-net  20261012-023723  2026-10-12T02:37:23Z"), std::string::npos) << text.out;
}

TEST_F(LabHistory, StaleBackendIsFlagged) {
  TempDir dir;
  copy_tree(lab_history(), dir / "t");
  for (const char* run : {"20261010-023232", "20261011-022111", "20261012-024804"}) fs::remove_all(dir / "t/macvtap" / run);
  auto d = dir / "s.db";
  ASSERT_EQ(run_voltperf({"--db", d.string(), "ingest", "-q", (dir / "t").string()}).exit_code, 0);
  auto j = json::parse(run_voltperf({"--db", d.string(), "report", "--format", "json"}).out);
  EXPECT_EQ(j["backends"][0]["backend"], "macvtap");
  EXPECT_TRUE(j["backends"][0]["stale"].get<bool>());
  EXPECT_FALSE(j["backends"][1]["stale"].get<bool>());
  EXPECT_NE(run_voltperf({"--db", d.string(), "report"}).out.find("(stale: 72 h behind)"), std::string::npos);
}

TEST_F(LabHistory, QueryAggregatesMatchTheSourceFiles) {
  auto r = vp({"query", "--metric", "icmp.p99_us", "--backend", "virtio", "--agg", "count,min,max,median", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto row = json::parse(r.out)["rows"][0];
  std::vector<double> p99;
  for (auto& run : fs::directory_iterator(lab_history() / "virtio")) {
    std::string env = read_text(run.path() / "ping-summary.env");
    auto p = env.find("ICMP_P99_US=");
    p99.push_back(std::stod(env.substr(p + 12)));
  }
  std::sort(p99.begin(), p99.end());
  EXPECT_EQ(row["count"], 12);
  EXPECT_EQ(row["min"], p99.front());
  EXPECT_EQ(row["max"], p99.back());
  EXPECT_EQ(row["median"], (p99[5] + p99[6]) / 2);
  auto weekly = json::parse(vp({"query", "--metric", "tcp-single.receiver_bps", "--per", "week", "--format", "json"}).out);
  EXPECT_EQ(weekly["rows"].size(), 9u) << "3 backends x ISO weeks 40, 41, 42";
  EXPECT_EQ(vp({"query", "--agg", "mode"}).exit_code, 2);
}

TEST_F(LabHistory, SqlReadsTheViews) {
  auto r = vp({"sql", "SELECT backend, count(*) AS runs FROM v_runs GROUP BY backend ORDER BY backend", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "backend,runs\nmacvtap,12\nvhost-net,12\nvirtio,12\n");
  auto m = json::parse(vp({"sql", "SELECT series, value FROM v_metrics WHERE backend = 'vhost-net' AND run = "
                                  "'20261007-021447' AND series = 'icmp.p50_us'", "--format", "json"}).out);
  EXPECT_EQ(m["rows"][0][1], 36);
  auto t = vp({"sql", "SELECT count(*) FROM v_tests WHERE status = 'ok'"});
  EXPECT_NE(t.out.find("180"), std::string::npos);
}

// Every write, ATTACH, writing PRAGMA and load_extension fails with a clear error; no file is created or changed.
TEST_F(LabHistory, SqlRefusesEveryWrite) {
  TempDir dir;
  auto copy = dir / "copy.db";
  fs::copy_file(db(), copy);
  auto before = read_text(copy);
  auto evil = dir / "evil.db";
  const std::pair<std::string, std::string> cases[] = {
      {"INSERT INTO backends (name) VALUES ('x')", "INSERT is not allowed"},
      {"UPDATE runs SET name = 'x'", "UPDATE is not allowed"},
      {"DELETE FROM runs", "DELETE is not allowed"},
      {"DROP TABLE runs", "is not allowed"},
      {"DROP VIEW v_runs", "is not allowed"},
      {"CREATE TABLE t (x)", "is not allowed"},
      {"VACUUM INTO '" + evil.string() + "'", "refused"},
      {"ATTACH 'file:" + evil.string() + "?mode=rwc' AS e", "ATTACH is not allowed"},
      {"PRAGMA user_version = 5", "PRAGMA user_version = 5 is not allowed"},
      {"PRAGMA journal_mode = DELETE", "PRAGMA journal_mode"},
      {"PRAGMA writable_schema = 1", "PRAGMA writable_schema"},
      {"SELECT load_extension('/tmp/none.so')", "load_extension() is not allowed"},
      {"SELECT 1; DELETE FROM runs", "one statement at a time"},
      {"BEGIN IMMEDIATE", "not allowed"},
  };
  for (const auto& [sql, message] : cases) {
    auto r = run_voltperf({"--db", copy.string(), "sql", sql});
    EXPECT_EQ(r.exit_code, 2) << sql;
    EXPECT_NE(r.err.find(message), std::string::npos) << sql << ": " << r.err;
  }
  auto slow = run_voltperf({"--db", copy.string(), "sql", "--timeout", "0.5",
                            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"});
  EXPECT_EQ(slow.exit_code, 2);
  EXPECT_NE(slow.err.find("query stopped after 0.5 s"), std::string::npos) << slow.err;
  EXPECT_EQ(read_text(copy), before);
  EXPECT_FALSE(fs::exists(evil));
  std::vector<std::string> files;
  for (auto& f : fs::directory_iterator(dir.path())) files.push_back(f.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"copy.db"});
}

}  // namespace
}  // namespace voltperf::test
