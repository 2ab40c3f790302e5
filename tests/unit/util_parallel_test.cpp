// ordered_parallel_map: ingest's worker threads must hand runs to the writer in tree order, never run
// further ahead than the window, and pass a worker's exception to the writer's thread.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/parallel.hpp"

namespace voltperf::test {
namespace {

TEST(OrderedParallelMap, ConsumesInOrderWithBoundedLookahead) {
  for (unsigned workers : {1u, 2u, 4u}) {
    std::atomic<std::size_t> consumed{0};
    std::atomic<std::size_t> max_ahead{0};
    std::vector<std::size_t> seen;
    const std::size_t window = 3;
    util::ordered_parallel_map<std::string>(
        500, workers, window,
        [&](std::size_t i) {
          std::size_t ahead = i - std::min(i, consumed.load());
          std::size_t prev = max_ahead.load();
          while (ahead > prev && !max_ahead.compare_exchange_weak(prev, ahead)) {
          }
          return std::to_string(i);
        },
        [&](std::size_t i, std::string&& v) {
          EXPECT_EQ(v, std::to_string(i));
          seen.push_back(i);
          consumed = i + 1;
        });
    ASSERT_EQ(seen.size(), 500u) << workers << " workers";
    for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], i);
    EXPECT_LT(max_ahead.load(), std::max<std::size_t>(window, workers) + 1) << workers << " workers";
  }
}

TEST(OrderedParallelMap, AWorkersExceptionReachesTheCaller) {
  std::vector<std::size_t> seen;
  EXPECT_THROW(util::ordered_parallel_map<int>(
                   100, 2, 4,
                   [](std::size_t i) -> int {
                     if (i == 37) throw std::runtime_error("boom");
                     return static_cast<int>(i);
                   },
                   [&](std::size_t i, int&&) { seen.push_back(i); }),
               std::runtime_error);
  EXPECT_EQ(seen.size(), 37u);  // everything before the failing item, in order, and nothing after
}

TEST(OrderedParallelMap, AConsumersExceptionStopsTheWorkers) {
  std::atomic<int> produced{0};
  EXPECT_THROW(util::ordered_parallel_map<int>(
                   10000, 2, 4, [&](std::size_t) { return ++produced; },
                   [](std::size_t i, int&&) {
                     if (i == 5) throw std::runtime_error("disk full");
                   }),
               std::runtime_error);
  EXPECT_LT(produced.load(), 20);
}

}  // namespace
}  // namespace voltperf::test
