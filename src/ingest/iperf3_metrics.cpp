#include "ingest/iperf3_metrics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "model/metrics.hpp"
#include "util/text.hpp"

namespace voltperf::ingest {

using nlohmann::json;
using model::TestResult;
using model::TestStatus;

namespace {

const json k_null;

const json& at(const json& obj, const char* key) {
  if (!obj.is_object()) return k_null;
  auto it = obj.find(key);
  return it == obj.end() ? k_null : *it;
}

// Reads numbers the way iperf3 writes them, turning its known bugs into warnings instead of values.
class NumberReader {
 public:
  explicit NumberReader(TestResult& r) : m_r(r) {}

  std::optional<double> operator()(const json& obj, const char* key, std::string_view where) {
    const json& v = at(obj, key);
    if (v.is_null()) return std::nullopt;
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      warn_once(m_unsigned_warned, fmt::format("{}.{} is a negative number printed as unsigned (iperf3 3.12-3.13 "
                                               "bug #1435); left out",
                                               where, key));
      return std::nullopt;
    }
    if (v.is_number()) {
      double d = v.get<double>();
      if (!std::isfinite(d)) {
        m_r.warnings.push_back(fmt::format("{}.{} is not a finite number; left out", where, key));
        return std::nullopt;
      }
      if (d < 0) {  // no iperf3 field voltperf reads can be negative
        m_r.warnings.push_back(fmt::format("{}.{} is negative ({}); left out", where, key, d));
        return std::nullopt;
      }
      return d;
    }
    m_r.warnings.push_back(fmt::format("{}.{} is {} where a number belongs; left out", where, key, v.type_name()));
    return std::nullopt;
  }

 private:
  void warn_once(bool& flag, std::string msg) {
    if (!flag) m_r.warnings.push_back(std::move(msg));
    flag = true;
  }
  TestResult& m_r;
  bool m_unsigned_warned = false;
};

struct Sum {
  const json& obj;
  std::string where;
  bool present() const { return obj.is_object() && !obj.empty(); }
};

std::optional<double> duration_of(NumberReader& num, const Sum& s) {
  auto b = num(s.obj, "start", s.where), e = num(s.obj, "end", s.where);
  if (!b || !e || *e <= *b) return std::nullopt;
  return *e - *b;
}

void read_settings(const json& doc, TestResult& r, NumberReader& num) {
  const json& start = at(doc, "start");
  const json& ts = at(start, "test_start");
  auto& s = r.settings;
  if (at(ts, "protocol").is_string()) s.protocol = at(ts, "protocol").get<std::string>();
  auto as_int = [](std::optional<double> d) -> std::optional<std::int64_t> {
    if (!d) return std::nullopt;
    return static_cast<std::int64_t>(*d);
  };
  s.streams = as_int(num(ts, "num_streams", "start.test_start"));
  s.blksize = as_int(num(ts, "blksize", "start.test_start"));
  s.target_bitrate = as_int(num(ts, "target_bitrate", "start.test_start"));
  s.omit_s = num(ts, "omit", "start.test_start");
  s.requested_s = num(ts, "duration", "start.test_start");
  s.bytes_limit = as_int(num(ts, "bytes", "start.test_start"));
  s.reverse = num(ts, "reverse", "start.test_start").value_or(0) != 0;
  s.bidir = num(ts, "bidir", "start.test_start").value_or(0) != 0;

  const json& version = at(start, "version");
  if (version.is_string()) {
    std::string v = version.get<std::string>();
    r.iperf3_version = util::starts_with(v, "iperf ") ? v.substr(6) : v;
  }
  if (at(start, "system_info").is_string()) r.system_info = at(start, "system_info").get<std::string>();
  if (auto t = num(at(start, "timestamp"), "timesecs", "start.timestamp"); t && *t > 0)
    r.timesecs = static_cast<std::int64_t>(*t);
  if (start.contains("connecting_to")) r.side = "client";
  else if (start.contains("accepted_connection")) r.side = "server";
  if (at(doc, "title").is_string()) r.title = at(doc, "title").get<std::string>();
}

void read_samples(const json& doc, TestResult& r, NumberReader& num) {
  const json& intervals = at(doc, "intervals");
  if (!intervals.is_array()) return;
  int zero = 0, counted = 0;
  for (const auto& iv : intervals) {
    const json& sum = at(iv, "sum");
    if (!sum.is_object()) continue;
    model::IntervalSample s;
    s.start = num(sum, "start", "intervals[].sum").value_or(0);
    s.end = num(sum, "end", "intervals[].sum").value_or(0);
    s.bits_per_second = num(sum, "bits_per_second", "intervals[].sum").value_or(0);
    s.packets = num(sum, "packets", "intervals[].sum");
    s.omitted = at(sum, "omitted").is_boolean() && at(sum, "omitted").get<bool>();
    if (!s.omitted) {
      ++counted;
      if (s.bits_per_second == 0) ++zero;
    }
    r.samples.push_back(s);
  }
  if (zero > 0)
    r.warnings.push_back(fmt::format("{} of {} intervals carried no data (0 bits/s)", zero, counted));
}

class MetricSink {
 public:
  MetricSink(TestResult& r, bool server) : m_r(r), m_server(server) {}
  // Adds a metric; on the server side a 0 that belongs to the peer is unknown, not zero (#754, #1410).
  void add(std::string_view name, std::optional<double> v, std::string source, bool peer_value = false) {
    if (!v) return;
    if (m_server && peer_value && *v == 0) {
      if (!m_peer_warned)
        m_r.warnings.push_back("server-side output: the peer's numbers are 0 there and were left out");
      m_peer_warned = true;
      return;
    }
    m_r.metrics.push_back({std::string(name), *v, std::move(source)});
  }

