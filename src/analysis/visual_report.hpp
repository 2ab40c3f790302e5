#pragma once
// Everything `report --format html` shows: the latest-run report (with hierarchy), the check results, and
// the trend of each headline metric over the last `chart_runs` runs of each backend.
#include <map>
#include <string>
#include <vector>

#include "analysis/check.hpp"
#include "analysis/report.hpp"
#include "analysis/trend.hpp"

namespace voltperf::analysis {

struct VisualReport {
  Report report;
  CheckResult check;
  std::vector<Trend> trends;                     // one per headline metric, in headline order
  std::vector<std::string> trend_labels;          // "TCP single", ...
  int chart_runs = 0;                             // runs per backend a chart shows at most
  std::map<std::string, std::int64_t> runs_in_scope;  // per backend: how many runs there are in all
};

// Builds the report, runs the gate with `check` (its scope is the report's), and reads the trends.
VisualReport build_visual_report(store::Database& db, const ReportOptions& options, CheckConfig check,
                                 int chart_runs);

}  // namespace voltperf::analysis
