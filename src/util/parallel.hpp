#pragma once
// Ordered parallel map: worker threads produce items 0..count-1 out of order, the calling thread consumes
// them strictly in order. At most `window` items are produced ahead of the consumer, so memory stays
// bounded however many items there are. Used by ingest: workers read, parse, hash and compress run
// directories; the calling thread alone writes to SQLite.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace voltperf::util {

// Worker threads to use: VOLTPERF_THREADS if set (>= 1), else the number of cores.
unsigned worker_threads();

template <class T>
void ordered_parallel_map(std::size_t count, unsigned workers, std::size_t window,
                          const std::function<T(std::size_t)>& produce,
                          const std::function<void(std::size_t, T&&)>& consume) {
  if (workers <= 1 || count <= 1) {  // no threads at all: the simplest path, and the one debuggers like
    for (std::size_t i = 0; i < count; ++i) consume(i, produce(i));
    return;
  }
  window = std::max<std::size_t>(window, workers);
  struct Slot {
    std::optional<T> value;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Slot> ring(window);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;      // next index a worker takes
  std::size_t consumed = 0;  // items the consumer has finished
  bool stop = false;

  auto work = [&] {
    while (true) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= count || next < consumed + window; });
        if (stop || next >= count) return;
        i = next++;
      }
      Slot done;
      try {
        done.value.emplace(produce(i));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      {
        std::lock_guard lock(mutex);
        ring[i % window] = std::move(done);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (unsigned w = 0; w < workers; ++w) threads.emplace_back(work);
  auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (auto& t : threads) t.join();
  };
  try {
    for (std::size_t i = 0; i < count; ++i) {
      Slot slot;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return ring[i % window].ready; });
        slot = std::move(ring[i % window]);
        ring[i % window] = Slot{};
      }
      if (slot.error) std::rethrow_exception(slot.error);
      consume(i, std::move(*slot.value));
      {
        std::lock_guard lock(mutex);
        consumed = i + 1;
      }
      changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

// Runs fn(i) for i in [0, count) on `workers` threads, each taking one contiguous block: for many small
// items, where handing items out one at a time would cost more than the items.
inline void parallel_for(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& fn) {
  if (workers <= 1 || count < 2 * workers) {
    for (std::size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(workers);
  std::size_t block = (count + workers - 1) / workers;
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (std::size_t i = w * block; i < std::min(count, (w + 1) * block); ++i) fn(i);
      } catch (...) {
        errors[w] = std::current_exception();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace voltperf::util
