#pragma once
// A metric over time, per backend: value, change from the previous run and from the window median.
#include <optional>
#include <string>
#include <vector>

#include "store/series_reader.hpp"

namespace voltperf::analysis {

struct TrendOptions {
  store::SeriesName series;
  store::RunScope scope;  // since/until/tags/backend
  int last = 0;           // the last N runs per backend (0 = all in scope)
  std::optional<std::string> relative_to;
  bool changes = false;   // find sustained steps (change points)
  int change_window = 200;
};

struct TrendChange {
  store::RunRef run;  // the first run of the new level
  double before = 0, after = 0, change = 0, p_value = 1;
};

struct TrendRow {
  store::RunRef run;
  std::string status;
  std::optional<double> value;  // relative to the reference backend when asked
  std::optional<double> change_prev_pct;
  std::optional<double> change_median_pct;
  std::optional<std::string> excluded;  // the reason, when the run is kept out of baselines
};

struct TrendSeries {
  std::string backend;
  std::optional<double> median;
  std::vector<TrendRow> rows;
  std::vector<TrendChange> changes;
};

struct Trend {
  store::SeriesName series;
  std::string unit;
  std::string direction;
  std::optional<std::string> relative_to;
  std::vector<TrendSeries> backends;
};

Trend build_trend(store::Database& db, const TrendOptions& options);

}  // namespace voltperf::analysis
