#include "render/html_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "render/report_render.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace voltperf::render {

std::string html_escape(const std::string& s) { return util::markup_escape(s); }

namespace {

// Colour-blind-safe palette (Okabe-Ito), one colour per backend in the report's order.
const char* k_palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};

// A backend's colour: its place in the report's backend order (later ones wrap around the palette).
const char* colour_of(const std::vector<std::string>& order, const std::string& backend) {
  auto index = static_cast<std::size_t>(std::find(order.begin(), order.end(), backend) - order.begin());
  return k_palette[index % std::size(k_palette)];
}

std::string tags_text(const store::Tags& tags) {
  std::string s;
  for (const auto& [k, v] : tags) s += (s.empty() ? "" : ", ") + k + "=" + v;
  return s;
}

std::string verdict_badge(const std::string& verdict) {
  return fmt::format("<span class=\"verdict v-{0}\">{0}</span>", html_escape(verdict));
}

// Axis ticks: about n "nice" values covering [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int n) {
  if (!(hi > lo)) return {lo};
  double raw = (hi - lo) / n;
  double mag = std::pow(10, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> out;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push_back(v);
  return out;
}

// Log-axis ticks: 1, 2, 5 × powers of ten within [lo, hi].
std::vector<double> log_ticks(double lo, double hi) {
  std::vector<double> out;
  for (int d = static_cast<int>(std::floor(std::log10(lo))); d <= static_cast<int>(std::ceil(std::log10(hi))); ++d)
    for (double m : {1.0, 2.0, 5.0})
      if (double v = m * std::pow(10, d); v >= lo && v <= hi) out.push_back(v);
  return out;
}

// The value as drawn: in the unit people read (Gbit/s for bit/s).
double shown(double v, const std::string& unit) { return unit == "bit/s" ? v / 1e9 : v; }

std::string tick_label(double v) {
  std::string s = fmt::format("{:.6g}", v);
  return s == "-0" ? "0" : s;
}

struct ChartBox {
  double width = 1000, height = 320, left = 70, right = 20, top = 30, bottom = 46;
  double plot_w() const { return width - left - right; }
  double plot_h() const { return height - top - bottom; }
};

