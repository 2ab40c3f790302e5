#include "render/runs_render.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/text.hpp"
#include "util/time.hpp"

namespace voltperf::render {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

std::string tags_text(const std::map<std::string, std::string>& tags) {
  std::string out;
  for (const auto& [k, v] : tags) out += (out.empty() ? "" : ",") + k + "=" + v;
  return out;
}

ordered_json run_json(const store::RunSummary& r) {
  ordered_json j;
  j["id"] = r.id;
  j["backend"] = r.backend;
  j["run"] = r.name;
  j["started_at"] = util::format_iso8601(r.started_at);
  j["time_source"] = r.time_source;
  j["host"] = r.host;
  j["kernel"] = r.kernel;
  j["iperf3_version"] = r.iperf3_version;
  j["status"] = r.status();
  j["tests_ok"] = r.tests_ok;
  j["tests_total"] = r.tests_total;
  j["errors"] = r.errors;
  j["warnings"] = r.warnings;
  j["tags"] = r.tags;
  return j;
}

// JSON output never fails on odd bytes in names: invalid UTF-8 is replaced.
std::string dump(const ordered_json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

template <class T>
ordered_json opt(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

}  // namespace

std::string render_runs(const std::vector<store::RunSummary>& runs, Format f) {
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.runs";
    j["format_version"] = k_runs_format_version;
    j["runs"] = ordered_json::array();
    for (const auto& r : runs) j["runs"].push_back(run_json(r));
    return dump(j);
  }
  Table t;
  t.columns = {"backend", "run", "started_at", "status", "tests_ok", "host", "kernel", "tags"};
  t.right_aligned = {false, false, false, false, true};
  for (const auto& r : runs)
    t.rows.push_back({r.backend, r.name, util::format_iso8601(r.started_at), r.status(),
                      fmt::format("{}/{}", r.tests_ok, r.tests_total), r.host, r.kernel, tags_text(r.tags)});
  if (f == Format::csv) return t.to_csv();
  if (f == Format::markdown) return t.to_markdown();
  return t.to_text() + fmt::format("{} run(s)\n", runs.size());
}

std::string render_run_detail(const store::RunDetail& d, Format f) {
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.show";
    j["format_version"] = k_show_format_version;
    j["run"] = run_json(d.run);
    j["run"]["source_path"] = d.source_path;
    j["run"]["system_info"] = d.system_info;
    j["tests"] = ordered_json::array();
    for (const auto& t : d.tests) {
      ordered_json tj;
      tj["test"] = t.kind;
      tj["file"] = t.file;
      tj["status"] = t.status;
      tj["reason"] = t.reason.empty() ? ordered_json(nullptr) : ordered_json(t.reason);
      tj["settings"] = {{"protocol", t.protocol},       {"streams", opt(t.streams)},
                        {"blksize", opt(t.blksize)},    {"target_bitrate", opt(t.target_bitrate)},
                        {"omit_s", opt(t.omit_s)},      {"requested_s", opt(t.requested_s)},
                        {"bytes_limit", opt(t.bytes_limit)}, {"reverse", t.reverse}, {"bidir", t.bidir}};
      tj["measured_s"] = opt(t.measured_s);
      tj["side"] = t.side;
      tj["title"] = t.title;
      tj["iperf3_version"] = t.iperf3_version;
      tj["samples"] = t.samples;
      tj["metrics"] = ordered_json::array();
      for (const auto& m : t.metrics)
        tj["metrics"].push_back(
            {{"metric", m.name}, {"value", m.value}, {"unit", m.unit}, {"direction", m.direction}, {"source", m.source}});
      tj["attributes"] = t.attributes;
      j["tests"].push_back(tj);
    }
    j["problems"] = ordered_json::array();
    for (const auto& p : d.problems)
      j["problems"].push_back({{"file", p.file}, {"severity", p.severity}, {"message", p.message}});
    return dump(j);
  }
  Table t;
  t.columns = {"test", "status", "metric", "value", "unit", "better", "source"};
  t.right_aligned = {false, false, false, true};
  for (const auto& test : d.tests) {
    if (test.metrics.empty()) t.rows.push_back({test.kind, test.status, "", "", "", "", test.reason});
    for (const auto& m : test.metrics)
      t.rows.push_back({test.kind, test.status, m.name, util::format_number(m.value), m.unit, m.direction, m.source});
  }
  if (f == Format::csv) return t.to_csv();
  if (f == Format::markdown) return t.to_markdown();
  std::string out = fmt::format("run       {}/{} (id {})\nstarted   {} (from {})\nhost      {}  kernel {}  iperf3 {}\n"
                                "source    {}\ntags      {}\n\n",
                                cell(d.run.backend), cell(d.run.name), d.run.id, util::format_iso8601(d.run.started_at),
                                d.run.time_source, cell(d.run.host), cell(d.run.kernel), cell(d.run.iperf3_version),
                                cell(d.source_path), cell(tags_text(d.run.tags)));
  out += t.to_text();
  if (!d.problems.empty()) {
    out += "\nproblems:\n";
    for (const auto& p : d.problems) out += fmt::format("  {}: {}: {}\n", p.severity, cell(p.file), cell(p.message));
  }
  return out;
}

std::string render_ingest_summary(const ingest::IngestSummary& s, Format f, bool dry_run) {
  if (f == Format::json) {
    ordered_json j;
    j["format"] = "voltperf.ingest";
    j["format_version"] = k_ingest_format_version;
    j["dry_run"] = dry_run;
    j["added"] = s.added;
    j["updated"] = s.updated;
    j["unchanged"] = s.unchanged;
    j["with_problems"] = s.with_problems;
    j["warnings"] = s.warnings;
    j["runs"] = ordered_json::array();
    for (const auto& r : s.runs)
      j["runs"].push_back({{"backend", r.backend}, {"run", r.name}, {"action", r.action}, {"errors", r.errors},
                           {"warnings", r.warnings}});
    j["problems"] = ordered_json::array();
    for (const auto& p : s.problems)
      j["problems"].push_back({{"file", p.file}, {"severity", p.severity}, {"message", p.message}});
    j["skipped"] = s.skipped;
    return dump(j);
  }
  std::string out;
  if (!s.skipped.empty()) {
    out += fmt::format("skipped {} entr{} that {} not benchmark files:\n", s.skipped.size(),
                       s.skipped.size() == 1 ? "y" : "ies", s.skipped.size() == 1 ? "is" : "are");
    for (const auto& sk : s.skipped) out += "  " + cell(sk) + "\n";
  }
  out += fmt::format("{}{} run director{}: {} added, {} updated, {} unchanged, {} with problems ({} warnings)\n",
                     dry_run ? "dry run, nothing written: " : "", s.runs.size(), s.runs.size() == 1 ? "y" : "ies",
                     s.added, s.updated, s.unchanged, s.with_problems, s.warnings);
  return out;
}

}  // namespace voltperf::render
