// `voltperf check` on the real lab history: the gate passes on runs 1 to 6, fails at the 7th on vhost-net,
// keeps failing until the step is accepted; exclude, accept, tag; every output format.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <set>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

using nlohmann::json;

class Gate : public ::testing::Test {
 protected:
  TempDir m_dir;
  fs::path m_db = m_dir / "lab.db";
  void SetUp() override {
    auto r = run_voltperf({"--db", m_db.string(), "ingest", "-q", lab_history().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  CommandResult vp(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", m_db.string()});
    return run_voltperf(args);
  }
  json check_json(std::vector<std::string> args) {
    args.insert(args.begin(), "check");
    args.insert(args.end(), {"--format", "json"});
    auto r = vp(args);
    auto j = json::parse(r.out);
    j["_exit"] = r.exit_code;
    return j;
  }
};

std::vector<std::string> regressed(const json& j) {
  std::vector<std::string> out;
  for (const auto& i : j["items"])
    if (i["gated"].get<bool>() && i["verdict"] == "regressed")
      out.push_back(i["backend"].get<std::string>() + " " + i["metric"].get<std::string>());
  return out;
}

TEST_F(Gate, PassesOnTheFirstSixRunsAndFailsAtTheSeventhOnVhostNetThroughput) {
  for (int n = 1; n <= 6; ++n) {
    auto j = check_json({"--at", "2026-10-0" + std::to_string(n) + "T23:59:59Z"});
    EXPECT_EQ(j["_exit"], 0) << "run " << n << ": " << j.dump();
    EXPECT_TRUE(regressed(j).empty()) << n;
  }
  auto seventh = check_json({"--at", "2026-10-07T23:59:59Z"});
  EXPECT_EQ(seventh["_exit"], 1);
  EXPECT_EQ(seventh["outcome"], "FAIL: regression");
  auto r = regressed(seventh);
  ASSERT_FALSE(r.empty());
  for (const auto& s : r) EXPECT_EQ(s.rfind("vhost-net ", 0), 0u) << s;
  EXPECT_NE(std::find(r.begin(), r.end(), "vhost-net tcp-single.receiver_bps"), r.end());
  auto text = vp({"check", "--at", "2026-10-07T23:59:59Z"});
  EXPECT_NE(text.out.find("regressed              vhost-net  tcp-single.receiver_bps"), std::string::npos) << text.out;
}

TEST_F(Gate, EarlyChecksAreInconclusiveAndStrictFailsThem) {
  auto j = check_json({"--at", "2026-10-02T23:59:59Z"});
  EXPECT_EQ(j["_exit"], 0);
  for (const auto& i : j["items"]) EXPECT_EQ(i["verdict"], "inconclusive");
  EXPECT_NE(j["items"][0]["reason"].get<std::string>().find("1 comparable baseline run(s), need 5"), std::string::npos);
  EXPECT_EQ(vp({"check", "--at", "2026-10-02T23:59:59Z", "--strict"}).exit_code, 5);
}

TEST_F(Gate, SaysWhatItCanSee) {
  auto j = check_json({"--at", "2026-10-06T23:59:59Z"});
  for (const auto& i : j["items"]) {
    if (!i["gated"].get<bool>()) continue;
    EXPECT_FALSE(i["noise"].is_null()) << i.dump();
    EXPECT_GE(i["detectable_drop"].get<double>(), i["threshold"].get<double>());
    EXPECT_EQ(i["baseline_runs"].size(), 5u);
  }
  auto p99 = std::find_if(j["items"].begin(), j["items"].end(), [](const json& i) { return i["metric"] == "icmp.p99_us"; });
  ASSERT_NE(p99, j["items"].end());
  EXPECT_EQ((*p99)["notes"][0], "p99 of 300 pings (need 200)");
}

TEST_F(Gate, AStepKeepsFailingUntilAcceptedThenOnlyTheHierarchyFails) {
  auto latest = check_json({});
  EXPECT_EQ(latest["_exit"], 1);
  bool step_named = false;
  for (const auto& i : latest["items"])
    if (!i["step"].is_null() && i["backend"] == "vhost-net") {
      EXPECT_EQ(i["step"]["run"], "20261007-021447");
      step_named = true;
    }
  EXPECT_TRUE(step_named) << "after 6 post-step runs the baseline is half post-step; the change point still fails it";
  auto accepted = vp({"accept", "vhost-net/20261007-021447", "--reason", "quota cut on purpose"});
  ASSERT_EQ(accepted.exit_code, 0) << accepted.err;
  auto after = check_json({});
  EXPECT_EQ(after["_exit"], 4) << "the hierarchy still fails (vhost-net 1.5x virtio)";
  EXPECT_TRUE(regressed(after).empty());
  for (const auto& i : after["items"]) {
    if (i["backend"] == "vhost-net") {
      EXPECT_EQ(i["baseline_runs"][0], "20261007-021447");
    }
  }
  EXPECT_EQ(after["accepted"][0]["reason"], "quota cut on purpose");
  EXPECT_EQ(vp({"check", "--no-hierarchy"}).exit_code, 0);
  auto text = vp({"check"});
  EXPECT_NE(text.out.find("accepted vhost-net/20261007-021447: quota cut on purpose"), std::string::npos) << text.out;
}

TEST_F(Gate, ExcludedRunsLeaveEveryBaseline) {
  ASSERT_EQ(vp({"exclude", "vhost-net/20261003-022253", "--reason", "cable swap"}).exit_code, 0);
  auto j = check_json({"--at", "2026-10-06T23:59:59Z"});
  for (const auto& i : j["items"])
    if (i["backend"] == "vhost-net") {
      for (const auto& run : i["baseline_runs"]) EXPECT_NE(run, "20261003-022253");
      EXPECT_EQ(i["notes"][0], "1 excluded run(s) left out");
    }
  auto trend = json::parse(vp({"trend", "--metric", "tcp-single.receiver_bps", "--backend", "vhost-net", "--format", "json"}).out);
  EXPECT_EQ(trend["backends"][0]["runs"][2]["excluded"], "cable swap");
  ASSERT_EQ(vp({"include", "vhost-net/20261003-022253"}).exit_code, 0);
  auto back = check_json({"--at", "2026-10-06T23:59:59Z"});
  for (const auto& i : back["items"]) {
    if (i["backend"] == "vhost-net") {
      EXPECT_EQ(i["baseline_runs"].size(), 5u);
    }
  }
}

TEST_F(Gate, MissingDataNeverPasses) {
  TempDir dir;
  copy_tree(lab_history(), dir / "t");
  fs::copy_file(source_path("tests/data/samples/iperf3-3.12-error-connection-refused-tcp.json"),
                dir / "t/virtio/20261006-020059/tcp-single.json", fs::copy_options::overwrite_existing);
  auto db = dir / "m.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", (dir / "t").string()}).exit_code, 0);
  auto r = run_voltperf({"--db", db.string(), "check", "--at", "2026-10-06T23:59:59Z", "--format", "json"});
  EXPECT_EQ(r.exit_code, 5) << r.out;
  auto j = json::parse(r.out);
  bool named = false;
  for (const auto& i : j["items"])
    if (i["verdict"] == "missing") {
      named = true;
      EXPECT_EQ(i["backend"], "virtio");
      EXPECT_NE(i["reason"].get<std::string>().find("Connection refused"), std::string::npos);
    }
  EXPECT_TRUE(named);
  EXPECT_EQ(run_voltperf({"--db", db.string(), "check", "--at", "2026-10-06T23:59:59Z", "--allow-missing",
                          "--no-hierarchy"}).exit_code, 0);
}

