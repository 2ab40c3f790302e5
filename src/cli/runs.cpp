// `voltperf runs`: list stored runs.
#include <iostream>

#include "cli/common.hpp"
#include "render/runs_render.hpp"
#include "store/run_reader.hpp"
#include "util/time.hpp"

namespace voltperf::cli {

std::int64_t parse_time_option(const std::string& name, const std::string& value) {
  auto t = util::parse_iso8601(value);
  if (!t) throw CLI::ValidationError(name, "'" + value + "' is not an ISO 8601 time (e.g. 2026-10-07T02:00:00Z)");
  return *t;
}

void register_runs(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    std::string backend, since, until, format = "table";
    std::vector<std::string> tags;
    int last = 0;
  };
  auto opts = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("runs", "List stored runs (backend, run, time, status, tags)");
  cmd->add_option("--backend", opts->backend, "Only this backend");
  cmd->add_option("--since", opts->since, "Runs started at or after this time (ISO 8601, UTC unless an offset)");
  cmd->add_option("--until", opts->until, "Runs started at or before this time");
  cmd->add_option("--tag", opts->tags, "Only runs with this key=value tag (repeatable)");
  cmd->add_option("--last", opts->last, "Only the last N runs of each backend");
  add_format_option(*cmd, opts->format, "table, json or csv")->check(CLI::IsMember({"table", "text", "json", "csv"}));
  cmd->callback([opts, &global, &exit_code] {
    store::RunFilter f;
    if (!opts->backend.empty()) f.backend = opts->backend;
    if (!opts->since.empty()) f.since = parse_time_option("--since", opts->since);
    if (!opts->until.empty()) f.until = parse_time_option("--until", opts->until);
    for (const auto& t : opts->tags) f.tags.insert(parse_tag(t));
    if (opts->last > 0) f.last = opts->last;
    auto db = store::open_for_reading(global.db_path());
    std::cout << render::render_runs(store::list_runs(db, f), render::parse_format(opts->format));
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
