// Triage after ingest: `exclude`, `include`, `accept`, `tag`.
#include <iostream>

#include "cli/common.hpp"
#include "store/run_reader.hpp"
#include "store/series_reader.hpp"
#include "store/triage.hpp"

namespace voltperf::cli {

void register_triage(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    std::string run, reason, metric;
    std::vector<std::string> tags;
  };
  auto o = std::make_shared<Opts>();
  auto* exclude = app.add_subcommand("exclude", "Keep a known-bad run out of every baseline and change-point search");
  exclude->add_option("run", o->run, "BACKEND/RUN")->required();
  exclude->add_option("--reason", o->reason, "Why (shown in reports)")->required();
  exclude->callback([o, &global, &exit_code] {
    store::Database db(global.db_path(), store::Access::read_write);
    auto id = store::resolve_run(db, o->run);
    store::exclude_run(db, id, o->reason);
    std::cout << "excluded " << o->run << ": " << o->reason << "\n";
    exit_code = k_exit_ok;
  });
  auto* include = app.add_subcommand("include", "Undo 'exclude'");
  include->add_option("run", o->run, "BACKEND/RUN")->required();
  include->callback([o, &global, &exit_code] {
    store::Database db(global.db_path(), store::Access::read_write);
    bool was = store::include_run(db, store::resolve_run(db, o->run));
    std::cout << (was ? "included " : "was not excluded: ") << o->run << "\n";
    exit_code = k_exit_ok;
  });
  auto* accept = app.add_subcommand("accept", "Record that a step at this run is intended: baselines start there");
  accept->add_option("run", o->run, "BACKEND/RUN")->required();
  accept->add_option("--metric", o->metric, "Only this TEST.METRIC (default: every metric of the backend)");
  accept->add_option("--reason", o->reason, "Why (a new kernel, a deliberate trade-off)")->required();
  accept->callback([o, &global, &exit_code] {
    std::optional<std::string> series;
    if (!o->metric.empty()) series = store::parse_series(o->metric).full();
    store::Database db(global.db_path(), store::Access::read_write);
    store::accept_run(db, store::resolve_run(db, o->run), series, o->reason);
    std::cout << "accepted " << o->run << (series ? " for " + *series : "") << ": " << o->reason << "\n";
    exit_code = k_exit_ok;
  });
  auto* tag = app.add_subcommand("tag", "Add or change tags of a run after ingest");
  tag->add_option("run", o->run, "BACKEND/RUN")->required();
  tag->add_option("tags", o->tags, "key=value ...")->required();
  tag->callback([o, &global, &exit_code] {
    store::Database db(global.db_path(), store::Access::read_write);
    auto id = store::resolve_run(db, o->run);
    for (const auto& t : o->tags) {
      auto [k, v] = parse_tag(t);
      store::set_tag(db, id, k, v);
    }
    std::cout << "tagged " << o->run << "\n";
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