std::string render_chart(const analysis::Trend& t, const std::string& label, const std::vector<std::string>& order,
                         const std::set<std::string>& windowed, int chart_runs) {
  ChartBox box;
  std::string unit = display_unit(t.unit);
  std::int64_t t_min = std::numeric_limits<std::int64_t>::max(), t_max = std::numeric_limits<std::int64_t>::min();
  double v_min = std::numeric_limits<double>::infinity(), v_max = -v_min;
  for (const auto& b : t.backends)
    for (const auto& r : b.rows) {
      t_min = std::min(t_min, r.run.time);
      t_max = std::max(t_max, r.run.time);
      if (r.value) {
        v_min = std::min(v_min, shown(*r.value, t.unit));
        v_max = std::max(v_max, shown(*r.value, t.unit));
      }
    }
  std::string id = t.series.full();
  std::string out = fmt::format("<section class=\"chart\" data-series=\"{0}\">\n<h3>{1} <small>{0} ({2}, {3} is better)</small></h3>\n",
                                html_escape(id), html_escape(label), html_escape(unit),
                                t.direction == "lower" ? "lower" : "higher");
  if (t_min > t_max) return out + "<p class=\"empty\">No runs.</p>\n</section>\n";
  if (!std::isfinite(v_min)) v_min = 0, v_max = 1;
  double pad = (v_max - v_min) * 0.08;
  if (pad == 0) pad = std::max(std::fabs(v_max) * 0.05, 1e-9);
  double y_lo = std::max(0.0, v_min - pad), y_hi = v_max + pad;
  if (v_min >= 0 && y_lo > 0 && y_lo < (y_hi - y_lo) * 0.5) y_lo = 0;  // near zero: show zero
  auto x_of = [&](std::int64_t time) {
    if (t_max == t_min) return box.left + box.plot_w() / 2;
    return box.left + box.plot_w() * static_cast<double>(time - t_min) / static_cast<double>(t_max - t_min);
  };
  // Backends an order of magnitude apart (macvtap's 14 Gbit/s against virtio's 1.7) flatten the slower lines
  // on a linear axis; a log axis shows every backend's relative changes (a -44 % step) at the same height.
  const bool log_scale = v_min > 0 && v_max / v_min > 5;
  if (log_scale) y_lo = v_min / 1.15, y_hi = v_max * 1.15;
  auto y_of = [&](double v) {
    double f = log_scale ? (std::log(v) - std::log(y_lo)) / (std::log(y_hi) - std::log(y_lo)) : (v - y_lo) / (y_hi - y_lo);
    return box.top + box.plot_h() * (1 - f);
  };

  out += fmt::format("<svg class=\"trend\" data-scale=\"{}\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
                     "xmlns=\"http://www.w3.org/2000/svg\">\n<title>{} over time, one line per backend</title>\n",
                     log_scale ? "log" : "linear", box.width, box.height, box.width, box.height,
                     html_escape(label));
  // Axes, grid and labels.
  out += "<g class=\"axis y-axis\">\n";
  for (double v : log_scale ? log_ticks(y_lo, y_hi) : nice_ticks(y_lo, y_hi, 5)) {
    double y = y_of(v);
    out += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       box.left, box.left + box.plot_w(), y, y, box.left - 6, y + 4, tick_label(v));
  }
  out += fmt::format("<text class=\"axis-label\" transform=\"translate(14 {:.1f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n</g>\n",
                     box.top + box.plot_h() / 2, html_escape(unit) + (log_scale ? " (log scale)" : ""));
  out += "<g class=\"axis x-axis\">\n";
  int x_ticks = t_max == t_min ? 1 : 5;
  for (int i = 0; i < x_ticks; ++i) {
    std::int64_t time = x_ticks == 1 ? t_min : t_min + (t_max - t_min) * i / (x_ticks - 1);
    double x = x_of(time);
    // Dates when the runs span days; day and time of day when they span hours (2026-10-07T02:14:47Z).
    std::string iso = util::format_iso8601(time);
    std::string date = t_max - t_min >= 3 * 86400 ? iso.substr(0, 10) : iso.substr(5, 5) + " " + iso.substr(11, 5);
    out += fmt::format("<line class=\"tick\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>"
                       "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"{5}\">{4}</text>\n",
                       x, box.top + box.plot_h(), box.top + box.plot_h() + 4, box.top + box.plot_h() + 18, date,
                       x_ticks > 1 && i == 0 ? "start" : x_ticks > 1 && i == x_ticks - 1 ? "end" : "middle");
  }
  out += fmt::format("<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">run start time (UTC)</text>\n</g>\n",
                     box.left + box.plot_w() / 2, box.height - 6);
  out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", box.left, box.top,
                     box.plot_w(), box.plot_h());

  // Change points first (under the lines): a dashed vertical line at the first run of the new level.
  for (std::size_t bi = 0; bi < t.backends.size(); ++bi) {
    const auto& b = t.backends[bi];
    const char* colour = colour_of(order, b.backend);
    for (const auto& c : b.changes) {
      double x = x_of(c.run.time);
      out += fmt::format("<g class=\"change-point\" data-backend=\"{0}\" data-run=\"{1}\">"
                         "<title>{0}: level change {2:+.1f}% at run {1} ({3}), p = {4:.2g}</title>"
                         "<line x1=\"{5:.1f}\" x2=\"{5:.1f}\" y1=\"{6:.1f}\" y2=\"{7:.1f}\" stroke=\"{8}\"/>"
                         "<text x=\"{9:.1f}\" y=\"{10:.1f}\" fill=\"{8}\">step {2:+.1f}%</text></g>\n",
                         html_escape(b.backend), html_escape(c.run.name), c.change * 100,
                         util::format_iso8601(c.run.time), c.p_value, x, box.top, box.top + box.plot_h(), colour,
                         x + 4, box.top + 12);
    }
  }
  // One line and one marker per run, per backend.
  for (const auto& b : t.backends) {
    const char* colour = colour_of(order, b.backend);
    out += fmt::format("<g class=\"series\" data-backend=\"{}\" data-runs=\"{}\">\n", html_escape(b.backend),
                       b.rows.size());
    std::string points;
    for (const auto& r : b.rows)
      if (r.value) points += fmt::format("{:.1f},{:.1f} ", x_of(r.run.time), y_of(shown(*r.value, t.unit)));
    out += fmt::format("<polyline class=\"line\" fill=\"none\" stroke=\"{}\" points=\"{}\"/>\n", colour, points);
    for (const auto& r : b.rows) {
      std::string tip = fmt::format("{} {} · {} · {}", b.backend, r.run.name, util::format_iso8601(r.run.time),
                                    r.value ? display_value(*r.value, t.unit) + " " + unit : r.status);
      if (!r.run.tags.empty()) tip += " · tags: " + tags_text(r.run.tags);
      if (r.excluded) tip += " · excluded: " + *r.excluded;
      double x = x_of(r.run.time);
      std::string cls = r.excluded ? "point excluded" : r.value ? "point" : "point missing";
      if (!r.value) {  // a run without a value (failed, invalid or missing test): a mark on the time axis
        out += fmt::format("<g class=\"{}\" data-run=\"{}\"><title>{}</title><path d=\"M{:.1f} {:.1f}l4 -8h-8z\" "
                           "fill=\"{}\"/></g>\n",
                           cls, html_escape(r.run.name), html_escape(tip), x, box.top + box.plot_h(), colour);
      } else if (r.excluded) {  // kept out of baselines: a hollow ring with a cross
        double y = y_of(shown(*r.value, t.unit));
        out += fmt::format("<g class=\"{}\" data-run=\"{}\"><title>{}</title><circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" "
                           "fill=\"white\" stroke=\"{}\"/><path d=\"M{:.1f} {:.1f}l6 6m0 -6l-6 6\" stroke=\"{}\"/></g>\n",
                           cls, html_escape(r.run.name), html_escape(tip), x, y, colour, x - 3, y - 3, colour);
      } else {
        out += fmt::format("<circle class=\"{}\" data-run=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\">"
                           "<title>{}</title></circle>\n",
                           cls, html_escape(r.run.name), x, y_of(shown(*r.value, t.unit)), b.rows.size() > 200 ? 1.5 : b.rows.size() > 50 ? 3 : 4,
                           colour, html_escape(tip));
      }
    }
    out += "</g>\n";
  }
  // Legend: every backend, its colour, and the marks.
  out += "<g class=\"legend\">\n";
  double lx = box.left + 8;
  for (const auto& b : t.backends) {
    const char* colour = colour_of(order, b.backend);
    out += fmt::format("<g class=\"legend-item\" data-backend=\"{0}\"><rect x=\"{1:.1f}\" y=\"{2:.1f}\" width=\"14\" "
                       "height=\"4\" fill=\"{3}\"/><text x=\"{4:.1f}\" y=\"{5:.1f}\">{0}</text></g>\n",
                       html_escape(b.backend), lx, box.top - 18, colour, lx + 18, box.top - 13);
    lx += 26 + 7.5 * static_cast<double>(std::min<std::size_t>(b.backend.size(), 40));
  }
  out += "</g>\n</svg>\n";
  std::string note;
  for (const auto& b : t.backends)
    if (windowed.count(b.backend)) note = fmt::format("the last {} runs of each backend are shown", chart_runs);
  out += "<p class=\"chart-note\">Each mark is one run (hover for run, time, value and tags). "
         "A ring with a cross is an excluded run; a triangle on the time axis is a run without a value; a dashed line "
         "is a level change (change point)" +
         (note.empty() ? std::string(".") : "; " + note + ".") + "</p>\n</section>\n";
  return out;
}

