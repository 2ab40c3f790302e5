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
  double threshold = 0.03;   // a change smaller than this (relative) never regresses
  double confidence = 0.999; // one-sided confidence of the prediction interval
  int min_runs = 5;          // fewer baseline runs: inconclusive
};

struct SeriesVerdict {
  std::string verdict;  // regressed, improved, unchanged, inconclusive
  std::string reason;
  std::optional<double> baseline;       // geometric mean of the baseline
  std::optional<double> change;         // candidate / baseline - 1
  std::optional<double> noise;          // between-run spread (log scale, about the CV)
  std::optional<double> limit;          // change in the bad direction the prediction interval allows
  std::optional<double> detectable;     // smallest drop the gate would flag: max(threshold, limit)
  int baseline_runs = 0;
};

// Judges a candidate against baseline values (oldest first). Regressed only when the change in the bad
// direction exceeds the threshold *and* lies outside the one-sided Student-t prediction interval of the
// baseline on the log scale: |log(candidate / geometric mean)| > t(confidence, n-1) * sd * sqrt(1 + 1/n).
SeriesVerdict judge_series(double candidate, const std::vector<double>& baseline, const GateRule& rule);

// Between-run spread of a baseline: the sample standard deviation of the log values (about the CV).
std::optional<double> baseline_spread(const std::vector<double>& values);

// A step among the most recent runs: the last k (2 to 4) values against up to `window` values before
// them, a one-sided pooled t test on the log scale with a Bonferroni factor 3 for the three k. Catches a
// sustained regression before a change-point search has enough runs after the step.
struct RecentStep {
  int runs = 0;          // k
  double change = 0;     // geometric mean of the last k / of the runs before - 1
  double p_value = 1;
};
std::optional<RecentStep> recent_step(const std::vector<double>& values, bool higher_is_better, double threshold,
                                      double max_p = 0.0015, int window = 20);

struct ChangePoint {
  std::size_t index = 0;   // first point of the new level
  double before = 0;       // geometric mean of the segment before
  double after = 0;        // geometric mean of the segment after
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
