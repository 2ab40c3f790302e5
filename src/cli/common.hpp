#pragma once
// What every subcommand shares: global options, exit codes, error printing.
#include <CLI/CLI.hpp>

#include <string>

namespace voltperf::analysis {
struct CheckConfig;
}

namespace voltperf::cli {

// The one mapping of outcomes to exit codes (documented in docs/cli.md and --help).
enum ExitCode : int {
  k_exit_ok = 0,         // done; nothing found
  k_exit_found = 1,      // the command found what it looks for (ingest --strict: runs with problems)
  k_exit_usage = 2,      // bad command line or unusable input path
  k_exit_database = 3,   // database or internal error
};

struct GlobalOptions {
  std::string db;  // empty: default_db_path()
  std::string db_path() const;
};

// Each register_* adds one subcommand; its callback stores the exit code in `exit_code`.

void register_ingest(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_runs(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_show(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_db(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_report(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_hierarchy(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_trend(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_query(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_sql(CLI::App& app, GlobalOptions& global, int& exit_code);
void register_check(CLI::App& app, GlobalOptions& global, int& exit_code);
// Reads a gate config file (`key = value`, docs/gate.md) into cfg; shared by check and report --format html.
void apply_check_config_file(const std::string& path, analysis::CheckConfig& cfg);
void register_triage(CLI::App& app, GlobalOptions& global, int& exit_code);

// Adds --format with the given choices and default.
CLI::Option* add_format_option(CLI::App& cmd, std::string& target, const std::string& choices_help);

// Prints "voltperf: error: MESSAGE" to stderr.
void print_error(const std::string& message);
void print_warning(const std::string& message);

// Parses an ISO 8601 time option (UTC unless an offset is given). Throws CLI::ValidationError.
std::int64_t parse_time_option(const std::string& name, const std::string& value);

// Parses "key=value" (tags). Throws CLI::ValidationError on a bad form.
std::pair<std::string, std::string> parse_tag(const std::string& text);

}  // namespace voltperf::cli
