#include "ingest/ingester.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <chrono>

#include "ingest/run_directory.hpp"
#include "util/fault.hpp"

namespace voltperf::ingest {

namespace {

int on_commit(void*) {
  util::fault_point("commit");
  return 0;
}

// Runs are written in batches: one transaction holds several whole runs, so no run is ever half-stored,
// and the write lock is released at least every k_batch_seconds so concurrent ingests make progress.
constexpr std::size_t k_batch_runs = 64;
constexpr double k_batch_seconds = 0.5;

class Batch {
 public:
  explicit Batch(store::Database& db) : m_db(db) {}
  void ensure_open() {
    if (m_tx) return;
    m_tx = std::make_unique<SQLite::Transaction>(m_db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    m_started = std::chrono::steady_clock::now();
    m_runs = 0;
  }
  void run_done() {
    ++m_runs;
    if (m_runs >= k_batch_runs ||
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count() > k_batch_seconds)
      commit();
  }
  void commit() {
    if (!m_tx) return;
    m_tx->commit();
    m_tx.reset();
    util::fault_point("after-commit");
  }

 private:
  store::Database& m_db;
  std::unique_ptr<SQLite::Transaction> m_tx;
  std::chrono::steady_clock::time_point m_started;
  std::size_t m_runs = 0;
};

}  // namespace

IngestSummary run_ingest(store::Database& db, const IngestOptions& opts) {
  IngestSummary sum;
  auto report = [&](const model::Problem& p) {
    sum.problems.push_back(p);
    if (opts.on_problem) opts.on_problem(p);
  };
  std::vector<RunDirectory> dirs;
  for (const auto& root : opts.roots) {
    TreeScan scan = scan_tree(root);
    if (scan.runs.empty() && !scan.problems.empty()) sum.input_error = true;
    for (auto& p : scan.problems) report(p);
    for (auto& s : scan.skipped) sum.skipped.push_back(std::move(s));
    for (auto& r : scan.runs) dirs.push_back(std::move(r));
  }

  store::RunWriter writer(db);
  sqlite3_commit_hook(db.sql().getHandle(), on_commit, nullptr);
  Batch batch(db);
  std::size_t done = 0;
  for (const auto& dir : dirs) {
    RunOutcome out{dir.backend, dir.name, "unchanged", 0, 0};
    auto stored = store::guarded(db, "look up run " + dir.backend + "/" + dir.name,
                                 [&] { return writer.find(dir.backend, dir.name); });
    if (stored && stored->files == dir.files) {
      ++sum.unchanged;  // same names, sizes and mtimes: not even read
    } else {
      model::RunData run = load_run(dir);
      for (const auto& p : run.problems) {
        report(p);
        (p.severity == "error" ? out.errors : out.warnings)++;
      }
      if (opts.dry_run) {
        out.action = !stored ? "added" : stored->content_hash == run.content_hash ? "unchanged" : "updated";
      } else {
        store::StoreOutcome result = store::guarded(db, "store run " + dir.backend + "/" + dir.name, [&] {
          batch.ensure_open();
          return writer.store(run, opts.tags);
        });
        out.action = result == store::StoreOutcome::added     ? "added"
                     : result == store::StoreOutcome::updated ? "updated"
                                                              : "unchanged";
        store::guarded(db, "commit", [&] { batch.run_done(); });
      }
      if (out.action == "added") ++sum.added;
      else if (out.action == "updated") ++sum.updated;
      else ++sum.unchanged;
      if (out.errors > 0) ++sum.with_problems;
      sum.warnings += out.warnings;
    }
    sum.runs.push_back(std::move(out));
    if (opts.on_progress) opts.on_progress(++done, dirs.size());
  }
  store::guarded(db, "commit", [&] { batch.commit(); });
  sqlite3_commit_hook(db.sql().getHandle(), nullptr, nullptr);
  return sum;
}

}  // namespace voltperf::ingest
