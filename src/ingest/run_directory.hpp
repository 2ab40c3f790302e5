#pragma once
// Finding run directories in a results tree (<root>/<backend>/<run>/) and reading one into a RunData.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/run.hpp"
#include "util/fs.hpp"

namespace voltperf::ingest {

// A run directory found on disk, with the stamps of the benchmark files it holds (not yet read).
// A tree's worth of these is held at once, so until list_run fills path and files a run costs only its
// two short names and a pointer to its backend directory's path, shared by all its runs.
struct RunDirectory {
  std::string backend;
  std::string name;
  std::shared_ptr<const std::string> parent;  // the backend directory
  std::string path;                           // parent/name, set by scan_tree or list_run
  std::vector<std::pair<std::string, util::FileStamp>> files;  // known files, sorted by name (list_run)

  // Frees what list_run filled in.
  void forget_listing();
};

// What a walk of the tree found.
struct TreeScan {
  std::vector<RunDirectory> runs;
  std::vector<std::string> skipped;  // "PATH: reason" for every entry that was not taken
  std::vector<model::Problem> problems;
};

// Walks `root`, which may be a results tree, one backend's directory, or a run directory. Runs are
// sorted by backend, then name, and not yet listed (files empty: see list_run), so a walk of a large tree
// holds little memory. Symlinks are not followed. Never throws for unreadable entries: they become problems.
TreeScan scan_tree(const std::filesystem::path& root);

// Lists a run directory's benchmark files with their stamps (one lstat each) into run.files; entries not
// taken go to out.skipped, errors to out.problems. False when the directory cannot be listed (the run is
// then not stored at all, so a later ingest takes it whole).
bool list_run(RunDirectory& run, TreeScan& out);

// Largest file voltperf reads; anything bigger is not a benchmark result.
inline constexpr std::int64_t k_max_file_bytes = 64 * 1024 * 1024;

// Reads and parses every file of a run directory. Bad files become tests with status failed/invalid and
// problems; absent tests get status missing. Throws nothing for bad input.
// With compress, each file's packed bytes are filled too (so the worker thread does it, not the writer).
model::RunData load_run(const RunDirectory& dir, bool compress = false);

// True for the file names a Volt run directory holds.
bool is_known_file(std::string_view name);

}  // namespace voltperf::ingest
