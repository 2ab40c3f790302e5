#include "render/report_render.hpp"

#include <fmt/format.h>

#include <cmath>

#include "util/text.hpp"
#include "util/time.hpp"

namespace voltperf::render {

using nlohmann::ordered_json;

std::string display_unit(const std::string& unit) {
  if (unit == "bit/s") return "Gbit/s";
  return unit;
}

std::string display_value(double v, const std::string& unit) {
  if (unit == "bit/s") return std::fabs(v) >= 1e9 || v == 0 ? fmt::format("{:.2f}", v / 1e9) : fmt::format("{:.3g}", v / 1e9);
  if (unit == "packets/s") return fmt::format("{:.0f}", v);
  if (unit == "us") return fmt::format("{:g}", v);
  return fmt::format("{:.4g}", v);
}

namespace {

std::string dump(const ordered_json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }

template <class T>
ordered_json opt(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

std::string cell_text(const analysis::ReportCell& c) {
  if (!c.value.value) return c.value.status == "ok" ? "n/a" : c.value.status;
  std::string s = display_value(*c.value.value, c.unit);
  if (c.relative) s += fmt::format(" ({:.2f}x)", *c.relative);
  return s;
}

std::string check_subject(const analysis::HierarchyCheck& c) {
  return c.rule == "ratio" ? fmt::format("{} / {}", c.a, c.b)
                           : fmt::format("{} {} {}", c.a, c.direction == "lower" ? "<" : ">", c.b);
}

Table hierarchy_table(const analysis::HierarchyResult& h) {
  Table t;
  t.columns = {"verdict", "metric", "rule", "values", "ratio", "why"};
  for (const auto& c : h.checks) {
    std::string values = c.a_value && c.b_value ? fmt::format("{} / {} {}", display_value(*c.a_value, c.unit),
                                                               display_value(*c.b_value, c.unit), display_unit(c.unit))
                                                 : "";
    t.rows.push_back({c.verdict, c.series, check_subject(c), values, c.ratio ? fmt::format("{:.2f}x", *c.ratio) : "",
                      c.reason});
  }
  return t;
}

std::string hierarchy_summary(const analysis::HierarchyResult& h) {
  return fmt::format("{} fail, {} inconclusive, {} missing, {} above range, {} pass", h.count("fail"),
                     h.count("inconclusive"), h.count("missing"), h.count("above-range"), h.count("pass"));
}

std::string scope_text(const analysis::Report& r) {
  std::string s = r.as_of ? "as of " + util::format_iso8601(*r.as_of) : "latest";
  for (const auto& [k, v] : r.tags) s += ", tag " + k + "=" + v;
  if (r.relative_to) s += ", relative to " + *r.relative_to + " in the same lab run";
  return s;
}

}  // namespace

ordered_json hierarchy_json(const analysis::HierarchyResult& h) {
  ordered_json checks = ordered_json::array();
  for (const auto& c : h.checks)
    checks.push_back({{"rule", c.rule}, {"metric", c.series}, {"direction", c.direction}, {"unit", c.unit}, {"a", c.a}, {"b", c.b},
                      {"a_run", c.a_run}, {"b_run", c.b_run}, {"a_value", opt(c.a_value)}, {"b_value", opt(c.b_value)},
                      {"ratio", opt(c.ratio)}, {"noise_log", opt(c.noise)}, {"shortfall_log", opt(c.shortfall)},
                      {"verdict", c.verdict}, {"reason", c.reason}});
  return {{"checks", checks},
          {"summary",
           {{"fail", h.count("fail")}, {"inconclusive", h.count("inconclusive")}, {"missing", h.count("missing")},
            {"above_range", h.count("above-range")}, {"pass", h.count("pass")}}}};
}

std::string render_report(const analysis::Report& r, Format f) {
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.report";
    j["format_version"] = k_report_format_version;
    j["as_of"] = r.as_of ? ordered_json(util::format_iso8601(*r.as_of)) : ordered_json(nullptr);
    j["tags"] = r.tags;
    j["relative_to"] = opt(r.relative_to);
    j["stale_hours"] = r.stale_hours;
    j["backends"] = ordered_json::array();
    for (const auto& b : r.backends) {
      ordered_json bj = {{"backend", b.run.backend}, {"run", b.run.name},
                         {"started_at", util::format_iso8601(b.run.time)}, {"tags", b.run.tags},
                         {"stale", b.stale}, {"behind_hours", b.behind_hours}, {"reference_run", opt(b.reference_run)}};
      bj["metrics"] = ordered_json::array();
      for (const auto& c : b.cells)
        bj["metrics"].push_back({{"metric", c.series}, {"label", c.label}, {"unit", c.unit}, {"direction", c.direction},
                                 {"value", opt(c.value.value)}, {"status", c.value.status},
                                 {"reason", c.value.reason}, {"relative", opt(c.relative)}});
      j["backends"].push_back(bj);
    }
    j["hierarchy"] = hierarchy_json(r.hierarchy);
    return dump(j);
  }
  if (f == Format::csv) {
    Table t;
    t.columns = {"backend", "run", "started_at", "stale", "metric", "value", "unit", "status", "relative"};
    for (const auto& b : r.backends)
      for (const auto& c : b.cells)
        t.rows.push_back({b.run.backend, b.run.name, util::format_iso8601(b.run.time), b.stale ? "true" : "false",
                          c.series, c.value.value ? util::format_number(*c.value.value) : "", c.unit, c.value.status,
                          c.relative ? util::format_number(*c.relative) : ""});
    return t.to_csv();
  }
  Table t;
  t.columns = {"backend", "run", "started_at"};
  t.right_aligned = {false, false, false};
  if (!r.backends.empty())
    for (const auto& c : r.backends.front().cells) {
      t.columns.push_back(c.label + " (" + display_unit(c.unit) + ")");
      t.right_aligned.push_back(true);
    }
  for (const auto& b : r.backends) {
    std::vector<std::string> row{b.run.backend,
                                 b.run.name + (b.stale ? fmt::format(" (stale: {:.0f} h behind)", b.behind_hours) : ""),
                                 util::format_iso8601(b.run.time)};
    for (const auto& c : b.cells) row.push_back(cell_text(c));
    t.rows.push_back(std::move(row));
  }
  Table h = hierarchy_table(r.hierarchy);
  if (f == Format::markdown) {
    return fmt::format("# Volt backend comparison\n\n{} ({} backends)\n\n{}\n## Hierarchy\n\n{}\n{}\n", scope_text(r),
                       r.backends.size(), t.to_markdown(), h.to_markdown(), hierarchy_summary(r.hierarchy));
  }
  if (r.backends.empty()) return "no runs in the database match (see 'voltperf runs')\n";
  return fmt::format("Latest run of each backend ({})\n\n{}\nHierarchy\n{}{}\n", scope_text(r), t.to_text(), h.to_text(),
                     hierarchy_summary(r.hierarchy));
}

std::string render_hierarchy(const analysis::HierarchyResult& h, const analysis::HierarchyConfig& cfg, Format f) {
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.hierarchy";
    j["format_version"] = k_hierarchy_format_version;
    j["order"] = cfg.order;
    j["ratio"] = {{"backend", cfg.ratio_backend}, {"base", cfg.ratio_base}, {"min", cfg.ratio_min}, {"max", cfg.ratio_max}};
    j["z"] = cfg.z;
    j["window"] = cfg.window;
    auto body = hierarchy_json(h);
    j["checks"] = body["checks"];
    j["summary"] = body["summary"];
    return dump(j);
  }
  Table t = hierarchy_table(h);
  if (f == Format::csv) return t.to_csv();
  std::string head;
  for (const auto& b : cfg.order) head += (head.empty() ? "" : " > ") + b;
  head += fmt::format("; {} {}-{}x {}", cfg.ratio_backend, cfg.ratio_min, cfg.ratio_max, cfg.ratio_base);
  if (f == Format::markdown) return fmt::format("## Hierarchy ({})\n\n{}\n{}\n", head, t.to_markdown(), hierarchy_summary(h));
  return fmt::format("Hierarchy: {}\n{}{}\n", head, t.to_text(), hierarchy_summary(h));
}

}  // namespace voltperf::render
