#pragma once
// Reading statement rows (store-internal): nullable columns, and a run's tags through one statement
// prepared once and reused for every run of a listing.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include <map>

#include "store/series_reader.hpp"

namespace voltperf::store::rows {

inline std::string text_or_empty(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

template <class T>
std::optional<T> opt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  if constexpr (std::is_same_v<T, double>) return c.getDouble();
  else return c.getInt64();
}

class TagReader {
 public:
  explicit TagReader(SQLite::Database& db) : m_st(db, "SELECT key, value FROM run_tags WHERE run_id = ? ORDER BY key") {}
  Tags of(std::int64_t run_id) {
    Tags out;
    m_st.bind(1, run_id);
    while (m_st.executeStep()) out[m_st.getColumn(0).getString()] = m_st.getColumn(1).getString();
    m_st.reset();
    return out;
  }

 private:
  SQLite::Statement m_st;
};

}  // namespace voltperf::store::rows