TEST_F(Gate, ThresholdsFromTheConfigFileAndTheCommandLine) {
  auto conf = m_dir / "voltperf.conf";
  write_text(conf, "# lab gate settings\nthreshold.receiver_bps = 70%\nthreshold.pps_delivered = 0.7\n");
  auto relaxed = vp({"check", "--at", "2026-10-07T23:59:59Z", "--config", conf.string(), "--no-hierarchy"});
  EXPECT_EQ(relaxed.exit_code, 0) << relaxed.out;
  auto one = check_json({"--at", "2026-10-07T23:59:59Z", "--config", conf.string(), "--threshold",
                         "vhost-net:udp-max.receiver_bps=10%", "--no-hierarchy"});
  EXPECT_EQ(regressed(one), std::vector<std::string>{"vhost-net udp-max.receiver_bps"});
  write_text(conf, "thresholds.oops = 1\n");
  auto bad = vp({"check", "--config", conf.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("voltperf.conf:1: unknown key 'thresholds.oops'"), std::string::npos) << bad.err;
}

TEST_F(Gate, CandidateByTagAndBaselineModes) {
  ASSERT_EQ(vp({"tag", "vhost-net/20261007-021447", "commit=abc123"}).exit_code, 0);
  auto j = check_json({"--tag", "commit=abc123", "--no-hierarchy", "--allow-missing"});
  EXPECT_EQ(j["missing_backends"], json({"macvtap", "virtio"}));
  EXPECT_EQ(j["items"][0]["candidate_run"], "20261007-021447");
  EXPECT_EQ(j["items"][0]["candidate_tags"]["commit"], "abc123");
  EXPECT_EQ(j["_exit"], 1);
  EXPECT_EQ(vp({"check", "--tag", "commit=abc123", "--no-hierarchy"}).exit_code, 1) << "regression outranks missing";
  auto prev = check_json({"--run", "vhost-net/20261007-021447", "--baseline", "previous"});
  EXPECT_EQ(prev["items"][0]["baseline_runs"], json({"20261006-024835"}));
  EXPECT_NE(prev["items"][0]["reason"].get<std::string>().find("threshold only"), std::string::npos);
  auto run = check_json({"--run", "vhost-net/20261007-021447", "--baseline", "run:20261001-025130"});
  EXPECT_EQ(run["items"][0]["baseline_runs"], json({"20261001-025130"}));
  EXPECT_EQ(vp({"check", "--baseline", "yesterday"}).exit_code, 2);
}

TEST_F(Gate, BacktestRaisesTheVhostNetAlertsFromTheSeventhRun) {
  auto r = vp({"check", "--backtest", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto alerts = json::parse(r.out)["alerts"];
  std::set<std::string> at_seventh, others;
  for (const auto& a : alerts) {
    std::string m = a["metric"];
    bool throughput = m.find("_bps") != std::string::npos || m.find("pps") != std::string::npos;
    if (a["backend"] == "vhost-net" && throughput) {
      EXPECT_GE(a["run"].get<std::string>(), "20261007") << "no throughput alert before the step";
      if (a["run"] == "20261007-021447") at_seventh.insert(m);
    } else {
      others.insert(a["backend"].get<std::string>() + " " + a["run"].get<std::string>() + " " + m);
    }
  }
  EXPECT_TRUE(at_seventh.count("tcp-single.receiver_bps"));
  EXPECT_GE(at_seventh.size(), 2u);
  // Every other alert is a real anomaly listed in docs/gate.md with its data.
  EXPECT_EQ(others, std::set<std::string>{"vhost-net 20261009-022251 icmp.p99_us"});
}

TEST_F(Gate, MarkdownAndJunitOutputs) {
  auto md = vp({"check", "--at", "2026-10-07T23:59:59Z", "--format", "markdown"});
  EXPECT_EQ(md.exit_code, 1);
  EXPECT_EQ(md.out.rfind("## voltperf check: FAIL: regression", 0), 0u) << md.out;
  EXPECT_NE(md.out.find("| regressed | vhost-net | tcp-single.receiver\\_bps |"), std::string::npos) << md.out;
  auto xml = m_dir / "junit.xml";
  auto j = vp({"check", "--at", "2026-10-07T23:59:59Z", "--format", "junit", "-o", xml.string()});
  EXPECT_EQ(j.exit_code, 1);
  auto lint = run_program("/usr/bin/xmllint", {"--noout", xml.string()});
  EXPECT_EQ(lint.exit_code, 0) << lint.err;
  auto text = read_text(xml);
  EXPECT_NE(text.find("<testcase classname=\"voltperf.vhost-net\" name=\"tcp-single.receiver_bps\">\n      <failure "),
            std::string::npos) << text;
  EXPECT_NE(text.find("tests=\"30\""), std::string::npos) << "18 series + 12 hierarchy rules";
}

}  // namespace
}  // namespace voltperf::test

namespace voltperf::test {
namespace {
// check reads only the newest part of a long history (docs/performance.md); when exclusions leave too few
// usable runs there, it reads further back, so the baseline is the one a full read would give.
TEST(GateOnLongHistory, ReadsFurtherBackWhenExclusionsThinTheNewestRuns) {
  TempDir dir;
  generate_tree(dir / "results", {"--runs", "600", "--backends", "virtio", "--duration", "2", "--every-hours", "1"});
  auto db = dir / "long.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", (dir / "results").string()}).exit_code, 0);
  std::vector<std::string> names;
  for (auto& e : fs::directory_iterator(dir / "results" / "virtio")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 600u);  // 450 excluded: more than the first read (418 runs) holds
  {
    SQLite::Database w(db.string(), SQLite::OPEN_READWRITE);
    w.exec("INSERT INTO run_exclusions (run_id, reason, created_at) SELECT id, 'rack move', 0 FROM runs "
           "WHERE name >= '" + names[599 - 450] + "' AND name < '" + names[599] + "'");
  }
  auto r = run_voltperf({"--db", db.string(), "check", "--no-hierarchy", "--format", "json"});
  auto j = json::parse(r.out);
  ASSERT_FALSE(j["items"].empty()) << r.out << r.err;
  for (const auto& i : j["items"]) {
    if (i["metric"] != "tcp-single.receiver_bps") continue;
    ASSERT_EQ(i["baseline_runs"].size(), 10u) << i.dump();
    EXPECT_EQ(i["baseline_runs"][9], names[599 - 451]) << i.dump();
    EXPECT_EQ(i["baseline_runs"][0], names[599 - 460]) << i.dump();
    EXPECT_EQ(i["notes"][0], "450 excluded run(s) left out");
  }
}

