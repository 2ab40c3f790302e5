// `voltperf db migrate|status|check|backup`: schema maintenance.
#include <iostream>

#include "cli/common.hpp"
#include "render/db_render.hpp"
#include "store/maintenance.hpp"

namespace voltperf::cli {

void register_db(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* db_cmd = app.add_subcommand("db", "Database maintenance");
  db_cmd->require_subcommand(1);
  auto format = std::make_shared<std::string>("text");
  auto* migrate = db_cmd->add_subcommand("migrate", "Create the database or upgrade it to this voltperf's schema");
  migrate->callback([&global, &exit_code] {
    auto status = store::migrate_database(global.db_path());
    std::cout << render::render_db_status(status, render::Format::text);
    exit_code = k_exit_ok;
  });
  auto* status = db_cmd->add_subcommand("status", "Print the schema version, migrations applied and row counts");
  add_format_option(*status, *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  status->callback([format, &global, &exit_code] {
    auto st = store::database_status(global.db_path());
    std::cout << render::render_db_status(st, render::parse_format(*format));
    exit_code = st.integrity_ok ? k_exit_ok : k_exit_database;
  });
  auto* check = db_cmd->add_subcommand("check", "Verify integrity, foreign keys and schema; exit 3 on any problem");
  check->callback([&global, &exit_code] {
    auto c = store::check_database(global.db_path());
    std::cout << render::render_db_status(c.status, render::Format::text);
    for (const auto& p : c.problems) std::cout << "problem         " << p << "\n";
    std::cout << (c.problems.empty() ? "ok\n" : "database has problems\n");
    exit_code = c.problems.empty() ? k_exit_ok : k_exit_database;
  });
  auto target = std::make_shared<std::string>();
  auto* backup = db_cmd->add_subcommand("backup", "Copy the database consistently while others may write (SQLite backup API)");
  backup->add_option("path", *target, "Where to write the copy (replaced atomically)")->required();
  backup->callback([target, &global, &exit_code] {
    int pages = store::backup_database(global.db_path(), *target);
    std::cout << "backed up " << global.db_path() << " to " << *target << " (" << pages << " pages)\n";
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
