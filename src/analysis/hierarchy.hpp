#pragma once
// The expected backend order (macvtap > vhost-net > virtio) and ratio (vhost-net 2-3x virtio), judged
// against each backend's noise.
#include <optional>
#include <string>
#include <vector>

#include "store/series_reader.hpp"

namespace voltperf::analysis {

struct HierarchyConfig {
  std::vector<std::string> order{"macvtap", "vhost-net", "virtio"};  // best first
  std::vector<std::string> metrics;  // TEST.METRIC; empty: the throughput headline metrics
  bool latency = false;              // also the ICMP p50/p99 (lower is better, so the order reverses)
  std::string ratio_backend = "vhost-net";
  std::string ratio_base = "virtio";
  double ratio_min = 2.0;
  double ratio_max = 3.0;
  int window = 10;   // recent runs per backend for the between-run spread
  double z = 1.96;   // a shortfall fails when beyond z times the combined spread (about 95 %)
};

// One rule on one metric: "A better than B" or "A / B within [min, max]".
struct HierarchyCheck {
  std::string rule;    // "order" or "ratio"
  std::string series;  // TEST.METRIC
  std::string direction;
  std::string unit;
  std::string a, b;    // backends
  std::string a_run, b_run;
  std::optional<double> a_value, b_value;
  std::optional<double> ratio;  // a / b
  std::optional<double> noise;  // combined log-scale spread of a and b
  std::optional<double> shortfall;  // log-scale distance on the wrong side (order: of b over a; ratio: below min)
  std::string verdict;  // pass, above-range, fail, inconclusive, missing
  std::string reason;
};

struct HierarchyResult {
  std::vector<HierarchyCheck> checks;
  int count(const std::string& verdict) const;
};

// Judges every rule on the latest run of each backend within scope. Throws StoreError, or
// std::invalid_argument for an unknown metric.
HierarchyResult check_hierarchy(store::Database& db, const store::RunScope& scope, const HierarchyConfig& config);

}  // namespace voltperf::analysis
