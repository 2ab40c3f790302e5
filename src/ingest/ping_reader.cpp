#include "ingest/ping_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "util/text.hpp"

namespace voltperf::ingest {

using model::TestResult;
using model::TestStatus;

std::vector<EnvEntry> parse_env(std::string_view text, std::vector<std::string>& bad_lines) {
  std::vector<EnvEntry> out;
  if (util::starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  int line_no = 0;
  for (const auto& raw : util::split(text, '\n')) {
    ++line_no;
    std::string_view line = util::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (util::starts_with(line, "export ")) line = util::trim(line.substr(7));
    auto eq = line.find('=');
    std::string_view key = eq == std::string_view::npos ? line : line.substr(0, eq);
    bool key_ok = !key.empty() && !std::isdigit(static_cast<unsigned char>(key.front()));
    for (char c : key) key_ok = key_ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (eq == std::string_view::npos || !key_ok) {
      bad_lines.push_back(fmt::format("line {}: not KEY=VALUE (\"{}\")", line_no, util::printable(line, 40)));
      continue;
    }
    std::string_view value = util::trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (auto hash = value.find(" #"); hash != std::string_view::npos) {
      value = util::trim(value.substr(0, hash));
    }
    out.push_back({std::string(key), std::string(value), line_no});
  }
  return out;
}

PingOutput parse_ping(std::string_view text) {
  PingOutput p;
  for (const auto& raw : util::split(text, '\n')) {
    std::string_view line = util::trim(raw);
    if (line.find("bytes from") != std::string_view::npos) {
      auto t = line.find("time=");
      if (t == std::string_view::npos) continue;
      auto rest = line.substr(t + 5);
      auto sp = rest.find_first_of(" m");
      double ms;
      if (!util::parse_double(rest.substr(0, sp), ms)) continue;
      if (line.find("(DUP!)") != std::string_view::npos) {
        ++p.duplicates;
        continue;
      }
      p.rtts_us.push_back(std::round(ms * 1000.0 * 1000.0) / 1000.0);
    } else if (line.find("packets transmitted") != std::string_view::npos) {
      for (const auto& part : util::split(line, ',')) {
        auto f = util::trim(part);
        auto sp = f.find(' ');
        std::string_view num = f.substr(0, sp == std::string_view::npos ? f.size() : sp);
        if (util::starts_with(num, "+")) continue;  // "+3 duplicates"
        double v;
        bool pct = !num.empty() && num.back() == '%';
        if (!util::parse_double(pct ? num.substr(0, num.size() - 1) : num, v)) continue;
        if (f.find("transmitted") != std::string_view::npos) p.transmitted = v;
        else if (f.find("received") != std::string_view::npos) p.received = v;
        else if (f.find("packet loss") != std::string_view::npos) p.loss_pct = v;
      }
    } else if (auto eq = line.find("min/avg/max"); eq != std::string_view::npos) {
      auto values = line.substr(line.find('=') == std::string_view::npos ? line.size() : line.find('=') + 1);
      values = util::trim(values);
      auto sp = values.find(' ');
      auto parts = util::split(values.substr(0, sp), '/');
      std::optional<double>* slots[] = {&p.min_ms, &p.avg_ms, &p.max_ms, &p.mdev_ms};
      for (std::size_t i = 0; i < parts.size() && i < 4; ++i) {
        double v;
        if (util::parse_double(parts[i], v)) *slots[i] = v;
      }
    }
  }
  return p;
}

std::optional<double> nearest_rank(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::nullopt;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  if (rank < 1) rank = 1;
  return sorted[std::min(rank, sorted.size()) - 1];
}

namespace {

// ping-summary.env keys voltperf understands, and the metric each one sets.
const std::map<std::string, std::string, std::less<>>& env_metrics() {
  static const std::map<std::string, std::string, std::less<>> k_map = {
      {"ICMP_P50_US", "p50_us"}, {"ICMP_P99_US", "p99_us"}, {"ICMP_AVG_US", "avg_us"},
      {"ICMP_MIN_US", "min_us"}, {"ICMP_MAX_US", "max_us"}, {"ICMP_MDEV_US", "mdev_us"},
      {"ICMP_COUNT", "count"},   {"ICMP_LOSS_PCT", "loss_pct"}, {"ICMP_LOSS", "loss_pct"},
  };
  return k_map;
}

void read_env_into(std::string_view text, TestResult& r) {
  std::vector<std::string> bad;
  for (const auto& e : parse_env(text, bad)) {
    auto it = env_metrics().find(e.key);
    if (it == env_metrics().end()) {
      r.attributes.emplace_back(e.key, e.value);
      continue;
    }
    std::string_view v = e.value;
    if (!v.empty() && v.back() == '%') v.remove_suffix(1);
    double d;
    if (!util::parse_double(v, d) || d < 0) {
      r.warnings.push_back(fmt::format("ping-summary.env line {}: {} is \"{}\", not a non-negative number; ignored",
                                       e.line, e.key, util::printable(e.value, 40)));
      continue;
    }
    if (!r.metric(it->second)) r.metrics.push_back({it->second, d, "ping-summary.env " + e.key});
  }
  for (auto& b : bad) r.warnings.push_back("ping-summary.env " + b);
}

void read_ping_into(std::string_view text, TestResult& r) {
  PingOutput p = parse_ping(text);
  if (p.rtts_us.empty() && !p.transmitted) {
    r.warnings.push_back("ping.txt holds no replies and no summary");
    return;
  }
  r.ping_rtts_us = p.rtts_us;
  std::vector<double> sorted = p.rtts_us;
  std::sort(sorted.begin(), sorted.end());
  auto add = [&](const char* name, std::optional<double> v, const char* source) {
    if (v && !r.metric(name)) r.metrics.push_back({name, *v, source});
  };
  add("replies", static_cast<double>(p.rtts_us.size()), "ping.txt replies");
  add("replies_p50_us", nearest_rank(sorted, 50), "ping.txt replies, nearest rank");
  add("replies_p99_us", nearest_rank(sorted, 99), "ping.txt replies, nearest rank");
  add("p50_us", nearest_rank(sorted, 50), "ping.txt replies, nearest rank");
  add("p99_us", nearest_rank(sorted, 99), "ping.txt replies, nearest rank");
  auto us = [](std::optional<double> ms) -> std::optional<double> {
    if (!ms) return std::nullopt;
    return *ms * 1000.0;
  };
  add("avg_us", us(p.avg_ms), "ping.txt rtt avg");
  add("min_us", us(p.min_ms), "ping.txt rtt min");
  add("max_us", us(p.max_ms), "ping.txt rtt max");
  add("mdev_us", us(p.mdev_ms), "ping.txt rtt mdev");
  add("count", p.transmitted, "ping.txt packets transmitted");
  add("loss_pct", p.loss_pct, "ping.txt packet loss");
}

}  // namespace

TestResult read_icmp(std::optional<std::string_view> env_bytes, std::optional<std::string_view> ping_bytes) {
  TestResult r;
  r.kind = "icmp";
  r.settings.protocol = "ICMP";
  std::vector<std::string> files;
  if (env_bytes) files.push_back("ping-summary.env");
  if (ping_bytes) files.push_back("ping.txt");
  r.file = files.empty() ? "ping-summary.env" : files.front();  // the file the latency comes from first
  if (!env_bytes && !ping_bytes) {
    r.status = TestStatus::missing;
    r.reason = "neither ping-summary.env nor ping.txt is in the run directory";
    return r;
  }
  if (env_bytes) read_env_into(*env_bytes, r);
  if (ping_bytes) read_ping_into(*ping_bytes, r);
  if (!r.metric("p50_us") && !r.metric("p99_us")) {
    r.status = TestStatus::invalid;
    r.reason = "no latency found (no ICMP_P50_US/ICMP_P99_US and no ping replies)";
  }
  return r;
}

}  // namespace voltperf::ingest
