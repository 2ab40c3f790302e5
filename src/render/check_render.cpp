#include "render/check_render.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "render/report_render.hpp"
#include "render/table.hpp"
#include "util/time.hpp"

namespace voltperf::render {

using nlohmann::ordered_json;

CheckFormat parse_check_format(const std::string& name) {
  if (name == "text") return CheckFormat::text;
  if (name == "markdown") return CheckFormat::markdown;
  if (name == "json") return CheckFormat::json;
  if (name == "junit") return CheckFormat::junit;
  throw std::invalid_argument("unknown format '" + name + "'");
}

std::string xml_escape(const std::string& s) { return util::markup_escape(s); }

namespace {

template <class T>
ordered_json opt(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}
std::string pct(const std::optional<double>& v) { return v ? fmt::format("{:+.1f}%", *v * 100) : ""; }
std::string val(const std::optional<double>& v, const std::string& unit) { return v ? display_value(*v, unit) : "-"; }

std::string outcome(const analysis::CheckResult& r, int exit_code) {
  switch (exit_code) {
    case 0: return "PASS";
    case 1: return "FAIL: regression";
    case 4: return "FAIL: hierarchy violation";
    case 5: return "FAIL: missing, invalid or inconclusive data";
    default: return r.regressed() ? "FAIL" : "PASS";
  }
}

Table items_table(const analysis::CheckResult& r) {
  Table t;
  t.columns = {"verdict", "backend", "metric", "baseline", "candidate", "change", "noise", "detects", "runs", "why"};
  t.right_aligned = {false, false, false, true, true, true, true, true, true};
  for (const auto& i : r.items) {
    t.rows.push_back({i.verdict + (i.gated ? "" : " (not gated)"), i.backend, i.series,
                      val(i.stats.baseline, i.unit), val(i.candidate, i.unit), pct(i.stats.change),
                      i.stats.noise ? fmt::format("{:.1f}%", *i.stats.noise * 100) : "",
                      i.stats.detectable ? fmt::format("{:.1f}%", *i.stats.detectable * 100) : "",
                      std::to_string(i.baseline_runs.size()), i.reason});
  }
  return t;
}

ordered_json item_json(const analysis::CheckItem& i) {
  ordered_json j = {{"backend", i.backend}, {"metric", i.series}, {"unit", i.unit}, {"direction", i.direction},
                    {"gated", i.gated}, {"verdict", i.verdict}, {"reason", i.reason},
                    {"candidate_run", i.candidate_run}, {"candidate_started_at", util::format_iso8601(i.candidate_time)},
                    {"candidate_tags", i.candidate_tags}, {"candidate", opt(i.candidate)},
                    {"baseline", opt(i.stats.baseline)}, {"baseline_runs", i.baseline_runs},
                    {"change", opt(i.stats.change)}, {"threshold", i.threshold}, {"noise", opt(i.stats.noise)},
                    {"noise_limit", opt(i.stats.limit)}, {"detectable_drop", opt(i.stats.detectable)},
                    {"notes", i.notes}};
  j["step"] = nullptr;
  if (i.step)
    j["step"] = {{"run", i.step->run}, {"started_at", util::format_iso8601(i.step->time)}, {"tags", i.step->tags},
                 {"change", i.step->change}, {"p_value", i.step->p_value}, {"level_now", i.step->now}};
  return j;
}

}  // namespace

std::string render_check(const analysis::CheckResult& r, CheckFormat f, int exit_code) {
  if (f == CheckFormat::json) {
    ordered_json j;
    j["format"] = "voltperf.check";
    j["format_version"] = k_check_format_version;
    j["outcome"] = outcome(r, exit_code);
    j["exit_code"] = exit_code;
    j["as_of"] = r.as_of ? ordered_json(util::format_iso8601(*r.as_of)) : ordered_json(nullptr);
    j["baseline"] = r.baseline_mode;
    j["missing_backends"] = r.missing_backends;
    j["items"] = ordered_json::array();
    for (const auto& i : r.items) j["items"].push_back(item_json(i));
    j["hierarchy"] = r.hierarchy ? hierarchy_json(*r.hierarchy) : ordered_json(nullptr);
    j["excluded"] = ordered_json::array();
    for (const auto& e : r.triage.exclusions)
      j["excluded"].push_back({{"backend", e.backend}, {"run", e.run}, {"reason", e.reason}});
    j["accepted"] = ordered_json::array();
    for (const auto& a : r.triage.acceptances)
      j["accepted"].push_back({{"backend", a.backend}, {"run", a.run}, {"metric", opt(a.series)}, {"reason", a.reason}});
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  if (f == CheckFormat::junit) {
    int failures = 0, tests = 0;
    std::string cases;
    for (const auto& i : r.items) {
      if (!i.gated) continue;
      ++tests;
      cases += fmt::format("    <testcase classname=\"voltperf.{}\" name=\"{}\">\n", xml_escape(i.backend), xml_escape(i.series));
      bool fail = i.verdict == "regressed" || i.verdict == "missing";
      if (fail) {
        ++failures;
        cases += fmt::format("      <failure message=\"{}\" type=\"{}\">baseline {} ({} runs), candidate {} ({}), change {}, "
                             "threshold {:.0f}%, noise {}, {}</failure>\n",
                             xml_escape(i.verdict + ": " + i.reason), i.verdict, xml_escape(val(i.stats.baseline, i.unit)),
                             i.baseline_runs.size(), xml_escape(val(i.candidate, i.unit)), xml_escape(i.candidate_run),
                             pct(i.stats.change), i.threshold * 100,
                             i.stats.noise ? fmt::format("{:.1f}%", *i.stats.noise * 100) : "unknown", xml_escape(i.reason));
      } else if (i.verdict == "inconclusive") {
        cases += fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(i.reason));
      }
      cases += "    </testcase>\n";
    }
    if (r.hierarchy)
      for (const auto& c : r.hierarchy->checks) {
        ++tests;
        cases += fmt::format("    <testcase classname=\"voltperf.hierarchy\" name=\"{}\">\n",
                             xml_escape(c.series + " " + c.rule + " " + c.a + " " + c.b));
        if (c.verdict == "fail") {
          ++failures;
          cases += fmt::format("      <failure message=\"{}\" type=\"hierarchy\"/>\n", xml_escape(c.reason));
        }
        cases += "    </testcase>\n";
      }
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"voltperf check\" "
                       "tests=\"{}\" failures=\"{}\">\n{}  </testsuite>\n</testsuites>\n",
                       tests, failures, cases);
  }
  Table t = items_table(r);
  std::string head = fmt::format("voltperf check: {} ({}, baseline {})", outcome(r, exit_code),
                                 r.as_of ? "as of " + util::format_iso8601(*r.as_of) : "latest runs", r.baseline_mode);
  std::string out = f == CheckFormat::markdown ? "## " + head + "\n\n" + t.to_markdown() : head + "\n\n" + t.to_text();
  for (const auto& b : r.missing_backends) out += fmt::format("missing: backend {} has no candidate run\n", b);
  std::string notes;
  for (const auto& i : r.items) {
    if (i.step)
      notes += fmt::format("- {} {}: step at {} ({}){}: {:+.1f}%, p={:.3f}, level now {:+.1f}%\n", i.backend, i.series,
                           i.step->run, util::format_iso8601(i.step->time),
                           i.step->tags.empty() ? "" : " tags " + nlohmann::json(i.step->tags).dump(),
                           i.step->change * 100, i.step->p_value, i.step->now * 100);
    for (const auto& n : i.notes) notes += fmt::format("- {} {}: {}\n", i.backend, i.series, n);
  }
  if (!notes.empty()) out += "\nNotes\n" + notes;
  if (!r.triage.excluded.empty() || !r.triage.acceptances.empty()) {
    out += "\nTriage\n";
    for (const auto& a : r.triage.acceptances)
      out += fmt::format("- accepted {}/{}{}: {}\n", a.backend, a.run, a.series ? " (" + *a.series + ")" : "", a.reason);
    for (const auto& e : r.triage.exclusions) out += fmt::format("- excluded {}/{}: {}\n", e.backend, e.run, e.reason);
  }
  if (r.hierarchy) {
    out += "\n";
    out += render_hierarchy(*r.hierarchy, analysis::HierarchyConfig{},
                            f == CheckFormat::markdown ? Format::markdown : Format::text);
  }
  out += "\nnoise: between-run spread of the baseline; detects: the smallest drop this gate flags with this window\n";
  return out;
}

std::string render_backtest(const std::vector<analysis::BacktestAlert>& alerts, CheckFormat f) {
  if (f == CheckFormat::json) {
    ordered_json j;
    j["format"] = "voltperf.backtest";
    j["format_version"] = k_backtest_format_version;
    j["alerts"] = ordered_json::array();
    for (const auto& a : alerts)
      j["alerts"].push_back({{"backend", a.backend}, {"run", a.run}, {"started_at", util::format_iso8601(a.time)},
                             {"metric", a.series}, {"kind", a.kind}, {"change", a.change}, {"reason", a.reason}});
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  Table t;
  t.columns = {"backend", "run", "started_at", "metric", "kind", "change", "why"};
  for (const auto& a : alerts)
    t.rows.push_back({a.backend, a.run, util::format_iso8601(a.time), a.series, a.kind, fmt::format("{:+.1f}%", a.change * 100),
                      a.reason});
  std::string out = f == CheckFormat::markdown ? t.to_markdown() : t.to_text();
  return out + fmt::format("{} alert(s) over the stored history\n", alerts.size());
}

}  // namespace voltperf::render
