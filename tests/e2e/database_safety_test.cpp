// Damaged or foreign databases, a full disk, read-only commands that never write, and readers running
// while several ingests write.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ReadOnly, EveryReadingCommandLeavesTheDatabaseByteIdenticalAndCreatesNoFile) {
  TempDir dir;
  auto db = dir / "lab.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", lab_history().string()}).exit_code, 0);
  ASSERT_EQ(run_voltperf({"--db", db.string(), "exclude", "virtio/20261003-021115", "--reason", "x"}).exit_code, 0);
  auto before = read_text(db);
  auto files = listing(dir.path());
  const std::vector<std::vector<std::string>> commands = {
      {"runs"}, {"runs", "--format", "json"}, {"show", "vhost-net/20261007-021447"},
      {"report"}, {"report", "--format", "legacy"}, {"report", "--format", "json", "--relative-to", "virtio"},
      {"trend", "--metric", "udp-max.receiver_bps", "--changes"}, {"query", "--per", "week"},
      {"sql", "SELECT count(*) FROM v_metrics"}, {"hierarchy"}, {"check"}, {"check", "--backtest"},
      {"db", "status"}, {"db", "check"}};
  for (auto args : commands) {
    args.insert(args.begin(), {"--db", db.string()});
    auto r = run_voltperf(args);
    EXPECT_LE(r.exit_code, 1) << args[2] << ": " << r.err;
    EXPECT_EQ(read_text(db), before) << args[2];
    EXPECT_EQ(listing(dir.path()), files) << args[2];
  }
}

TEST(DamagedDatabase, ForeignTruncatedAndNewerFilesGetClearErrorsAndAreNotTouched) {
  TempDir dir;
  auto text = dir / "notes.db";
  write_text(text, std::string(4096, 'x'));
  for (const auto& args : std::vector<std::vector<std::string>>{{"runs"}, {"ingest", lab_history().string()}}) {
    auto cmd = args;
    cmd.insert(cmd.begin(), {"--db", text.string()});
    auto r = run_voltperf(cmd);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("database " + text.string() + ": cannot open"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("file is not a database"), std::string::npos) << r.err;
  }
  EXPECT_EQ(read_text(text), std::string(4096, 'x'));

  auto good = dir / "good.db";
  ASSERT_EQ(run_voltperf({"--db", good.string(), "ingest", "-q", lab_history().string()}).exit_code, 0);
  auto whole = read_text(good);
  auto truncated = dir / "truncated.db";
  write_text(truncated, whole.substr(0, whole.size() / 3));
  auto check = run_voltperf({"--db", truncated.string(), "db", "check"});
  EXPECT_EQ(check.exit_code, 3);
  EXPECT_NE(check.err.find("malformed"), std::string::npos) << check.err << check.out;
  auto ingest = run_voltperf({"--db", truncated.string(), "ingest", "-q", lab_history().string()});
  EXPECT_EQ(ingest.exit_code, 3);
  EXPECT_EQ(read_text(truncated), whole.substr(0, whole.size() / 3)) << "a damaged database is never written";

  // Someone else's SQLite database is refused, not migrated into.
  auto other = dir / "other.db";
  ASSERT_EQ(run_program("/usr/bin/sqlite3", {other.string(), "CREATE TABLE inventory (item TEXT)"}).exit_code, 0);
  auto r = run_voltperf({"--db", other.string(), "ingest", lab_history().string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("is an SQLite database, but not voltperf's"), std::string::npos) << r.err;

  auto copy = dir / "copy.db";
  auto b = run_voltperf({"--db", good.string(), "db", "backup", copy.string()});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(run_voltperf({"--db", copy.string(), "db", "check"}).exit_code, 0);
  EXPECT_EQ(canonical_dump(copy), canonical_dump(good));
}

TEST(DamagedDatabase, ReadOnlyFileOrDirectory) {
  // Root writes everything: as root the binary runs as nobody (setpriv), so permissions apply.
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::all);
  auto db = dir / "ro.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", (lab_history() / "virtio").string()}).exit_code, 0);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  auto before = read_text(db);
  auto w = run_voltperf_unprivileged({"--db", db.string(), "ingest", lab_history().string()});
  if (!w) GTEST_SKIP() << "running as root without setpriv: permissions cannot be tested";
  EXPECT_EQ(w->exit_code, 3) << w->out;
  EXPECT_NE(w->err.find("database " + db.string()), std::string::npos) << w->err;
  EXPECT_NE(w->err.find("readonly"), std::string::npos) << w->err;
  EXPECT_EQ(read_text(db), before) << "nothing already stored is lost or changed";
  auto r = run_voltperf_unprivileged({"--db", db.string(), "runs", "--format", "csv"});
  EXPECT_EQ(r->exit_code, 0) << r->err;
  // A read-only directory: the database cannot be created there.
  auto ro_dir = dir / "ro-dir";
  fs::create_directories(ro_dir);
  fs::permissions(ro_dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read | fs::perms::others_exec);
  auto c = run_voltperf_unprivileged({"--db", (ro_dir / "new.db").string(), "ingest", lab_history().string()});
  EXPECT_EQ(c->exit_code, 3);
  EXPECT_NE(c->err.find("cannot open for writing"), std::string::npos) << c->err;
}

