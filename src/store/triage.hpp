#pragma once
// Triage records for the gate: excluded runs, accepted steps, tags added after ingest.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace voltperf::store {

// Excludes a run from every baseline and change-point search (kept in the database). Replaces the reason
// when it was excluded already.
void exclude_run(Database& db, std::int64_t run_id, const std::string& reason);
// Undoes exclude_run; false when the run was not excluded.
bool include_run(Database& db, std::int64_t run_id);
// Records that a step at this run is intended, for one series (TEST.METRIC) or all (nullopt).
void accept_run(Database& db, std::int64_t run_id, const std::optional<std::string>& series, const std::string& reason);
// Adds or changes a tag.
void set_tag(Database& db, std::int64_t run_id, const std::string& key, const std::string& value);

struct Acceptance {
  std::int64_t run_id = 0;
  std::string backend;
  std::string run;
  std::int64_t time = 0;
  std::optional<std::string> series;
  std::string reason;
};

struct Exclusion {
  std::string backend;
  std::string run;
  std::string reason;
};

struct Triage {
  std::map<std::int64_t, std::string> excluded;  // run id -> reason
  std::vector<Exclusion> exclusions;            // the same, with names, by backend and run
  std::vector<Acceptance> acceptances;          // oldest run first
  // The latest acceptance of backend/series at or before `time`, if any.
  const Acceptance* acceptance_for(const std::string& backend, const std::string& series, std::int64_t time) const;
};

Triage read_triage(Database& db);

}  // namespace voltperf::store
