#include "ingest/run_directory.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "ingest/iperf3_reader.hpp"
#include "ingest/ping_reader.hpp"
#include "model/metrics.hpp"
#include "util/codec.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace voltperf::ingest {

namespace fs = std::filesystem;
using model::TestStatus;

bool is_known_file(std::string_view name) {
  if (name == "ping.txt") return true;
  for (const auto& t : model::expected_tests())
    if (t.file == name) return true;
  return false;
}

namespace {

enum class Kind { dir, file, symlink, other, error };

Kind kind_of(const fs::path& p) {
  std::error_code ec;
  auto st = fs::symlink_status(p, ec);
  if (ec) return Kind::error;
  if (fs::is_symlink(st)) return Kind::symlink;
  if (fs::is_directory(st)) return Kind::dir;
  if (fs::is_regular_file(st)) return Kind::file;
  return Kind::other;
}

model::Problem unreadable_dir(const std::string& path, const std::string& why) {
  return {path, "error", "cannot read directory (" + why + ")"};
}

// Sorted entries of a directory; a directory that cannot be listed becomes a problem.
std::vector<fs::path> list_dir(const fs::path& dir, TreeScan& scan) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    scan.problems.push_back(unreadable_dir(dir.string(), ec.message()));
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      scan.problems.push_back(unreadable_dir(dir.string(), ec.message()));
      break;
    }
    out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool holds_known_files(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (is_known_file(it->path().filename().string())) return true;
  return false;
}

}  // namespace

void RunDirectory::forget_listing() {
  decltype(files)().swap(files);  // `files = {}` would keep the capacity
  if (parent) std::string().swap(path);
}

bool list_run(RunDirectory& run, TreeScan& out) {
  run.files.clear();
  if (run.path.empty()) run.path = (fs::path(*run.parent) / run.name).string();
  // POSIX rather than std::filesystem: one fstatat per entry relative to the directory (no path walk), no
  // path objects. A no-op re-ingest is mostly this loop.
  auto cannot_read = [&](int err) {
    out.problems.push_back(unreadable_dir(run.path, std::strerror(err)));
    return false;
  };
  int fd = ::open(run.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return cannot_read(errno);
  DIR* d = ::fdopendir(fd);
  if (!d) {
    int err = errno;
    ::close(fd);
    return cannot_read(err);
  }
  std::vector<std::string> names;
  errno = 0;
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  int err = errno;
  if (err != 0) {
    ::closedir(d);
    return cannot_read(err);
  }
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    auto entry = [&] { return (fs::path(run.path) / name).string(); };
    struct stat st {};
    if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone since the listing
    if (S_ISLNK(st.st_mode)) {
      out.skipped.push_back(entry() + ": symlink, not followed");
    } else if (!is_known_file(name)) {
      out.skipped.push_back(entry() + ": not a Volt benchmark file");
    } else if (!S_ISREG(st.st_mode)) {
      out.problems.push_back({entry(), "error", "not a regular file"});
    } else {
      run.files.emplace_back(name, util::stamp_from(st));
    }
  }
  ::closedir(d);
  return true;
}

namespace {

// A backend directory's entries with their types from readdir (d_type), sorted by name: no stat per run.
void scan_backend(const fs::path& dir, TreeScan& scan) {
  auto parent = std::make_shared<const std::string>(dir.string());
  std::string backend = dir.filename().string();
  DIR* d = ::opendir(parent->c_str());
  if (!d) {
    scan.problems.push_back(unreadable_dir(*parent, std::strerror(errno)));
    return;
  }
  std::vector<std::pair<std::string, Kind>> entries;
  errno = 0;
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    Kind k = e->d_type == DT_DIR   ? Kind::dir
             : e->d_type == DT_LNK ? Kind::symlink
             : e->d_type == DT_UNKNOWN ? kind_of(dir / name)
                                       : Kind::other;
    entries.emplace_back(name, k);
  }
  if (errno != 0)
    scan.problems.push_back(unreadable_dir(*parent, std::strerror(errno)));
  ::closedir(d);
  std::sort(entries.begin(), entries.end());
  for (auto& [name, k] : entries) {
    if (k == Kind::dir) scan.runs.push_back(RunDirectory{backend, std::move(name), parent, {}, {}});
    else if (k == Kind::symlink) scan.skipped.push_back((dir / name).string() + ": symlink, not followed");
    else scan.skipped.push_back((dir / name).string() + ": not a run directory");
  }
}

}  // namespace

