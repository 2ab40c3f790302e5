// `voltperf ingest` on the real lab history and on damaged copies of it, through the built binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "util/time.hpp"

namespace voltperf::test {
namespace {

using nlohmann::json;

class Ingest : public ::testing::Test {
 protected:
  TempDir m_dir;
  fs::path m_db = m_dir / "lab.db";
  fs::path m_tree = m_dir / "results";
  void SetUp() override { copy_tree(lab_history(), m_tree); }
  CommandResult ingest(const std::vector<std::string>& extra = {}, const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> args{"--db", m_db.string(), "ingest"};
    args.insert(args.end(), extra.begin(), extra.end());
    if (extra.empty() || extra.back().rfind("--", 0) == 0 || extra.size() % 2 == 0) args.push_back(m_tree.string());
    return run_voltperf(args, env);
  }
  int count(const std::string& sql) { return std::stoi(query_one(m_db, sql)); }
};

TEST_F(Ingest, FirstIngestStoresEveryRunAndSecondChangesNothing) {
  auto first = ingest();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("36 run directories: 36 added, 0 updated, 0 unchanged, 0 with problems"), std::string::npos)
      << first.out;
  EXPECT_EQ(count("SELECT count(*) FROM runs"), 36);
  EXPECT_EQ(count("SELECT count(*) FROM tests WHERE status = 'ok'"), 180);
  EXPECT_EQ(count("SELECT count(*) FROM raw_files"), 36 * 6);
  std::string before = canonical_dump(m_db);
  std::string stamps = query_one(m_db, "SELECT group_concat(id || ':' || ingested_at) FROM runs");

  auto second = ingest();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("0 added, 0 updated, 36 unchanged"), std::string::npos) << second.out;
  EXPECT_EQ(canonical_dump(m_db), before);
  EXPECT_EQ(query_one(m_db, "SELECT group_concat(id || ':' || ingested_at) FROM runs"), stamps) << "no run rewritten";
}

// Headline values in the database are the source files' own fields, or docs/metrics.md's formula over them.
TEST_F(Ingest, HeadlineValuesEqualTheSourceFields) {
  ASSERT_EQ(ingest().exit_code, 0);
  int checked = 0;
  for (auto& backend : fs::directory_iterator(m_tree))
    for (auto& run : fs::directory_iterator(backend.path())) {
      std::string id = backend.path().filename().string() + "/" + run.path().filename().string();
      auto shown = run_voltperf({"--db", m_db.string(), "show", id, "--format", "json"});
      ASSERT_EQ(shown.exit_code, 0) << shown.err;
      json j = json::parse(shown.out);
      EXPECT_EQ(j["format"], "voltperf.show");
      std::map<std::string, double> got;
      for (const auto& t : j["tests"])
        for (const auto& m : t["metrics"]) got[t["test"].get<std::string>() + "." + m["metric"].get<std::string>()] = m["value"];
      auto file = [&](const char* name) { return json::parse(read_text(run.path() / name)); };
      EXPECT_EQ(got["tcp-single.receiver_bps"], file("tcp-single.json")["end"]["sum_received"]["bits_per_second"].get<double>());
      EXPECT_EQ(got["tcp-multi-8.receiver_bps"], file("tcp-multi-8.json")["end"]["sum_received"]["bits_per_second"].get<double>());
      EXPECT_EQ(got["udp-max.receiver_bps"], file("udp-max.json")["end"]["sum_received"]["bits_per_second"].get<double>());
      json rx = file("udp-64byte.json")["end"]["sum_received"];
      double pps = (rx["packets"].get<double>() - rx["lost_packets"].get<double>()) /
                   (rx["end"].get<double>() - rx["start"].get<double>());
      EXPECT_DOUBLE_EQ(got["udp-64byte.pps_delivered"], pps);
      std::string env = read_text(run.path() / "ping-summary.env");
      auto value_of = [&](const std::string& key) {
        auto p = env.find(key + "=");
        return std::stod(env.substr(p + key.size() + 1));
      };
      EXPECT_EQ(got["icmp.p50_us"], value_of("ICMP_P50_US"));
      EXPECT_EQ(got["icmp.p99_us"], value_of("ICMP_P99_US"));
      // The run's time is iperf3's start.timestamp.timesecs (every test of a lab run shares it).
      EXPECT_EQ(util::parse_iso8601(j["run"]["started_at"].get<std::string>()),
                file("tcp-single.json")["start"]["timestamp"]["timesecs"].get<std::int64_t>());
      EXPECT_EQ(j["run"]["time_source"], "iperf3");
      ++checked;
    }
  EXPECT_EQ(checked, 36);
}

