#pragma once
// Ad-hoc aggregation of metric values: filters, then min/median/mean/max/p95/count per backend, series and
// (optionally) day, week or month.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/series_reader.hpp"

namespace voltperf::analysis {

struct QuerySpec {
  store::RunScope scope;
  std::optional<std::string> test;
  std::optional<std::string> metric;
  std::vector<std::string> aggregates{"count", "min", "median", "mean", "max"};  // + p95
  std::string per;  // "", "day", "week", "month"
};

struct QueryRow {
  std::string backend;
  std::string series;
  std::string unit;
  std::string period;  // "2026-10-07", "2026-W41", "2026-10", or "" for the whole range
  std::map<std::string, double> values;
};

// Throws std::invalid_argument for an unknown aggregate or period.
std::vector<QueryRow> run_query(store::Database& db, const QuerySpec& spec);

}  // namespace voltperf::analysis
