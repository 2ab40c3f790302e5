#pragma once
// `voltperf sql`: one read-only SELECT over the documented views, behind an authorizer and a time limit.
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace voltperf::store {

// A statement voltperf refuses to run (a write, ATTACH, a writing PRAGMA, several statements...) or one that
// ran past the time limit. Maps to exit code 2.
class SqlRefused : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

using SqlValue = std::variant<std::monostate, long long, double, std::string>;

struct SqlResult {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
};

// Runs `sql` on the database at path, opened read-only. Only reads are authorized (SELECT, reading tables
// and views, ordinary functions, a few schema PRAGMAs); statements sqlite3_stmt_readonly() does not call
// read-only are refused; a query running longer than timeout_seconds is stopped. Throws SqlRefused or
// StoreError.
SqlResult run_readonly_sql(const std::string& db_path, const std::string& sql, double timeout_seconds);

}  // namespace voltperf::store
