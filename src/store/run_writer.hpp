#pragma once
// Writing runs: insert, replace and the change check ingest relies on. All of it inside the caller's
// transaction, so a run is stored whole or not at all.
#include <SQLiteCpp/Statement.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/run.hpp"
#include "store/database.hpp"

namespace voltperf::store {

using Tags = std::map<std::string, std::string>;

// What the database already holds for a run directory.
struct StoredRun {
  std::int64_t id = 0;
  std::string content_hash;
  std::vector<std::pair<std::string, util::FileStamp>> files;  // sorted by name
};

enum class StoreOutcome { added, updated, unchanged };

class RunWriter {
 public:
  // Prepares every statement once and records the metric catalog. Throws StoreError.
  explicit RunWriter(Database& db);
  ~RunWriter();

  // The stored state of backend/name, or nullopt.
  std::optional<StoredRun> find(const std::string& backend, const std::string& name);

  // Stores a run read from disk: unchanged when the content hash matches what is stored (file stamps are
  // refreshed), otherwise inserted or replaced whole (tags kept, `tags` added). Call inside a transaction.
  StoreOutcome store(const model::RunData& run, const Tags& tags);

 private:
  std::int64_t backend_id(const std::string& name);
  std::int64_t insert_run(const model::RunData& run);
  void insert_test(std::int64_t run_id, const model::TestResult& t);

  Database& m_db;
  struct Statements;
  std::unique_ptr<Statements> m_st;
  std::map<std::string, std::int64_t, std::less<>> m_metric_ids;
};

}  // namespace voltperf::store
