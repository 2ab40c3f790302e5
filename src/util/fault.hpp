#pragma once
// Test-only fault injection: kill the process at a named point to prove crash safety.
#include <string_view>

namespace voltperf::util {

// When the environment variable VOLTPERF_FAULT is "NAME" or "NAME:N", the N-th (default 1st) call of
// fault_point(NAME) sends SIGKILL to this process. Costs one comparison otherwise.
void fault_point(std::string_view name);

}  // namespace voltperf::util
