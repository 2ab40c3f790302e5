// Every `$ command` shown in the documentation runs, as written, on the bundled sample tree: a page's
// commands run in order in a fresh directory holding examples/lab-history and a database of it. A command
// may find what it looks for (exit 1, 4, 5: a regression on the sample is the point of several pages), but
// never hit a usage error (2), a database error (3) or a crash.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

std::vector<std::string> shown_commands(const std::string& page) {
  std::vector<std::string> out;
  std::istringstream in(page);
  std::string line;
  bool in_code = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    else if (in_code && line.rfind("$ ", 0) == 0) out.push_back(line.substr(2));
  }
  return out;
}

TEST(DocsCommands, EveryShownCommandRunsOnTheBundledSample) {
  std::vector<fs::path> pages{source_path("README.md")};
  for (const auto& e : fs::directory_iterator(source_path("docs")))
    if (e.path().extension() == ".md") pages.push_back(e.path());
  std::string bin_dir = fs::path(VOLTPERF_BIN).parent_path().string();
  std::size_t ran = 0;
  for (const auto& page : pages) {
    auto commands = shown_commands(read_text(page));
    if (commands.empty()) continue;
    TempDir dir;
    copy_tree(lab_history(), dir / "examples" / "lab-history");
    ASSERT_EQ(run_voltperf({"--db", (dir / "voltperf.db").string(), "ingest", "-q", (dir / "examples/lab-history").string()})
                  .exit_code, 0);
    for (const auto& command : commands) {
      std::string script = "cd '" + dir.path().string() + "' && unset VOLTPERF_DB VOLTPERF_CONFIG && PATH='" +
                           bin_dir + "':\"$PATH\" && " + command;
      auto r = run_program("/bin/sh", {"-c", script});
      EXPECT_TRUE(std::set<int>({0, 1, 4, 5}).count(r.exit_code))
          << page.filename().string() << ": `" << command << "` exited " << r.exit_code << "\n" << r.err;
      ++ran;
    }
  }
  EXPECT_GT(ran, 30u);
}

}  // namespace
}  // namespace voltperf::test
