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
};

struct TrendRow {
  store::RunRef run;
  std::string status;
  std::optional<double> value;  // relative to the reference backend when asked
  std::optional<double> change_prev_pct;
  std::optional<double> change_median_pct;
};

struct TrendSeries {
  std::string backend;
  std::optional<double> median;
  std::vector<TrendRow> rows;
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
