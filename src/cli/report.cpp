// `voltperf report`: the latest run of each backend side by side, with hierarchy verdicts; or compare.sh's
// exact output (--format legacy).
#include <ctime>
#include <iostream>

#include "analysis/report.hpp"
#include "cli/common.hpp"
#include "cli/scope_options.hpp"
#include "analysis/visual_report.hpp"
#include "render/html_render.hpp"
#include "render/legacy_render.hpp"
#include "render/report_render.hpp"
#include "util/fs.hpp"
#include "util/time.hpp"

namespace voltperf::cli {

void register_report(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    ScopeOptions scope;
    HierarchyOptions hierarchy;
    std::string format = "text", markdown_out, relative_to, output, config;
    double stale_hours = 24;
    int chart_runs = 500;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("report", "Latest run of each backend side by side, with the hierarchy verdicts");
  cmd->footer("Exit codes: 0 printed (a report never gates: see 'hierarchy' and 'check'); with --format legacy, 1 when\n"
              "there are no runs, as compare.sh; 2 usage; 3 database error.");
  add_as_of_options(*cmd, o->scope);
  add_format_option(*cmd, o->format,
                    "text, markdown, json, csv, legacy (compare.sh's exact output), or html (one self-contained page "
                    "with trend charts and the check results)")
      ->check(CLI::IsMember({"text", "table", "markdown", "json", "csv", "legacy", "html"}));
  cmd->add_option("-o,--output", o->output, "Write the report to this file (atomically) instead of stdout");
  cmd->add_option("--chart-runs", o->chart_runs, "With --format html: the last N runs of each backend in the charts")
      ->capture_default_str()
      ->check(CLI::Range(2, 1000000));
  cmd->add_option("--config", o->config, "With --format html: gate config file for the check section (as check's)")
      ->envname("VOLTPERF_CONFIG");
  cmd->add_option("--markdown-out", o->markdown_out, "With --format legacy: also write compare.sh's COMPARISON.md here");
  cmd->add_option("--relative-to", o->relative_to, "Show each value relative to this backend's run of the same lab run");
  cmd->add_option("--stale-hours", o->stale_hours, "Flag a backend whose latest run is this much older than the newest")
      ->capture_default_str();
  add_hierarchy_options(*cmd, o->hierarchy);
  cmd->callback([o, &global, &exit_code] {
    auto scope = o->scope.scope();
    auto db = store::open_for_reading(global.db_path());
    auto emit = [&](const std::string& text) {
      if (o->output.empty()) std::cout << text;
      else util::write_file_atomic(o->output, text);
    };
    if (o->format == "legacy") {
      auto legacy = analysis::build_legacy_report(db, scope);
      std::string generated = render::legacy_date_now();
      if (!o->markdown_out.empty() && !legacy.rows.empty())
        util::write_file_atomic(o->markdown_out, render::render_legacy_markdown(legacy, render::legacy_date_now()));
      emit(render::render_legacy(legacy, generated, legacy.rows.empty() ? "" : o->markdown_out));
      exit_code = legacy.rows.empty() ? k_exit_found : k_exit_ok;
      return;
    }
    analysis::ReportOptions ro;
    ro.scope = scope;
    ro.hierarchy = o->hierarchy.config();
    ro.stale_hours = o->stale_hours;
    if (!o->relative_to.empty()) ro.relative_to = o->relative_to;
    if (o->format == "html") {
      analysis::CheckConfig check;
      if (!o->config.empty()) apply_check_config_file(o->config, check);
      auto visual = analysis::build_visual_report(db, ro, check, o->chart_runs);
      emit(render::render_html(visual, util::format_iso8601(std::time(nullptr))));
    } else {
      emit(render::render_report(analysis::build_report(db, ro), render::parse_format(o->format)));
    }
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
