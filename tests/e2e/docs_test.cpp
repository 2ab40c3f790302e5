// docs/cli.md and the binary agree: every option a command accepts is documented in its section (or in the
// shared "Choosing runs" and hierarchy sections), and every option a section's synopsis shows exists.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

std::set<std::string> long_options(const std::string& text) {
  std::set<std::string> out;
  static const std::regex option(R"((^|[^A-Za-z0-9-])(--[a-z][a-z0-9-]*))");
  for (std::sregex_iterator it(text.begin(), text.end(), option), end; it != end; ++it) out.insert((*it)[2]);
  return out;
}

// The text of the section whose heading is "## TITLE" (up to the next "## ").
std::string section(const std::string& doc, const std::string& title) {
  auto start = doc.find("\n## " + title + "\n");
  if (start == std::string::npos) return "";
  auto end = doc.find("\n## ", start + 4);
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The synopsis of one command in a section's first code block: the line "voltperf NAME ..." and the
// indented lines that continue it.
std::string synopsis(const std::string& text, const std::string& name) {
  auto open = text.find("```");
  if (open == std::string::npos) return "";
  auto close = text.find("```", open + 3);
  std::istringstream in(text.substr(open + 3, close - open - 3));
  std::string line, out;
  bool in_command = false;
  while (std::getline(in, line)) {
    if (line.rfind("voltperf ", 0) == 0) in_command = line.rfind("voltperf " + name + " ", 0) == 0 || line == "voltperf " + name;
    else if (line.empty() || line[0] != ' ') in_command = false;
    if (in_command) out += line.substr(0, line.find('#')) + "\n";
  }
  return out;
}

std::vector<std::string> subcommands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help.substr(help.find("Subcommands:")));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    out.push_back(name);
  }
  return out;
}

TEST(Docs, EveryOptionOfEveryCommandIsInCliMdAndEverySynopsisOptionExists) {
  std::string doc = read_text(source_path("docs/cli.md"));
  auto top = run_voltperf({"--help"});
  ASSERT_EQ(top.exit_code, 0);
  auto commands = subcommands(top.out);
  ASSERT_GE(commands.size(), 14u) << top.out;
  std::string shared = section(doc, "Choosing runs: --at, --since, --until, --tag, --backend") + section(doc, "hierarchy");
  for (const auto& global : long_options(top.out)) {
    if (global != "--help") {
      EXPECT_NE(doc.find(global), std::string::npos) << "global option " << global;
    }
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> todo;
  for (const auto& c : commands) todo.push_back({c, {c}});
  for (const auto& sub : subcommands(run_voltperf({"db", "--help"}).out)) todo.push_back({"db", {"db", sub}});
  for (const auto& [heading, argv] : todo) {
    std::string text = section(doc, heading);
    if (text.empty())  // exclude, include, accept, tag share one section
      for (const char* combined : {"exclude, include, accept, tag"})
        if (std::string(combined).find(heading) != std::string::npos) text = section(doc, combined);
    ASSERT_FALSE(text.empty()) << "no section for " << heading << " in docs/cli.md";
    auto args = argv;
    args.push_back("--help");
    auto help = run_voltperf(args);
    ASSERT_EQ(help.exit_code, 0) << help.err;
    std::string name = argv.size() > 1 ? argv[0] + " " + argv[1] : argv[0];
    for (const auto& o : long_options(help.out)) {
      if (o != "--help" && o != "--db") {
        EXPECT_TRUE(text.find(o) != std::string::npos || shared.find(o) != std::string::npos)
            << name << " accepts " << o << " but docs/cli.md does not document it";
      }
    }
    std::string shown = name == "db" ? "" : synopsis(text, name);  // db's subcommands have their own lines
    if (argv.size() == 1 && name != "db") {
      EXPECT_FALSE(shown.empty()) << "no synopsis line 'voltperf " << name << " ...' in docs/cli.md";
    }
    for (const auto& o : long_options(shown)) {
      EXPECT_TRUE(long_options(help.out).count(o) || o == "--db")
          << "docs/cli.md shows " << o << " for " << name << " but the binary does not accept it";
    }
  }
}

}  // namespace
}  // namespace voltperf::test
