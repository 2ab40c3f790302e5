#pragma once
// Opening the voltperf database: read-only or read-write, WAL, busy timeout, schema version checks.
#include <SQLiteCpp/Database.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace voltperf::store {

// A database failure, with the database path and what voltperf was doing. Maps to exit code 3.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Access { read_only, read_write };

// The default database path: $VOLTPERF_DB, else ./voltperf.db.
std::string default_db_path();

// An open voltperf database.
class Database {
 public:
  // read_write creates the file when missing, switches it to WAL and migrates it to the latest schema.
  // read_only never writes: the file must exist and be at exactly this binary's schema version (an older
  // one is refused with the command that migrates it). Throws StoreError with a message for the user.
  Database(std::string path, Access access);
  // A writer leaves the file in rollback-journal mode when it is the last user, so a database at rest is
  // one self-contained file that readers open without creating -wal/-shm companions.
  ~Database();
  Database(Database&&) = default;
  Database& operator=(Database&&) = default;

  SQLite::Database& sql() { return *m_db; }
  const std::string& path() const { return m_path; }
  Access access() const { return m_access; }

  // A StoreError saying what failed, where, and SQLite's reason.
  StoreError error(std::string_view purpose, const std::exception& e) const;

 private:
  std::string m_path;
  Access m_access;
  std::unique_ptr<SQLite::Database> m_db;
};

// Runs fn, retrying when SQLite reports the database busy or locked beyond the busy timeout, and wraps
// any SQLite::Exception in a StoreError naming `purpose`. The one place SQLITE_BUSY is handled.
template <class F>
auto guarded(const Database& db, std::string_view purpose, F&& fn) -> decltype(fn());

// Opens the database for a command that only reads: a clear StoreError when the file is missing.
Database open_for_reading(const std::string& path);

}  // namespace voltperf::store

#include "store/database_impl.hpp"
