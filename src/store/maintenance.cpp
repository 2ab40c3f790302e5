#include "store/maintenance.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/database.hpp"
#include "store/migrations.hpp"

namespace voltperf::store {

namespace {
DatabaseStatus read_status(Database& db) {
  return guarded(db, "read status", [&] {
    DatabaseStatus s;
    s.path = db.path();
    s.schema_version = schema_version(db.sql());
    s.latest_version = latest_schema_version();
    SQLite::Statement m(db.sql(), "SELECT version, name FROM schema_migrations ORDER BY version");
    while (m.executeStep()) s.migrations.emplace_back(m.getColumn(0).getInt(), m.getColumn(1).getString());
    for (const char* table : {"backends", "runs", "tests", "metric_values", "samples", "ping_replies", "raw_files",
                              "problems"}) {
      s.counts.emplace_back(table, db.sql().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64());
    }
    SQLite::Statement ic(db.sql(), "PRAGMA integrity_check(20)");
    std::string text;
    while (ic.executeStep()) text += (text.empty() ? "" : "; ") + ic.getColumn(0).getString();
    s.integrity = text;
    s.integrity_ok = text == "ok";
    return s;
  });
}
}  // namespace

DatabaseStatus migrate_database(const std::string& path) {
  int before = 0;
  {
    // Peek at the version first so the report can say what changed.
    try {
      SQLite::Database peek(path, SQLite::OPEN_READONLY);
      before = schema_version(peek);
    } catch (const SQLite::Exception&) {
      before = 0;  // missing file: it is created below
    }
  }
  Database db(path, Access::read_write);
  DatabaseStatus s = read_status(db);
  s.migrated_from = before;
  return s;
}

DatabaseStatus database_status(const std::string& path) {
  Database db = open_for_reading(path);
  return read_status(db);
}

}  // namespace voltperf::store
