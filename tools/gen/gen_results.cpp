// voltperf-gen: writes a synthetic Volt results tree shaped like real iperf3 3.12 output, for tests and
// benchmarks. Usage: voltperf-gen OUT [--runs N] [--backends a,b,c] [--duration S] [--seed N]
//   [--start 2026-01-01T02:00:00] [--every-hours H] [--regress BACKEND:RUN:FACTOR] [--broken N] [--cv F]
// The layout is OUT/<backend>/<YYYYmmdd-HHMMSS>/{tcp-single,tcp-multi-8,udp-max,udp-64byte}.json,
// ping-summary.env, ping.txt. Throughput follows a per-backend base (virtio 1, vhost-net 2.5, macvtap 4
// times 2 Gbit/s) with run-to-run noise of --cv (coefficient of variation) and interval noise.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

struct Options {
  fs::path out;
  int runs = 12;
  std::vector<std::string> backends{"virtio", "vhost-net", "macvtap"};
  double duration = 30;
  unsigned seed = 1;
  std::int64_t start = 1767232800;  // 2026-01-01T02:00:00Z
  double every_hours = 24;
  std::string regress_backend;
  int regress_from = -1;
  double regress_factor = 1;
  int broken = 0;
  double cv = 0.03;
};

double base_factor(const std::string& backend) {
  if (backend == "virtio") return 1.0;
  if (backend == "vhost-net") return 2.5;
  if (backend == "macvtap") return 4.0;
  return 1.5;
}