TEST(DamagedDatabase, FullDiskFailsCleanlyAndLosesNothingStored) {
  TempDir dir;
  auto mnt = dir / "small";
  fs::create_directories(mnt);
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=640k") != 0)
    GTEST_SKIP() << "cannot mount a small tmpfs here (" << std::strerror(errno) << "): needs root in a mount namespace";
  struct Unmount {
    fs::path p;
    ~Unmount() { ::umount(p.c_str()); }
  } unmount{mnt};
  auto db = mnt / "v.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "ingest", "-q", (lab_history() / "virtio").string()}).exit_code, 0);
  auto r = run_voltperf({"--db", db.string(), "ingest", "-q", lab_history().string()});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("full"), std::string::npos) << r.err;
  EXPECT_EQ(query_one(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM runs r JOIN backends b ON b.id = r.backend_id WHERE b.name = 'virtio'"),
            "12") << "the runs stored before are all still there";
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM runs r WHERE (SELECT count(*) FROM tests t WHERE t.run_id = r.id) != 5"),
            "0") << "no run half-stored";
}

TEST(Concurrency, IngestsAndReadersAtOnceNeverSeeLockedOrDuplicates) {
  TempDir dir;
  generate_tree(dir / "tree", {"--runs", "40", "--duration", "10", "--seed", "3"});
  auto db = dir / "v.db";
  ASSERT_EQ(run_voltperf({"--db", db.string(), "db", "migrate"}).exit_code, 0);
  std::vector<int> writers;
  for (const char* sub : {"", "vhost-net", ""})
    writers.push_back(start_voltperf({"--db", db.string(), "ingest", "-q", (dir / "tree" / sub).string()}));
  int reads = 0;
  std::string errors;
  for (int round = 0; round < 6; ++round) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"report", "--format", "json"}, {"check", "--format", "json", "--no-hierarchy"},
             {"sql", "SELECT count(*) FROM v_runs"}, {"trend", "--metric", "tcp-single.receiver_bps"}}) {
      auto cmd = args;
      cmd.insert(cmd.begin(), {"--db", db.string()});
      auto r = run_voltperf(cmd);
      ++reads;
      if (r.err.find("locked") != std::string::npos || r.err.find("busy") != std::string::npos ||
          r.exit_code == 3 || r.exit_code == 2)
        errors += args[0] + ": exit " + std::to_string(r.exit_code) + " " + r.err + "\n";
    }
  }
  for (int pid : writers) EXPECT_EQ(wait_for(pid), 0);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM runs"), "120");
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM (SELECT backend_id, name FROM runs GROUP BY 1, 2 HAVING count(*) > 1)"), "0");
  EXPECT_EQ(query_one(db, "PRAGMA integrity_check"), "ok");
  EXPECT_GE(reads, 24);
}

}  // namespace
}  // namespace voltperf::test