TreeScan scan_tree(const fs::path& root_in) {
  TreeScan scan;
  fs::path root = root_in.lexically_normal();
  if (root.has_filename() == false) root = root.parent_path();
  Kind k = kind_of(root);
  if (k != Kind::dir) {
    scan.problems.push_back({root_in.string(), "error",
                             k == Kind::error ? "no such file or directory" : "not a directory"});
    return scan;
  }
  if (holds_known_files(root)) {  // a run directory given directly
    fs::path abs = fs::absolute(root).lexically_normal();
    scan.runs.push_back(RunDirectory{abs.parent_path().filename().string(), root.filename().string(), nullptr,
                                     root.string(), {}});
    return scan;
  }
  std::vector<fs::path> children = list_dir(root, scan);
  bool is_backend = std::any_of(children.begin(), children.end(),
                                [](const fs::path& c) { return kind_of(c) == Kind::dir && holds_known_files(c); });
  if (is_backend) {
    scan_backend(root, scan);
    return scan;
  }
  for (const auto& entry : children) {
    Kind ck = kind_of(entry);
    if (ck == Kind::dir) scan_backend(entry, scan);
    else if (ck == Kind::symlink) scan.skipped.push_back(entry.string() + ": symlink, not followed");
    else if (entry.filename() != "COMPARISON.md") scan.skipped.push_back(entry.string() + ": not a backend directory");
  }
  if (scan.runs.empty() && scan.problems.empty())
    scan.problems.push_back({root_in.string(), "error",
                             "no run directories found (expected RESULTS/<backend>/<run>/ holding tcp-single.json, "
                             "tcp-multi-8.json, udp-max.json, udp-64byte.json or ping-summary.env)"});
  return scan;
}

model::RunData load_run(const RunDirectory& dir, bool compress) {
  model::RunData run;
  run.backend = dir.backend;
  run.name = dir.name;
  run.path = dir.path;
  const fs::path dir_path(dir.path);
  std::map<std::string, std::string_view, std::less<>> bytes;  // views into run.files (reserved: no moves)
  run.files.reserve(dir.files.size());
  util::Hasher hasher;
  for (const auto& [name, stamp] : dir.files) {
    auto path = (dir_path / name).string();
    auto read = util::read_file(dir_path / name, k_max_file_bytes);
    if (!read.ok) {
      run.problems.push_back({path, "error", "cannot read: " + read.error});
      hasher.update(name + "\n<unreadable " + read.error + ">\n");
      continue;
    }
    hasher.update(name + "\n" + std::to_string(read.data.size()) + "\n");
    hasher.update(read.data);
    std::string packed = compress ? util::compress(read.data) : std::string();
    run.files.push_back({name, stamp, std::move(read.data), std::move(packed)});
    bytes[name] = run.files.back().content;
  }
  run.content_hash = hasher.hex();

  auto note = [&](const model::TestResult& t) {
    std::string path = (dir_path / t.file).string();
    if (t.status != TestStatus::ok) run.problems.push_back({path, "error", std::string(to_string(t.status)) + ": " + t.reason});
    for (const auto& w : t.warnings) run.problems.push_back({path, "warning", w});
  };
  for (const auto& def : model::expected_tests()) {
    model::TestResult t;
    if (def.kind == "icmp") {
      auto env = bytes.find("ping-summary.env");
      auto txt = bytes.find("ping.txt");
      std::optional<std::string_view> e, p;
      if (env != bytes.end()) e = env->second;
      if (txt != bytes.end()) p = txt->second;
      t = read_icmp(e, p);
    } else if (auto it = bytes.find(def.file); it != bytes.end()) {
      t = read_iperf3(it->second, def.kind, def.file);
    } else {
      t.kind = std::string(def.kind);
      t.file = std::string(def.file);
      t.settings.protocol = std::string(def.protocol);
      t.status = TestStatus::missing;
      bool unreadable = std::any_of(dir.files.begin(), dir.files.end(), [&](auto& f) { return f.first == def.file; });
      t.reason = unreadable ? "file could not be read" : "file is not in the run directory";
    }
    note(t);
    run.tests.push_back(std::move(t));
  }

  // Start time: the earliest iperf3 timestamp, else the directory name, else its mtime.
  std::optional<std::int64_t> start;
  for (const auto& t : run.tests) {
    if (t.timesecs && (!start || *t.timesecs < *start)) start = t.timesecs;
    if (run.system_info.empty() && !t.system_info.empty()) run.system_info = t.system_info;
    if (run.iperf3_version.empty() && !t.iperf3_version.empty()) run.iperf3_version = t.iperf3_version;
  }
  if (start) {
    run.started_at = *start;
    run.time_source = "iperf3";
  } else if (auto t = util::parse_run_dir_time(dir.name)) {
    run.started_at = *t;
    run.time_source = "dirname";
  } else {
    auto stamp = util::stamp_of(dir_path);
    run.started_at = stamp ? stamp->mtime_ns / 1'000'000'000 : 0;
    run.time_source = "mtime";
  }
  // system_info is a uname string: "Linux <host> <kernel release> #<build> ... <machine>".
  auto words = util::split(run.system_info, ' ');
  if (words.size() >= 3) {
    run.host = words[1];
    run.kernel = words[2];
  }
  return run;
}

}  // namespace voltperf::ingest
