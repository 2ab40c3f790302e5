// Broken and hostile input on the real binary: each case gets a clear message naming the file and the
// reason, nothing crashes, and every other run of the tree is still ingested; hostile names leave every
// output well-formed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

using nlohmann::json;

const fs::path k_good_run = "virtio/20261001-023050";

class Hostile : public ::testing::Test {
 protected:
  TempDir m_dir;
  fs::path m_tree = m_dir / "results";
  fs::path m_db = m_dir / "h.db";
  std::string m_real = read_text(lab_history() / k_good_run / "tcp-single.json");

  // A run directory holding the real files of a good run, with tcp-single.json replaced.
  fs::path run_with(const std::string& name, const std::string& tcp_single) {
    auto dir = m_tree / "virtio" / name;
    copy_tree(lab_history() / k_good_run, dir);
    write_text(dir / "tcp-single.json", tcp_single);
    return dir;
  }
  CommandResult ingest() { return run_voltperf({"--db", m_db.string(), "ingest", m_tree.string()}); }
  int runs() { return std::stoi(query_one(m_db, "SELECT count(*) FROM runs")); }
};

TEST_F(Hostile, BrokenFilesAreNamedWithTheReasonAndEverythingElseIsStored) {
  std::vector<std::pair<fs::path, std::string>> expect;
  expect.push_back({run_with("empty", ""), "tcp-single.json: invalid: empty file"});
  expect.push_back({run_with("garbage", std::string("\x7f" "ELF\x02\x01\x01\0\0\xff\xfe", 11)), "tcp-single.json: invalid: not iperf3 JSON"});
  expect.push_back({run_with("bom", "\xEF\xBB\xBF" + m_real), "tcp-single.json: UTF-8 byte order mark skipped"});
  std::string nan_text = m_real;
  auto p = nan_text.find("\"bits_per_second\":");
  nan_text.replace(p, 18, "\"bits_per_second\": NaN, \"x\":");
  expect.push_back({run_with("nan", nan_text), "tcp-single.json: literal nan/inf numbers read as missing"});
  json huge = json::parse(m_real);
  huge["end"]["sum_received"]["bits_per_second"] = -5;
  expect.push_back({run_with("negative", huge.dump()), "end.sum_received.bits_per_second is negative (-5); left out"});
  std::string inf_text = m_real;
  p = inf_text.find("\"retransmits\":");
  inf_text.replace(p, 14, "\"retransmits\": 1e999, \"y\":");
  expect.push_back({run_with("huge", inf_text), "tcp-single.json: invalid: not iperf3 JSON (number overflow parsing '1e999')"});
  json wrong = json::parse(m_real);
  wrong["end"]["sum_received"] = "fast";
  expect.push_back({run_with("wrong-type", wrong.dump()), "tcp-single.json: end.sum_received is string where an object belongs"});
  expect.push_back({run_with("deep", "{\"a\":" + std::string(200000, '[')), "nested deeper than 64 levels"});
  for (std::size_t cut : {1ul, 100ul, 1000ul, 2500ul, m_real.size() - 3}) {
    expect.push_back({run_with("cut-" + std::to_string(cut), m_real.substr(0, cut)), "tcp-single.json: invalid: not iperf3 JSON ("});
  }
  auto big = run_with("big", "");
  fs::resize_file(big / "tcp-single.json", 65 * 1024 * 1024);  // sparse: no memory or disk spent
  expect.push_back({big, "tcp-single.json: cannot read: file is 68157440 bytes, larger than the limit"});
  auto env = run_with("env-injection", m_real);
  auto owned = m_dir / "owned";
  write_text(env / "ping-summary.env", "ICMP_P50_US=$(touch " + owned.string() + ")\nICMP_P99_US=`touch " + owned.string() + "`\n");

  auto r = ingest();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const auto& [dir, message] : expect) {
    auto line_start = r.err.find(dir.string() + "/");
    ASSERT_NE(line_start, std::string::npos) << dir << "\n" << r.err;
    EXPECT_NE(r.err.find(message, line_start), std::string::npos) << message << "\n" << r.err;
  }
  EXPECT_FALSE(fs::exists(owned)) << "nothing in an env file is executed";
  EXPECT_NE(r.err.find(env.string() + "/ping-summary.env: ping-summary.env line 1: ICMP_P50_US is \"$(touch"),
            std::string::npos) << r.err;
  EXPECT_EQ(runs(), static_cast<int>(expect.size()) + 1) << "every run directory is stored, broken files as tests with a status";
  EXPECT_EQ(query_one(m_db, "SELECT count(*) FROM tests WHERE kind = 'udp-max' AND status = 'ok'"), std::to_string(runs()));
  EXPECT_EQ(query_one(m_db, "PRAGMA integrity_check"), "ok");
}

