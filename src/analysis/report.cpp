#include "analysis/report.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "analysis/batches.hpp"
#include "model/metrics.hpp"
#include "util/text.hpp"

namespace voltperf::analysis {

Report build_report(store::Database& db, const ReportOptions& opt) {
  Report rep;
  rep.as_of = opt.scope.until;
  rep.tags = opt.scope.tags;
  rep.relative_to = opt.relative_to;
  rep.stale_hours = opt.stale_hours;
  auto latest = store::latest_runs(db, opt.scope);
  std::int64_t newest = 0;
  for (const auto& r : latest) newest = std::max(newest, r.time);
  std::optional<RelativeTo> rel;
  if (opt.relative_to) rel.emplace(db, opt.scope, *opt.relative_to);
  for (const auto& run : latest) {
    ReportBackend b;
    b.run = run;
    b.behind_hours = static_cast<double>(newest - run.time) / 3600.0;
    b.stale = b.behind_hours > opt.stale_hours;
    if (rel) {
      if (auto ref = rel->reference_run(run.id)) b.reference_run = ref->name;
    }
    for (const auto& h : model::headline_metrics()) {
      store::SeriesName s{std::string(h.test), std::string(h.metric)};
      const auto* def = model::find_metric(h.metric);
      ReportCell c;
      c.series = s.full();
      c.label = std::string(h.label);
      c.unit = std::string(def->unit);
      c.direction = std::string(model::to_string(def->direction));
      c.value = store::run_value(db, run.id, s);
      if (rel) c.relative = rel->ratio(db, run.id, s, c.value.value);
      b.cells.push_back(std::move(c));
    }
    rep.backends.push_back(std::move(b));
  }
  rep.hierarchy = check_hierarchy(db, opt.scope, opt.hierarchy);
  return rep;
}

LegacyReport build_legacy_report(store::Database& db, const store::RunScope& scope) {
  LegacyReport rep;
  auto latest = store::latest_runs(db, scope);
  for (const auto& run : latest) {
    if (rep.results_dir.empty()) {
      // The results tree the run was ingested from: RESULTS/<backend>/<run>.
      rep.results_dir = std::filesystem::path(run.source_path).parent_path().parent_path().string();
    }
    LegacyRow row;
    row.backend = run.backend;
    row.tcp_single_bps = store::run_value(db, run.id, {"tcp-single", "sender_bps"}).value;
    row.tcp_multi_bps = store::run_value(db, run.id, {"tcp-multi-8", "sender_bps"}).value;
    row.udp_max_bps = store::run_value(db, run.id, {"udp-max", "sum_bps"}).value;
    for (auto [name, slot] : {std::pair{"p50_us", &row.icmp_p50}, std::pair{"p99_us", &row.icmp_p99}}) {
      auto v = store::run_value(db, run.id, {"icmp", name});
      // compare.sh reads only ping-summary.env, never ping.txt.
      if (v.value && util::starts_with(v.source, "ping-summary.env")) *slot = util::format_number(*v.value);
    }
    auto packets = store::run_value(db, run.id, {"udp-64byte", "sum_packets"}).value;
    auto duration = store::requested_duration(db, run.id, "udp-64byte");
    if (packets && duration && *duration > 0) row.pps_64 = static_cast<long long>(std::floor(*packets / *duration));
    rep.rows.push_back(std::move(row));
  }
  return rep;
}

}  // namespace voltperf::analysis
