// `voltperf hierarchy`: check the expected backend order and ratio on the latest runs, noise-aware.
#include <iostream>

#include "analysis/hierarchy.hpp"
#include "cli/common.hpp"
#include "cli/scope_options.hpp"
#include "render/report_render.hpp"

namespace voltperf::cli {

void register_hierarchy(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    ScopeOptions scope;
    HierarchyOptions hierarchy;
    std::string format = "text";
    bool strict = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("hierarchy", "Check macvtap > vhost-net > virtio and vhost-net 2-3x virtio");
  cmd->footer("Verdicts: pass; above-range (a note); fail (order broken or ratio short by more than the noise);\n"
              "inconclusive (too little data, or within noise); missing (no ok value).\n"
              "Exit codes: 0 nothing failed; 1 a rule failed (with --strict also inconclusive or missing); 2 usage;\n"
              "3 database error.");
  add_as_of_options(*cmd, o->scope);
  add_hierarchy_options(*cmd, o->hierarchy);
  cmd->add_flag("--strict", o->strict, "Also exit 1 on inconclusive and missing verdicts");
  add_format_option(*cmd, o->format, "text, markdown, json or csv")
      ->check(CLI::IsMember({"text", "table", "markdown", "json", "csv"}));
  cmd->callback([o, &global, &exit_code] {
    auto scope = o->scope.scope();
    auto cfg = o->hierarchy.config();
    auto db = store::open_for_reading(global.db_path());
    auto result = analysis::check_hierarchy(db, scope, cfg);
    std::cout << render::render_hierarchy(result, cfg, render::parse_format(o->format));
    bool failed = result.count("fail") > 0 ||
                  (o->strict && (result.count("inconclusive") > 0 || result.count("missing") > 0));
    exit_code = failed ? k_exit_found : k_exit_ok;
  });
}

}  // namespace voltperf::cli
