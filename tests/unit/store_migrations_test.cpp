// A database at every earlier schema version, migrated, equals a freshly created one.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

std::string schema_of(const fs::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  std::string out = "user_version=" + db.execAndGet("PRAGMA user_version").getString() + "\n";
  SQLite::Statement st(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  while (st.executeStep())
    for (int i = 0; i < 4; ++i) out += st.getColumn(i).getString() + (i == 3 ? "\n" : "|");
  SQLite::Statement m(db, "SELECT version, name FROM schema_migrations ORDER BY version");
  while (m.executeStep()) out += "migration " + m.getColumn(0).getString() + " " + m.getColumn(1).getString() + "\n";
  return out;
}

TEST(Migrations, AreNumberedFromOneWithoutGaps) {
  int expected = 1;
  for (const auto& m : store::embedded_migrations()) EXPECT_EQ(m.version, expected++);
  EXPECT_EQ(store::latest_schema_version(), expected - 1);
}

TEST(Migrations, EveryOlderVersionMigratesToTheFreshSchema) {
  TempDir dir;
  auto fresh = dir / "fresh.db";
  { store::Database db(fresh.string(), store::Access::read_write); }
  for (int v = 0; v < store::latest_schema_version(); ++v) {
    SCOPED_TRACE("from version " + std::to_string(v));
    auto old = dir / ("v" + std::to_string(v) + ".db");
    {
      SQLite::Database raw(old.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      store::migrate(raw, v);
      EXPECT_EQ(store::schema_version(raw), v);
    }
    EXPECT_THROW(store::Database(old.string(), store::Access::read_only), store::StoreError)
        << "readers never migrate";
    { store::Database db(old.string(), store::Access::read_write); }
    EXPECT_EQ(schema_of(old), schema_of(fresh));
  }
}

TEST(Migrations, NewerDatabaseIsRefusedWithAClearMessage) {
  TempDir dir;
  auto path = dir / "newer.db";
  { store::Database db(path.string(), store::Access::read_write); }
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 999");
  }
  for (auto access : {store::Access::read_only, store::Access::read_write}) {
    try {
      store::Database db(path.string(), access);
      FAIL() << "newer database accepted";
    } catch (const store::StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("newer voltperf"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace voltperf::test

namespace voltperf::test {
namespace {
TEST(Migrations, DataWrittenAtVersionOneIsReadableThroughTheLaterViews) {
  TempDir dir;
  auto path = dir / "v1.db";
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::migrate(raw, 1);
    raw.exec("INSERT INTO backends (id, name) VALUES (1, 'virtio')");
    raw.exec("INSERT INTO runs (id, backend_id, name, started_at, time_source, source_path, content_hash, ingested_at) "
             "VALUES (1, 1, '20261001-000000', 1790812800, 'dirname', 'r/virtio/20261001-000000', 'h', 0)");
  }
  { store::Database db(path.string(), store::Access::read_write); }
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT backend || '/' || run || ' ' || started_at_iso FROM v_runs").getString(),
            "virtio/20261001-000000 2026-10-01T00:00:00Z");
}
}  // namespace
}  // namespace voltperf::test
