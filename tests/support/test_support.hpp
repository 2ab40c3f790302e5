#pragma once
// Shared fixtures: temporary directories, running the real binary, canonical database dumps.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace voltperf::test {

namespace fs = std::filesystem;

// Path inside the source tree, e.g. source_path("examples/lab-history").
fs::path source_path(const std::string& rel);
// The bundled real lab history (3 backends x 12 runs).
fs::path lab_history();

// A fresh directory removed at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }
  fs::path operator/(const std::string& rel) const { return m_path / rel; }

 private:
  fs::path m_path;
};

struct CommandResult {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string out;
  std::string err;
};

// Runs the voltperf binary with args (no shell); env entries are added to the environment.
CommandResult run_voltperf(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});
// Runs any program (no shell).
CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

// Copies a directory tree (regular files and directories), making everything writable.
void copy_tree(const fs::path& from, const fs::path& to);

std::string read_text(const fs::path& p);
void write_text(const fs::path& p, const std::string& text);

// Everything a user can see in the database, without row ids or ingest times, sorted: two databases
// holding the same runs dump equal.
std::string canonical_dump(const fs::path& db);

// One value from a query (as text), for assertions.
std::string query_one(const fs::path& db, const std::string& sql);

}  // namespace voltperf::test

namespace voltperf::test {
// Starts voltperf in the background (output discarded); returns its pid.
int start_voltperf(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});
// Waits for a process started by start_voltperf; returns its exit code (128+N when killed by signal N).
int wait_for(int pid);
// Runs voltperf as an unprivileged user (nobody, via setpriv) when the tests run as root, so that file
// permissions apply; as another user, runs it directly. Returns nullopt when neither is possible.
std::optional<CommandResult> run_voltperf_unprivileged(const std::vector<std::string>& args);
// Writes a synthetic results tree with voltperf-gen.
void generate_tree(const fs::path& out, const std::vector<std::string>& args);
}  // namespace voltperf::test
