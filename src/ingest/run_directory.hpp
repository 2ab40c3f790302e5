#pragma once
// Finding run directories in a results tree (<root>/<backend>/<run>/) and reading one into a RunData.
#include <filesystem>
#include <string>
#include <vector>

#include "model/run.hpp"
#include "util/fs.hpp"

namespace voltperf::ingest {

// A run directory found on disk, with the stamps of the benchmark files it holds (not yet read).
struct RunDirectory {
  std::string backend;
  std::string name;
  std::filesystem::path path;
  std::vector<std::pair<std::string, util::FileStamp>> files;  // known files, sorted by name
};

// What a walk of the tree found.
struct TreeScan {
  std::vector<RunDirectory> runs;
  std::vector<std::string> skipped;  // "PATH: reason" for every entry that was not taken
  std::vector<model::Problem> problems;
};

// Walks `root`, which may be a results tree, one backend's directory, or a run directory. Runs are
// sorted by backend, then name. Symlinks are not followed. Never throws for unreadable entries: they
// become problems.
TreeScan scan_tree(const std::filesystem::path& root);

// Largest file voltperf reads; anything bigger is not a benchmark result.
inline constexpr std::int64_t k_max_file_bytes = 64 * 1024 * 1024;

// Reads and parses every file of a run directory. Bad files become tests with status failed/invalid and
// problems; absent tests get status missing. Throws nothing for bad input.
model::RunData load_run(const RunDirectory& dir);

// True for the file names a Volt run directory holds.
bool is_known_file(std::string_view name);

}  // namespace voltperf::ingest
