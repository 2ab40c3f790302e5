#include "analysis/stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace voltperf::analysis {

double median(std::vector<double> v) { return percentile(std::move(v), 50); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  double pos = p / 100.0 * static_cast<double>(v.size() - 1);
  auto lo = static_cast<std::size_t>(std::floor(pos));
  auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }

std::optional<double> log_spread(const std::vector<double>& values) {
  std::vector<double> logs;
  for (double v : values)
    if (v > 0) logs.push_back(std::log(v));
  if (logs.size() < static_cast<std::size_t>(k_min_runs_for_spread)) return std::nullopt;
  std::vector<double> diffs;
  for (std::size_t i = 1; i < logs.size(); ++i) diffs.push_back(std::fabs(logs[i] - logs[i - 1]));
  return 1.4826 * median(diffs) / std::sqrt(2.0);
}

std::optional<double> interval_log_spread(const std::vector<double>& intervals) {
  std::vector<double> logs;
  for (double v : intervals)
    if (v > 0) logs.push_back(std::log(v));
  if (logs.size() < static_cast<std::size_t>(k_min_intervals)) return std::nullopt;
  double m = mean(logs), ss = 0;
  for (double x : logs) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(logs.size() - 1));
}

}  // namespace voltperf::analysis
