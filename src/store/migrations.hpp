#pragma once
// Schema migrations: the numbered files of migrations/, embedded in the binary at build time.
#include <SQLiteCpp/Database.h>

#include <string_view>
#include <vector>

namespace voltperf::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// All migrations in version order (generated from migrations/*.sql).
const std::vector<Migration>& embedded_migrations();

// The schema version this binary writes (the last migration's number).
int latest_schema_version();

// The schema version of an open database (PRAGMA user_version; 0 for a new file).
int schema_version(SQLite::Database& db);

// Applies every migration above the database's version, each in its own IMMEDIATE transaction and
// recorded in schema_migrations. Stops at `target` (default: all). Safe when several processes migrate
// at once. Throws SQLite::Exception on failure (the failing migration is rolled back).
void migrate(SQLite::Database& db, int target = -1);

}  // namespace voltperf::store
