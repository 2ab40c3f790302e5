#pragma once
// What voltperf measures: test kinds, metric definitions (unit, direction) and the headline metrics.
#include <string_view>
#include <vector>

namespace voltperf::model {

// Which way is better for a metric.
enum class Direction { higher, lower, none };
std::string_view to_string(Direction d);

// One metric: its name within a test, unit, direction and where its value comes from.
struct MetricDef {
  std::string_view name;
  std::string_view unit;
  Direction direction;
  std::string_view applies_to;  // "tcp", "udp", "icmp"
  std::string_view source;      // exact source fields / formula, as in docs/metrics.md
};

// Every metric voltperf stores, in a stable order.
const std::vector<MetricDef>& metric_catalog();

// The definition of a metric name, or nullptr.
const MetricDef* find_metric(std::string_view name);

// A test the Volt benchmark writes into every run directory.
struct TestKindDef {
  std::string_view kind;      // "tcp-single"
  std::string_view file;      // "tcp-single.json"
  std::string_view protocol;  // "TCP", "UDP", "ICMP"
  int expected_streams;       // what the file name promises; 0 = not said
};

// The five tests of a Volt run, in report order: four iperf3 tests and the ICMP latency test.
const std::vector<TestKindDef>& expected_tests();
const TestKindDef* find_test_kind(std::string_view kind);

// A headline metric: what reports and the gate use by default. Measures what arrived.
struct HeadlineMetric {
  std::string_view test;
  std::string_view metric;
  std::string_view label;  // "TCP single"
};
const std::vector<HeadlineMetric>& headline_metrics();

}  // namespace voltperf::model
