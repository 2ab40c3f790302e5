#pragma once
// The ingest job: walk result trees, skip what is unchanged, store the rest one whole run at a time.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/run.hpp"
#include "store/database.hpp"
#include "store/run_writer.hpp"

namespace voltperf::ingest {

struct IngestOptions {
  std::vector<std::filesystem::path> roots;
  store::Tags tags;
  bool dry_run = false;
  // Called for every problem as soon as it is found (path, severity, message).
  std::function<void(const model::Problem&)> on_problem;
  // Called after each run directory with (done, total).
  std::function<void(std::size_t, std::size_t)> on_progress;
};

struct RunOutcome {
  std::string backend;
  std::string name;
  std::string action;  // "added", "updated", "unchanged"
  int errors = 0;
  int warnings = 0;
};

struct IngestSummary {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int with_problems = 0;  // runs with at least one error (failed, invalid or missing test, unreadable file)
  int warnings = 0;
  bool input_error = false;  // a root could not be walked at all
  std::vector<RunOutcome> runs;
  std::vector<std::string> skipped;
  std::vector<model::Problem> problems;
};

// Ingests every run directory under opts.roots. Each run is stored atomically; a kill at any moment
// leaves the database consistent and the next ingest finishes the job. Throws StoreError only for
// database failures; bad input files are problems in the summary.
IngestSummary run_ingest(store::Database& db, const IngestOptions& opts);

}  // namespace voltperf::ingest
