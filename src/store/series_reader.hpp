#pragma once
// Reading metric series over time: the latest run of each backend, a backend's values of one metric,
// interval samples. The queries behind report, trend, hierarchy and query.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace voltperf::store {

using Tags = std::map<std::string, std::string>;

// "tcp-single.receiver_bps" split in two. Throws std::invalid_argument for an unknown test or metric.
struct SeriesName {
  std::string test;
  std::string metric;
  std::string full() const { return test + "." + metric; }
};
SeriesName parse_series(const std::string& text);

struct RunRef {
  std::int64_t id = 0;
  std::string backend;
  std::string name;
  std::int64_t time = 0;
  std::string source_path;
  Tags tags;
};

// Which runs are looked at: up to a time (inclusive) and/or having all these tags.
struct RunScope {
  std::optional<std::int64_t> since;
  std::optional<std::int64_t> until;
  Tags tags;
  std::optional<std::string> backend;
};

// One run by id (throws std::invalid_argument when there is none).
RunRef run_ref(Database& db, std::int64_t run_id);

// The latest run (by start time, then name) of each backend within scope, ordered by backend name.
std::vector<RunRef> latest_runs(Database& db, const RunScope& scope);

// Every run within scope, oldest first (all backends unless scope.backend).
std::vector<RunRef> runs_in_scope(Database& db, const RunScope& scope, std::size_t last = 0);

// How many runs there are within scope.
std::int64_t count_runs(Database& db, const RunScope& scope);

// One metric of one run: the value (only for an ok test), the test's status and its source field.
struct RunValue {
  std::optional<double> value;
  std::string status;  // ok, failed, invalid, missing, or "absent" when the run has no such test row
  std::string reason;
  std::string source;
};
RunValue run_value(Database& db, std::int64_t run_id, const SeriesName& s);

// A backend's values of a metric, oldest first: the last `last` runs (all when 0) within scope.
struct Point {
  RunRef run;
  RunValue value;
};
std::vector<Point> series(Database& db, const std::string& backend, const SeriesName& s, const RunScope& scope,
                          int last);

// Bits/s of a test's non-omitted intervals (packets/s for `pps` metrics), for within-run noise.
std::vector<double> interval_values(Database& db, std::int64_t run_id, const SeriesName& s);

// A test's requested duration (start.test_start.duration), if stored.
std::optional<double> requested_duration(Database& db, std::int64_t run_id, const std::string& test);

// Names of all backends, sorted.
std::vector<std::string> backend_names(Database& db);

}  // namespace voltperf::store

namespace voltperf::store {

// One run of a backend as the gate sees it: the metric's value and what decides comparability.
struct HistoryPoint {
  RunRef run;
  RunValue value;
  std::string protocol;
  std::optional<double> requested_s;
  std::optional<std::int64_t> streams, blksize, target_bitrate;
  std::string host, kernel, iperf3_version;
};

// Every run of a backend up to `until` (inclusive), oldest first, with the test's settings and value.
std::vector<HistoryPoint> history(Database& db, const std::string& backend, const SeriesName& s, std::int64_t until,
                                  std::size_t last = 0);

}  // namespace voltperf::store
