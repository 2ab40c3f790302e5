#pragma once
// Reads the ICMP latency test: ping-summary.env (data, never executed) and iputils ping output.
#include <optional>
#include <string_view>

#include "model/run.hpp"

namespace voltperf::ingest {

// Builds the "icmp" test from either file or both (env values win; ping.txt adds reply percentiles and
// keeps every reply as a sample). Problems go to the test's warnings, or make it invalid when neither file
// yields a latency.
model::TestResult read_icmp(std::optional<std::string_view> env_bytes, std::optional<std::string_view> ping_bytes);

// One KEY=VALUE line of an env file, as read without any shell evaluation.
struct EnvEntry {
  std::string key;
  std::string value;
  int line = 0;
};

// Parses KEY=VALUE lines: optional `export `, single or double quotes, # comments, CRLF. Lines that are
// not assignments are reported in `bad_lines` ("line 3: ...").
std::vector<EnvEntry> parse_env(std::string_view text, std::vector<std::string>& bad_lines);

// What ping printed: reply times and the summary lines.
struct PingOutput {
  std::vector<double> rtts_us;
  int duplicates = 0;
  std::optional<double> transmitted, received, loss_pct;
  std::optional<double> min_ms, avg_ms, max_ms, mdev_ms;
};
PingOutput parse_ping(std::string_view text);

// Nearest-rank percentile (p in 0..100) of sorted values; nullopt when empty.
std::optional<double> nearest_rank(const std::vector<double>& sorted, double p);

}  // namespace voltperf::ingest
