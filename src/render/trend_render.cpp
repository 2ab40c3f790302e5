#include "render/trend_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "render/report_render.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace voltperf::render {

using nlohmann::ordered_json;

namespace {
std::string dump(const ordered_json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }
template <class T>
ordered_json opt(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}
std::string pct(const std::optional<double>& v) { return v ? fmt::format("{:+.1f}%", *v) : ""; }
}  // namespace

std::string sparkline(const std::vector<std::optional<double>>& values) {
  static const char* k_blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& v : values)
    if (v) {
      lo = any ? std::min(lo, *v) : *v;
      hi = any ? std::max(hi, *v) : *v;
      any = true;
    }
  std::string out;
  for (const auto& v : values) {
    if (!v) {
      out += " ";
      continue;
    }
    int i = hi > lo ? static_cast<int>((*v - lo) / (hi - lo) * 7.0 + 0.5) : 3;
    out += k_blocks[std::clamp(i, 0, 7)];
  }
  return out;
}

std::string render_trend(const analysis::Trend& t, Format f) {
  bool rel = t.relative_to.has_value();
  auto show = [&](double v) { return rel ? fmt::format("{:.3f}", v) : display_value(v, t.unit); };
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.trend";
    j["format_version"] = k_trend_format_version;
    j["metric"] = t.series.full();
    j["unit"] = t.unit;
    j["direction"] = t.direction;
    j["relative_to"] = opt(t.relative_to);
    j["backends"] = ordered_json::array();
    for (const auto& s : t.backends) {
      ordered_json sj = {{"backend", s.backend}, {"median", opt(s.median)}, {"runs", ordered_json::array()}};
      for (const auto& r : s.rows)
        sj["runs"].push_back({{"run", r.run.name}, {"started_at", util::format_iso8601(r.run.time)},
                              {"tags", r.run.tags}, {"status", r.status}, {"value", opt(r.value)},
                              {"change_prev_pct", opt(r.change_prev_pct)},
                              {"change_median_pct", opt(r.change_median_pct)}, {"excluded", opt(r.excluded)}});
      sj["change_points"] = ordered_json::array();
      for (const auto& c : s.changes)
        sj["change_points"].push_back({{"run", c.run.name}, {"started_at", util::format_iso8601(c.run.time)},
                                       {"tags", c.run.tags}, {"before", c.before}, {"after", c.after},
                                       {"change_pct", c.change * 100}, {"p_value", c.p_value}});
      j["backends"].push_back(sj);
    }
    return dump(j);
  }
  Table table;
  std::string unit = rel ? t.unit : display_unit(t.unit);
  table.columns = {"backend", "run", "started_at", "value (" + unit + ")", "vs previous", "vs median", "status"};
  table.right_aligned = {false, false, false, true, true, true};
  for (const auto& s : t.backends)
    for (const auto& r : s.rows)
      table.rows.push_back({s.backend, r.run.name, util::format_iso8601(r.run.time), r.value ? show(*r.value) : "",
                            pct(r.change_prev_pct), pct(r.change_median_pct),
                            r.excluded ? "excluded: " + *r.excluded : r.status});
  if (f == Format::csv) return table.to_csv();
  std::string out = fmt::format("{}{} ({}, {} is better)\n\n", t.series.full(),
                                rel ? " relative to " + *t.relative_to + " in the same lab run" : "", unit, t.direction);
  out += f == Format::markdown ? table.to_markdown() : table.to_text();
  out += "\n";
  for (const auto& s : t.backends) {
    std::vector<std::optional<double>> v;
    for (const auto& r : s.rows) v.push_back(r.value);
    out += fmt::format("{:<12} {}  median {}\n", s.backend, sparkline(v), s.median ? show(*s.median) : "n/a");
  }
  for (const auto& s : t.backends)
    for (const auto& c : s.changes) {
      std::string tags;
      for (const auto& [k, v] : c.run.tags) tags += (tags.empty() ? " tags " : ",") + k + "=" + v;
      out += fmt::format("change point: {} {} ({}){}: {:+.1f}% ({} -> {}), p={:.2g}\n", s.backend, c.run.name,
                         util::format_iso8601(c.run.time), tags, c.change * 100, show(c.before), show(c.after), c.p_value);
    }
  return out;
}

std::string render_query(const std::vector<analysis::QueryRow>& rows, const std::vector<std::string>& aggregates, Format f) {
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.query";
    j["format_version"] = k_query_format_version;
    j["aggregates"] = aggregates;
    j["rows"] = ordered_json::array();
    for (const auto& r : rows) {
      ordered_json rj = {{"backend", r.backend}, {"metric", r.series}, {"unit", r.unit}, {"period", r.period}};
      for (const auto& a : aggregates) rj[a] = r.values.at(a);
      j["rows"].push_back(rj);
    }
    return dump(j);
  }
  Table t;
  t.columns = {"backend", "metric", "period", "unit"};
  t.right_aligned = {false, false, false, false};
  for (const auto& a : aggregates) {
    t.columns.push_back(a);
    t.right_aligned.push_back(true);
  }
  for (const auto& r : rows) {
    std::vector<std::string> row{r.backend, r.series, r.period, f == Format::csv ? r.unit : display_unit(r.unit)};
    for (const auto& a : aggregates) {
      double v = r.values.at(a);
      row.push_back(f == Format::csv || a == "count" ? util::format_number(v) : display_value(v, r.unit));
    }
    t.rows.push_back(std::move(row));
  }
  if (f == Format::csv) return t.to_csv();
  if (f == Format::markdown) return t.to_markdown();
  return t.to_text();
}

std::string render_sql(const store::SqlResult& r, Format f) {
  auto text_of = [](const store::SqlValue& v) -> std::string {
    if (std::holds_alternative<std::monostate>(v)) return "";
    if (auto* i = std::get_if<long long>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return util::format_number(*d);
    return std::get<std::string>(v);
  };
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.sql";
    j["format_version"] = k_sql_format_version;
    j["columns"] = r.columns;
    j["rows"] = ordered_json::array();
    for (const auto& row : r.rows) {
      ordered_json rj = ordered_json::array();
      for (const auto& v : row) {
        if (std::holds_alternative<std::monostate>(v)) rj.push_back(nullptr);
        else if (auto* i = std::get_if<long long>(&v)) rj.push_back(*i);
        else if (auto* d = std::get_if<double>(&v)) rj.push_back(*d);
        else rj.push_back(std::get<std::string>(v));
      }
      j["rows"].push_back(rj);
    }
    return dump(j);
  }
  Table t;
  t.columns = r.columns;
  for (const auto& row : r.rows) {
    std::vector<std::string> cells;
    for (const auto& v : row) cells.push_back(text_of(v));
    t.rows.push_back(std::move(cells));
  }
  if (f == Format::csv) return t.to_csv();
  if (f == Format::markdown) return t.to_markdown();
  return t.to_text() + fmt::format("{} row(s)\n", r.rows.size());
}

}  // namespace voltperf::render
