// libFuzzer target: iputils/BusyBox ping output.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/ping_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto r = voltperf::ingest::read_icmp(std::nullopt, bytes);
  (void)r;
  return 0;
}
