#include "util/fault.hpp"

#include <csignal>
#include <cstdlib>
#include <string>

namespace voltperf::util {

namespace {
struct FaultSpec {
  std::string name;
  long target = 0;
  long hits = 0;
};
FaultSpec& spec() {
  static FaultSpec s = [] {
    FaultSpec f;
    const char* env = std::getenv("VOLTPERF_FAULT");
    if (!env || !*env) return f;
    std::string v = env;
    auto colon = v.find(':');
    f.name = v.substr(0, colon);
    f.target = colon == std::string::npos ? 1 : std::strtol(v.c_str() + colon + 1, nullptr, 10);
    return f;
  }();
  return s;
}
}  // namespace

void fault_point(std::string_view name) {
  FaultSpec& f = spec();
  if (f.name.empty() || f.name != name) return;
  if (++f.hits == f.target) std::raise(SIGKILL);
}

}  // namespace voltperf::util
