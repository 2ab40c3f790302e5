#include "analysis/trend.hpp"

#include "analysis/batches.hpp"
#include "analysis/check.hpp"
#include "analysis/regression.hpp"
#include "store/triage.hpp"
#include "analysis/stats.hpp"
#include "model/metrics.hpp"

namespace voltperf::analysis {

Trend build_trend(store::Database& db, const TrendOptions& opt) {
  Trend t;
  t.series = opt.series;
  const auto* def = model::find_metric(opt.series.metric);
  t.unit = opt.relative_to ? "x " + *opt.relative_to : std::string(def->unit);
  t.direction = std::string(model::to_string(def->direction));
  t.relative_to = opt.relative_to;
  std::optional<RelativeTo> rel;
  if (opt.relative_to) rel.emplace(db, opt.scope, *opt.relative_to);
  store::Triage triage = store::read_triage(db);
  std::vector<std::string> backends;
  if (opt.scope.backend) backends.push_back(*opt.scope.backend);
  else backends = store::backend_names(db);
  for (const auto& b : backends) {
    TrendSeries ts;
    ts.backend = b;
    for (auto& p : store::series(db, b, opt.series, opt.scope, opt.last)) {
      TrendRow row;
      row.status = p.value.status;
      row.value = rel ? rel->ratio(db, p.run.id, opt.series, p.value.value) : p.value.value;
      if (auto ex = triage.excluded.find(p.run.id); ex != triage.excluded.end()) row.excluded = ex->second;
      row.run = std::move(p.run);
      ts.rows.push_back(std::move(row));
    }
    if (ts.rows.empty()) continue;
    std::vector<double> values;
    for (const auto& r : ts.rows)
      if (r.value) values.push_back(*r.value);
    if (!values.empty()) ts.median = median(values);
    std::optional<double> prev;
    for (auto& r : ts.rows) {
      if (!r.value) continue;
      if (prev && *prev != 0) r.change_prev_pct = (*r.value / *prev - 1) * 100;
      if (ts.median && *ts.median != 0) r.change_median_pct = (*r.value / *ts.median - 1) * 100;
      prev = r.value;
    }
    if (opt.changes) {
      // Excluded runs stay out of the search, which covers the last change_window runs.
      std::vector<const TrendRow*> used;
      for (const auto& r : ts.rows)
        if (r.value && *r.value > 0 && !r.excluded) used.push_back(&r);
      if (used.size() > static_cast<std::size_t>(opt.change_window))
        used.erase(used.begin(), used.end() - opt.change_window);
      std::vector<double> v;
      for (const auto* r : used) v.push_back(*r->value);
      ChangePointOptions o;
      o.min_change = default_threshold(opt.series.full());
      for (const auto& cp : find_change_points(v, o))
        ts.changes.push_back({used[cp.index]->run, cp.before, cp.after, cp.change, cp.p_value});
    }
    t.backends.push_back(std::move(ts));
  }
  return t;
}

}  // namespace voltperf::analysis
