#include "store/metric_values.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace voltperf::store {

std::vector<MetricValueRow> metric_values(Database& db, const RunScope& scope, const std::optional<std::string>& test,
                                          const std::optional<std::string>& metric) {
  return guarded(db, "read metric values", [&] {
    std::string sql =
        "SELECT b.name, t.kind || '.' || m.name, m.unit, r.started_at, v.value FROM metric_values v "
        "JOIN metrics m ON m.id = v.metric_id JOIN tests t ON t.id = v.test_id JOIN runs r ON r.id = t.run_id "
        "JOIN backends b ON b.id = r.backend_id WHERE 1";
    if (scope.since) sql += " AND r.started_at >= :since";
    if (scope.until) sql += " AND r.started_at <= :until";
    if (scope.backend) sql += " AND b.name = :backend";
    if (test) sql += " AND t.kind = :test";
    if (metric) sql += " AND m.name = :metric";
    for (std::size_t i = 0; i < scope.tags.size(); ++i)
      sql += fmt::format(" AND EXISTS (SELECT 1 FROM run_tags g WHERE g.run_id = r.id AND g.key = :k{0} AND g.value = :v{0})", i);
    sql += " ORDER BY r.started_at";
    SQLite::Statement st(db.sql(), sql);
    if (scope.since) st.bind(":since", *scope.since);
    if (scope.until) st.bind(":until", *scope.until);
    if (scope.backend) st.bind(":backend", *scope.backend);
    if (test) st.bind(":test", *test);
    if (metric) st.bind(":metric", *metric);
    std::size_t i = 0;
    for (const auto& [k, v] : scope.tags) {
      st.bind(fmt::format(":k{}", i), k);
      st.bind(fmt::format(":v{}", i), v);
      ++i;
    }
    std::vector<MetricValueRow> out;
    while (st.executeStep())
      out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                     st.getColumn(3).getInt64(), st.getColumn(4).getDouble()});
    return out;
  });
}

}  // namespace voltperf::store
