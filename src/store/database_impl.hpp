#pragma once
// Template part of store/database.hpp.
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace voltperf::store {

template <class F>
auto guarded(const Database& db, std::string_view purpose, F&& fn) -> decltype(fn()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return fn();
    } catch (const SQLite::Exception& e) {
      int code = e.getErrorCode() & 0xff;
      if ((code == SQLITE_BUSY || code == SQLITE_LOCKED) && attempt < 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + 10 * attempt));
        continue;
      }
      throw db.error(purpose, e);
    }
  }
}

}  // namespace voltperf::store
