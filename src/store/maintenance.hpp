#pragma once
// Database maintenance: explicit migration and a status/integrity report.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace voltperf::store {

struct DatabaseStatus {
  std::string path;
  int schema_version = 0;
  int latest_version = 0;
  int migrated_from = -1;  // set by migrate_database
  std::vector<std::pair<int, std::string>> migrations;  // applied: version, name
  std::vector<std::pair<std::string, std::int64_t>> counts;  // table, rows
  bool integrity_ok = true;
  std::string integrity;  // "ok" or the first problems PRAGMA integrity_check found
};

// Opens (creating if needed) and migrates the database at path. Throws StoreError.
DatabaseStatus migrate_database(const std::string& path);

// Reads the status of an existing database without writing. Throws StoreError.
DatabaseStatus database_status(const std::string& path);

// Verifies an existing database without writing: PRAGMA integrity_check, PRAGMA foreign_key_check, the
// schema version and every migration recorded. `problems` is empty when all is well.
struct DatabaseCheck {
  DatabaseStatus status;
  std::vector<std::string> problems;
};
DatabaseCheck check_database(const std::string& path);

// Copies the database to `target` with SQLite's online backup API (consistent while others write), via a
// temporary file renamed into place. Returns the number of pages copied. Throws StoreError.
int backup_database(const std::string& path, const std::string& target);

}  // namespace voltperf::store
