#include "model/metrics.hpp"

namespace voltperf::model {

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::higher: return "higher";
    case Direction::lower: return "lower";
    case Direction::none: return "none";
  }
  return "none";
}

const std::vector<MetricDef>& metric_catalog() {
  using D = Direction;
  static const std::vector<MetricDef> k_catalog = {
      // TCP
      {"receiver_bps", "bit/s", D::higher, "tcp,udp",
       "TCP: end.sum_received.bits_per_second. UDP: end.sum_received.bits_per_second (3.11+); before 3.11 "
       "(end.sum.packets - end.sum.lost_packets) * test_start.blksize * 8 / (end.sum.end - end.sum.start)"},
      {"sender_bps", "bit/s", D::higher, "tcp,udp",
       "TCP: end.sum_sent.bits_per_second. UDP: end.sum_sent.bits_per_second (3.11+), else end.sum.bits_per_second"},
      {"retransmits", "count", D::lower, "tcp", "end.sum_sent.retransmits"},
      {"cpu_host_pct", "%", D::lower, "tcp,udp", "end.cpu_utilization_percent.host_total"},
      {"cpu_remote_pct", "%", D::lower, "tcp,udp", "end.cpu_utilization_percent.remote_total"},
      {"reverse_receiver_bps", "bit/s", D::higher, "tcp,udp",
       "--bidir only: end.sum_received_bidir_reverse.bits_per_second"},
      {"reverse_sender_bps", "bit/s", D::higher, "tcp,udp",
       "--bidir only: end.sum_sent_bidir_reverse.bits_per_second"},
      // UDP
      {"packets_sent", "packets", D::higher, "udp", "end.sum_sent.packets (3.11+), else end.sum.packets"},
      {"packets_lost", "packets", D::lower, "udp",
       "end.sum_received.lost_packets (3.11+), else end.sum.lost_packets"},
      {"lost_pct", "%", D::lower, "udp", "end.sum_received.lost_percent (3.11+), else end.sum.lost_percent"},
      {"jitter_ms", "ms", D::lower, "udp", "end.sum_received.jitter_ms (3.11+), else end.sum.jitter_ms"},
      {"pps_sent", "packets/s", D::higher, "udp",
       "packets_sent / (end.sum_sent.end - end.sum_sent.start); before 3.11 end.sum.end - end.sum.start"},
      {"pps_delivered", "packets/s", D::higher, "udp",
       "(end.sum_received.packets - end.sum_received.lost_packets) / (end.sum_received.end - "
       "end.sum_received.start); before 3.11 the same over end.sum"},
      {"sum_bps", "bit/s", D::higher, "udp",
       "end.sum.bits_per_second as compare.sh reads it (the sender's rate on a client)"},
      {"sum_packets", "packets", D::higher, "udp", "end.sum.packets as compare.sh reads it"},
      // ICMP
      {"p50_us", "us", D::lower, "icmp",
       "ping-summary.env ICMP_P50_US; without it the nearest-rank median of ping.txt replies"},
      {"p99_us", "us", D::lower, "icmp",
       "ping-summary.env ICMP_P99_US; without it the nearest-rank 99th percentile of ping.txt replies"},
      {"avg_us", "us", D::lower, "icmp", "ping-summary.env ICMP_AVG_US, else ping.txt rtt avg * 1000"},
      {"min_us", "us", D::lower, "icmp", "ping-summary.env ICMP_MIN_US, else ping.txt rtt min * 1000"},
      {"max_us", "us", D::lower, "icmp", "ping-summary.env ICMP_MAX_US, else ping.txt rtt max * 1000"},
      {"mdev_us", "us", D::lower, "icmp", "ping-summary.env ICMP_MDEV_US, else ping.txt rtt mdev * 1000"},
      {"count", "packets", D::none, "icmp",
       "ping-summary.env ICMP_COUNT, else ping.txt 'N packets transmitted'"},
      {"loss_pct", "%", D::lower, "icmp",
       "ping-summary.env ICMP_LOSS_PCT (or ICMP_LOSS), else ping.txt 'X% packet loss'"},
      {"replies", "packets", D::none, "icmp", "ping.txt: number of echo replies (DUP! excluded)"},
      {"replies_p50_us", "us", D::lower, "icmp", "ping.txt: nearest-rank median of reply time= * 1000"},
      {"replies_p99_us", "us", D::lower, "icmp", "ping.txt: nearest-rank 99th percentile of reply time= * 1000"},
  };
  return k_catalog;
}

const MetricDef* find_metric(std::string_view name) {
  for (const auto& m : metric_catalog())
    if (m.name == name) return &m;
  return nullptr;
}

const std::vector<TestKindDef>& expected_tests() {
  static const std::vector<TestKindDef> k_tests = {
      {"tcp-single", "tcp-single.json", "TCP", 1},
      {"tcp-multi-8", "tcp-multi-8.json", "TCP", 8},
      {"udp-max", "udp-max.json", "UDP", 0},
      {"udp-64byte", "udp-64byte.json", "UDP", 0},
      {"icmp", "ping-summary.env", "ICMP", 0},
  };
  return k_tests;
}

const TestKindDef* find_test_kind(std::string_view kind) {
  for (const auto& t : expected_tests())
    if (t.kind == kind) return &t;
  return nullptr;
}

const std::vector<HeadlineMetric>& headline_metrics() {
  static const std::vector<HeadlineMetric> k_headline = {
      {"tcp-single", "receiver_bps", "TCP single"},
      {"tcp-multi-8", "receiver_bps", "TCP multi-8"},
      {"udp-max", "receiver_bps", "UDP max"},
      {"udp-64byte", "pps_delivered", "64-byte UDP"},
      {"icmp", "p50_us", "ICMP p50"},
      {"icmp", "p99_us", "ICMP p99"},
  };
  return k_headline;
}

}  // namespace voltperf::model
