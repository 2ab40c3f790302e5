#include "analysis/batches.hpp"

#include <set>

namespace voltperf::analysis {

std::map<std::int64_t, int> assign_batches(const std::vector<store::RunRef>& runs, std::int64_t window) {
  std::map<std::int64_t, int> out;
  int batch = -1;
  std::int64_t batch_start = 0;
  std::set<std::string> members;
  for (const auto& r : runs) {
    if (batch < 0 || r.time - batch_start > window || members.count(r.backend)) {
      ++batch;
      batch_start = r.time;
      members.clear();
    }
    members.insert(r.backend);
    out[r.id] = batch;
  }
  return out;
}

RelativeTo::RelativeTo(store::Database& db, const store::RunScope& scope_in, std::string reference)
    : m_reference(std::move(reference)) {
  store::RunScope scope = scope_in;
  scope.backend.reset();
  auto runs = store::runs_in_scope(db, scope);
  m_batch_of = assign_batches(runs);
  for (const auto& r : runs)
    if (r.backend == m_reference) m_reference_of_batch[m_batch_of[r.id]] = r;
}

std::optional<store::RunRef> RelativeTo::reference_run(std::int64_t run_id) const {
  auto b = m_batch_of.find(run_id);
  if (b == m_batch_of.end()) return std::nullopt;
  auto r = m_reference_of_batch.find(b->second);
  if (r == m_reference_of_batch.end()) return std::nullopt;
  return r->second;
}

std::optional<double> RelativeTo::ratio(store::Database& db, std::int64_t run_id, const store::SeriesName& s,
                                        std::optional<double> value) const {
  auto ref = reference_run(run_id);
  if (!value || !ref) return std::nullopt;
  auto rv = store::run_value(db, ref->id, s);
  if (!rv.value || *rv.value == 0) return std::nullopt;
  return *value / *rv.value;
}

}  // namespace voltperf::analysis
