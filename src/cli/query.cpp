// `voltperf query`: aggregate metric values with filters, per backend and period.
#include <iostream>

#include "analysis/query.hpp"
#include "cli/common.hpp"
#include "cli/scope_options.hpp"
#include "render/trend_render.hpp"
#include "util/text.hpp"

namespace voltperf::cli {

void register_query(CLI::App& app, GlobalOptions& global, int& exit_code) {
  struct Opts {
    ScopeOptions scope;
    std::string test, metric, agg = "count,min,median,mean,max", per, format = "table";
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("query", "Aggregate metric values: min, median, mean, max, p95, count per backend/period");
  add_range_options(*cmd, o->scope);
  cmd->add_option("--test", o->test, "Only this test (tcp-single, tcp-multi-8, udp-max, udp-64byte, icmp)");
  cmd->add_option("--metric", o->metric, "Only this metric: NAME (e.g. receiver_bps) or TEST.METRIC");
  cmd->add_option("--agg", o->agg, "Comma-separated aggregates: count,min,median,mean,max,p95")->capture_default_str();
  cmd->add_option("--per", o->per, "Group by period: day, week (ISO) or month")->check(CLI::IsMember({"day", "week", "month"}));
  add_format_option(*cmd, o->format, "table, markdown, json or csv")
      ->check(CLI::IsMember({"table", "text", "markdown", "json", "csv"}));
  cmd->callback([o, &global, &exit_code] {
    analysis::QuerySpec q;
    q.scope = o->scope.scope();
    if (!o->metric.empty()) {
      if (o->metric.find('.') != std::string::npos) {
        auto s = store::parse_series(o->metric);
        q.test = s.test;
        q.metric = s.metric;
      } else {
        q.metric = o->metric;
      }
    }
    if (!o->test.empty()) q.test = o->test;
    q.aggregates.clear();
    for (const auto& a : util::split(o->agg, ','))
      if (!util::trim(a).empty()) q.aggregates.emplace_back(util::trim(a));
    q.per = o->per;
    auto db = store::open_for_reading(global.db_path());
    std::cout << render::render_query(analysis::run_query(db, q), q.aggregates, render::parse_format(o->format));
    exit_code = k_exit_ok;
  });
}

}  // namespace voltperf::cli