TEST_F(Ingest, ChangedFileUpdatesOnlyThatRunAndTouchAloneChangesNothing) {
  ASSERT_EQ(ingest({"--tag", "lab=a"}).exit_code, 0);
  auto run_dir = m_tree / "virtio/20261005-022927";
  ASSERT_TRUE(fs::exists(run_dir)) << "lab-history layout changed";
  // Same bytes, new mtime: the content hash decides that nothing changed.
  fs::last_write_time(run_dir / "udp-max.json", fs::file_time_type::clock::now());
  auto touched = ingest();
  EXPECT_NE(touched.out.find("0 added, 0 updated, 36 unchanged"), std::string::npos) << touched.out;
  // New bytes: the run is replaced whole, its tags kept.
  auto env = read_text(run_dir / "ping-summary.env");
  write_text(run_dir / "ping-summary.env", env + "ICMP_NOTE=rerun\n");
  auto changed = ingest({"--tag", "commit=abc123"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.out.find("0 added, 1 updated, 35 unchanged"), std::string::npos) << changed.out;
  EXPECT_EQ(count("SELECT count(*) FROM runs"), 36);
  auto runs = json::parse(run_voltperf({"--db", m_db.string(), "runs", "--format", "json", "--tag", "commit=abc123"}).out);
  ASSERT_EQ(runs["runs"].size(), 1u);
  EXPECT_EQ(runs["runs"][0]["run"], "20261005-022927");
  EXPECT_EQ(runs["runs"][0]["tags"]["lab"], "a");
  EXPECT_EQ(count("SELECT count(*) FROM test_attributes WHERE key = 'ICMP_NOTE' AND value = 'rerun'"), 1);
}

TEST_F(Ingest, Iperf3ErrorAndTruncatedFilesAreReportedAndEverythingElseStored) {
  auto bad_run = m_tree / "vhost-net/20261003-022253";
  ASSERT_TRUE(fs::exists(bad_run));
  fs::copy_file(source_path("tests/data/samples/iperf3-3.12-error-connection-refused-tcp.json"), bad_run / "tcp-single.json",
                fs::copy_options::overwrite_existing);
  std::string udp = read_text(bad_run / "udp-max.json");
  write_text(bad_run / "udp-max.json", udp.substr(0, udp.size() / 2));
  auto r = ingest();
  EXPECT_EQ(r.exit_code, 0) << "problems are reported, not fatal, without --strict";
  EXPECT_NE(r.err.find(bad_run.string() + "/tcp-single.json: failed: iperf3 error: unable to connect to server: Connection refused"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad_run.string() + "/udp-max.json: invalid: not iperf3 JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("36 added, 0 updated, 0 unchanged, 1 with problems"), std::string::npos) << r.out;
  EXPECT_EQ(count("SELECT count(*) FROM tests WHERE status = 'ok'"), 178);
  EXPECT_EQ(count("SELECT count(*) FROM tests WHERE status = 'failed' AND reason LIKE '%Connection refused%'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM metric_values v JOIN tests t ON t.id = v.test_id WHERE t.status != 'ok'"), 0)
      << "a failed test is never 0 Gbit/s";
  auto strict = ingest({"--strict", "--dry-run"});
  EXPECT_EQ(strict.exit_code, 0) << "a dry run of an unchanged tree reads nothing, so finds nothing";
  write_text(bad_run / "ping-summary.env", read_text(bad_run / "ping-summary.env") + "\n");
  auto strict2 = ingest({"--strict"});
  EXPECT_EQ(strict2.exit_code, 1) << strict2.out << strict2.err;
}

TEST_F(Ingest, MissingFilesAndUnknownFilesAreListed) {
  auto run_dir = m_tree / "macvtap/20261002-025751";
  ASSERT_TRUE(fs::exists(run_dir));
  fs::remove(run_dir / "udp-64byte.json");
  write_text(run_dir / "notes.txt", "cable swapped\n");
  auto r = ingest();
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find(run_dir.string() + "/notes.txt: not a Volt benchmark file"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("udp-64byte.json: missing: file is not in the run directory"), std::string::npos) << r.err;
  EXPECT_EQ(count("SELECT count(*) FROM tests WHERE status = 'missing'"), 1);
}

TEST_F(Ingest, RunDirectoryOrBackendDirectoryGivenDirectly) {
  auto r = run_voltperf({"--db", m_db.string(), "ingest", (m_tree / "virtio/20261001-023050").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query_one(m_db, "SELECT b.name || '/' || r.name FROM runs r JOIN backends b ON b.id = r.backend_id"),
            "virtio/20261001-023050");
  auto b = run_voltperf({"--db", m_db.string(), "ingest", (m_tree / "macvtap").string(), "--format", "json"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  json j = json::parse(b.out);
  EXPECT_EQ(j["format"], "voltperf.ingest");
  EXPECT_EQ(j["added"], 12);
  auto missing = run_voltperf({"--db", m_db.string(), "ingest", (m_dir / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope: no such file or directory"), std::string::npos) << missing.err;
}

TEST_F(Ingest, RunTimeComesFromIperf3ThenDirectoryNameThenMtime) {
  auto named = m_dir / "t/virtio/20261120-101010";
  auto unnamed = m_dir / "t/virtio/manual-run";
  for (const auto& d : {named, unnamed}) write_text(d / "ping-summary.env", "ICMP_P50_US=40\nICMP_P99_US=90\n");
  auto r = run_voltperf({"--db", m_db.string(), "ingest", (m_dir / "t").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto runs = json::parse(run_voltperf({"--db", m_db.string(), "runs", "--format", "json"}).out)["runs"];
  ASSERT_EQ(runs.size(), 2u);
  for (const auto& run : runs) {
    if (run["run"] == "20261120-101010") {
      EXPECT_EQ(run["started_at"], "2026-11-20T10:10:10Z");
      EXPECT_EQ(run["time_source"], "dirname");
    } else {
      EXPECT_EQ(run["time_source"], "mtime");
    }
  }
}

}  // namespace
}  // namespace voltperf::test
