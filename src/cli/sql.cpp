// `voltperf sql "SELECT ..."`: read-only SQL over the documented views.
#include <iostream>

#include "cli/common.hpp"
#include "render/trend_render.hpp"
#include "store/sql_console.hpp"

namespace voltperf::cli {

void register_sql(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    std::string sql, format = "table";
    double timeout = 10;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("sql", "Run one read-only SELECT over the views v_runs, v_tests, v_metrics");
  cmd->footer("Writes, ATTACH, writing PRAGMAs, load_extension and several statements are refused (exit 2).");
  cmd->add_option("query", o->sql, "The SELECT statement")->required();
  cmd->add_option("--timeout", o->timeout, "Stop a query running longer than this many seconds")->capture_default_str();
  add_format_option(*cmd, o->format, "table, markdown, json or csv")
      ->check(CLI::IsMember({"table", "text", "markdown", "json", "csv"}));
  cmd->callback([o, &global, &exit_code] {
    auto result = store::run_readonly_sql(global.db_path(), o->sql, o->timeout);
    std::cout << render::render_sql(result, render::parse_format(o->format));
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
