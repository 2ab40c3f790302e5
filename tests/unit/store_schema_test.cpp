// schema/schema.sql is the whole current schema, for reading: it must equal what the migrations create.
// Regenerate on purpose with VOLTPERF_ACCEPT=1.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

std::string schema_text(const fs::path& db_path) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
  std::string out = "-- The whole voltperf schema at version " + std::to_string(store::latest_schema_version()) +
                    ", as the migrations in migrations/ create it.\n"
                    "-- Generated: VOLTPERF_ACCEPT=1 ctest -R SchemaFile. Do not edit; write a new migration.\n\n";
  SQLite::Statement st(db,
                       "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                       "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, name");
  while (st.executeStep()) out += st.getColumn(0).getString() + ";\n\n";
  out += "PRAGMA user_version = " + std::to_string(store::latest_schema_version()) + ";\n";
  return out;
}

TEST(SchemaFile, MatchesTheMigrations) {
  TempDir dir;
  auto db = dir / "fresh.db";
  { store::Database d(db.string(), store::Access::read_write); }
  std::string expected = schema_text(db);
  auto file = source_path("schema/schema.sql");
  if (const char* accept = std::getenv("VOLTPERF_ACCEPT"); accept && std::string(accept) == "1") write_text(file, expected);
  EXPECT_EQ(read_text(file), expected) << "schema/schema.sql is stale: VOLTPERF_ACCEPT=1 ctest -R SchemaFile";
}

}  // namespace
}  // namespace voltperf::test