TEST(TrendChanges, NamesTheSeventhRunOfVhostNet) {
  TempDir dir;
  auto db = dir / "t.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", lab_history().string()}).exit_code, 0);
  ASSERT_EQ(run_voltperf({"--db", db.string(), "tag", "vhost-net/20261007-021447", "commit=abc123"}).exit_code, 0);
  auto r = run_voltperf({"--db", db.string(), "trend", "--metric", "tcp-single.receiver_bps", "--changes", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  for (const auto& b : j["backends"]) {
    if (b["backend"] == "vhost-net") {
      ASSERT_EQ(b["change_points"].size(), 1u);
      EXPECT_EQ(b["change_points"][0]["run"], "20261007-021447");
      EXPECT_EQ(b["change_points"][0]["tags"]["commit"], "abc123");
      EXPECT_LT(b["change_points"][0]["change_pct"].get<double>(), -30);
      EXPECT_LT(b["change_points"][0]["p_value"].get<double>(), 0.001);
    } else {
      EXPECT_TRUE(b["change_points"].empty()) << b["backend"];
    }
  }
  auto text = run_voltperf({"--db", db.string(), "trend", "--metric", "tcp-single.receiver_bps", "--changes"});
  EXPECT_NE(text.out.find("change point: vhost-net 20261007-021447 (2026-10-07T02:14:47Z) tags commit=abc123: -43.6%"),
            std::string::npos) << text.out;
}
}  // namespace
}  // namespace voltperf::test
