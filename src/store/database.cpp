#include "store/database.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "store/migrations.hpp"

namespace voltperf::store {

std::string default_db_path() {
  const char* env = std::getenv("VOLTPERF_DB");
  return env && *env ? env : "voltperf.db";
}

StoreError Database::error(std::string_view purpose, const std::exception& e) const {
  return StoreError(fmt::format("database {}: {}: {}", m_path, purpose, e.what()));
}

namespace {
constexpr int k_busy_timeout_ms = 60'000;

// Before SQLite's first use: no global memory statistics (a process-wide mutex on every allocation).
// Each connection is used by one thread only, so connections are opened without their own mutex.
const bool k_configured = [] {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return true;
}();
}  // namespace

Database::Database(std::string path, Access access) : m_path(std::move(path)), m_access(access) {
  try {
    int flags = access == Access::read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
    m_db = std::make_unique<SQLite::Database>(m_path, flags | SQLite::OPEN_NOFOLLOW | SQLite::OPEN_NOMUTEX,
                                              k_busy_timeout_ms);
    m_db->exec("PRAGMA foreign_keys = ON");
    // Reading the version is the first real access: a file that is not SQLite fails here.
    int version = schema_version(*m_db);
    int latest = latest_schema_version();
    if (version > latest)
      throw StoreError(fmt::format(
          "database {} has schema version {}, written by a newer voltperf; this voltperf knows up to "
          "version {}. Use a newer voltperf.",
          m_path, version, latest));
    if (access == Access::read_only) {
      if (version == 0) {
        if (m_db->execAndGet("SELECT count(*) FROM sqlite_master").getInt() == 0)
          throw StoreError(fmt::format(
              "database {} is empty: no voltperf schema yet (was the first ingest stopped before it committed?). "
              "Run 'voltperf ingest RESULTS --db {}' (or 'voltperf db migrate --db {}').",
              m_path, m_path, m_path));
        throw StoreError(fmt::format("database {} is not a voltperf database (no voltperf schema)", m_path));
      }
      if (version < latest)
        throw StoreError(fmt::format(
            "database {} has schema version {}, older than this voltperf's {}; commands that only read "
            "never migrate. Run 'voltperf db migrate --db {}' (or any 'voltperf ingest') to upgrade it.",
            m_path, version, latest, m_path));
      // One read transaction for the whole command: one consistent snapshot, and one lock instead of a
      // lock, a hot-journal check and an unlock per statement (which was most of `check`'s time).
      m_db->exec("BEGIN");
      return;
    }
    guarded(*this, "enable write-ahead logging", [&] { m_db->exec("PRAGMA journal_mode = WAL"); });
    m_db->exec("PRAGMA synchronous = NORMAL");  // with WAL: durable across process kills, consistent always
    guarded(*this, "migrate the schema", [&] { migrate(*m_db); });
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_READONLY_ROLLBACK)
      throw StoreError(fmt::format(
          "database {} was left in the middle of a write by a process that was killed (its -journal file is "
          "next to it); commands that only read cannot roll that back. Run 'voltperf db migrate --db {}' (or "
          "any ingest) once: it rolls the unfinished write back, losing nothing that was committed.",
          m_path, m_path));
    throw error(access == Access::read_only ? "cannot open for reading" : "cannot open for writing", e);
  }
}

Database::~Database() {
  if (!m_db || m_access != Access::read_write || m_path == ":memory:") return;
  try {
    m_db->setBusyTimeout(0);  // another process still writing or reading: leave WAL on, it finishes the job
    m_db->exec("PRAGMA journal_mode = DELETE");
  } catch (const std::exception&) {
  }
}

Database open_for_reading(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw StoreError(fmt::format("no database at {} (run 'voltperf ingest RESULTS' first, or pass --db PATH / set "
                                 "VOLTPERF_DB)",
                                 path));
  return Database(path, Access::read_only);
}

}  // namespace voltperf::store
