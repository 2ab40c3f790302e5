// `voltperf show RUN`: one run's tests, metrics and problems.
#include <iostream>

#include "cli/common.hpp"
#include "render/runs_render.hpp"
#include "store/run_reader.hpp"

namespace voltperf::cli {

void register_show(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    std::string run, format = "table";
  };
  auto opts = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("show", "Print one run's tests, settings, metrics and problems");
  cmd->add_option("run", opts->run, "BACKEND/RUN, a run name that only one backend has, or a run id")->required();
  add_format_option(*cmd, opts->format, "table, json or csv")->check(CLI::IsMember({"table", "text", "json", "csv"}));
  cmd->callback([opts, &global, &exit_code] {
    auto db = store::open_for_reading(global.db_path());
    auto id = store::resolve_run(db, opts->run);
    std::cout << render::render_run_detail(store::run_detail(db, id), render::parse_format(opts->format));
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
