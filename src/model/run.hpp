#pragma once
// A benchmark run as read from disk, before it is stored: tests, metrics, samples, problems.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/fs.hpp"

namespace voltperf::model {

enum class TestStatus { ok, failed, invalid, missing };
std::string_view to_string(TestStatus s);

struct MetricValue {
  std::string name;
  double value = 0;
  std::string source;  // the field or formula it came from
};

// One iperf3 interval sum (bits/s; packets for UDP).
struct IntervalSample {
  double start = 0;
  double end = 0;
  double bits_per_second = 0;
  std::optional<double> packets;
  bool omitted = false;
};

// The settings that decide whether two runs of a test are comparable.
struct TestSettings {
  std::string protocol;  // "TCP", "UDP", "ICMP"
  std::optional<std::int64_t> streams;
  std::optional<std::int64_t> blksize;
  std::optional<std::int64_t> target_bitrate;
  std::optional<double> omit_s;
  std::optional<double> requested_s;  // test_start.duration (0 for -n/-k tests)
  std::optional<std::int64_t> bytes_limit;
  bool reverse = false;
  bool bidir = false;
};

// One test of a run: one iperf3 file, or the ICMP test (ping-summary.env and/or ping.txt).
struct TestResult {
  std::string kind;
  std::string file;  // file(s) it was read from, relative to the run directory
  TestStatus status = TestStatus::ok;
  std::string reason;  // why failed/invalid/missing
  TestSettings settings;
  std::optional<double> measured_s;
  std::string side;  // "client", "server" or empty
  std::string title;
  std::string iperf3_version;
  std::string system_info;
  std::optional<std::int64_t> timesecs;
  std::vector<MetricValue> metrics;
  std::vector<IntervalSample> samples;
  std::vector<double> ping_rtts_us;
  std::vector<std::pair<std::string, std::string>> attributes;  // e.g. unknown env keys
  std::vector<std::string> warnings;

  const MetricValue* metric(std::string_view name) const;
};

// A file of a run directory as stored: bytes kept so metrics can be re-derived later.
struct RawFile {
  std::string name;
  util::FileStamp stamp;
  std::string content;
  std::string packed;  // content zstd-compressed, when the reader already did it (ingest's worker threads)
};

struct Problem {
  std::string file;      // path as the user gave it
  std::string severity;  // "error" or "warning"
  std::string message;
};

// Everything read from one run directory.
struct RunData {
  std::string backend;
  std::string name;
  std::string path;
  std::int64_t started_at = 0;
  std::string time_source;  // "iperf3", "dirname", "mtime"
  std::string host;
  std::string kernel;
  std::string system_info;
  std::string iperf3_version;
  std::vector<TestResult> tests;
  std::vector<RawFile> files;
  std::vector<Problem> problems;
  std::string content_hash;

  bool has_errors() const;
};

}  // namespace voltperf::model
