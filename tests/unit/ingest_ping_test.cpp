// ping-summary.env is data, never executed; ping.txt percentiles match what the lab computed.
#include <gtest/gtest.h>

#include "ingest/ping_reader.hpp"
#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

TEST(EnvReader, QuotesCommentsExportAndCrlf) {
  std::vector<std::string> bad;
  auto e = ingest::parse_env("# made by volt\r\nexport ICMP_P50_US=\"36\"\r\nICMP_P99_US='83' \r\nNOTE=x # c\r\n", bad);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].key, "ICMP_P50_US");
  EXPECT_EQ(e[0].value, "36");
  EXPECT_EQ(e[1].value, "83");
  EXPECT_EQ(e[2].value, "x");
  EXPECT_TRUE(bad.empty());
  ingest::parse_env("just words\n=5\n", bad);
  EXPECT_EQ(bad.size(), 2u);
}

TEST(EnvReader, CommandSubstitutionIsNeverRunAndTheValueIsRejected) {
  TempDir dir;
  auto marker = dir / "owned";
  std::string env = "ICMP_P50_US=$(touch " + marker.string() + ")\nICMP_P99_US=`touch " + marker.string() +
                    "`\nICMP_AVG_US=40\nLAB_HOST=rack7\n";
  auto r = ingest::read_icmp(std::string_view(env), std::nullopt);
  EXPECT_FALSE(fs::exists(marker));
  EXPECT_EQ(r.metric("p50_us"), nullptr);
  EXPECT_EQ(r.metric("p99_us"), nullptr);
  EXPECT_EQ(r.status, model::TestStatus::invalid) << "no latency was usable";
  ASSERT_GE(r.warnings.size(), 2u);
  EXPECT_NE(r.warnings[0].find("not a non-negative number"), std::string::npos);
  EXPECT_NE(r.warnings[0].find("$(touch"), std::string::npos);
  ASSERT_EQ(r.attributes.size(), 1u) << "unknown keys are kept";
  EXPECT_EQ(r.attributes[0], (std::pair<std::string, std::string>{"LAB_HOST", "rack7"}));
}

TEST(PingReader, IputilsAndBusyboxSummaries) {
  auto p = ingest::parse_ping(
      "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n"
      "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.227 ms\n"
      "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.300 ms (DUP!)\n"
      "[1700000000.123456] 64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=1.50 ms\n"
      "From 10.0.0.1 icmp_seq=3 Destination Host Unreachable\n\n"
      "--- 10.0.0.2 ping statistics ---\n"
      "3 packets transmitted, 2 received, +1 duplicates, 33.3333% packet loss, time 2003ms\n"
      "rtt min/avg/max/mdev = 0.227/0.863/1.500/0.636 ms\n");
  EXPECT_EQ(p.rtts_us, (std::vector<double>{227, 1500}));
  EXPECT_EQ(p.duplicates, 1);
  EXPECT_EQ(p.transmitted, 3);
  EXPECT_EQ(p.received, 2);
  EXPECT_DOUBLE_EQ(*p.loss_pct, 33.3333);
  EXPECT_DOUBLE_EQ(*p.mdev_ms, 0.636);
  auto bb = ingest::parse_ping("round-trip min/avg/max = 0.100/0.200/0.300 ms\n");
  EXPECT_DOUBLE_EQ(*bb.max_ms, 0.3);
  EXPECT_FALSE(bb.mdev_ms);
}

// The lab computed ICMP_P50_US / ICMP_P99_US as nearest-rank percentiles of ping.txt: voltperf's own
// percentiles of the same replies agree on every real run.
TEST(PingReader, PercentilesAgreeWithTheLabsSummaryOnEveryRun) {
  int runs = 0;
  for (auto& backend : fs::directory_iterator(lab_history()))
    for (auto& run : fs::directory_iterator(backend.path())) {
      std::string env = read_text(run.path() / "ping-summary.env");
      std::string txt = read_text(run.path() / "ping.txt");
      auto both = ingest::read_icmp(std::string_view(env), std::string_view(txt));
      SCOPED_TRACE(run.path().string());
      ASSERT_EQ(both.status, model::TestStatus::ok);
      EXPECT_EQ(both.metric("p50_us")->source, "ping-summary.env ICMP_P50_US");
      EXPECT_DOUBLE_EQ(both.metric("replies_p50_us")->value, both.metric("p50_us")->value);
      EXPECT_DOUBLE_EQ(both.metric("replies_p99_us")->value, both.metric("p99_us")->value);
      EXPECT_EQ(both.ping_rtts_us.size(), 300u);
      auto txt_only = ingest::read_icmp(std::nullopt, std::string_view(txt));
      EXPECT_DOUBLE_EQ(txt_only.metric("p99_us")->value, both.metric("p99_us")->value);
      ++runs;
    }
  EXPECT_EQ(runs, 36);
}

TEST(PingReader, NearestRank) {
  std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(ingest::nearest_rank(v, 50), 5);
  EXPECT_EQ(ingest::nearest_rank(v, 99), 10);
  EXPECT_EQ(ingest::nearest_rank(v, 0), 1);
  EXPECT_FALSE(ingest::nearest_rank({}, 50));
}

}  // namespace
}  // namespace voltperf::test