const char* k_style = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:24px auto;max-width:1040px;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:18px 0 4px}
h3 small{font-weight:normal;color:#555}.meta{color:#555;margin:0 0 12px}
table{border-collapse:collapse;margin:6px 0;font-variant-numeric:tabular-nums}th,td{border:1px solid #d8d8d8;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right}
.verdict{display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;font-size:12px}
.v-pass,.v-unchanged,.v-improved{background:#dcefe0;color:#14532d}.v-fail,.v-regressed{background:#fbd5d5;color:#7f1d1d}
.v-inconclusive,.v-above-range,.v-missing{background:#fdf0c4;color:#713f12}
.summary{font-size:15px;padding:8px 12px;border-radius:4px;background:#f4f4f4}.summary.bad{background:#fbd5d5}.summary.good{background:#dcefe0}
svg.trend{max-width:100%;height:auto;font-size:11px}svg .grid{stroke:#eee}svg .tick{stroke:#888}svg .frame{fill:none;stroke:#bbb}
svg .axis-label{font-size:12px;fill:#333}svg .change-point line{stroke-dasharray:5 4;stroke-width:1.5}
svg .line{stroke-width:1.6}svg .legend-item text{font-size:12px}.chart-note{color:#555;font-size:12px;margin:2px 0 0}
)";

}  // namespace

std::string render_html(const analysis::VisualReport& v, const std::string& generated) {
  const auto& rep = v.report;
  std::vector<std::string> order;
  for (const auto& b : rep.backends) order.push_back(b.run.backend);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"voltperf {} (html format {})\">\n", VOLTPERF_VERSION,
                     k_html_format_version);
  out += "<title>voltperf report</title>\n<style>" + std::string(k_style) + "</style>\n</head>\n<body>\n";
  out += "<h1>voltperf report</h1>\n";
  out += fmt::format("<p class=\"meta\">Generated {}{}. Backends: {}.</p>\n", html_escape(generated),
                     rep.as_of ? " · as of " + util::format_iso8601(*rep.as_of) : "",
                     order.empty() ? "none" : html_escape(fmt::format("{}", fmt::join(order, ", "))));

  // The verdict first: what a CI reader wants to know.
  const auto& chk = v.check;
  int regressed = 0, inconclusive = 0, missing = 0;
  for (const auto& i : chk.items) {
    regressed += i.gated && i.verdict == "regressed";
    inconclusive += i.gated && i.verdict == "inconclusive";
    missing += i.gated && i.verdict == "missing";
  }
  bool hierarchy_bad = rep.hierarchy.count("fail") > 0;
  std::string summary = fmt::format(
      "{} regression(s) in the gated metrics ({} inconclusive, {} missing); hierarchy: {} fail, {} pass.", regressed,
      inconclusive, missing, rep.hierarchy.count("fail"), rep.hierarchy.count("pass"));
  out += fmt::format("<p class=\"summary {}\">{}</p>\n", regressed || hierarchy_bad ? "bad" : "good", summary);

  // Latest-run comparison.
  out += "<h2 id=\"latest\">Latest run of each backend</h2>\n";
  if (rep.backends.empty()) {
    out += "<p class=\"empty\">No runs in the database.</p>\n";
  } else {
    out += "<table class=\"latest\">\n<tr><th>backend</th><th>run</th><th>started (UTC)</th>";
    for (const auto& c : rep.backends.front().cells)
      out += fmt::format("<th>{}<br><small>{}</small></th>", html_escape(c.label), html_escape(display_unit(c.unit)));
    out += "</tr>\n";
    for (const auto& b : rep.backends) {
      out += fmt::format("<tr data-backend=\"{0}\"><td>{0}</td><td>{1}{2}</td><td>{3}</td>", html_escape(b.run.backend),
                         html_escape(b.run.name), b.stale ? " <span class=\"verdict v-missing\">stale</span>" : "",
                         util::format_iso8601(b.run.time));
      for (const auto& c : b.cells)
        out += c.value.value ? fmt::format("<td class=\"num\">{}</td>", display_value(*c.value.value, c.unit))
                             : fmt::format("<td>{}</td>", html_escape(c.value.status));
      out += "</tr>\n";
    }
    out += "</table>\n";
  }

  // Hierarchy.
  out += "<h2 id=\"hierarchy\">Backend hierarchy</h2>\n<table class=\"hierarchy\">\n"
         "<tr><th>verdict</th><th>metric</th><th>rule</th><th>ratio</th><th>why</th></tr>\n";
  for (const auto& c : rep.hierarchy.checks) {
    std::string rule = c.rule == "ratio" ? c.a + " / " + c.b : c.a + (c.direction == "lower" ? " < " : " > ") + c.b;
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                       verdict_badge(c.verdict), html_escape(c.series), html_escape(rule),
                       c.ratio ? fmt::format("{:.2f}x", *c.ratio) : "", html_escape(c.reason));
  }
  out += "</table>\n";

  // Trends.
  std::set<std::string> windowed;
  for (const auto& [backend, n] : v.runs_in_scope)
    if (v.chart_runs > 0 && n > v.chart_runs) windowed.insert(backend);
  out += "<h2 id=\"trends\">Trends</h2>\n";
  if (!windowed.empty()) {
    std::string counts;
    for (const auto& [backend, n] : v.runs_in_scope)
      counts += fmt::format("{}{} has {}", counts.empty() ? "" : ", ", html_escape(backend), n);
    out += fmt::format("<p class=\"window-note\">Charts show the last {} runs of each backend ({} runs in all); "
                       "<code>--chart-runs N</code> shows more.</p>\n",
                       v.chart_runs, counts);
  }
  for (std::size_t i = 0; i < v.trends.size(); ++i)
    out += render_chart(v.trends[i], v.trend_labels[i], order, windowed, v.chart_runs);
  // Check.
  out += fmt::format("<h2 id=\"check\">Regression check <small>(baseline {})</small></h2>\n",
                     html_escape(chk.baseline_mode));
  for (const auto& b : chk.missing_backends)
    out += fmt::format("<p>{} has no candidate run.</p>\n", html_escape(b));
  out += "<table class=\"check\">\n<tr><th>verdict</th><th>backend</th><th>metric</th><th>run</th><th>value</th>"
         "<th>baseline</th><th>change</th><th>why</th></tr>\n";
  for (const auto& i : chk.items) {
    std::string unit = display_unit(i.unit);
    out += fmt::format(
        "<tr class=\"{}\" data-backend=\"{}\"><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        i.gated ? "gated" : "reported", html_escape(i.backend), verdict_badge(i.verdict), i.gated ? "" : " <small>(not gated)</small>",
        html_escape(i.backend), html_escape(i.series), html_escape(i.candidate_run),
        i.candidate ? display_value(*i.candidate, i.unit) + " " + html_escape(unit) : "",
        i.stats.baseline ? display_value(*i.stats.baseline, i.unit) : "",
        i.stats.change ? fmt::format("{:+.1f}%", *i.stats.change * 100) : "", html_escape(i.reason));
  }
  out += "</table>\n";

  out += "</body>\n</html>\n";
  return out;
}

}  // namespace voltperf::render
