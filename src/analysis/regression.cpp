#include "analysis/regression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "analysis/stats.hpp"

namespace voltperf::analysis {

namespace {

// Continued fraction for the regularized incomplete beta function (Numerical Recipes' betacf).
double beta_cf(double a, double b, double x) {
  const int k_max = 200;
  const double eps = 1e-12, fpmin = 1e-300;
  double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < fpmin) d = fpmin;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= k_max; ++m) {
    int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < fpmin) d = fpmin;
    c = 1 + aa / c;
    if (std::fabs(c) < fpmin) c = fpmin;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < fpmin) d = fpmin;
    c = 1 + aa / c;
    if (std::fabs(c) < fpmin) c = fpmin;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < eps) break;
  }
  return h;
}

double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double bt = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return bt * beta_cf(a, b, x) / a;
  return 1 - bt * beta_cf(b, a, 1 - x) / b;
}

double student_t_cdf(double t, double df) {
  double x = df / (df + t * t);
  double tail = 0.5 * incomplete_beta(df / 2, 0.5, x);
  return t >= 0 ? 1 - tail : tail;
}

}  // namespace

double student_t_quantile(double p, double df) {
  double lo = -1000, hi = 1000;
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2;
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

std::optional<double> baseline_spread(const std::vector<double>& values) {
  std::vector<double> logs;
  for (double v : values)
    if (v > 0) logs.push_back(std::log(v));
  if (logs.size() < 3) return std::nullopt;
  double m = mean(logs), ss = 0;
  for (double x : logs) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(logs.size() - 1));
}

SeriesVerdict judge_series(double candidate, const std::vector<double>& baseline, const GateRule& rule) {
  SeriesVerdict v;
  std::vector<double> good;
  for (double b : baseline)
    if (b > 0) good.push_back(b);
  v.baseline_runs = static_cast<int>(good.size());
  if (!good.empty()) {
    double sum = 0;
    for (double b : good) sum += std::log(b);
    v.baseline = std::exp(sum / static_cast<double>(good.size()));  // geometric mean
    v.change = candidate / *v.baseline - 1;
  }
  if (static_cast<int>(good.size()) < rule.min_runs || candidate <= 0) {
    v.verdict = "inconclusive";
    v.reason = candidate <= 0 ? "candidate value is not positive"
                              : fmt::format("{} comparable baseline run(s), need {}", good.size(), rule.min_runs);
    return v;
  }
  v.noise = baseline_spread(good);
  double n = static_cast<double>(good.size());
  double t = student_t_quantile(rule.confidence, n - 1);
  double log_limit = t * *v.noise * std::sqrt(1 + 1 / n);
  // The noise limit as a change in the bad direction: a drop for higher-is-better, a rise otherwise.
  v.limit = rule.higher_is_better ? 1 - std::exp(-log_limit) : std::exp(log_limit) - 1;
  v.detectable = std::max(rule.threshold, *v.limit);
  double log_change = std::log(candidate / *v.baseline);
  double bad = rule.higher_is_better ? -log_change : log_change;  // > 0: worse
  // The change in the bad direction as users read it: a drop of 1 - candidate/baseline, or a rise of
  // candidate/baseline - 1.
  double rel_bad = rule.higher_is_better ? 1 - std::exp(-bad) : std::exp(bad) - 1;
  if (bad > 0 && rel_bad > rule.threshold && bad > log_limit) {
    v.verdict = "regressed";
    v.reason = fmt::format("{:+.1f}% beyond threshold {:.0f}% and noise limit {:.1f}%", *v.change * 100,
                           rule.threshold * 100, *v.limit * 100);
  } else if (bad < 0 && std::fabs(*v.change) > rule.threshold && -bad > log_limit) {
    v.verdict = "improved";
    v.reason = fmt::format("{:+.1f}%, beyond the noise", *v.change * 100);
  } else {
    v.verdict = "unchanged";
    v.reason = bad > 0 && rel_bad > rule.threshold && bad <= log_limit
                   ? fmt::format("{:+.1f}% but within the noise limit {:.1f}%", *v.change * 100, *v.limit * 100)
                   : fmt::format("{:+.1f}%", *v.change * 100);
  }
  return v;
}

