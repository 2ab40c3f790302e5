#include "support/test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace voltperf::test {

fs::path source_path(const std::string& rel) { return fs::path(VOLTPERF_SOURCE_DIR) / rel; }
fs::path lab_history() { return source_path("examples/lab-history"); }

TempDir::TempDir() {
  std::random_device rd;
  auto base = fs::temp_directory_path() / ("voltperf-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(base);
  m_path = base;
}

TempDir::~TempDir() {
  std::error_code ec;
  // Restore permissions a test may have removed, then delete.
  for (auto it = fs::recursive_directory_iterator(m_path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(m_path, ec);
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

namespace {
struct Spawned {
  pid_t pid;
};
Spawned spawn(const std::string& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env, const fs::path& out_path, const fs::path& err_path) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> argv_s{program};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (kv.rfind("VOLTPERF_", 0) == 0) continue;  // tests say exactly which VOLTPERF_ variables apply
    env_s.push_back(kv);
  }
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawn(&pid, program.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + program);
  return {pid};
}
}  // namespace

int wait_for(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int start_voltperf(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  return spawn(VOLTPERF_BIN, args, env, "/dev/null", "/dev/null").pid;
}

CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env) {
  TempDir io;
  auto out_path = io / "out", err_path = io / "err";
  auto p = spawn(program, args, env, out_path, err_path);
  CommandResult r;
  r.exit_code = wait_for(p.pid);
  r.out = read_text(out_path);
  r.err = read_text(err_path);
  return r;
}

std::optional<CommandResult> run_voltperf_unprivileged(const std::vector<std::string>& args) {
  if (::geteuid() != 0) return run_voltperf(args);
  if (!fs::exists("/usr/bin/setpriv")) return std::nullopt;
  std::vector<std::string> a{"--reuid=65534", "--regid=65534", "--clear-groups", VOLTPERF_BIN};
  a.insert(a.end(), args.begin(), args.end());
  return run_program("/usr/bin/setpriv", a);
}

void generate_tree(const fs::path& out, const std::vector<std::string>& args) {
  std::vector<std::string> a{out.string()};
  a.insert(a.end(), args.begin(), args.end());
  auto r = run_program(VOLTPERF_GEN_BIN, a);
  if (r.exit_code != 0) throw std::runtime_error("voltperf-gen failed: " + r.err);
}

CommandResult run_voltperf(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  return run_program(VOLTPERF_BIN, args, env);
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  for (auto& e : fs::recursive_directory_iterator(to))
    fs::permissions(e.path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  // Keep the source's modification times: run directories get them from their names in real labs.
  for (auto& e : fs::recursive_directory_iterator(from)) {
    auto rel = fs::relative(e.path(), from);
    fs::last_write_time(to / rel, fs::last_write_time(e.path()));
  }
}

std::string canonical_dump(const fs::path& db_path) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
  const char* queries[] = {
      "SELECT b.name, r.name, r.started_at, r.time_source, r.host, r.kernel, r.iperf3_version, r.content_hash "
      "FROM runs r JOIN backends b ON b.id = r.backend_id ORDER BY 1, 2",
      "SELECT b.name, r.name, g.key, g.value FROM run_tags g JOIN runs r ON r.id = g.run_id "
      "JOIN backends b ON b.id = r.backend_id ORDER BY 1, 2, 3",
      "SELECT b.name, r.name, t.kind, t.file, t.status, t.reason, t.protocol, t.streams, t.blksize, t.requested_s, "
      "t.measured_s FROM tests t JOIN runs r ON r.id = t.run_id JOIN backends b ON b.id = r.backend_id ORDER BY 1, 2, 3",
      "SELECT b.name, r.name, t.kind, m.name, v.value, v.source FROM metric_values v JOIN metrics m ON m.id = v.metric_id "
      "JOIN tests t ON t.id = v.test_id JOIN runs r ON r.id = t.run_id JOIN backends b ON b.id = r.backend_id "
      "ORDER BY 1, 2, 3, 4",
      "SELECT b.name, r.name, t.kind, count(*), sum(s.bits_per_second) FROM samples s JOIN tests t ON t.id = s.test_id "
      "JOIN runs r ON r.id = t.run_id JOIN backends b ON b.id = r.backend_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
      "SELECT b.name, r.name, count(*), sum(p.rtt_us) FROM ping_replies p JOIN tests t ON t.id = p.test_id "
      "JOIN runs r ON r.id = t.run_id JOIN backends b ON b.id = r.backend_id GROUP BY 1, 2 ORDER BY 1, 2",
      "SELECT b.name, r.name, f.name, f.size, hex(f.content) FROM raw_files f JOIN runs r ON r.id = f.run_id "
      "JOIN backends b ON b.id = r.backend_id ORDER BY 1, 2, 3",
      "SELECT b.name, r.name, p.file, p.severity, p.message FROM problems p JOIN runs r ON r.id = p.run_id "
      "JOIN backends b ON b.id = r.backend_id ORDER BY 1, 2, 3, 4, 5",
  };
  std::string out;
  for (const char* q : queries) {
    SQLite::Statement st(db, q);
    while (st.executeStep()) {
      for (int i = 0; i < st.getColumnCount(); ++i) out += (i ? "|" : "") + st.getColumn(i).getString();
      out += "\n";
    }
    out += "--\n";
  }
  return out;
}

std::string query_one(const fs::path& db_path, const std::string& sql) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getString();
}

}  // namespace voltperf::test