 private:
  TestResult& m_r;
  bool m_server;
  bool m_peer_warned = false;
};

void tcp_metrics(const json& end, TestResult& r, NumberReader& num, MetricSink& out) {
  Sum sent{at(end, "sum_sent"), "end.sum_sent"}, recv{at(end, "sum_received"), "end.sum_received"};
  bool peer_sends = r.side == "server" && !r.settings.reverse;
  out.add("receiver_bps", num(recv.obj, "bits_per_second", recv.where), "end.sum_received.bits_per_second",
          !peer_sends);
  out.add("sender_bps", num(sent.obj, "bits_per_second", sent.where), "end.sum_sent.bits_per_second", peer_sends);
  out.add("retransmits", num(sent.obj, "retransmits", sent.where), "end.sum_sent.retransmits", peer_sends);
  out.add("reverse_receiver_bps",
          num(at(end, "sum_received_bidir_reverse"), "bits_per_second", "end.sum_received_bidir_reverse"),
          "end.sum_received_bidir_reverse.bits_per_second");
  out.add("reverse_sender_bps",
          num(at(end, "sum_sent_bidir_reverse"), "bits_per_second", "end.sum_sent_bidir_reverse"),
          "end.sum_sent_bidir_reverse.bits_per_second");
  r.measured_s = duration_of(num, recv.present() ? recv : sent);
  if (!r.measured_s || (r.side == "server" && !recv.present())) r.measured_s = duration_of(num, sent);
}

void udp_metrics(const json& end, TestResult& r, NumberReader& num, MetricSink& out) {
  Sum sent{at(end, "sum_sent"), "end.sum_sent"}, recv{at(end, "sum_received"), "end.sum_received"},
      sum{at(end, "sum"), "end.sum"};
  bool split = sent.present() && recv.present();  // iperf3 3.11+
  bool peer_sends = r.side == "server" && !r.settings.reverse;
  const Sum& tx = split ? sent : sum;
  const Sum& rx = split ? recv : sum;
  auto packets_sent = num(tx.obj, "packets", tx.where);
  out.add("sender_bps", num(tx.obj, "bits_per_second", tx.where), tx.where + ".bits_per_second", peer_sends);
  out.add("packets_sent", packets_sent, tx.where + ".packets", peer_sends);
  auto lost = num(rx.obj, "lost_packets", rx.where);
  out.add("packets_lost", lost, rx.where + ".lost_packets");
  out.add("lost_pct", num(rx.obj, "lost_percent", rx.where), rx.where + ".lost_percent");
  out.add("jitter_ms", num(rx.obj, "jitter_ms", rx.where), rx.where + ".jitter_ms");
  if (auto d = duration_of(num, tx); d && packets_sent && !(r.side == "server" && !split))
    out.add("pps_sent", *packets_sent / *d, "packets_sent / (" + tx.where + ".end - .start)", peer_sends);

  auto rx_packets = num(rx.obj, "packets", rx.where);
  auto rx_dur = duration_of(num, rx);
  r.measured_s = rx_dur;
  std::optional<double> delivered;
  if (rx_packets && lost) delivered = *rx_packets - *lost;
  if (delivered && rx_dur) {
    out.add("pps_delivered", *delivered / *rx_dur, "(" + rx.where + ".packets - .lost_packets) / (.end - .start)");
  }
  if (split) {
    out.add("receiver_bps", num(recv.obj, "bits_per_second", recv.where), "end.sum_received.bits_per_second",
            !peer_sends);
  } else if (delivered && rx_dur && r.settings.blksize) {
    out.add("receiver_bps", *delivered * static_cast<double>(*r.settings.blksize) * 8 / *rx_dur,
            "(end.sum.packets - end.sum.lost_packets) * blksize * 8 / (end.sum.end - end.sum.start)");
  }
  if (sum.present()) {
    out.add("sum_bps", num(sum.obj, "bits_per_second", sum.where), "end.sum.bits_per_second", peer_sends);
    out.add("sum_packets", num(sum.obj, "packets", sum.where), "end.sum.packets");
  }
}

void check_validity(TestResult& r) {
  const auto& s = r.settings;
  for (const char* name : {"receiver_bps", "sender_bps"})
    if (const auto* m = r.metric(name); m && m->value == 0)
      r.warnings.push_back(fmt::format("{} is 0 ({}): the test moved no data", name, m->source));
  if (s.requested_s && *s.requested_s > 0 && r.measured_s && *r.measured_s < 0.9 * *s.requested_s)
    r.warnings.push_back(fmt::format("measured {:.2f} s of the requested {:g} s", *r.measured_s, *s.requested_s));
  if (const auto* def = model::find_test_kind(r.kind)) {
    if (def->expected_streams > 0 && s.streams && *s.streams != def->expected_streams)
      r.warnings.push_back(fmt::format("{} streams, but the file name says {}", *s.streams, def->expected_streams));
    if (!s.protocol.empty() && s.protocol != def->protocol)
      r.warnings.push_back(fmt::format("protocol is {}, but {} is a {} test", s.protocol, r.kind, def->protocol));
  }
}

}  // namespace

