#include "analysis/hierarchy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/stats.hpp"
#include "model/metrics.hpp"

namespace voltperf::analysis {

int HierarchyResult::count(const std::string& verdict) const {
  return static_cast<int>(std::count_if(checks.begin(), checks.end(), [&](const auto& c) { return c.verdict == verdict; }));
}

namespace {

// What is known of one backend's latest value of one metric.
struct Observed {
  std::optional<store::RunRef> run;
  store::RunValue value;
  std::optional<double> spread;  // log scale
  std::string spread_source;     // "N runs" or "N intervals"
  std::size_t runs_in_window = 0;
};

Observed observe(store::Database& db, const std::string& backend, const store::SeriesName& s,
                 const store::RunScope& scope, int window) {
  Observed o;
  auto points = store::series(db, backend, s, scope, window);
  if (points.empty()) {
    o.value.status = "absent";
    return o;
  }
  o.run = points.back().run;
  o.value = points.back().value;
  std::vector<double> values;
  for (const auto& p : points)
    if (p.value.value) values.push_back(*p.value.value);
  o.runs_in_window = values.size();
  if (auto sp = log_spread(values)) {
    o.spread = sp;
    o.spread_source = fmt::format("{} runs", values.size());
  } else if (auto iv = interval_log_spread(store::interval_values(db, o.run->id, s))) {
    o.spread = iv;
    o.spread_source = "intervals";
  }
  return o;
}

std::string missing_reason(const std::string& backend, const store::SeriesName& s, const Observed& o) {
  if (!o.run) return fmt::format("no run of {} in scope", backend);
  if (o.value.status == "ok") return fmt::format("{} {}: no {} value", backend, o.run->name, s.metric);
  return fmt::format("{} {}: {} {}{}", backend, o.run->name, s.test, o.value.status,
                     o.value.reason.empty() ? "" : " (" + o.value.reason + ")");
}

// Fills noise, shortfall and the fail/inconclusive verdict for a check on the wrong side.
void judge_shortfall(HierarchyCheck& c, double shortfall, const Observed& a, const Observed& b, double z) {
  c.shortfall = shortfall;
  if (!a.spread || !b.spread) {
    c.verdict = "inconclusive";
    c.reason = fmt::format("too little data to judge: {} has {} run(s), {} has {} (need {} runs or a test with {}+ "
                           "intervals)",
                           c.a, a.runs_in_window, c.b, b.runs_in_window, k_min_runs_for_spread, k_min_intervals);
    return;
  }
  c.noise = std::sqrt(*a.spread * *a.spread + *b.spread * *b.spread);
  double limit = z * *c.noise;
  if (shortfall > limit) {
    c.verdict = "fail";
    c.reason = fmt::format("short by {:.1f}%, beyond the noise ({:.1f}% = {} x spread of {} and {})",
                           (std::exp(shortfall) - 1) * 100, (std::exp(limit) - 1) * 100, z, a.spread_source,
                           b.spread_source);
  } else {
    c.verdict = "inconclusive";
    c.reason = fmt::format("short by {:.1f}%, within the noise ({:.1f}%)", (std::exp(shortfall) - 1) * 100,
                           (std::exp(limit) - 1) * 100);
  }
}

}  // namespace

HierarchyResult check_hierarchy(store::Database& db, const store::RunScope& scope, const HierarchyConfig& cfg) {
  std::vector<std::string> metrics = cfg.metrics;
  if (metrics.empty()) {
    for (const auto& h : model::headline_metrics())
      if (h.test != "icmp") metrics.push_back(std::string(h.test) + "." + std::string(h.metric));
  }
  if (cfg.latency) {
    for (const char* m : {"icmp.p50_us", "icmp.p99_us"})
      if (std::find(metrics.begin(), metrics.end(), m) == metrics.end()) metrics.push_back(m);
  }
  HierarchyResult result;
  for (const auto& name : metrics) {
    store::SeriesName s = store::parse_series(name);
    const auto* def = model::find_metric(s.metric);
    bool higher = def->direction != model::Direction::lower;
    std::map<std::string, Observed> seen;
    auto get = [&](const std::string& backend) -> const Observed& {
      auto it = seen.find(backend);
      if (it == seen.end()) it = seen.emplace(backend, observe(db, backend, s, scope, cfg.window)).first;
      return it->second;
    };
    auto make = [&](const std::string& rule, const std::string& a, const std::string& b) {
      HierarchyCheck c;
      c.rule = rule;
      c.series = name;
      c.direction = std::string(model::to_string(def->direction));
      c.unit = std::string(def->unit);
      c.a = a;
      c.b = b;
      const Observed &oa = get(a), &ob = get(b);
      if (oa.run) c.a_run = oa.run->name;
      if (ob.run) c.b_run = ob.run->name;
      c.a_value = oa.value.value;
      c.b_value = ob.value.value;
      if (!c.a_value || !c.b_value || *c.a_value <= 0 || *c.b_value <= 0) {
        c.verdict = "missing";
        c.reason = !c.a_value ? missing_reason(a, s, oa) : missing_reason(b, s, ob);
        return c;
      }
      c.ratio = *c.a_value / *c.b_value;
      return c;
    };
    for (std::size_t i = 0; i + 1 < cfg.order.size(); ++i) {
      HierarchyCheck c = make("order", cfg.order[i], cfg.order[i + 1]);
      if (c.verdict.empty()) {
        double advantage = higher ? std::log(*c.ratio) : -std::log(*c.ratio);
        if (advantage > 0) {
          c.verdict = "pass";
          c.reason = fmt::format("{} {} {}", c.a, higher ? "above" : "below", c.b);
        } else {
          judge_shortfall(c, -advantage, get(c.a), get(c.b), cfg.z);
          c.reason = fmt::format("order broken: {} not {} {}; ", c.a, higher ? "above" : "below", c.b) + c.reason;
        }
      }
      result.checks.push_back(std::move(c));
    }
    if (higher && !cfg.ratio_backend.empty()) {
      HierarchyCheck c = make("ratio", cfg.ratio_backend, cfg.ratio_base);
      if (c.verdict.empty()) {
        if (*c.ratio > cfg.ratio_max) {
          c.verdict = "above-range";
          c.reason = fmt::format("{:.2f}x is above {}-{}x: usually good news, or a {} problem its own history shows",
                                 *c.ratio, cfg.ratio_min, cfg.ratio_max, c.b);
        } else if (*c.ratio >= cfg.ratio_min) {
          c.verdict = "pass";
          c.reason = fmt::format("{:.2f}x within {}-{}x", *c.ratio, cfg.ratio_min, cfg.ratio_max);
        } else {
          judge_shortfall(c, std::log(cfg.ratio_min) - std::log(*c.ratio), get(c.a), get(c.b), cfg.z);
          c.reason = fmt::format("{} is {:.2f}x {}, below {}x; ", c.a, *c.ratio, c.b, cfg.ratio_min) + c.reason;
        }
      }
      result.checks.push_back(std::move(c));
    }
  }
  return result;
}

}  // namespace voltperf::analysis
