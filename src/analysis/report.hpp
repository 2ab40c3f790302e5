#pragma once
// The latest-run comparison: each backend's latest run side by side, stale flags, relative values, and the
// hierarchy verdicts; plus compare.sh's legacy table.
#include <optional>
#include <string>
#include <vector>

#include "analysis/hierarchy.hpp"
#include "store/series_reader.hpp"

namespace voltperf::analysis {

struct ReportOptions {
  store::RunScope scope;  // until = --at, tags = --tag
  HierarchyConfig hierarchy;
  double stale_hours = 24;  // a backend whose latest run is this much older than the newest is stale
  std::optional<std::string> relative_to;
};

struct ReportCell {
  std::string series;  // TEST.METRIC
  std::string label;
  std::string unit;
  std::string direction;
  store::RunValue value;
  std::optional<double> relative;  // value / reference backend's value in the same batch
};

struct ReportBackend {
  store::RunRef run;
  bool stale = false;
  double behind_hours = 0;
  std::optional<std::string> reference_run;
  std::vector<ReportCell> cells;
};

struct Report {
  std::optional<std::int64_t> as_of;
  store::Tags tags;
  std::optional<std::string> relative_to;
  double stale_hours = 24;
  std::vector<ReportBackend> backends;
  HierarchyResult hierarchy;
};

Report build_report(store::Database& db, const ReportOptions& options);

// compare.sh's table, from the database: its own fields, its N/A rules; see docs/legacy.md for where it
// follows the data rather than the script's bugs.
struct LegacyRow {
  std::string backend;
  std::optional<double> tcp_single_bps;  // end.sum_sent.bits_per_second
  std::optional<double> tcp_multi_bps;   // end.sum_sent.bits_per_second
  std::optional<double> udp_max_bps;     // end.sum.bits_per_second
  std::optional<std::string> icmp_p50;   // ping-summary.env ICMP_P50_US, as written
  std::optional<std::string> icmp_p99;
  std::optional<long long> pps_64;       // floor(end.sum.packets / start.test_start.duration)
};

struct LegacyReport {
  std::string results_dir;
  std::vector<LegacyRow> rows;
};

LegacyReport build_legacy_report(store::Database& db, const store::RunScope& scope);

}  // namespace voltperf::analysis
