#pragma once
// The one place that turns a RunScope (since, until, backend, tags) into SQL over `runs r JOIN backends b`.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <string>

#include "store/series_reader.hpp"

namespace voltperf::store {

// The WHERE clause and binds for a scope over `runs r JOIN backends b`.
struct ScopeSql {
  std::string where = " WHERE 1";
  explicit ScopeSql(const RunScope& s) {
    if (s.since) where += " AND r.started_at >= :since";
    if (s.until) where += " AND r.started_at <= :until";
    if (s.backend) where += " AND b.name = :backend";
    for (std::size_t i = 0; i < s.tags.size(); ++i)
      where += fmt::format(" AND EXISTS (SELECT 1 FROM run_tags g WHERE g.run_id = r.id AND g.key = :k{0} AND g.value = :v{0})", i);
  }
  static void bind(SQLite::Statement& st, const RunScope& s) {
    if (s.since) st.bind(":since", *s.since);
    if (s.until) st.bind(":until", *s.until);
    if (s.backend) st.bind(":backend", *s.backend);
    std::size_t i = 0;
    for (const auto& [k, v] : s.tags) {
      st.bind(fmt::format(":k{}", i), k);
      st.bind(fmt::format(":v{}", i), v);
      ++i;
    }
  }
};

}  // namespace voltperf::store
