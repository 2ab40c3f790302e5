// libFuzzer target: ping-summary.env is read as data; any bytes give entries or warnings, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/ping_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto r = voltperf::ingest::read_icmp(bytes, std::nullopt);
  for (const auto& m : r.metrics)
    if (!(m.value >= 0)) __builtin_trap();  // rejected values never become metrics
  return 0;
}
