#pragma once
// Same-run control: runs of different backends from one lab run (close in time) form a batch; a value
// relative to the reference backend's run of the same batch cancels host drift between lab runs.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "store/series_reader.hpp"

namespace voltperf::analysis {

// Default: runs of one lab run start within 3 hours of its first run.
inline constexpr std::int64_t k_batch_window_seconds = 3 * 3600;

// Assigns a batch number to every run (oldest first). A run joins the current batch when it starts within
// `window` of the batch's first run and its backend is not in the batch yet.
std::map<std::int64_t, int> assign_batches(const std::vector<store::RunRef>& runs_oldest_first,
                                           std::int64_t window = k_batch_window_seconds);

// Resolves `value / reference backend's value in the same batch` for runs.
class RelativeTo {
 public:
  RelativeTo(store::Database& db, const store::RunScope& scope, std::string reference);
  // The reference run in the batch of run_id, if there is one.
  std::optional<store::RunRef> reference_run(std::int64_t run_id) const;
  // value(run) / value(reference run of its batch) for the metric, if both exist.
  std::optional<double> ratio(store::Database& db, std::int64_t run_id, const store::SeriesName& s,
                              std::optional<double> value) const;
  const std::string& reference() const { return m_reference; }

 private:
  std::string m_reference;
  std::map<std::int64_t, int> m_batch_of;
  std::map<int, store::RunRef> m_reference_of_batch;
};

}  // namespace voltperf::analysis
