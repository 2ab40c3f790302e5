// `voltperf check`: the CI regression gate. Exit codes: 0 pass, 1 regression, 4 hierarchy violation,
// 5 missing/invalid data (or inconclusive with --strict), 2 usage, 3 database.
#include <fstream>
#include <iostream>

#include "analysis/check.hpp"
#include "cli/common.hpp"
#include "cli/scope_options.hpp"
#include "render/check_render.hpp"
#include "util/fs.hpp"
#include "util/text.hpp"

namespace voltperf::cli {

namespace {

double parse_fraction(const std::string& where, std::string v) {
  bool percent = !v.empty() && v.back() == '%';
  if (percent) v.pop_back();
  double d;
  if (!util::parse_double(util::trim(v), d) || d < 0) throw CLI::ValidationError(where, "'" + v + "' is not a number");
  return percent ? d / 100 : d;
}

}  // namespace

// The config file: `key = value` lines, # comments. Documented in docs/gate.md.
void apply_check_config_file(const std::string& path, analysis::CheckConfig& cfg) {
  auto read = util::read_file(path, 1 << 20);
  if (!read.ok) throw std::invalid_argument(path + ": cannot read config (" + read.error + ")");
  int line_no = 0;
  for (const auto& raw : util::split(read.data, '\n')) {
    ++line_no;
    auto line = util::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos)
      throw std::invalid_argument(path + ":" + std::to_string(line_no) + ": not 'key = value'");
    std::string key(util::trim(line.substr(0, eq))), value(util::trim(line.substr(eq + 1)));
    std::string where = path + ":" + std::to_string(line_no);
    if (util::starts_with(key, "threshold.")) cfg.thresholds[key.substr(10)] = parse_fraction(where, value);
    else if (key == "confidence") cfg.confidence = parse_fraction(where, value);
    else if (key == "min_runs") cfg.min_runs = static_cast<int>(parse_fraction(where, value));
    else if (key == "min_pings_for_p99") cfg.min_pings_for_p99 = static_cast<int>(parse_fraction(where, value));
    else if (key == "baseline") cfg.baseline = value;
    else if (key == "match") cfg.match = util::split(value, ',');
    else if (key == "gate") cfg.gated = util::split(value, ',');
    else if (key == "report") cfg.reported = util::split(value, ',');
    else throw std::invalid_argument(where + ": unknown key '" + key + "'");
  }
  for (auto* list : {&cfg.match, &cfg.gated, &cfg.reported})
    for (auto& s : *list) s = std::string(util::trim(s));
}

void register_check(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    ScopeOptions scope;
    HierarchyOptions hierarchy;
    std::string run, baseline, config, format = "text", output, match;
    std::vector<std::string> thresholds, gate;
    bool no_hierarchy = false, allow_missing = false, strict = false, backtest = false;
    double confidence = 0;
    int min_runs = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("check", "CI gate: each backend's candidate run against a comparable, noise-aware baseline");
  cmd->footer("Exit codes: 0 pass; 1 regression (a gated metric or a sustained step not accepted); 4 hierarchy\n"
              "violation; 5 missing or invalid data (or inconclusive with --strict); 2 usage; 3 database error.\n"
              "With several, the lowest non-zero of 1, 4, 5 wins. See docs/gate.md.");
  add_as_of_options(*cmd, o->scope);
  cmd->add_option("--run", o->run, "Check this run (BACKEND/RUN) instead of the latest of each backend");
  cmd->add_option("--baseline", o->baseline, "previous | window:N | run:RUN | tag:KEY=VALUE (default window:10)");
  cmd->add_option("--config", o->config, "Gate config file (key = value; default $VOLTPERF_CONFIG)")->envname("VOLTPERF_CONFIG");
  cmd->add_option("--threshold", o->thresholds,
                  "[BACKEND:]TEST.METRIC=5% or METRIC=0.05 (repeatable; overrides the config file)");
  cmd->add_option("--gate", o->gate, "Gate this TEST.METRIC (repeatable; default the headline metrics)");
  cmd->add_option("--match", o->match, "Settings a baseline run must share (default protocol,duration,streams,blksize,"
                                       "target_bitrate,host; also kernel, iperf3)");
  cmd->add_option("--confidence", o->confidence, "One-sided confidence of the prediction interval (default 0.999)");
  cmd->add_option("--min-runs", o->min_runs, "Fewest baseline runs for a verdict (default 5)");
  cmd->add_flag("--no-hierarchy", o->no_hierarchy, "Leave the hierarchy check out");
  cmd->add_flag("--allow-missing", o->allow_missing, "Missing or failed data does not fail the gate");
  cmd->add_flag("--strict", o->strict, "Inconclusive verdicts fail the gate (exit 5)");
  cmd->add_flag("--backtest", o->backtest, "Replay the stored history run by run and list the alerts it would raise");
  add_hierarchy_options(*cmd, o->hierarchy);
  add_format_option(*cmd, o->format, "text, markdown, json or junit")
      ->check(CLI::IsMember({"text", "markdown", "json", "junit"}));
  cmd->add_option("-o,--output", o->output, "Write the output to this file (atomically) instead of stdout");
  cmd->callback([o, &global, &exit_code] {
    analysis::CheckConfig cfg;
    if (!o->config.empty()) apply_check_config_file(o->config, cfg);
    cfg.scope = o->scope.scope();
    if (!o->run.empty()) cfg.run = o->run;
    if (!o->baseline.empty()) cfg.baseline = o->baseline;
    for (const auto& t : o->thresholds) {
      auto eq = t.rfind('=');
      if (eq == std::string::npos || eq == 0) throw CLI::ValidationError("--threshold", "'" + t + "' is not KEY=VALUE");
      cfg.thresholds[t.substr(0, eq)] = parse_fraction("--threshold", t.substr(eq + 1));
    }
    if (!o->gate.empty()) cfg.gated = o->gate;
    if (!o->match.empty()) cfg.match = util::split(o->match, ',');
    if (o->confidence > 0) cfg.confidence = o->confidence;
    if (!(cfg.confidence > 0.5 && cfg.confidence < 1)) throw CLI::ValidationError("--confidence", "must lie in (0.5, 1)");
    if (o->min_runs > 0) cfg.min_runs = o->min_runs;
    cfg.hierarchy = !o->no_hierarchy;
    cfg.hierarchy_config = o->hierarchy.config();
    for (const auto& s : cfg.gated) store::parse_series(s);
    auto db = store::open_for_reading(global.db_path());
    auto fmt = render::parse_check_format(o->format);
    std::string text;
    if (o->backtest) {
      text = render::render_backtest(analysis::run_backtest(db, cfg), fmt);
      exit_code = k_exit_ok;
    } else {
      auto result = analysis::run_check(db, cfg);
      int code = k_exit_ok;
      if (result.regressed()) code = 1;
      else if (result.hierarchy_failed()) code = 4;
      else if ((result.missing() && !o->allow_missing) || (o->strict && result.inconclusive())) code = 5;
      text = render::render_check(result, fmt, code);
      exit_code = code;
    }
    if (o->output.empty()) std::cout << text;
    else util::write_file_atomic(o->output, text);
  });
}

}  // namespace voltperf::cli
