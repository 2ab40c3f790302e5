#include "cli/scope_options.hpp"

#include "cli/common.hpp"
#include "util/text.hpp"

namespace voltperf::cli {

store::RunScope ScopeOptions::scope() const {
  store::RunScope s;
  if (!at.empty()) s.until = parse_time_option("--at", at);
  if (!until.empty()) s.until = parse_time_option("--until", until);
  if (!since.empty()) s.since = parse_time_option("--since", since);
  if (!backend.empty()) s.backend = backend;
  for (const auto& t : tags) s.tags.insert(parse_tag(t));
  return s;
}

void add_as_of_options(CLI::App& cmd, ScopeOptions& o) {
  cmd.add_option("--at", o.at, "Use the runs as of this time (ISO 8601, UTC unless an offset is given)");
  cmd.add_option("--tag", o.tags, "Only runs with this key=value tag (repeatable)");
}

void add_range_options(CLI::App& cmd, ScopeOptions& o) {
  cmd.add_option("--since", o.since, "Runs started at or after this time (ISO 8601)");
  cmd.add_option("--until", o.until, "Runs started at or before this time (ISO 8601)");
  cmd.add_option("--backend", o.backend, "Only this backend");
  cmd.add_option("--tag", o.tags, "Only runs with this key=value tag (repeatable)");
}

analysis::HierarchyConfig HierarchyOptions::config() const {
  analysis::HierarchyConfig c;
  c.order.clear();
  for (const auto& b : util::split(order, ','))
    if (!util::trim(b).empty()) c.order.emplace_back(util::trim(b));
  if (c.order.size() < 2) throw CLI::ValidationError("--order", "needs at least two backends, best first");
  c.metrics = metrics;
  c.latency = latency;
  auto slash = ratio.find('/');
  if (ratio.empty() || ratio == "none") {
    c.ratio_backend.clear();
  } else if (slash == std::string::npos) {
    throw CLI::ValidationError("--ratio", "'" + ratio + "' is not BACKEND/BASE (or 'none')");
  } else {
    c.ratio_backend = ratio.substr(0, slash);
    c.ratio_base = ratio.substr(slash + 1);
  }
  if (!(ratio_min > 0) || ratio_max < ratio_min) throw CLI::ValidationError("--ratio-min/--ratio-max", "need 0 < min <= max");
  c.ratio_min = ratio_min;
  c.ratio_max = ratio_max;
  c.window = window;
  c.z = z;
  return c;
}

void add_hierarchy_options(CLI::App& cmd, HierarchyOptions& o) {
  cmd.add_option("--order", o.order, "Expected order, best first")->capture_default_str();
  cmd.add_option("--metric", o.metrics,
                 "TEST.METRIC to check (repeatable; default: the throughput headline metrics)");
  cmd.add_flag("--latency", o.latency, "Also check ICMP p50/p99 (lower is better, so the order reverses)");
  cmd.add_option("--ratio", o.ratio, "BACKEND/BASE whose ratio must lie in the range, or 'none'")->capture_default_str();
  cmd.add_option("--ratio-min", o.ratio_min, "Lowest expected ratio")->capture_default_str();
  cmd.add_option("--ratio-max", o.ratio_max, "Highest expected ratio (above it: a note, never a failure)")
      ->capture_default_str();
  cmd.add_option("--window", o.window, "Recent runs per backend that measure its noise")->capture_default_str()->check(CLI::Range(2, 1000));
  cmd.add_option("--z", o.z, "A shortfall fails beyond z times the combined spread (1.96: about 95 %)")
      ->capture_default_str()->check(CLI::Range(0.0, 10.0));
}

}  // namespace voltperf::cli
