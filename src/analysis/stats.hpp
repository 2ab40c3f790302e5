#pragma once
// Small robust statistics used by hierarchy, trend, query and (later) the regression gate.
#include <optional>
#include <vector>

namespace voltperf::analysis {

double median(std::vector<double> v);  // v must not be empty
// Linear-interpolation percentile (p in 0..100) of v (not empty).
double percentile(std::vector<double> v, double p);
double mean(const std::vector<double>& v);

// Fewest runs for a between-run spread.
inline constexpr int k_min_runs_for_spread = 4;
// Fewest intervals for within-run evidence.
inline constexpr int k_min_intervals = 10;

// Robust between-run spread of a series on the log scale (about the coefficient of variation):
// 1.4826 * median(|log x[i+1] - log x[i]|) / sqrt(2). Successive differences make a step or a single
// spike count once, not in every pair. nullopt with fewer than k_min_runs_for_spread positive values.
std::optional<double> log_spread(const std::vector<double>& values);

// Spread of one run's interval rates on the log scale (standard deviation, not standard error: run-to-run
// drift is usually several times the within-run spread). nullopt with fewer than k_min_intervals.
std::optional<double> interval_log_spread(const std::vector<double>& intervals);

}  // namespace voltperf::analysis
