#include "cli/app.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "cli/common.hpp"
#include "store/database.hpp"
#include "util/text.hpp"

namespace voltperf::cli {

std::string GlobalOptions::db_path() const { return db.empty() ? store::default_db_path() : db; }

void print_error(const std::string& message) { std::cerr << "voltperf: error: " << message << "\n"; }
void print_warning(const std::string& message) { std::cerr << "voltperf: warning: " << message << "\n"; }

CLI::Option* add_format_option(CLI::App& cmd, std::string& target, const std::string& choices_help) {
  return cmd.add_option("--format", target, "Output format: " + choices_help)->capture_default_str();
}

std::pair<std::string, std::string> parse_tag(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw CLI::ValidationError("--tag", "'" + text + "' is not key=value");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

namespace {
const char* k_footer =
    "Exit codes: 0 done; 1 found problems/regressions (see each command); 2 usage or input error;\n"
    "3 database or internal error; check also 4 hierarchy violation, 5 missing or invalid data.\n"
    "Database: --db PATH, else $VOLTPERF_DB, else ./voltperf.db. Docs: docs/cli.md";
}

int run(int argc, char** argv) {
  CLI::App app{"voltperf: history and regression gate for the Volt network benchmark", "voltperf"};
  app.footer(k_footer);
  app.require_subcommand(1);
  app.fallthrough();  // --db may follow the subcommand too
  app.set_version_flag("--version", std::string("voltperf ") + VOLTPERF_VERSION);
  GlobalOptions global;
  app.add_option("--db", global.db, "SQLite database file (default: $VOLTPERF_DB, else ./voltperf.db)")
      ->envname("VOLTPERF_DB");
  int exit_code = k_exit_ok;
  register_ingest(app, global, exit_code);
  register_runs(app, global, exit_code);
  register_show(app, global, exit_code);
  register_report(app, global, exit_code);
  register_hierarchy(app, global, exit_code);
  register_trend(app, global, exit_code);
  register_query(app, global, exit_code);
  register_sql(app, global, exit_code);
  register_check(app, global, exit_code);
  register_triage(app, global, exit_code);
  register_db(app, global, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(e.what());
    std::cerr << "Run 'voltperf --help' or 'voltperf COMMAND --help' for usage.\n";
    return k_exit_usage;
  } catch (const store::StoreError& e) {
    print_error(e.what());
    return k_exit_database;
  } catch (const std::invalid_argument& e) {
    print_error(e.what());
    return k_exit_usage;
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return k_exit_database;
  }
  return exit_code;
}

}  // namespace voltperf::cli
