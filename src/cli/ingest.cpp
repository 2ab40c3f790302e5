// `voltperf ingest PATH...`: load result trees into the database.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "ingest/ingester.hpp"
#include "render/runs_render.hpp"
#include "store/database.hpp"

namespace voltperf::cli {

void register_ingest(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    std::vector<std::string> paths;
    std::vector<std::string> tags;
    bool dry_run = false, quiet = false, strict = false;
    std::string format = "text";
  };
  auto opts = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("ingest", "Load run directories (RESULTS/<backend>/<run>/) into the database");
  cmd->footer(
      "Exit codes: 0 done (problems are printed and stored); 1 done, but --strict and some run had an error;\n"
      "2 usage error or a PATH that cannot be read; 3 database error.");
  cmd->add_option("paths", opts->paths, "Results tree, backend directory or run directory")->required();
  cmd->add_option("--tag", opts->tags, "key=value tag for the runs this ingest adds or updates (repeatable)");
  cmd->add_flag("--dry-run", opts->dry_run, "Read and report, write nothing");
  cmd->add_flag("-q,--quiet", opts->quiet, "Print errors only (no warnings, no summary)");
  cmd->add_flag("--strict", opts->strict, "Exit 1 when any run has an error (failed, invalid or missing test)");
  add_format_option(*cmd, opts->format, "text or json (summary)")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([opts, &global, &exit_code] {
    ingest::IngestOptions io;
    for (const auto& p : opts->paths) io.roots.emplace_back(p);
    for (const auto& t : opts->tags) io.tags.insert(parse_tag(t));
    io.dry_run = opts->dry_run;
    bool quiet = opts->quiet;
    io.on_problem = [quiet](const model::Problem& p) {
      if (p.severity == "error") print_error(p.file + ": " + p.message);
      else if (!quiet) print_warning(p.file + ": " + p.message);
    };
    if (::isatty(STDERR_FILENO) && !quiet) {
      io.on_progress = [](std::size_t done, std::size_t total) {
        if (total >= 200 && (done % 50 == 0 || done == total))
          std::cerr << "\ringest: " << done << "/" << total << " runs" << (done == total ? "\n" : "") << std::flush;
      };
    }
    // A dry run compares with the database without touching it; with no database yet, with an empty one.
    std::string path = global.db_path();
    if (opts->dry_run && !std::filesystem::exists(path)) path = ":memory:";
    store::Database db = opts->dry_run && path != ":memory:" ? store::open_for_reading(path)
                                                             : store::Database(path, store::Access::read_write);
    auto summary = ingest::run_ingest(db, io);
    auto fmt = render::parse_format(opts->format);
    if (!quiet || fmt == render::Format::json) std::cout << render::render_ingest_summary(summary, fmt, opts->dry_run);
    if (summary.input_error) exit_code = k_exit_usage;
    else if (opts->strict && summary.with_problems > 0) exit_code = k_exit_found;
  });
}

}  // namespace voltperf::cli
