#include "analysis/query.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <tuple>

#include "analysis/stats.hpp"
#include "store/metric_values.hpp"
#include "util/time.hpp"

namespace voltperf::analysis {

std::vector<QueryRow> run_query(store::Database& db, const QuerySpec& spec) {
  for (const auto& a : spec.aggregates)
    if (a != "count" && a != "min" && a != "median" && a != "mean" && a != "max" && a != "p95")
      throw std::invalid_argument(fmt::format("unknown aggregate '{}' (count, min, median, mean, max, p95)", a));
  if (!spec.per.empty() && spec.per != "day" && spec.per != "week" && spec.per != "month")
    throw std::invalid_argument(fmt::format("unknown period '{}' (day, week, month)", spec.per));
  auto values = store::metric_values(db, spec.scope, spec.test, spec.metric);
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<std::string, std::vector<double>>> groups;
  for (const auto& v : values) {
    auto key = std::make_tuple(v.backend, v.series, spec.per.empty() ? std::string() : util::period_label(v.time, spec.per));
    auto& g = groups[key];
    g.first = v.unit;
    g.second.push_back(v.value);
  }
  std::vector<QueryRow> out;
  for (auto& [key, g] : groups) {
    QueryRow r{std::get<0>(key), std::get<1>(key), g.first, std::get<2>(key), {}};
    for (const auto& a : spec.aggregates) {
      const auto& v = g.second;
      if (a == "count") r.values[a] = static_cast<double>(v.size());
      else if (a == "min") r.values[a] = percentile(v, 0);
      else if (a == "max") r.values[a] = percentile(v, 100);
      else if (a == "median") r.values[a] = median(v);
      else if (a == "mean") r.values[a] = mean(v);
      else if (a == "p95") r.values[a] = percentile(v, 95);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace voltperf::analysis
