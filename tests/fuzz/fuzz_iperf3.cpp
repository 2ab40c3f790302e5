// libFuzzer target: the iperf3 reader must never crash, hang or trip a sanitizer on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/iperf3_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto r = voltperf::ingest::read_iperf3(bytes, "tcp-multi-8", "tcp-multi-8.json");
  // A failed or invalid test never carries metrics.
  if (r.status != voltperf::model::TestStatus::ok && !r.metrics.empty()) __builtin_trap();
  return 0;
}
