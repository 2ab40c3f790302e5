#include "analysis/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "analysis/stats.hpp"
#include "model/metrics.hpp"
#include "store/run_reader.hpp"

namespace voltperf::analysis {

double default_threshold(const std::string& series) {
  if (series.find("p99") != std::string::npos) return 0.25;
  if (series.find("_us") != std::string::npos) return 0.10;
  if (series.find("_bps") != std::string::npos || series.find("pps") != std::string::npos) return 0.03;
  return 0.10;
}

double threshold_for(const CheckConfig& c, const std::string& backend, const std::string& series) {
  auto metric = series.substr(series.find('.') + 1);
  for (const auto& key : {backend + ":" + series, series, backend + ":" + metric, metric})
    if (auto it = c.thresholds.find(key); it != c.thresholds.end()) return it->second;
  return default_threshold(series);
}

bool CheckResult::regressed() const {
  return std::any_of(items.begin(), items.end(), [](const auto& i) { return i.gated && i.verdict == "regressed"; });
}
bool CheckResult::hierarchy_failed() const { return hierarchy && hierarchy->count("fail") > 0; }
bool CheckResult::missing() const {
  return !missing_backends.empty() ||
         std::any_of(items.begin(), items.end(), [](const auto& i) { return i.gated && i.verdict == "missing"; });
}
bool CheckResult::inconclusive() const {
  return std::any_of(items.begin(), items.end(), [](const auto& i) { return i.gated && i.verdict == "inconclusive"; });
}

namespace {

struct Baseline {
  std::string mode;  // window, previous, run, tag
  int size = 10;
  std::string value;
};

Baseline parse_baseline(const std::string& text) {
  Baseline b;
  auto colon = text.find(':');
  b.mode = text.substr(0, colon);
  std::string arg = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (b.mode == "previous" && arg.empty()) {
    b.size = 1;
  } else if (b.mode == "window") {
    try {
      b.size = arg.empty() ? 10 : std::stoi(arg);
    } catch (const std::exception&) {
      b.size = 0;
    }
    if (b.size < 1) throw std::invalid_argument("--baseline window:N needs a positive N");
  } else if ((b.mode == "run" || b.mode == "tag") && !arg.empty()) {
    b.value = arg;
    if (b.mode == "tag" && arg.find('=') == std::string::npos) throw std::invalid_argument("--baseline tag:KEY=VALUE");
  } else {
    throw std::invalid_argument("--baseline '" + text + "' is not previous, window:N, run:RUN or tag:KEY=VALUE");
  }
  return b;
}

bool comparable(const store::HistoryPoint& a, const store::HistoryPoint& c, const std::vector<std::string>& match) {
  for (const auto& f : match) {
    if (f == "protocol" && a.protocol != c.protocol) return false;
    if (f == "duration" && a.requested_s != c.requested_s) return false;
    if (f == "streams" && a.streams != c.streams) return false;
    if (f == "blksize" && a.blksize != c.blksize) return false;
    if (f == "target_bitrate" && a.target_bitrate != c.target_bitrate) return false;
    if (f == "host" && a.host != c.host) return false;
    if (f == "kernel" && a.kernel != c.kernel) return false;
    if (f == "iperf3" && a.iperf3_version != c.iperf3_version) return false;
  }
  return true;
}

std::optional<double> ping_count(store::Database& db, std::int64_t run_id) {
  for (const char* m : {"count", "replies"})
    if (auto v = store::run_value(db, run_id, {"icmp", m}).value) return v;
  return std::nullopt;
}

CheckItem check_series(store::Database& db, const CheckConfig& cfg, const Baseline& mode, const store::RunRef& cand,
                       const std::string& series, bool gated, const store::Triage& triage) {
  store::SeriesName s = store::parse_series(series);
  const auto* def = model::find_metric(s.metric);
  CheckItem item;
  item.backend = cand.backend;
  item.series = series;
  item.unit = std::string(def->unit);
  item.direction = std::string(model::to_string(def->direction));
  item.gated = gated;
  item.threshold = threshold_for(cfg, cand.backend, series);
  item.candidate_run = cand.name;
  item.candidate_time = cand.time;
  item.candidate_tags = cand.tags;
  const auto* accepted = triage.acceptance_for(cand.backend, series, cand.time);
  // Only the newest part of the history is read: enough usable runs for the baseline and the change-point
  // window, so a check costs the same after 100 runs or 100,000 (docs/performance.md). A baseline of one
  // named run may lie anywhere: that mode reads it all.
  const std::size_t need =
      static_cast<std::size_t>(std::max({cfg.change_window, mode.mode == "window" ? mode.size : 10, 10})) + 1;
  std::size_t limit = mode.mode == "run" ? 0 : 2 * need + 16;
  std::vector<store::HistoryPoint> hist;
  std::vector<store::HistoryPoint>::iterator it;
  while (true) {
    hist = store::history(db, cand.backend, s, cand.time, limit);
    it = std::find_if(hist.begin(), hist.end(), [&](const auto& p) { return p.run.id == cand.id; });
    if (limit == 0 || hist.size() < limit) break;  // the whole history is in hand
    if (it != hist.end()) {
      std::size_t usable = 0;
      for (auto p = hist.begin(); p != it; ++p)
        usable += p->value.value && !triage.excluded.count(p->run.id) && comparable(*p, *it, cfg.match);
      if (usable >= need || (accepted && hist.front().run.time < accepted->time)) break;
    }
    limit *= 4;
  }
  if (it == hist.end()) throw std::logic_error("candidate run not in its own history");
  const store::HistoryPoint& c = *it;
  item.candidate = c.value.value;
  if (!c.value.value) {
    item.verdict = "missing";
    item.reason = c.value.status == "ok" ? "no value" : s.test + " " + c.value.status +
                                                            (c.value.reason.empty() ? "" : " (" + c.value.reason + ")");
    return item;
  }
  if (accepted) item.notes.push_back(fmt::format("baseline starts at accepted run {} ({})", accepted->run, accepted->reason));
  // Comparable, good runs before the candidate (and from the acceptance on).
  std::vector<const store::HistoryPoint*> pool;
  int excluded = 0, incomparable = 0;
  std::set<std::string> kernels, versions;
  for (auto p = hist.begin(); p != it; ++p) {
    if (accepted && p->run.time < accepted->time) continue;
    if (triage.excluded.count(p->run.id)) {
      ++excluded;
      continue;
    }
    if (!p->value.value) continue;
    if (!comparable(*p, c, cfg.match)) {
      ++incomparable;
      continue;
    }
    pool.push_back(&*p);
  }
  if (excluded) item.notes.push_back(fmt::format("{} excluded run(s) left out", excluded));
  if (incomparable) item.notes.push_back(fmt::format("{} run(s) with other test settings or host left out", incomparable));
  std::vector<const store::HistoryPoint*> base;
  if (mode.mode == "run") {
    for (const auto* p : pool)
      if (p->run.name == mode.value || p->run.backend + "/" + p->run.name == mode.value) base.push_back(p);
  } else if (mode.mode == "tag") {
    auto eq = mode.value.find('=');
    std::string k = mode.value.substr(0, eq), v = mode.value.substr(eq + 1);
    for (const auto* p : pool)
      if (auto t = p->run.tags.find(k); t != p->run.tags.end() && t->second == v) base.push_back(p);
    if (base.size() > 10) base.erase(base.begin(), base.end() - 10);
  } else {
    base = pool;
    if (base.size() > static_cast<std::size_t>(mode.size)) base.erase(base.begin(), base.end() - mode.size);
  }
  std::vector<double> values;
  for (const auto* p : base) {
    values.push_back(*p->value.value);
    item.baseline_runs.push_back(p->run.name);
    if (p->kernel != c.kernel) kernels.insert(p->kernel);
    if (p->iperf3_version != c.iperf3_version) versions.insert(p->iperf3_version);
  }
  for (const auto& k : kernels) item.notes.push_back(fmt::format("baseline includes kernel {} (candidate {})", k, c.kernel));
  for (const auto& v : versions) item.notes.push_back(fmt::format("baseline includes iperf3 {} (candidate {})", v, c.iperf3_version));

  GateRule rule;
  rule.higher_is_better = def->direction != model::Direction::lower;
  rule.threshold = item.threshold;
  rule.confidence = cfg.confidence;
  rule.min_runs = cfg.min_runs;
  bool single = mode.mode == "previous" || mode.mode == "run";
  if (single) rule.min_runs = 1;
  item.stats = judge_series(*c.value.value, values, rule);
  item.verdict = item.stats.verdict;
  item.reason = item.stats.reason;
  if (single && !values.empty()) {
    // One baseline run says nothing of the noise: the threshold alone decides.
    double change = *c.value.value / values.back() - 1;
    double bad = rule.higher_is_better ? -change : change;
    item.stats.baseline = values.back();
    item.stats.change = change;
    item.stats.noise.reset();
    item.stats.limit.reset();
    item.stats.detectable = item.threshold;
    item.verdict = bad > item.threshold ? "regressed" : (-bad > item.threshold ? "improved" : "unchanged");
    item.reason = fmt::format("{:+.1f}% against one run (threshold only; its noise is unknown)", change * 100);
  }
  // Within-run evidence, reported next to the between-run noise but not gating (see docs/gate.md).
  auto intervals = store::interval_values(db, cand.id, s);
  if (auto within = interval_log_spread(intervals)) {
    item.notes.push_back(fmt::format("within-run spread {:.1f}% over {} intervals (between-run {})", *within * 100,
                                     intervals.size(),
                                     item.stats.noise ? fmt::format("{:.1f}%", *item.stats.noise * 100) : "unknown"));
  }
  if (s.metric == "p99_us") {
    auto pings = ping_count(db, cand.id);
    if (!pings || *pings < cfg.min_pings_for_p99) {
      item.verdict = "inconclusive";
      item.reason = fmt::format("p99 of {} pings; gating p99 needs {} (so that at least {} replies lie above it)",
                                pings ? fmt::format("{:.0f}", *pings) : "an unknown number of", cfg.min_pings_for_p99,
                                cfg.min_pings_for_p99 / 100);
    } else {
      item.notes.push_back(fmt::format("p99 of {:.0f} pings (need {})", *pings, cfg.min_pings_for_p99));
    }
  }
  if (cfg.change_points && !single) {
    std::vector<const store::HistoryPoint*> window(pool.begin(), pool.end());
    window.push_back(&c);
    if (window.size() > static_cast<std::size_t>(cfg.change_window))
      window.erase(window.begin(), window.end() - cfg.change_window);
    std::vector<double> v;
    for (const auto* p : window) v.push_back(*p->value.value);
    ChangePointOptions o;
    o.min_change = item.threshold;
    item.change_points = find_change_points(v, o);
    // The latest step in the bad direction still in force (the current level still that much worse) fails.
    for (auto cp = item.change_points.rbegin(); cp != item.change_points.rend(); ++cp) {
      bool bad = rule.higher_is_better ? cp->change < 0 : cp->change > 0;
      if (!bad) continue;
      double now = item.change_points.back().after / cp->before - 1;  // the current level against before the step
      bool still = rule.higher_is_better ? -now > item.threshold : now > item.threshold;
      if (still) {
        const auto& run = window[cp->index]->run;
        item.step = Step{run.name, run.time, run.tags, cp->change, cp->p_value, now};
      }
      break;
    }
    if (!item.step && item.verdict != "regressed" && v.size() >= 7) {
      if (auto rs = recent_step(v, rule.higher_is_better, item.threshold)) {
        const auto& first = window[window.size() - static_cast<std::size_t>(rs->runs)]->run;
        item.step = Step{first.name, first.time, first.tags, rs->change, rs->p_value, rs->change};
      }
    }
    if (item.step && gated && item.verdict != "missing") {
      if (item.verdict != "regressed") {
        item.reason = fmt::format("sustained step at {}: {:+.1f}% (p={:.3f}), not accepted; ", item.step->run,
                                  item.step->change * 100, item.step->p_value) + item.reason;
      }
      item.verdict = "regressed";
    }
  }
  return item;
}

}  // namespace

CheckResult run_check(store::Database& db, const CheckConfig& cfg) {
  CheckResult out;
  out.as_of = cfg.scope.until;
  out.baseline_mode = cfg.baseline;
  Baseline mode = parse_baseline(cfg.baseline);
  out.triage = store::read_triage(db);
  std::vector<store::RunRef> candidates;
  if (cfg.run) {
    candidates.push_back(store::run_ref(db, store::resolve_run(db, *cfg.run)));
  } else {
    candidates = store::latest_runs(db, cfg.scope);
    for (const auto& b : store::backend_names(db))
      if (std::none_of(candidates.begin(), candidates.end(), [&](const auto& r) { return r.backend == b; }) &&
          !(cfg.scope.backend && *cfg.scope.backend != b))
        out.missing_backends.push_back(b);
  }
  std::vector<std::string> gated = cfg.gated;
  if (gated.empty())
    for (const auto& h : model::headline_metrics()) gated.push_back(std::string(h.test) + "." + std::string(h.metric));
  for (const auto& cand : candidates) {
    for (const auto& s : gated) out.items.push_back(check_series(db, cfg, mode, cand, s, true, out.triage));
    for (const auto& s : cfg.reported)
      if (std::find(gated.begin(), gated.end(), s) == gated.end())
        out.items.push_back(check_series(db, cfg, mode, cand, s, false, out.triage));
  }
  if (cfg.hierarchy && !cfg.run) out.hierarchy = check_hierarchy(db, cfg.scope, cfg.hierarchy_config);
  return out;
}

std::vector<BacktestAlert> run_backtest(store::Database& db, const CheckConfig& cfg_in) {
  std::vector<BacktestAlert> alerts;
  CheckConfig cfg = cfg_in;
  cfg.hierarchy = false;
  store::RunScope scope = cfg.scope;
  for (const auto& r : store::runs_in_scope(db, scope)) {
    cfg.run = r.backend + "/" + r.name;
    for (const auto& item : run_check(db, cfg).items) {
      if (!item.gated || item.verdict != "regressed") continue;
      BacktestAlert a{item.backend, item.candidate_run, item.series, item.stats.verdict == "regressed" ? "regressed" : "step",
                      item.candidate_time, item.stats.change.value_or(0), item.reason};
      if (item.step && item.stats.verdict != "regressed") a.change = item.step->now;
      alerts.push_back(std::move(a));
    }
  }
  return alerts;
}

}  // namespace voltperf::analysis