std::optional<RecentStep> recent_step(const std::vector<double>& values, bool higher_is_better, double threshold,
                                      double max_p, int window) {
  std::vector<double> logs;
  for (double v : values) {
    if (v <= 0) return std::nullopt;
    logs.push_back(std::log(v));
  }
  std::optional<RecentStep> best;
  for (int k = 2; k <= 4; ++k) {
    if (static_cast<int>(logs.size()) < k + 5) break;
    auto end = logs.end(), mid = end - k;
    auto begin = mid - std::min<long>(window, mid - logs.begin());
    std::vector<double> pre(begin, mid), post(mid, end);
    double m1 = mean(pre), m2 = mean(post), ss = 0;
    for (double x : pre) ss += (x - m1) * (x - m1);
    for (double x : post) ss += (x - m2) * (x - m2);
    double n1 = static_cast<double>(pre.size()), n2 = static_cast<double>(post.size());
    double sd = std::sqrt(std::max(ss, 1e-18) / (n1 + n2 - 2));
    double diff = higher_is_better ? m1 - m2 : m2 - m1;  // > 0: worse
    double t = diff / (sd * std::sqrt(1 / n1 + 1 / n2));
    double p = std::min(1.0, 3 * (1 - student_t_cdf(t, n1 + n2 - 2)));
    double change = std::exp(m2 - m1) - 1;
    double worse = higher_is_better ? -change : change;
    if (p <= max_p && worse > threshold && (!best || p < best->p_value)) best = RecentStep{k, change, p};
  }
  return best;
}

namespace {

struct Split {
  std::size_t index = 0;
  double stat = 0;
};

// Best split of logs[b, e) by |mean difference| / pooled sd, both sides >= min_segment long.
Split best_split(const std::vector<double>& x, std::size_t b, std::size_t e, std::size_t min_seg) {
  Split best;
  std::size_t n = e - b;
  if (n < 2 * min_seg) return best;
  std::vector<double> pre(n + 1, 0), pre2(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    pre[i + 1] = pre[i] + x[b + i];
    pre2[i + 1] = pre2[i] + x[b + i] * x[b + i];
  }
  for (std::size_t k = min_seg; k + min_seg <= n; ++k) {
    double n1 = static_cast<double>(k), n2 = static_cast<double>(n - k);
    double m1 = pre[k] / n1, m2 = (pre[n] - pre[k]) / n2;
    double ss = (pre2[k] - n1 * m1 * m1) + (pre2[n] - pre2[k] - n2 * m2 * m2);
    double sd = std::sqrt(std::max(ss, 1e-18) / std::max(1.0, n1 + n2 - 2));
    double stat = std::fabs(m1 - m2) / (sd * std::sqrt(1 / n1 + 1 / n2));
    if (stat > best.stat) best = {b + k, stat};
  }
  return best;
}

void segment(const std::vector<double>& logs, const std::vector<double>& values, std::size_t b, std::size_t e,
             const ChangePointOptions& o, std::vector<ChangePoint>& out) {
  Split s = best_split(logs, b, e, o.min_segment);
  if (s.stat <= 0) return;
  // The best of m candidate splits: Bonferroni over the splits on the two-sided t tail (conservative).
  double n = static_cast<double>(e - b);
  double splits = n - 2.0 * static_cast<double>(o.min_segment) + 1;
  double p = std::min(1.0, splits * 2 * (1 - student_t_cdf(s.stat, n - 2)));
  if (p > o.max_p) return;
  auto geo_mean = [&](std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t i = from; i < to; ++i) sum += logs[i];
    return std::exp(sum / static_cast<double>(to - from));
  };
  ChangePoint cp{s.index, geo_mean(b, s.index), geo_mean(s.index, e), 0, p};
  cp.change = cp.after / cp.before - 1;
  if (std::fabs(cp.change) >= o.min_change) out.push_back(cp);
  segment(logs, values, b, s.index, o, out);
  segment(logs, values, s.index, e, o, out);
}

}  // namespace

std::vector<ChangePoint> find_change_points(const std::vector<double>& values, const ChangePointOptions& o) {
  std::vector<double> logs;
  for (double v : values) logs.push_back(std::log(std::max(v, 1e-300)));
  std::vector<ChangePoint> out;
  segment(logs, values, 0, logs.size(), o, out);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  return out;
}

}  // namespace voltperf::analysis
