#pragma once
// UTC timestamps: parsing user input and run directory names, printing ISO 8601.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace voltperf::util {

// Seconds since the epoch as "2026-10-07T02:14:47Z".
std::string format_iso8601(std::int64_t epoch_seconds);

// Parses "2026-10-07", "2026-10-07T02:14:47", "2026-10-07 02:14:47Z", "...+02:00" (UTC unless an
// offset is given). Returns nullopt when the text is not such a time.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// Parses a run directory name that starts with a timestamp: "20261007-021447" (optionally followed by
// more text, e.g. "20261007-021447-rc1"), as UTC. nullopt when it does not.
std::optional<std::int64_t> parse_run_dir_time(std::string_view name);

// Days since 1970-01-01 of a civil date (proleptic Gregorian), and back.
std::int64_t days_from_civil(int y, unsigned m, unsigned d);
struct CivilDate {
  int year;
  unsigned month, day;
};
CivilDate civil_from_days(std::int64_t days);

// Calendar period of a time: "2026-10-07" (day), "2026-W41" (ISO week), "2026-10" (month).
std::string period_label(std::int64_t epoch_seconds, std::string_view per);

}  // namespace voltperf::util
