#include "store/maintenance.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

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

DatabaseCheck check_database(const std::string& path) {
  Database db = open_for_reading(path);
  DatabaseCheck c;
  c.status = read_status(db);
  if (!c.status.integrity_ok) c.problems.push_back("integrity_check: " + c.status.integrity);
  guarded(db, "check foreign keys", [&] {
    SQLite::Statement fk(db.sql(), "PRAGMA foreign_key_check");
    int n = 0;
    while (fk.executeStep()) ++n;
    if (n > 0) c.problems.push_back(fmt::format("foreign_key_check: {} row(s) point at nothing", n));
  });
  if (c.status.schema_version != c.status.latest_version)
    c.problems.push_back(fmt::format("schema version {} (this voltperf: {})", c.status.schema_version, c.status.latest_version));
  for (const auto& m : embedded_migrations()) {
    bool recorded = false;
    for (const auto& [v, name] : c.status.migrations) recorded = recorded || v == m.version;
    if (!recorded && m.version <= c.status.schema_version)
      c.problems.push_back(fmt::format("migration {:04d} {} is not recorded in schema_migrations", m.version, m.name));
  }
  return c;
}

int backup_database(const std::string& path, const std::string& target) {
  Database db = open_for_reading(path);
  std::string tmp = target + ".tmp-" + std::to_string(::getpid());
  try {
    int pages = 0;
    {
      SQLite::Database out(tmp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(out, db.sql());
      while (backup.executeStep(256) != SQLITE_DONE) {
      }
      pages = backup.getTotalPageCount();
    }
    std::filesystem::rename(tmp, target);
    return pages;
  } catch (const std::exception& e) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw StoreError(fmt::format("database {}: backup to {} failed: {}", path, target, e.what()));
  }
}

}  // namespace voltperf::store
