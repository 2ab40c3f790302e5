#include "ingest/ingester.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <optional>

#include "ingest/run_directory.hpp"
#include "util/parallel.hpp"
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
  std::vector<RunDirectory> dirs;  // where the runs are; their files are listed a chunk at a time
  std::vector<std::size_t> root_of;
  std::vector<std::size_t> listed_in_root(opts.roots.size(), 0);
  std::vector<bool> root_had_problems(opts.roots.size(), false);
  for (std::size_t r = 0; r < opts.roots.size(); ++r) {
    TreeScan scan = scan_tree(opts.roots[r]);
    root_had_problems[r] = !scan.problems.empty();
    for (auto& p : scan.problems) report(p);
    for (auto& s : scan.skipped) sum.skipped.push_back(std::move(s));
    root_of.insert(root_of.end(), scan.runs.size(), r);
    if (dirs.empty()) dirs = std::move(scan.runs);
    else std::move(scan.runs.begin(), scan.runs.end(), std::back_inserter(dirs));
  }

  store::RunWriter writer(db);
  sqlite3_commit_hook(db.sql().getHandle(), on_commit, nullptr);
  Batch batch(db);
  sum.runs.reserve(dirs.size());
  std::size_t done = 0;
  unsigned threads = util::worker_threads();

  // Chunks bound memory however large the tree: only one chunk's file lists and lookups are held.
  constexpr std::size_t k_chunk = 256;
  for (std::size_t first = 0; first < dirs.size(); first += k_chunk) {
    std::size_t last = std::min(dirs.size(), first + k_chunk);
    std::vector<std::size_t> listed;  // indices into dirs
    struct Listing {
      bool ok = false;
      TreeScan found;
    };
    std::vector<Listing> listings(last - first);
    util::parallel_for(last - first, threads, [&](std::size_t j) {  // each fills its own dirs[] element
      listings[j].ok = list_run(dirs[first + j], listings[j].found);
    });
    for (std::size_t j = 0; j < listings.size(); ++j) {
      std::size_t i = first + j;
      TreeScan& found = listings[j].found;
      root_had_problems[root_of[i]] = root_had_problems[root_of[i]] || !found.problems.empty();
      for (auto& p : found.problems) report(p);
      for (auto& s : found.skipped) sum.skipped.push_back(std::move(s));
      if (!listings[j].ok) {
        if (opts.on_progress) opts.on_progress(++done, dirs.size());
        continue;
      }
      ++listed_in_root[root_of[i]];
      listed.push_back(i);
    }

    // A run whose files have the same names, sizes and mtimes as stored is unchanged: not even read.
    // The lookups share one read transaction (unless a batch is open): no lock round trip per run.
    std::vector<std::optional<store::StoredRun>> stored(listed.size());
    std::vector<std::size_t> to_load;  // indices into listed
    std::vector<std::size_t> outcome_of(listed.size());
    store::guarded(db, "look up runs", [&] {
      std::optional<SQLite::Transaction> read;
      if (sqlite3_get_autocommit(db.sql().getHandle()))
        read.emplace(db.sql(), SQLite::TransactionBehavior::DEFERRED);
      for (std::size_t k = 0; k < listed.size(); ++k)
        stored[k] = writer.find(dirs[listed[k]].backend, dirs[listed[k]].name);
      if (read) read->commit();
    });
    for (std::size_t k = 0; k < listed.size(); ++k) {
      const auto& dir = dirs[listed[k]];
      outcome_of[k] = sum.runs.size();
      sum.runs.push_back(RunOutcome{dir.backend, dir.name, "unchanged", 0, 0});
      if (stored[k] && stored[k]->files == dir.files) {
        ++sum.unchanged;
        if (opts.on_progress) opts.on_progress(++done, dirs.size());
      } else {
        to_load.push_back(k);
      }
    }

    // Worker threads read, parse, hash and compress; this thread alone writes, in tree order.
    auto load = [&](std::size_t j) { return load_run(dirs[listed[to_load[j]]], !opts.dry_run); };
    auto write = [&](std::size_t j, model::RunData&& run) {
      std::size_t k = to_load[j];
      const auto& dir = dirs[listed[k]];
      RunOutcome& out = sum.runs[outcome_of[k]];
      for (const auto& p : run.problems) {
        report(p);
        (p.severity == "error" ? out.errors : out.warnings)++;
      }
      if (opts.dry_run) {
        out.action = !stored[k] ? "added" : stored[k]->content_hash == run.content_hash ? "unchanged" : "updated";
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
      if (opts.on_progress) opts.on_progress(++done, dirs.size());
    };
    util::ordered_parallel_map<model::RunData>(to_load.size(), threads, 4 * threads, load, write);
    for (std::size_t i = first; i < last; ++i) dirs[i].forget_listing();
  }
  for (std::size_t r = 0; r < opts.roots.size(); ++r)
    if (listed_in_root[r] == 0 && root_had_problems[r]) sum.input_error = true;
  store::guarded(db, "commit", [&] { batch.commit(); });
  sqlite3_commit_hook(db.sql().getHandle(), nullptr, nullptr);
  return sum;
}

}  // namespace voltperf::ingest
