#include "model/run.hpp"

namespace voltperf::model {

std::string_view to_string(TestStatus s) {
  switch (s) {
    case TestStatus::ok: return "ok";
    case TestStatus::failed: return "failed";
    case TestStatus::invalid: return "invalid";
    case TestStatus::missing: return "missing";
  }
  return "invalid";
}

const MetricValue* TestResult::metric(std::string_view name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

bool RunData::has_errors() const {
  for (const auto& p : problems)
    if (p.severity == "error") return true;
  return false;
}

}  // namespace voltperf::model
