// `report --format legacy` against compare.sh's own output, committed by tools/regen-legacy-golden.sh.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

std::string mask(std::string text, const fs::path& tree) {
  std::string t = tree.string();
  for (auto p = text.find(t); p != std::string::npos; p = text.find(t, p)) text.replace(p, t.size(), "@RESULTS@");
  return std::regex_replace(text, std::regex("(^|\n)Generated: [^\n]*"), "$1Generated: @DATE@");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The same trees tools/regen-legacy-golden.sh gives compare.sh.
void make_tree(const std::string& name, const fs::path& dir) {
  if (name == "lab-history") copy_tree(lab_history(), dir);
  else if (name == "gen30-broken") generate_tree(dir, {"--runs", "3", "--duration", "30", "--broken", "3", "--seed", "11"});
  else if (name == "gen30-two-backends")
    generate_tree(dir, {"--runs", "2", "--duration", "30", "--backends", "virtio,vhost-net", "--seed", "5", "--cv", "0.1"});
}

class LegacyGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(LegacyGolden, EqualsCompareShLineForLine) {
  const std::string name = GetParam();
  TempDir dir;
  auto tree = dir / "results";
  make_tree(name, tree);
  auto db = dir / "v.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", tree.string()}).exit_code, 0);
  auto md = tree / "COMPARISON.md";
  auto r = run_voltperf({"--db", db.string(), "report", "--format", "legacy", "--markdown-out", md.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto got = lines(mask(r.out, tree));
  auto want = lines(read_text(source_path("tests/data/legacy/" + name + ".stdout")));
  ASSERT_EQ(got.size(), want.size()) << r.out;
  // The lab history's tests lasted 3 s: compare.sh divides packets by an assumed 30 s, voltperf by the test's
  // own duration (documented in docs/legacy.md), so only its packets/s rows differ, by exactly 10x.
  bool three_seconds = name == "lab-history";
  bool in_pps = false;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (got[i].find("PPS COMPARISON") != std::string::npos) in_pps = true;
    if (got[i].rfind("━━", 0) == 0 && i > 0 && got[i - 1].empty()) in_pps = false;
    bool pps_row = in_pps && three_seconds && !got[i].empty() && got[i][0] != '-' && got[i].rfind("Backend", 0) != 0 &&
                   got[i].find("PPS") == std::string::npos && got[i].rfind("━", 0) != 0;
    if (pps_row) {
      long long ours = std::stoll(got[i].substr(15)), theirs = std::stoll(want[i].substr(15));
      EXPECT_EQ(got[i].substr(0, 15), want[i].substr(0, 15));
      EXPECT_NEAR(static_cast<double>(ours), static_cast<double>(theirs) * 10, 10.0) << got[i];
      continue;
    }
    EXPECT_EQ(got[i], want[i]) << "line " << i + 1;
  }
  auto got_md = lines(mask(read_text(md), tree));
  auto want_md = lines(read_text(source_path("tests/data/legacy/" + name + ".COMPARISON.md")));
  ASSERT_EQ(got_md.size(), want_md.size());
  for (std::size_t i = 0; i < got_md.size(); ++i) {
    bool pps_row = three_seconds && got_md[i].rfind("| ", 0) == 0 && i > 20 && i < 30;
    if (!pps_row) {
      EXPECT_EQ(got_md[i], want_md[i]) << "md line " << i + 1;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Trees, LegacyGolden, ::testing::Values("lab-history", "gen30-broken", "gen30-two-backends"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string n = param_info.param;
                           for (auto& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

// Where compare.sh is wrong, legacy output follows the data (docs/legacy.md).
TEST(LegacyDifferences, LatestIsByStartTimeAndEnvValuesDoNotLeak) {
  TempDir dir;
  auto tree = dir / "results";
  copy_tree(lab_history() / "macvtap", tree / "macvtap");
  copy_tree(lab_history() / "virtio", tree / "virtio");
  // virtio's latest run lacks ICMP_P99_US: compare.sh would print macvtap's value (it `source`s the files).
  auto env = tree / "virtio/20261012-021753/ping-summary.env";
  write_text(env, "ICMP_P50_US=29\n");
  fs::remove(tree / "virtio/20261012-021753/ping.txt");
  // An old run touched today: compare.sh's mtime rule would call it the latest.
  fs::last_write_time(tree / "macvtap/20261001-025300", fs::file_time_type::clock::now());
  auto db = dir / "v.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", tree.string()}).exit_code, 0);
  auto r = run_voltperf({"--db", db.string(), "report", "--format", "legacy"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("virtio                      29            N/A"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("macvtap                  14.26          22.40           3.00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Comparison report not written"), std::string::npos);
}

TEST(LegacyDifferences, EmptyDatabaseSaysSoLikeCompareSh) {
  TempDir dir;
  auto db = dir / "v.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "db", "migrate"}).exit_code, 0);
  auto r = run_voltperf({"--db", db.string(), "report", "--format", "legacy"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("ERROR: No results found in"), std::string::npos);
}

}  // namespace
}  // namespace voltperf::test
