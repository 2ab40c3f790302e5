#pragma once
// Reading runs back: listings and one run's full detail.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace voltperf::store {

struct RunSummary {
  std::int64_t id = 0;
  std::string backend;
  std::string name;
  std::int64_t started_at = 0;
  std::string time_source;
  std::string host;
  std::string kernel;
  std::string iperf3_version;
  int tests_ok = 0;
  int tests_total = 0;
  int errors = 0;
  int warnings = 0;
  std::map<std::string, std::string> tags;
  std::string status() const { return errors == 0 ? "ok" : "problems"; }
};

struct RunFilter {
  std::optional<std::string> backend;
  std::optional<std::int64_t> since, until;
  std::map<std::string, std::string> tags;
  std::optional<int> last;  // the last N runs per backend
  std::optional<std::int64_t> id;
};

// Runs matching the filter, ordered by backend, then start time.
std::vector<RunSummary> list_runs(Database& db, const RunFilter& filter);

struct MetricRow {
  std::string name;
  double value = 0;
  std::string unit;
  std::string direction;
  std::string source;
};

struct TestDetail {
  std::string kind, file, status, reason, protocol, side, title, iperf3_version;
  std::optional<std::int64_t> streams, blksize, target_bitrate, bytes_limit;
  std::optional<double> omit_s, requested_s, measured_s;
  bool reverse = false, bidir = false;
  int samples = 0;
  std::vector<MetricRow> metrics;
  std::map<std::string, std::string> attributes;
};

struct ProblemRow {
  std::string file, severity, message;
};

struct RunDetail {
  RunSummary run;
  std::string source_path;
  std::string system_info;
  std::vector<TestDetail> tests;
  std::vector<ProblemRow> problems;
};

// Finds a run by "backend/name", by name alone when only one backend has it, or by numeric id.
// Throws std::invalid_argument naming the selector when there is no such run or it is ambiguous.
std::int64_t resolve_run(Database& db, const std::string& selector);

RunDetail run_detail(Database& db, std::int64_t run_id);

}  // namespace voltperf::store
