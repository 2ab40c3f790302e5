#pragma once
// Small filesystem helpers that know nothing of voltperf.
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace voltperf::util {

// Size and modification time of a file, as recorded to detect changes without reading it.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// Stamp from a stat result already at hand.
FileStamp stamp_from(const struct stat& st);

// Stamp of a path (following no symlink), or nullopt when it cannot be stat'ed.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

// Outcome of reading a whole file: the bytes, or the reason it could not be read.
struct ReadResult {
  bool ok = false;
  std::string data;
  std::string error;  // "permission denied", "larger than the 64 MiB limit", ...
};

// Reads a regular file completely. Fails (ok=false, error set) on I/O errors and on files larger than
// max_bytes, which is checked before reading so memory stays bounded.
ReadResult read_file(const std::filesystem::path& path, std::int64_t max_bytes);

// Writes data to path via a temporary file and rename, so readers never see a partial file.
void write_file_atomic(const std::filesystem::path& path, const std::string& data);

}  // namespace voltperf::util