std::string stamp_name(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

std::string http_date(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

class Generator {
 public:
  explicit Generator(const Options& o) : m_o(o), m_rng(o.seed) {}

  ordered_json iperf3(bool udp, int streams, int blksize, double rate_bps, std::int64_t t) {
    std::normal_distribution<double> within(1.0, 0.04);
    ordered_json start;
    start["connected"] = ordered_json::array();
    for (int s = 0; s < streams; ++s)
      start["connected"].push_back({{"socket", 5 + s}, {"local_host", "10.79.0.1"}, {"local_port", 40000 + s},
                                    {"remote_host", "10.79.0.2"}, {"remote_port", 5201}});
    start["version"] = "iperf 3.12";
    start["system_info"] = "Linux vm 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 x86_64";
    start["timestamp"] = {{"time", http_date(t)}, {"timesecs", t}};
    start["connecting_to"] = {{"host", "10.79.0.2"}, {"port", 5201}};
    start["cookie"] = "synthetic0voltperf0gen000000000000000";
    if (!udp) start["tcp_mss_default"] = 1448;
    start["sock_bufsize"] = 0;
    start["sndbuf_actual"] = 212992;
    start["rcvbuf_actual"] = 131072;
    start["test_start"] = {{"protocol", udp ? "UDP" : "TCP"}, {"num_streams", streams}, {"blksize", blksize},
                           {"omit", 0}, {"duration", m_o.duration}, {"bytes", 0}, {"blocks", 0}, {"reverse", 0},
                           {"tos", 0}, {"target_bitrate", 0}};
    ordered_json intervals = ordered_json::array();
    int n = static_cast<int>(m_o.duration);
    double total_bytes = 0, total_packets = 0;
    for (int i = 0; i < n; ++i) {
      double sum_bits = 0, sum_bytes = 0, sum_packets = 0;
      ordered_json st = ordered_json::array();
      for (int s = 0; s < streams; ++s) {
        double bps = std::max(0.0, rate_bps / streams * within(m_rng));
        double bytes = std::floor(bps / 8);
        ordered_json one = {{"socket", 5 + s}, {"start", i}, {"end", i + 1}, {"seconds", 1.0}, {"bytes", bytes},
                            {"bits_per_second", bytes * 8}};
        if (udp) {
          double pk = std::floor(bytes / blksize);
          one["packets"] = pk;
          sum_packets += pk;
        } else {
          one["retransmits"] = 0;
          one["snd_cwnd"] = 1048576;
          one["rtt"] = 120;
        }
        one["omitted"] = false;
        one["sender"] = true;
        st.push_back(one);
        sum_bits += bytes * 8;
        sum_bytes += bytes;
      }
      ordered_json sum = {{"start", i}, {"end", i + 1}, {"seconds", 1.0}, {"bytes", sum_bytes}, {"bits_per_second", sum_bits}};
      if (udp) sum["packets"] = sum_packets;
      else sum["retransmits"] = 0;
      sum["omitted"] = false;
      sum["sender"] = true;
      intervals.push_back({{"streams", st}, {"sum", sum}});
      total_bytes += sum_bytes;
      total_packets += sum_packets;
    }
    double secs = m_o.duration + 0.000731;
    ordered_json end;
    end["streams"] = ordered_json::array();
    if (udp) {
      std::uniform_real_distribution<double> loss(0.0, 0.02);
      double lost = std::floor(total_packets * loss(m_rng));
      double lost_pct = total_packets > 0 ? lost * 100 / total_packets : 0;
      ordered_json sent = {{"start", 0}, {"end", secs}, {"seconds", secs}, {"bytes", total_bytes},
                           {"bits_per_second", total_bytes * 8 / secs}, {"jitter_ms", 0}, {"lost_packets", 0},
                           {"packets", total_packets}, {"lost_percent", 0}, {"sender", true}};
      double rx_bytes = (total_packets - lost) * blksize;
      ordered_json recv = {{"start", 0}, {"end", secs + 0.0002}, {"seconds", secs + 0.0002}, {"bytes", rx_bytes},
                           {"bits_per_second", rx_bytes * 8 / (secs + 0.0002)}, {"jitter_ms", 0.004},
                           {"lost_packets", lost}, {"packets", total_packets}, {"lost_percent", lost_pct},
                           {"sender", false}};
      ordered_json sum = sent;
      sum["jitter_ms"] = recv["jitter_ms"];
      sum["lost_packets"] = lost;
      sum["lost_percent"] = lost_pct;
      end["sum"] = sum;
      end["sum_sent"] = sent;
      end["sum_received"] = recv;
    } else {
      ordered_json sent = {{"start", 0}, {"end", secs}, {"seconds", secs}, {"bytes", total_bytes},
                           {"bits_per_second", total_bytes * 8 / secs}, {"retransmits", 17}, {"sender", true}};
      double rx = total_bytes - 131072.0 * streams;
      ordered_json recv = {{"start", 0}, {"end", secs + 0.0004}, {"seconds", secs + 0.0004}, {"bytes", rx},
                           {"bits_per_second", rx * 8 / (secs + 0.0004)}, {"sender", true}};
      end["sum_sent"] = sent;
      end["sum_received"] = recv;
    }
    end["cpu_utilization_percent"] = {{"host_total", 41.5}, {"host_user", 1.2}, {"host_system", 40.3},
                                      {"remote_total", 35.1}, {"remote_user", 0.9}, {"remote_system", 34.2}};
    if (!udp) {
      end["sender_tcp_congestion"] = "cubic";
      end["receiver_tcp_congestion"] = "cubic";
    }
    return {{"start", start}, {"intervals", intervals}, {"end", end}};
  }

  void write_run(const std::string& backend, int index, std::int64_t t) {
    fs::path dir = m_o.out / backend / stamp_name(t);
    fs::create_directories(dir);
    std::normal_distribution<double> between(1.0, m_o.cv);
    double factor = base_factor(backend);
    if (backend == m_o.regress_backend && m_o.regress_from >= 0 && index >= m_o.regress_from) factor *= m_o.regress_factor;
    double base = 2e9 * factor;
    write(dir / "tcp-single.json", iperf3(false, 1, 131072, base * between(m_rng), t));
    write(dir / "tcp-multi-8.json", iperf3(false, 8, 131072, base * 1.6 * between(m_rng), t));
    write(dir / "udp-max.json", iperf3(true, 1, 1448, base * 0.6 * between(m_rng), t));
    write(dir / "udp-64byte.json", iperf3(true, 1, 64, base * 0.02 * between(m_rng), t));
    write_ping(dir, factor, t);
  }

  void write_ping(const fs::path& dir, double factor, std::int64_t) {
    std::lognormal_distribution<double> rtt(std::log(60.0 / factor), 0.3);
    std::vector<double> us;
    std::string txt = "PING 10.79.0.2 (10.79.0.2) 56(84) bytes of data.\n";
    for (int i = 1; i <= 300; ++i) {
      double v = std::round(rtt(m_rng));
      us.push_back(v);
      txt += fmt::format("64 bytes from 10.79.0.2: icmp_seq={} ttl=64 time={:.3f} ms\n", i, v / 1000);
    }
    std::vector<double> sorted = us;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double v : us) sum += v;
    txt += fmt::format("\n--- 10.79.0.2 ping statistics ---\n300 packets transmitted, 300 received, 0% packet loss, "
                       "time 3882ms\nrtt min/avg/max/mdev = {:.3f}/{:.3f}/{:.3f}/0.015 ms\n",
                       sorted.front() / 1000, sum / 300 / 1000, sorted.back() / 1000);
    write_text(dir / "ping.txt", txt);
    write_text(dir / "ping-summary.env",
               fmt::format("ICMP_P50_US={:.0f}\nICMP_P99_US={:.0f}\nICMP_AVG_US={:.0f}\nICMP_MIN_US={:.0f}\n"
                           "ICMP_MAX_US={:.0f}\nICMP_COUNT=300\n",
                           sorted[149], sorted[296], sum / 300, sorted.front(), sorted.back()));
  }

  void break_files(const std::vector<fs::path>& runs) {
    const char* files[] = {"tcp-single.json", "udp-max.json", "tcp-multi-8.json", "udp-64byte.json"};
    for (int i = 0; i < m_o.broken && !runs.empty(); ++i) {
      fs::path f = runs[static_cast<std::size_t>(i * 7919) % runs.size()] / files[i % 4];
      switch (i % 4) {
        case 0: {  // truncated
          std::string text = read_text(f);
          write_text(f, text.substr(0, text.size() / 3));
          break;
        }
        case 1:  // iperf3 error
          write_text(f, "{\n\t\"start\":\t{},\n\t\"intervals\":\t[],\n\t\"end\":\t{},\n\t\"error\":\t\"unable to connect to "
                        "server: Connection refused\"\n}\n");
          break;
        case 2:  // usage text
          write_text(f, "iperf3: parameter error - cannot specify -t and -n\n\nUsage: iperf3 [-s|-c host] [options]\n");
          break;
        default:  // binary garbage
          write_text(f, std::string("\x7f\x45\x4c\x46\x02\x01\x01\x00\x00garbage", 16));
      }
    }
  }

  static std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  static void write_text(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
  }
  static void write(const fs::path& p, const ordered_json& j) { write_text(p, j.dump(1, '\t') + "\n"); }

 private:
  const Options& m_o;
  std::mt19937_64 m_rng;
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "voltperf-gen: %s\nusage: voltperf-gen OUT [--runs N] [--backends a,b,c] [--duration S] [--seed N] "
               "[--start EPOCH] [--every-hours H] [--regress BACKEND:RUN:FACTOR] [--broken N] [--cv F]\n",
               why.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) usage(a + " needs a value");
      return args[++i];
    };
    if (a == "--runs") o.runs = std::stoi(value());
    else if (a == "--duration") o.duration = std::stod(value());
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--start") o.start = std::stoll(value());
    else if (a == "--every-hours") o.every_hours = std::stod(value());
    else if (a == "--broken") o.broken = std::stoi(value());
    else if (a == "--cv") o.cv = std::stod(value());
    else if (a == "--backends") {
      o.backends.clear();
      std::string v = value();
      for (std::size_t p = 0, q; p <= v.size(); p = q + 1) {
        q = v.find(',', p);
        if (q == std::string::npos) q = v.size();
        if (q > p) o.backends.push_back(v.substr(p, q - p));
      }
    } else if (a == "--regress") {
      std::string v = value();
      auto c1 = v.find(':'), c2 = v.rfind(':');
      if (c1 == std::string::npos || c1 == c2) usage("--regress takes BACKEND:RUN:FACTOR");
      o.regress_backend = v.substr(0, c1);
      o.regress_from = std::stoi(v.substr(c1 + 1, c2 - c1 - 1));
      o.regress_factor = std::stod(v.substr(c2 + 1));
    } else if (!a.empty() && a[0] == '-') usage("unknown option " + a);
    else o.out = a;
  }
  if (o.out.empty()) usage("OUT is required");
  Generator g(o);
  std::vector<fs::path> dirs;
  for (int r = 0; r < o.runs; ++r) {
    std::int64_t t = o.start + static_cast<std::int64_t>(r * o.every_hours * 3600);
    for (std::size_t b = 0; b < o.backends.size(); ++b) {
      std::int64_t tb = t + static_cast<std::int64_t>(b) * 600;  // backends of one lab run, 10 min apart
      g.write_run(o.backends[b], r, tb);
      dirs.push_back(o.out / o.backends[b] / stamp_name(tb));
    }
  }
  g.break_files(dirs);
  std::printf("wrote %zu run directories to %s\n", dirs.size(), o.out.c_str());
  return 0;
}
