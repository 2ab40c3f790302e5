#include "store/metric_values.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "store/scope_sql.hpp"

namespace voltperf::store {

std::vector<MetricValueRow> metric_values(Database& db, const RunScope& scope, const std::optional<std::string>& test,
                                          const std::optional<std::string>& metric) {
  return guarded(db, "read metric values", [&] {
    std::string sql =
        "SELECT b.name, t.kind || '.' || m.name, m.unit, r.started_at, v.value FROM metric_values v "
        "JOIN metrics m ON m.id = v.metric_id JOIN tests t ON t.id = v.test_id JOIN runs r ON r.id = t.run_id "
        "JOIN backends b ON b.id = r.backend_id" + ScopeSql(scope).where;
    if (test) sql += " AND t.kind = :test";
    if (metric) sql += " AND m.name = :metric";
    sql += " ORDER BY r.started_at";
    SQLite::Statement st(db.sql(), sql);
    ScopeSql::bind(st, scope);
    if (test) st.bind(":test", *test);
    if (metric) st.bind(":metric", *metric);
    std::vector<MetricValueRow> out;
    while (st.executeStep())
      out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                     st.getColumn(3).getInt64(), st.getColumn(4).getDouble()});
    return out;
  });
}

}  // namespace voltperf::store
