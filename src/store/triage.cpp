#include "store/triage.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <ctime>

namespace voltperf::store {

namespace {
std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }
}  // namespace

void exclude_run(Database& db, std::int64_t run_id, const std::string& reason) {
  guarded(db, "exclude a run", [&] {
    SQLite::Statement st(db.sql(), "INSERT OR REPLACE INTO run_exclusions (run_id, reason, created_at) VALUES (?, ?, ?)");
    st.bind(1, run_id);
    st.bind(2, reason);
    st.bind(3, now());
    st.exec();
  });
}

bool include_run(Database& db, std::int64_t run_id) {
  return guarded(db, "include a run", [&] {
    SQLite::Statement st(db.sql(), "DELETE FROM run_exclusions WHERE run_id = ?");
    st.bind(1, run_id);
    return st.exec() > 0;
  });
}

void accept_run(Database& db, std::int64_t run_id, const std::optional<std::string>& series, const std::string& reason) {
  guarded(db, "accept a step", [&] {
    SQLite::Statement st(db.sql(), "INSERT INTO acceptances (run_id, series, reason, created_at) VALUES (?, ?, ?, ?)");
    st.bind(1, run_id);
    if (series) st.bind(2, *series);
    else st.bind(2);
    st.bind(3, reason);
    st.bind(4, now());
    st.exec();
  });
}

void set_tag(Database& db, std::int64_t run_id, const std::string& key, const std::string& value) {
  guarded(db, "tag a run", [&] {
    SQLite::Statement st(db.sql(), "INSERT OR REPLACE INTO run_tags (run_id, key, value) VALUES (?, ?, ?)");
    st.bind(1, run_id);
    st.bind(2, key);
    st.bind(3, value);
    st.exec();
  });
}

const Acceptance* Triage::acceptance_for(const std::string& backend, const std::string& series, std::int64_t time) const {
  const Acceptance* best = nullptr;
  for (const auto& a : acceptances)
    if (a.backend == backend && a.time <= time && (!a.series || *a.series == series)) best = &a;
  return best;
}

Triage read_triage(Database& db) {
  return guarded(db, "read exclusions and acceptances", [&] {
    Triage t;
    SQLite::Statement ex(db.sql(),
                         "SELECT e.run_id, e.reason, b.name, r.name FROM run_exclusions e JOIN runs r ON r.id = e.run_id "
                         "JOIN backends b ON b.id = r.backend_id ORDER BY b.name, r.started_at");
    while (ex.executeStep()) {
      t.excluded[ex.getColumn(0).getInt64()] = ex.getColumn(1).getString();
      t.exclusions.push_back({ex.getColumn(2).getString(), ex.getColumn(3).getString(), ex.getColumn(1).getString()});
    }
    SQLite::Statement ac(db.sql(),
                         "SELECT a.run_id, b.name, r.name, r.started_at, a.series, a.reason FROM acceptances a "
                         "JOIN runs r ON r.id = a.run_id JOIN backends b ON b.id = r.backend_id "
                         "ORDER BY r.started_at, a.id");
    while (ac.executeStep()) {
      Acceptance a;
      a.run_id = ac.getColumn(0).getInt64();
      a.backend = ac.getColumn(1).getString();
      a.run = ac.getColumn(2).getString();
      a.time = ac.getColumn(3).getInt64();
      if (!ac.getColumn(4).isNull()) a.series = ac.getColumn(4).getString();
      a.reason = ac.getColumn(5).getString();
      t.acceptances.push_back(std::move(a));
    }
    return t;
  });
}

}  // namespace voltperf::store
