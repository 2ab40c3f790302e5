#include "store/migrations.hpp"

#include <SQLiteCpp/Transaction.h>

#include <ctime>

#include "store/database.hpp"
#include <string>

namespace voltperf::store {

int latest_schema_version() { return embedded_migrations().empty() ? 0 : embedded_migrations().back().version; }

int schema_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void migrate(SQLite::Database& db, int target) {
  if (target < 0) target = latest_schema_version();
  for (const auto& m : embedded_migrations()) {
    if (m.version > target) break;
    if (m.version <= schema_version(db)) continue;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    int current = schema_version(db);
    if (m.version <= current) continue;  // another process got there first
    if (current == 0 && db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() > 0)
      throw StoreError("database " + db.getFilename() + " is an SQLite database, but not voltperf's; refusing to touch it");
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    db.exec(std::string(m.sql));
    SQLite::Statement rec(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    rec.bind(1, m.version);
    rec.bind(2, std::string(m.name));
    rec.bind(3, static_cast<std::int64_t>(std::time(nullptr)));
    rec.exec();
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
  }
}

}  // namespace voltperf::store
