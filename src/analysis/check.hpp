#pragma once
// The regression gate: each backend's candidate run against a comparable baseline of its own history,
// noise-aware, plus sustained steps (change points) and the hierarchy.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/hierarchy.hpp"
#include "analysis/regression.hpp"
#include "store/series_reader.hpp"
#include "store/triage.hpp"

namespace voltperf::analysis {

struct CheckConfig {
  store::RunScope scope;             // until = --at; tags pick the candidate runs (--tag commit=X)
  std::optional<std::string> run;    // --run BACKEND/RUN: only this candidate
  std::string baseline = "window:10";  // previous | window:N | run:SELECTOR | tag:K=V
  std::vector<std::string> match{"protocol", "duration", "streams", "blksize", "target_bitrate", "host"};
  std::vector<std::string> gated;     // TEST.METRIC; empty: the headline metrics
  std::vector<std::string> reported{"tcp-single.retransmits", "udp-max.lost_pct"};  // shown, never gating
  // Relative thresholds by "BACKEND:TEST.METRIC", "TEST.METRIC" or "METRIC" (most specific wins).
  std::map<std::string, double> thresholds;
  double confidence = 0.999;
  int min_runs = 5;
  int min_pings_for_p99 = 200;
  bool hierarchy = true;
  HierarchyConfig hierarchy_config;
  bool change_points = true;
  int change_window = 200;
};

// Default threshold of a series: 3 % for throughput and packet rates, 10 % for p50 latency, 25 % for p99.
double default_threshold(const std::string& series);
// The threshold in force for backend/series under config.
double threshold_for(const CheckConfig& config, const std::string& backend, const std::string& series);

struct Step {
  std::string run;
  std::int64_t time = 0;
  store::Tags tags;
  double change = 0;   // level after / level before - 1
  double p_value = 1;
  double now = 0;      // current level / level before - 1
};

struct CheckItem {
  std::string backend;
  std::string series;
  std::string unit;
  std::string direction;
  bool gated = true;
  double threshold = 0;
  std::string candidate_run;
  std::int64_t candidate_time = 0;
  store::Tags candidate_tags;
  std::optional<double> candidate;
  SeriesVerdict stats;
  std::vector<std::string> baseline_runs;
  std::string verdict;  // regressed, improved, unchanged, inconclusive, missing
  std::string reason;
  std::vector<std::string> notes;  // kernel or iperf3 differences, skipped runs, acceptance in force
  std::optional<Step> step;        // a sustained step in the bad direction, not accepted
  std::vector<ChangePoint> change_points;
};

struct CheckResult {
  std::optional<std::int64_t> as_of;
  std::string baseline_mode;
  std::vector<CheckItem> items;
  std::vector<std::string> missing_backends;  // no candidate run at all
  std::optional<HierarchyResult> hierarchy;
  store::Triage triage;

  bool regressed() const;
  bool hierarchy_failed() const;
  bool missing() const;
  bool inconclusive() const;
};

CheckResult run_check(store::Database& db, const CheckConfig& config);

// A replay of the stored history: the alerts the gate would have raised at each run.
struct BacktestAlert {
  std::string backend, run, series, kind;  // kind: regressed or step
  std::int64_t time = 0;
  double change = 0;
  std::string reason;
};
std::vector<BacktestAlert> run_backtest(store::Database& db, const CheckConfig& config);

}  // namespace voltperf::analysis
