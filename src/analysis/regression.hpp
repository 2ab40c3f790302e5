#pragma once
// The gate's statistics as pure functions of numbers: a noise-aware verdict for one series, and change
// points. No database here, so the quality test can replay thousands of synthetic histories.
#include <optional>
#include <string>
#include <vector>

namespace voltperf::analysis {

// Quantile of Student's t distribution with df degrees of freedom (p in (0, 1)).
double student_t_quantile(double p, double df);

struct GateRule {
  bool higher_is_better = true;
  double threshold = 0.05;   // a change smaller than this (relative) never regresses
  double confidence = 0.997; // one-sided confidence of the prediction interval
  int min_runs = 5;          // fewer baseline runs: inconclusive
};

struct SeriesVerdict {
  std::string verdict;  // regressed, improved, unchanged, inconclusive
  std::string reason;
  std::optional<double> baseline;       // median of the baseline
  std::optional<double> change;         // candidate / baseline - 1
  std::optional<double> noise;          // between-run spread (log scale, about the CV)
  std::optional<double> limit;          // relative change the prediction interval allows
  std::optional<double> detectable;     // smallest drop the gate would flag: max(threshold, limit)
  int baseline_runs = 0;
};

// Judges a candidate against baseline values (oldest first). Regressed only when the change in the bad
// direction exceeds the threshold *and* lies outside the prediction interval of the baseline:
// |log(candidate / median)| > t(confidence, n-1) * spread * sqrt(1 + 1/n), where spread is the robust
// between-run spread of the baseline (max of the MAD of the logs and the successive-difference estimate).
SeriesVerdict judge_series(double candidate, const std::vector<double>& baseline, const GateRule& rule);

// Robust spread of log values for a baseline: max(1.4826 * MAD, successive-difference estimate).
std::optional<double> baseline_spread(const std::vector<double>& values);

struct ChangePoint {
  std::size_t index = 0;   // first point of the new level
  double before = 0;       // median of the segment before
  double after = 0;        // median of the segment after
  double change = 0;       // after / before - 1
  double p_value = 1;      // Bonferroni-corrected t test of the best split
};

struct ChangePointOptions {
  std::size_t min_segment = 3;  // a single spike is not a step
  double max_p = 0.001;         // significance
  double min_change = 0.05;     // relative magnitude below which a step is ignored
};

// Binary segmentation on log values: the split maximizing the two-sample t statistic of the segment means
// is kept when significant (Bonferroni over the candidate splits), then each side is searched again.
// Segments are at least min_segment long, so a single spike is not a step. Sorted by index.
std::vector<ChangePoint> find_change_points(const std::vector<double>& values, const ChangePointOptions& options);

}  // namespace voltperf::analysis
