#pragma once
// Content hashing and compression of stored files.
#include <string>
#include <string_view>

namespace voltperf::util {

// 128-bit XXH3 hash of data as 32 lowercase hex digits. Used to tell whether a file really changed.
std::string content_hash(std::string_view data);

// Incremental form of content_hash over several pieces.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  void update(std::string_view data);
  std::string hex() const;

 private:
  void* m_state;
};

// zstd-compresses data. Throws std::runtime_error only on an internal zstd failure.
std::string compress(std::string_view data);

// Inverse of compress. Throws std::runtime_error when the input is not a zstd frame.
std::string decompress(std::string_view data);

}  // namespace voltperf::util
