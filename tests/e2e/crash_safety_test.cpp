// Kills at chosen points and at random moments never leave a half-stored run; the next ingest finishes the
// job and yields exactly the database a clean ingest yields. Concurrent ingests neither fail nor duplicate.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <random>
#include <thread>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

class CrashSafety : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir();
    // 3 backends x 30 runs of 10 s tests, 4 broken files: about 12 MB of real-shaped iperf3 JSON.
    generate_tree(s_dir->path() / "tree", {"--runs", "30", "--duration", "10", "--broken", "4", "--seed", "7"});
    auto ref = s_dir->path() / "reference.db";
    auto r = run_voltperf({"--db", ref.string(), "ingest", "-q", (s_dir->path() / "tree").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    s_reference = new std::string(canonical_dump(ref));
  }
  static void TearDownTestSuite() {
    delete s_reference;
    delete s_dir;
  }
  static fs::path tree() { return s_dir->path() / "tree"; }

  // After any interruption: the file is intact and every stored run is whole.
  static void expect_consistent(const fs::path& db) {
    // A kill very early leaves a database a reader cannot use yet: a hot journal only a writer may roll back,
    // an empty file, or a schema between two migrations. The reader says so and names the remedy.
    auto reader = run_voltperf({"--db", db.string(), "runs"});
    if (reader.exit_code != 0) {
      EXPECT_EQ(reader.exit_code, 3) << reader.err;
      // Killed mid-write, before the schema was committed, or between two migrations: each message names
      // the remedy, which the next ingest applies anyway.
      EXPECT_NE(reader.err.find("voltperf db migrate"), std::string::npos) << reader.err;
      auto fixed = run_voltperf({"--db", db.string(), "db", "migrate"});
      EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
    }
    EXPECT_EQ(query_one(db, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(query_one(db, "SELECT count(*) FROM runs r WHERE (SELECT count(*) FROM tests t WHERE t.run_id = r.id) != 5"),
              "0")
        << "a run was stored without all its tests";
    EXPECT_EQ(query_one(db, "SELECT count(*) FROM runs r WHERE (SELECT count(*) FROM raw_files f WHERE f.run_id = r.id) != 6"),
              "0")
        << "a run was stored without all its files";
  }

  void kill_then_resume(const std::string& fault) {
    SCOPED_TRACE(fault);
    TempDir dir;
    auto db = dir / "v.db";
    auto killed = run_voltperf({"--db", db.string(), "ingest", "-q", tree().string()}, {{"VOLTPERF_FAULT", fault}});
    EXPECT_EQ(killed.exit_code, 128 + SIGKILL) << "the fault point was not reached";
    expect_consistent(db);
    auto stored = std::stoi(query_one(db, "SELECT count(*) FROM runs"));
    EXPECT_LT(stored, 90);
    auto resumed = run_voltperf({"--db", db.string(), "ingest", "-q", tree().string()});
    EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(canonical_dump(db), *s_reference);
  }

  static TempDir* s_dir;
  static std::string* s_reference;
};
TempDir* CrashSafety::s_dir = nullptr;
std::string* CrashSafety::s_reference = nullptr;

TEST_F(CrashSafety, KillInsideARunBeforeItsMetrics) { kill_then_resume("mid-run:5"); }
TEST_F(CrashSafety, KillAfterARunIsWrittenButBeforeCommit) { kill_then_resume("run-stored:3"); }
TEST_F(CrashSafety, KillInTheSecondBatch) { kill_then_resume("run-stored:70"); }
TEST_F(CrashSafety, KillDuringTheFirstCommit) { kill_then_resume("commit:1"); }
TEST_F(CrashSafety, KillDuringALaterCommit) { kill_then_resume("commit:2"); }
TEST_F(CrashSafety, KillRightAfterACommit) { kill_then_resume("after-commit:1"); }

TEST_F(CrashSafety, KillAtRandomMoments) {
  TempDir dir;
  auto db = dir / "v.db";
  // Kill moments are drawn across the time a whole ingest of the tree takes on this machine, so the
  // test keeps killing mid-ingest however fast ingest gets. Every other round starts from an empty
  // database; the rounds between resume what the killed one left.
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(run_voltperf({"--db", (dir / "timing.db").string(), "ingest", "-q", tree().string()}).exit_code, 0);
  auto full_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  std::mt19937 rng(42);
  std::uniform_int_distribution<long> delay_us(1000, std::max<long>(2000, static_cast<long>(full_us) * 9 / 10));
  int kills = 0;
  for (int i = 0; i < 12; ++i) {
    if (i % 2 == 0)
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix);
    int pid = start_voltperf({"--db", db.string(), "ingest", "-q", tree().string()});
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    ::kill(pid, SIGKILL);
    kills += wait_for(pid) == 128 + SIGKILL;
    if (fs::exists(db)) expect_consistent(db);
  }
  EXPECT_GT(kills, 0);
  auto resumed = run_voltperf({"--db", db.string(), "ingest", "-q", tree().string()});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(canonical_dump(db), *s_reference);
}

TEST_F(CrashSafety, ConcurrentIngestsOfOverlappingTreesNeitherFailNorDuplicate) {
  TempDir dir;
  auto db = dir / "v.db";
  std::vector<int> pids;
  pids.push_back(start_voltperf({"--db", db.string(), "ingest", "-q", tree().string()}));
  pids.push_back(start_voltperf({"--db", db.string(), "ingest", "-q", (tree() / "vhost-net").string()}));
  pids.push_back(start_voltperf({"--db", db.string(), "ingest", "-q", tree().string()}));
  for (int pid : pids) EXPECT_EQ(wait_for(pid), 0);
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM runs"), "90");
  EXPECT_EQ(canonical_dump(db), *s_reference);
}

}  // namespace
}  // namespace voltperf::test
