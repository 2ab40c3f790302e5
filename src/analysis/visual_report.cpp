#include "analysis/visual_report.hpp"

#include "model/metrics.hpp"

namespace voltperf::analysis {

VisualReport build_visual_report(store::Database& db, const ReportOptions& options, CheckConfig check,
                                 int chart_runs) {
  VisualReport v;
  v.report = build_report(db, options);
  check.scope = options.scope;
  check.hierarchy = false;  // the page shows the report's hierarchy verdicts: judged once, not twice
  v.check = run_check(db, check);
  v.chart_runs = chart_runs;
  for (const auto& b : v.report.backends) {
    store::RunScope one = options.scope;
    one.backend = b.run.backend;
    v.runs_in_scope[b.run.backend] = store::count_runs(db, one);
  }
  for (const auto& h : model::headline_metrics()) {
    TrendOptions t;
    t.series = {std::string(h.test), std::string(h.metric)};
    t.scope = options.scope;
    t.last = chart_runs;
    t.changes = true;
    v.trends.push_back(build_trend(db, t));
    v.trend_labels.emplace_back(h.label);
  }
  return v;
}

}  // namespace voltperf::analysis
