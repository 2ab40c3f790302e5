#include "util/parallel.hpp"

#include <cstdlib>
#include <string>

namespace voltperf::util {

unsigned worker_threads() {
  if (const char* env = std::getenv("VOLTPERF_THREADS"); env && *env) {
    try {
      int n = std::stoi(env);
      if (n >= 1) return static_cast<unsigned>(std::min(n, 64));
    } catch (const std::exception&) {
    }
  }
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : std::min(cores, 8u);
}

}  // namespace voltperf::util