TEST_F(Hostile, SymlinksAreNotFollowed) {
  copy_tree(lab_history() / k_good_run, m_tree / "virtio/20261001-023050");
  fs::create_directory_symlink(m_tree, m_tree / "virtio/loop");
  fs::create_directory_symlink("/etc", m_tree / "macvtap");
  fs::create_symlink("/etc/passwd", m_tree / "virtio/20261001-023050/udp-64byte.json.bak");
  auto r = ingest();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(runs(), 1);
  EXPECT_NE(r.out.find("virtio/loop: symlink, not followed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("macvtap: symlink, not followed"), std::string::npos) << r.out;
}

TEST_F(Hostile, UnreadableFilesAndDirectories) {
  // Root reads everything: as root the binary runs as nobody (setpriv), so permissions apply.
  copy_tree(lab_history() / k_good_run, m_tree / "virtio/a");
  copy_tree(lab_history() / k_good_run, m_tree / "virtio/b");
  copy_tree(lab_history() / k_good_run, m_tree / "virtio/c");
  fs::permissions(m_dir.path(), fs::perms::all);  // nobody writes the database here
  for (auto& e : fs::recursive_directory_iterator(m_tree))
    fs::permissions(e.path(), e.is_directory() ? fs::perms::all : fs::perms::owner_all | fs::perms::group_read |
                                                                      fs::perms::others_read);
  fs::permissions(m_tree / "virtio/a/udp-max.json", fs::perms::none);
  fs::permissions(m_tree / "virtio/b", fs::perms::none);
  auto r = run_voltperf_unprivileged({"--db", m_db.string(), "ingest", m_tree.string()});
  if (!r) GTEST_SKIP() << "running as root without setpriv: permissions cannot be tested";
  EXPECT_EQ(r->exit_code, 0) << r->err;
  EXPECT_NE(r->err.find("virtio/a/udp-max.json: cannot read: Permission denied"), std::string::npos) << r->err;
  EXPECT_NE(r->err.find("virtio/b: cannot read directory"), std::string::npos) << r->err;
  EXPECT_EQ(query_one(m_db, "SELECT group_concat(name) FROM runs ORDER BY name"), "a,c") << "the other runs are stored";
}

// Names users never meant: quotes, commas, pipes, markup, CDATA ends, newlines, control characters, unicode,
// leading dashes. Every output stays well-formed and shows the text.
TEST_F(Hostile, HostileNamesLeaveEveryOutputWellFormed) {
  const std::string backend = "-evil,\"b\"|<script>alert(1)<&>]]>\x01";  // no '/': it cannot be in a name
  const std::string run = "20261001-023050 run\nwith newline ünïcødé";
  copy_tree(lab_history() / k_good_run, m_tree / backend / run);
  copy_tree(lab_history() / "virtio/20261002-020713", m_tree / "virtio/20261002-020713");
  auto r = run_voltperf({"--db", m_db.string(), "ingest", "--tag", "note=a,b|\"c\"<d>", m_tree.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = json::parse(run_voltperf({"--db", m_db.string(), "runs", "--format", "json"}).out);
  ASSERT_EQ(j["runs"].size(), 2u);
  EXPECT_EQ(j["runs"][0]["backend"], backend);
  EXPECT_EQ(j["runs"][0]["run"], run);
  EXPECT_EQ(j["runs"][0]["tags"]["note"], "a,b|\"c\"<d>");
  // CSV: a real RFC 4180 reading gives back the same fields.
  auto csv = run_voltperf({"--db", m_db.string(), "runs", "--format", "csv"}).out;
  EXPECT_NE(csv.find("\"-evil,\"\"b\"\"|<script>alert(1)<&>]]>\x01\",\"20261001-023050 run\nwith newline ünïcødé\""),
            std::string::npos) << csv;
  // Text tables escape control characters: one line per run.
  auto table = run_voltperf({"--db", m_db.string(), "runs"}).out;
  EXPECT_NE(table.find("run\\nwith newline"), std::string::npos) << table;
  EXPECT_NE(table.find("\\x01"), std::string::npos);
  // Markdown keeps its columns: the pipe is escaped.
  auto md = run_voltperf({"--db", m_db.string(), "report", "--format", "markdown"}).out;
  EXPECT_NE(md.find("\\|"), std::string::npos);
  for (std::size_t p = md.find("| -evil"); p != std::string::npos; p = std::string::npos) {
    auto line = md.substr(p, md.find('\n', p) - p);
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) pipes += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    EXPECT_EQ(pipes, 10u) << line;  // 9 columns
  }
  // JSON of every command parses; JUnit passes xmllint.
  for (std::vector<std::string> args : {std::vector<std::string>{"report", "--format", "json"},
                                         {"trend", "--metric", "tcp-single.receiver_bps", "--format", "json"},
                                         {"check", "--format", "json"}, {"hierarchy", "--format", "json"},
                                         {"sql", "SELECT * FROM v_runs", "--format", "json"}}) {
    args.insert(args.begin(), {"--db", m_db.string()});
    auto out = run_voltperf(args);
    EXPECT_FALSE(json::parse(out.out, nullptr, false).is_discarded()) << args[2] << ": " << out.out;
  }
  auto xml = m_dir / "j.xml";
  run_voltperf({"--db", m_db.string(), "check", "--format", "junit", "-o", xml.string()});
  auto lint = run_program("/usr/bin/xmllint", {"--noout", xml.string()});
  EXPECT_EQ(lint.exit_code, 0) << lint.err << read_text(xml);
  EXPECT_EQ(read_text(xml).find("<script>"), std::string::npos);
  EXPECT_EQ(read_text(xml).find("]]>"), std::string::npos);
  // HTML: names and tags are text, never markup (the browser test, tests/browser, checks the rendering).
  auto page = m_dir / "report.html";
  ASSERT_EQ(run_voltperf({"--db", m_db.string(), "report", "--format", "html", "-o", page.string()}).exit_code, 0);
  std::string html = read_text(page);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_NE(html.find("-evil,&quot;b&quot;|&lt;script&gt;alert(1)&lt;&amp;&gt;]]&gt;\\x01"), std::string::npos);
  EXPECT_NE(html.find("note=a,b|&quot;c&quot;&lt;d&gt;"), std::string::npos);
  // show finds the run by its hostile name.
  // A name starting with a dash comes after "--", as with every command-line tool.
  auto show = run_voltperf({"--db", m_db.string(), "show", "--format", "json", "--", backend + "/" + run});
  EXPECT_EQ(show.exit_code, 0) << show.err;
}

}  // namespace
}  // namespace voltperf::test