void extract_test(const json& doc, TestResult& r) {
  NumberReader num(r);
  read_settings(doc, r, num);
  read_samples(doc, r, num);
  const json& error = at(doc, "error");
  if (!error.is_null()) {
    r.status = TestStatus::failed;
    r.reason = "iperf3 error: " + (error.is_string() ? error.get<std::string>() : error.dump());
    return;
  }
  const json& end = at(doc, "end");
  if (!end.is_object() || end.empty()) {
    r.status = TestStatus::invalid;
    r.reason = "no test results ('end' is missing or empty: the test did not run)";
    return;
  }
  // test_start.bidir exists from 3.13 only; the reverse-direction sums tell on every version.
  if (end.contains("sum_sent_bidir_reverse") || end.contains("sum_received_bidir_reverse")) r.settings.bidir = true;
  for (const char* key : {"sum", "sum_sent", "sum_received", "cpu_utilization_percent", "sum_sent_bidir_reverse",
                          "sum_received_bidir_reverse"})
    if (end.contains(key) && !end[key].is_object())
      r.warnings.push_back(fmt::format("end.{} is {} where an object belongs; left out", key, end[key].type_name()));
  if (r.settings.protocol.empty())
    r.settings.protocol = (end.contains("sum") && !at(at(end, "sum_sent"), "retransmits").is_number()) ? "UDP" : "TCP";
  auto cpu = at(end, "cpu_utilization_percent");
  MetricSink out(r, r.side == "server");
  if (r.settings.protocol == "UDP") udp_metrics(end, r, num, out);
  else tcp_metrics(end, r, num, out);
  out.add("cpu_host_pct", num(cpu, "host_total", "end.cpu_utilization_percent"),
          "end.cpu_utilization_percent.host_total");
  out.add("cpu_remote_pct", num(cpu, "remote_total", "end.cpu_utilization_percent"),
          "end.cpu_utilization_percent.remote_total", true);
  if (!r.metric("receiver_bps") && !r.metric("sender_bps")) {
    r.status = TestStatus::invalid;
    r.reason = "no throughput in 'end' (neither sum_sent, sum_received nor sum holds bits_per_second)";
    r.metrics.clear();
    return;
  }
  check_validity(r);
}

}  // namespace voltperf::ingest
