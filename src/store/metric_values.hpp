#pragma once
// Flat metric values with filters, for aggregation (`voltperf query`).
#include <optional>
#include <string>
#include <vector>

#include "store/series_reader.hpp"

namespace voltperf::store {

struct MetricValueRow {
  std::string backend;
  std::string series;  // TEST.METRIC
  std::string unit;
  std::int64_t time = 0;
  double value = 0;
};

// Values of ok tests within scope, optionally one test and/or one metric, oldest first.
std::vector<MetricValueRow> metric_values(Database& db, const RunScope& scope, const std::optional<std::string>& test,
                                          const std::optional<std::string>& metric);

}  // namespace voltperf::store
