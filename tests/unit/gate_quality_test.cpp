// Measured quality of the gate on synthetic histories with known answers (docs/gate.md has the table).
// A "check" gates 3 backends x 6 headline metrics together, as `voltperf check` does: it fails when any series
// regresses against its last 10 runs or carries a sustained step in the bad direction.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "analysis/check.hpp"
#include "analysis/regression.hpp"
#include "analysis/stats.hpp"

namespace voltperf::analysis {
namespace {

constexpr int k_series = 18;  // 3 backends x 6 headline metrics
constexpr int k_history = 24;  // runs before the checked one
constexpr int k_checks = 400;  // checks per noise level and scenario
const double k_thresholds[6] = {0.03, 0.03, 0.03, 0.03, 0.10, 0.25};  // headline defaults (check.cpp)

// The gate's decision for one series whose last value is the candidate.
bool voltperf_flags(const std::vector<double>& v, double threshold) {
  GateRule rule;
  rule.threshold = threshold;
  std::vector<double> base(v.end() - 11, v.end() - 1);
  if (judge_series(v.back(), base, rule).verdict == "regressed") return true;
  if (recent_step(v, true, threshold)) return true;
  ChangePointOptions o;
  o.min_change = threshold;
  auto cps = find_change_points(v, o);
  for (auto cp = cps.rbegin(); cp != cps.rend(); ++cp) {
    if (cp->change >= 0) continue;
    return cps.back().after / cp->before - 1 < -threshold;
  }
  return false;
}

bool fixed_rule_flags(const std::vector<double>& v) { return v.back() < v[v.size() - 2] * 0.9; }

// Classic prediction interval from mean and standard deviation of the last 10 runs.
bool ttest_flags(const std::vector<double>& v, double t_quantile) {
  std::vector<double> base(v.end() - 11, v.end() - 1);
  double m = mean(base), ss = 0;
  for (double x : base) ss += (x - m) * (x - m);
  double sd = std::sqrt(ss / 9);
  return v.back() < m - t_quantile * sd * std::sqrt(1 + 0.1);
}

struct History {
  std::vector<std::vector<double>> series;  // k_series series, each k_history + extra runs
};

// Between-run noise: log-normal with the given coefficient of variation; within-run noise does not enter
// the gate's verdict (it uses one value per run), so it is not simulated here.
History make_history(std::mt19937_64& rng, double cv, int runs, int step_at = -1, double step = 0, int spike_at = -1,
                     double spike = 0) {
  std::normal_distribution<double> noise(0.0, cv);
  History h;
  for (int s = 0; s < k_series; ++s) {
    std::vector<double> v;
    for (int i = 0; i < runs; ++i) {
      double level = 1000.0;
      if (s == 0 && step_at >= 0 && i >= step_at) level *= 1 - step;
      double x = level * std::exp(noise(rng));
      if (s == 0 && i == spike_at) x *= 1 - spike;
      v.push_back(x);
    }
    h.series.push_back(std::move(v));
  }
  return h;
}

struct Rates {
  double false_alarm = 0, detect_at_step = 0, detect_within_3 = 0;
};

template <class Flags>
Rates measure(double cv, Flags&& flags, unsigned seed) {
  Rates r;
  std::mt19937_64 rng(seed);
  for (int c = 0; c < k_checks; ++c) {
    auto h = make_history(rng, cv, k_history + 1);
    bool any = false;
    for (int s = 0; s < k_series && !any; ++s) any = flags(h.series[s], k_thresholds[s % 6]);
    r.false_alarm += any;
  }
  for (int c = 0; c < k_checks; ++c) {
    auto h = make_history(rng, cv, k_history + 1, k_history, 6 * cv);
    r.detect_at_step += flags(h.series[0], k_thresholds[0]);
  }
  for (int c = 0; c < k_checks; ++c) {
    auto h = make_history(rng, cv, k_history + 4, k_history, 3 * cv);
    bool hit = false;
    for (int extra = 0; extra <= 3 && !hit; ++extra) {
      std::vector<double> upto(h.series[0].begin(), h.series[0].begin() + k_history + 1 + extra);
      hit = flags(upto, k_thresholds[0]);
    }
    r.detect_within_3 += hit;
  }
  r.false_alarm /= k_checks;
  r.detect_at_step /= k_checks;
  r.detect_within_3 /= k_checks;
  return r;
}

TEST(GateQuality, FalseAlarmsDetectionAndTheRulesTeamsUseToday) {
  std::printf("| between-run CV | rule | false alarms (whole checks) | detected at the step (6x CV) | within 3 runs (3x CV) |\n");
  std::printf("|---|---|---|---|---|\n");
  for (double cv : {0.02, 0.05, 0.10, 0.15}) {
    Rates ours = measure(cv, voltperf_flags, 1);
    // The t-test rule at the same false-alarm rate as voltperf: the smallest quantile that does not exceed it.
    double tq = 1.5;
    Rates tt;
    for (; tq < 8; tq += 0.1) {
      tt = measure(cv, [&](const std::vector<double>& v, double) { return ttest_flags(v, tq); }, 1);
      if (tt.false_alarm <= ours.false_alarm) break;
    }
    Rates fixed = measure(cv, [](const std::vector<double>& v, double) { return fixed_rule_flags(v); }, 1);
    std::printf("| %.0f%% | voltperf | %.1f%% | %.1f%% | %.1f%% |\n", cv * 100, ours.false_alarm * 100,
                ours.detect_at_step * 100, ours.detect_within_3 * 100);
    std::printf("| %.0f%% | t-test PI, last 10 (t=%.1f, same false alarms) | %.1f%% | %.1f%% | %.1f%% |\n", cv * 100, tq,
                tt.false_alarm * 100, tt.detect_at_step * 100, tt.detect_within_3 * 100);
    std::printf("| %.0f%% | fixed 10%% vs previous run | %.1f%% | %.1f%% | %.1f%% |\n", cv * 100, fixed.false_alarm * 100,
                fixed.detect_at_step * 100, fixed.detect_within_3 * 100);
    EXPECT_LE(ours.false_alarm, 0.05) << "cv " << cv;
    EXPECT_GE(ours.detect_at_step, 0.90) << "cv " << cv;
    EXPECT_GE(ours.detect_within_3, 0.95) << "cv " << cv;
    // Against the t-test at the same false-alarm rate: voltperf detects more.
    EXPECT_GE(ours.detect_within_3, tt.detect_within_3) << "cv " << cv;
    EXPECT_GE(ours.detect_at_step + ours.detect_within_3, tt.detect_at_step + tt.detect_within_3) << "cv " << cv;
    // Against the fixed rule: where it raises no more false alarms, voltperf detects more; elsewhere the fixed
    // rule pays for its detections with more false alarms than voltperf.
    if (fixed.false_alarm <= ours.false_alarm) {
      EXPECT_GT(ours.detect_within_3, fixed.detect_within_3) << "cv " << cv;
    } else {
      EXPECT_GT(fixed.false_alarm, ours.false_alarm) << "cv " << cv;
    }
  }
}

TEST(GateQuality, ASingleRunSpikeIsNotAChangePoint) {
  for (double cv : {0.02, 0.05, 0.10, 0.15}) {
    std::mt19937_64 rng(7);
    int reported = 0;
    for (int c = 0; c < k_checks; ++c) {
      auto h = make_history(rng, cv, k_history + 1, -1, 0, 12, 0.5);  // one run 50 % low
      ChangePointOptions o;
      for (const auto& cp : find_change_points(h.series[0], o))
        if (cp.index == 12 || cp.index == 13) ++reported;
    }
    EXPECT_LE(reported, k_checks / 100) << "cv " << cv;
    std::printf("spike of -50%% at CV %.0f%%: reported as a change point in %d of %d histories\n", cv * 100, reported, k_checks);
  }
}

}  // namespace
}  // namespace voltperf::analysis
