// libFuzzer target: run directory names and user time options.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto t = voltperf::util::parse_run_dir_time(text)) {
    // Whatever parses must print and parse back to the same second.
    if (voltperf::util::parse_iso8601(voltperf::util::format_iso8601(*t)) != t) __builtin_trap();
  }
  if (auto t = voltperf::util::parse_iso8601(text)) (void)voltperf::util::format_iso8601(*t);
  return 0;
}
