#include "render/legacy_render.hpp"

#include <fmt/format.h>

#include <ctime>

namespace voltperf::render {

namespace {

const char* k_rule = "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━";

// compare.sh format_gbps: N/A for a missing value or a 0 (jq prints "0"), else printf "%.2f" of bps/1e9.
std::string gbps(const std::optional<double>& bps) {
  if (!bps || *bps == 0) return "N/A";
  return fmt::format("{:.2f}", *bps / 1e9);
}
std::string text(const std::optional<std::string>& s) { return s ? *s : "N/A"; }
std::string pps(const std::optional<long long>& v) { return v ? std::to_string(*v) : "N/A"; }

void section(std::string& out, const char* title) {
  out += fmt::format("{}\n{}\n{}\n\n", k_rule, title, k_rule);
}

}  // namespace

std::string legacy_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Z %Y", &tm);  // %a/%b are C-locale: voltperf never calls setlocale
  return buf;
}

std::string render_legacy(const analysis::LegacyReport& r, const std::string& generated, const std::string& markdown_path) {
  std::string out;
  out += "╔══════════════════════════════════════════════════════════════╗\n";
  out += "║ Volt Backend Comparison Report ║\n";
  out += "╚══════════════════════════════════════════════════════════════╝\n\n";
  out += fmt::format("Results directory: {}\nGenerated: {}\n\n", r.results_dir, generated);
  if (r.rows.empty()) {
    out += fmt::format("ERROR: No results found in {}\nRun benchmarks first with: ./run-all.sh \n", r.results_dir);
    return out;
  }
  std::string names;
  for (const auto& row : r.rows) names += (names.empty() ? "" : " ") + row.backend;
  out += fmt::format("Found backends: {}\n\n", names);

  section(out, " THROUGHPUT COMPARISON (Gbps)");
  out += fmt::format("{:<15}{:>15}{:>15}{:>15}\n", "Backend", "TCP Single", "TCP Multi-8", "UDP Max");
  out += fmt::format("{:<15}{:>15}{:>15}{:>15}\n", "-------", "----------", "-----------", "-------");
  for (const auto& row : r.rows)
    out += fmt::format("{:<15}{:>15}{:>15}{:>15}\n", row.backend, gbps(row.tcp_single_bps), gbps(row.tcp_multi_bps),
                       gbps(row.udp_max_bps));
  out += "\n";
  section(out, " LATENCY COMPARISON (µs)");
  out += fmt::format("{:<15}{:>15}{:>15}\n", "Backend", "ICMP P50", "ICMP P99");
  out += fmt::format("{:<15}{:>15}{:>15}\n", "-------", "--------", "--------");
  for (const auto& row : r.rows)
    out += fmt::format("{:<15}{:>15}{:>15}\n", row.backend, text(row.icmp_p50), text(row.icmp_p99));
  out += "\n";
  section(out, " PPS COMPARISON (packets/sec)");
  out += fmt::format("{:<15}{:>15}\n", "Backend", "64-byte UDP");
  out += fmt::format("{:<15}{:>15}\n", "-------", "-----------");
  for (const auto& row : r.rows) out += fmt::format("{:<15}{:>15}\n", row.backend, pps(row.pps_64));
  out += fmt::format("\n{}\n\n", k_rule);
  out += markdown_path.empty() ? "Comparison report not written (give --markdown-out PATH)\n"
                               : fmt::format("Comparison report saved to: {}\n", markdown_path);
  out += "\nPerformance Hierarchy (expected):\n macvtap > vhost-net > virtio\n\n"
         "Key insight: If vhost-net isn't 2-3x faster than virtio,\n"
         "check that vhost_net kernel module is loaded and in use.\n";
  return out;
}

std::string render_legacy_markdown(const analysis::LegacyReport& r, const std::string& generated) {
  std::string out = fmt::format("# Volt Backend Comparison\n\nGenerated: {}\n\n## Throughput (Gbps)\n\n", generated);
  out += "| Backend | TCP Single | TCP Multi-8 | UDP Max |\n|---------|------------|-------------|---------|\n";
  for (const auto& row : r.rows)
    out += fmt::format("| {} | {} | {} | {} |\n", row.backend, gbps(row.tcp_single_bps), gbps(row.tcp_multi_bps),
                       gbps(row.udp_max_bps));
  out += "\n## Latency (µs)\n\n| Backend | ICMP P50 | ICMP P99 |\n|---------|----------|----------|\n";
  for (const auto& row : r.rows) out += fmt::format("| {} | {} | {} |\n", row.backend, text(row.icmp_p50), text(row.icmp_p99));
  out += "\n## Packets Per Second\n\n| Backend | 64-byte UDP PPS |\n|---------|-----------------|\n";
  for (const auto& row : r.rows) out += fmt::format("| {} | {} |\n", row.backend, pps(row.pps_64));
  out += "\n## Analysis\n\n### Expected Performance Hierarchy\n\n"
         "1. **macvtap** - Direct host NIC passthrough, near line-rate\n"
         "2. **vhost-net** - Kernel datapath, 2-3x virtio throughput\n"
         "3. **virtio** - QEMU userspace, baseline performance\n\n"
         "### Key Observations\n\n"
         "- TCP Multi-stream shows aggregate bandwidth capability\n"
         "- P99 latency reveals worst-case jitter\n"
         "- 64-byte PPS shows raw packet processing overhead\n\n";
  return out;
}

}  // namespace voltperf::render
