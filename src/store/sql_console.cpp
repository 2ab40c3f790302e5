#include "store/sql_console.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <set>

#include "store/database.hpp"

namespace voltperf::store {

namespace {

struct Guard {
  std::string denied;  // what the authorizer refused, for the message
  std::chrono::steady_clock::time_point deadline;
  bool timed_out = false;
};

const char* action_name(int code) {
  switch (code) {
    case SQLITE_INSERT: return "INSERT";
    case SQLITE_UPDATE: return "UPDATE";
    case SQLITE_DELETE: return "DELETE";
    case SQLITE_ATTACH: return "ATTACH";
    case SQLITE_DETACH: return "DETACH";
    case SQLITE_PRAGMA: return "PRAGMA";
    case SQLITE_TRANSACTION: return "a transaction statement";
    case SQLITE_SAVEPOINT: return "SAVEPOINT";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_TABLE: return "CREATE TABLE";
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TEMP_INDEX: return "CREATE INDEX";
    case SQLITE_CREATE_VIEW: case SQLITE_CREATE_TEMP_VIEW: return "CREATE VIEW";
    case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TRIGGER";
    case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE";
    case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_TABLE: return "DROP TABLE";
    case SQLITE_DROP_INDEX: case SQLITE_DROP_TEMP_INDEX: return "DROP INDEX";
    case SQLITE_DROP_VIEW: case SQLITE_DROP_TEMP_VIEW: return "DROP VIEW";
    case SQLITE_DROP_TRIGGER: case SQLITE_DROP_TEMP_TRIGGER: return "DROP TRIGGER";
    case SQLITE_DROP_VTABLE: return "DROP VIRTUAL TABLE";
    default: return "a statement that is not a read";
  }
}

int authorize(void* user, int action, const char* a1, const char* a2, const char*, const char*) {
  auto* g = static_cast<Guard*>(user);
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION: {
      static const std::set<std::string> k_denied{"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"};
      if (a2 && k_denied.count(a2)) {
        if (g->denied.empty()) g->denied = std::string("the function ") + a2 + "()";
        return SQLITE_DENY;
      }
      return SQLITE_OK;
    }
    case SQLITE_PRAGMA: {
      static const std::set<std::string> k_schema{"table_info", "table_xinfo", "index_list", "index_info",
                                                   "index_xinfo", "foreign_key_list"};
      std::string name = a1 ? a1 : "";
      if (k_schema.count(name) || (name == "user_version" && a2 == nullptr)) return SQLITE_OK;
      if (g->denied.empty()) g->denied = "PRAGMA " + name + (a2 ? " = " + std::string(a2) : "");
      return SQLITE_DENY;
    }
    default:
      if (g->denied.empty()) g->denied = action_name(action);  // the first refusal names the statement
      return SQLITE_DENY;
  }
}

int progress(void* user) {
  auto* g = static_cast<Guard*>(user);
  if (std::chrono::steady_clock::now() > g->deadline) {
    g->timed_out = true;
    return 1;
  }
  return 0;
}

bool only_blank_or_comments(const char* tail) {
  const char* p = tail;
  while (*p) {
    if (std::isspace(static_cast<unsigned char>(*p)) || *p == ';') {
      ++p;
    } else if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n') ++p;
    } else if (p[0] == '/' && p[1] == '*') {
      const char* end = std::strstr(p + 2, "*/");
      if (!end) return true;
      p = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

SqlResult run_readonly_sql(const std::string& db_path, const std::string& sql, double timeout_seconds) {
  Database db = open_for_reading(db_path);
  sqlite3* h = db.sql().getHandle();
  Guard guard;
  guard.deadline = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(static_cast<long long>(timeout_seconds * 1000));
  sqlite3_set_authorizer(h, authorize, &guard);
  sqlite3_progress_handler(h, 1000, progress, &guard);
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_stmt* st = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(h, sql.c_str(), static_cast<int>(sql.size()), &st, &tail);
  struct Finalize {
    sqlite3_stmt*& s;
    ~Finalize() { sqlite3_finalize(s); }
  } finalize{st};
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_AUTH || !guard.denied.empty())
      throw SqlRefused(fmt::format("refused: {} is not allowed; voltperf sql only reads (SELECT over the views)",
                                   guard.denied.empty() ? "this statement" : guard.denied));
    throw SqlRefused(fmt::format("SQL error: {}", sqlite3_errmsg(h)));
  }
  if (!st) throw SqlRefused("no SQL statement given");
  if (tail && !only_blank_or_comments(tail)) throw SqlRefused("refused: one statement at a time");
  if (!sqlite3_stmt_readonly(st))
    throw SqlRefused("refused: the statement would write; voltperf sql only reads (SELECT over the views)");
  SqlResult out;
  int n = sqlite3_column_count(st);
  for (int i = 0; i < n; ++i) out.columns.emplace_back(sqlite3_column_name(st, i));
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<SqlValue> row;
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(st, i)) {
        case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
        case SQLITE_INTEGER: row.emplace_back(static_cast<long long>(sqlite3_column_int64(st, i))); break;
        case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(st, i)); break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
          row.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i))));
        }
      }
    }
    out.rows.push_back(std::move(row));
  }
  if (guard.timed_out)
    throw SqlRefused(fmt::format("query stopped after {:g} s (--timeout); narrow it or raise the limit", timeout_seconds));
  if (rc != SQLITE_DONE) throw SqlRefused(fmt::format("SQL error: {}", sqlite3_errmsg(h)));
  return out;
}

}  // namespace voltperf::store
