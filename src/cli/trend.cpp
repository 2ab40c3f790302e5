// `voltperf trend --metric TEST.METRIC`: one row per run with changes, and a sparkline per backend.
#include <iostream>

#include "analysis/trend.hpp"
#include "cli/common.hpp"
#include "cli/scope_options.hpp"
#include "render/trend_render.hpp"

namespace voltperf::cli {

void register_trend(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    ScopeOptions scope;
    std::string metric, format = "text", relative_to;
    int last = 0, change_window = 200;
    bool changes = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("trend", "A metric over time: value, change from the previous run and the median");
  cmd->add_option("--metric", o->metric, "TEST.METRIC, e.g. tcp-single.receiver_bps")->required();
  add_range_options(*cmd, o->scope);
  cmd->add_option("--last", o->last, "Only the last N runs of each backend");
  cmd->add_option("--relative-to", o->relative_to, "Each value relative to this backend's run of the same lab run");
  cmd->add_flag("--changes", o->changes, "Find sustained steps (change points) and name the first run of each");
  cmd->add_option("--change-window", o->change_window, "Search the last N runs for steps")->capture_default_str();
  add_format_option(*cmd, o->format, "text, markdown, json or csv")
      ->check(CLI::IsMember({"text", "table", "markdown", "json", "csv"}));
  cmd->callback([o, &global, &exit_code] {
    analysis::TrendOptions t;
    t.series = store::parse_series(o->metric);
    t.scope = o->scope.scope();
    t.last = o->last;
    t.changes = o->changes;
    t.change_window = o->change_window;
    if (!o->relative_to.empty()) t.relative_to = o->relative_to;
    auto db = store::open_for_reading(global.db_path());
    std::cout << render::render_trend(analysis::build_trend(db, t), render::parse_format(o->format));
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
