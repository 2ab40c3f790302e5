// iperf3 reader over every real file of the corpus (tests/data), and over real files damaged in the ways
// real labs damage them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ingest/iperf3_reader.hpp"
#include "support/test_support.hpp"

namespace voltperf::test {
namespace {

using model::TestStatus;
using nlohmann::json;

model::TestResult read_file_as(const fs::path& p, const std::string& kind) {
  return ingest::read_iperf3(read_text(p), kind, p.filename().string());
}

bool has_warning(const model::TestResult& r, const std::string& part) {
  for (const auto& w : r.warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}

double metric(const model::TestResult& r, const std::string& name) {
  auto* m = r.metric(name);
  EXPECT_NE(m, nullptr) << "metric " << name << " missing";
  return m ? m->value : -1;
}

struct Expectation {
  const char* file;
  TestStatus status;
  const char* reason_or_warning;  // substring of the reason (not ok) or of a warning (ok); "" for none
};

const Expectation k_corpus[] = {
    {"corpus/DCsunset_vue-iperf3-chart__data.json", TestStatus::ok, "intervals carried no data"},
    {"corpus/ekfoury_iperf3_plotter__my_test.json", TestStatus::ok, ""},
    {"corpus/f18m_iperf3-continuous-logger__sample-server-json.json", TestStatus::ok, "5 JSON objects"},
    {"corpus/flxo_iperf3-json__tcp-parallel.json", TestStatus::ok, ""},
    {"corpus/flxo_iperf3-json__tcp.json", TestStatus::failed, "interrupt - the client has terminated"},
    {"corpus/flxo_iperf3-json__udp.json", TestStatus::ok, ""},
    {"corpus/josh-ocp_iperf_data_analysis__iperf_test.json", TestStatus::ok, ""},
    {"corpus/josh-ocp_iperf_data_analysis__root_Ziply_Fiber__sycamore_iperf_test_20250315_234103.json", TestStatus::ok, ""},
    {"corpus/kfirtoledo_CloudPilot_Project__10k_file_host_proxy_forwarding_0.json", TestStatus::ok, "receiver_bps is 0"},
    {"corpus/kfirtoledo_CloudPilot_Project__bw_proxy_target_direct_1.json", TestStatus::ok, ""},
    {"corpus/kfirtoledo_CloudPilot_Project__bw_proxy_target_direct__empty.json", TestStatus::invalid, "no test results"},
    {"corpus/kfirtoledo_CloudPilot_Project__large_file_host_proxy_forwarding__error.json", TestStatus::failed,
     "control socket has closed unexpectedly"},
    {"corpus/kfirtoledo_CloudPilot_Project__large_file_proxy_target_direct__ctrlc.json", TestStatus::failed,
     "interrupt - the client has terminated"},
    {"corpus/kokol16_iperf3_plotter__server_1_1.json", TestStatus::ok, "peer's numbers are 0"},
    {"corpus/kokol16_iperf3_plotter__server_1_3.json", TestStatus::ok, "peer's numbers are 0"},
    {"corpus/kokol16_iperf3_plotter__server_4_1_c_C.json", TestStatus::ok, "peer's numbers are 0"},
    {"corpus/kokol16_iperf3_plotter__udp_10_percent.json", TestStatus::ok, ""},
    {"corpus/thiezn_iperf3-python__results.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-error-connection-refused-tcp.json", TestStatus::failed, "Connection refused"},
    {"samples/iperf3-3.12-server-side-4-tests.json", TestStatus::ok, "JSON objects"},
    {"samples/iperf3-3.12-tcp-bidir.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-tcp-bytes-not-time.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-tcp-get-server-output.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-tcp-multi-8-interrupted.json", TestStatus::failed, "interrupt"},
    {"samples/iperf3-3.12-tcp-omit-title.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-tcp-reverse.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-udp-64byte-8-streams.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-udp-bidir.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-udp-reverse.json", TestStatus::ok, ""},
    {"samples/iperf3-3.12-usage-text-not-json.json", TestStatus::invalid, "no JSON object in the file"},
};

TEST(Iperf3Reader, EveryCorpusFileGetsItsStatusAndReason) {
  int seen = 0;
  for (const auto& e : k_corpus) {
    SCOPED_TRACE(e.file);
    auto r = read_file_as(source_path("tests/data") / e.file, "tcp-single");
    EXPECT_EQ(r.status, e.status) << r.reason;
    if (e.status == TestStatus::ok) {
      if (*e.reason_or_warning) {
        EXPECT_TRUE(has_warning(r, e.reason_or_warning));
      }
      EXPECT_TRUE(r.metric("receiver_bps") || r.metric("sender_bps"));
    } else {
      EXPECT_NE(r.reason.find(e.reason_or_warning), std::string::npos) << r.reason;
      EXPECT_TRUE(r.metrics.empty()) << "a failed test must not carry metrics (never 0 Gbit/s)";
    }
    ++seen;
  }
  // Every file of the corpus is in the table above.
  int files = 0;
  for (const char* dir : {"tests/data/corpus", "tests/data/samples"})
    for (auto& f : fs::directory_iterator(source_path(dir))) files += f.path().extension() == ".json";
  EXPECT_EQ(seen, files);
}

// For every valid client file, the receiver and sender rates are exactly iperf3's own fields.
TEST(Iperf3Reader, ClientRatesEqualTheSourceFields) {
  for (const auto& e : k_corpus) {
    if (e.status != TestStatus::ok) continue;
    auto path = source_path("tests/data") / e.file;
    json doc = json::parse(read_text(path), nullptr, false);
    if (doc.is_discarded() || !doc["start"].contains("connecting_to")) continue;  // concatenated or server side
    SCOPED_TRACE(e.file);
    auto r = read_file_as(path, "tcp-single");
    const json& end = doc["end"];
    if (end.contains("sum_received") && end.contains("sum_sent")) {
      EXPECT_DOUBLE_EQ(metric(r, "receiver_bps"), end["sum_received"]["bits_per_second"].get<double>());
      EXPECT_DOUBLE_EQ(metric(r, "sender_bps"), end["sum_sent"]["bits_per_second"].get<double>());
    }
    EXPECT_EQ(r.samples.size(), doc["intervals"].size());
  }
}

TEST(Iperf3Reader, ModesAndSettings) {
  auto rev = read_file_as(source_path("tests/data/samples/iperf3-3.12-tcp-reverse.json"), "tcp-single");
  EXPECT_TRUE(rev.settings.reverse);
  auto bidir = read_file_as(source_path("tests/data/samples/iperf3-3.12-tcp-bidir.json"), "tcp-single");
  EXPECT_TRUE(bidir.settings.bidir);
  EXPECT_NE(bidir.metric("reverse_receiver_bps"), nullptr);
  auto title = read_file_as(source_path("tests/data/samples/iperf3-3.12-tcp-omit-title.json"), "tcp-single");
  EXPECT_EQ(title.title, "volt-virtio");
  EXPECT_EQ(title.settings.omit_s, 1.0);
  auto bytes = read_file_as(source_path("tests/data/samples/iperf3-3.12-tcp-bytes-not-time.json"), "tcp-single");
  EXPECT_EQ(bytes.settings.requested_s, 0.0);
  EXPECT_FALSE(has_warning(bytes, "of the requested"));
  auto multi = read_file_as(source_path("tests/data/samples/iperf3-3.12-udp-64byte-8-streams.json"), "udp-64byte");
  EXPECT_EQ(multi.settings.streams, 8);
  EXPECT_EQ(multi.settings.blksize, 64);
  auto old = read_file_as(source_path("tests/data/corpus/thiezn_iperf3-python__results.json"), "tcp-single");
  EXPECT_EQ(old.iperf3_version, "3.0.11");
  EXPECT_EQ(old.side, "client");
  auto server = read_file_as(source_path("tests/data/corpus/kokol16_iperf3_plotter__server_1_1.json"), "tcp-single");
  EXPECT_EQ(server.side, "server");
  EXPECT_EQ(server.metric("sender_bps"), nullptr) << "the server's 0 for the peer's rate is unknown, not 0";
  EXPECT_GT(metric(server, "receiver_bps"), 0);
  auto ctrlc = read_file_as(source_path("tests/data/corpus/kfirtoledo_CloudPilot_Project__large_file_proxy_target_direct__ctrlc.json"), "tcp-single");
  EXPECT_TRUE(has_warning(ctrlc, "skipped 2 bytes of text before the JSON"));
}

// Before 3.11 UDP has only end.sum: the delivered rate follows the documented formula.
TEST(Iperf3Reader, UdpBefore311DeliveredRateFromPacketsAndLoss) {
  auto path = source_path("tests/data/corpus/kokol16_iperf3_plotter__udp_10_percent.json");
  json doc = json::parse(read_text(path));
  auto r = read_file_as(path, "udp-max");
  const json& sum = doc["end"]["sum"];
  double seconds = sum["end"].get<double>() - sum["start"].get<double>();
  double delivered = sum["packets"].get<double>() - sum["lost_packets"].get<double>();
  EXPECT_DOUBLE_EQ(metric(r, "pps_delivered"), delivered / seconds);
  EXPECT_DOUBLE_EQ(metric(r, "receiver_bps"),
                   delivered * doc["start"]["test_start"]["blksize"].get<double>() * 8 / seconds);
  EXPECT_DOUBLE_EQ(metric(r, "sender_bps"), sum["bits_per_second"].get<double>());
}

// 3.11+ UDP: sender and receiver sides apart; on lossy links the sender rate looks far better.
TEST(Iperf3Reader, UdpDeliveredRateIsTheReceiversOnLabData) {
  auto path = lab_history() / "vhost-net/20261007-021447/udp-max.json";
  json doc = json::parse(read_text(path));
  auto r = read_file_as(path, "udp-max");
  const json& rx = doc["end"]["sum_received"];
  EXPECT_DOUBLE_EQ(metric(r, "receiver_bps"), rx["bits_per_second"].get<double>());
  EXPECT_DOUBLE_EQ(metric(r, "pps_delivered"),
                   (rx["packets"].get<double>() - rx["lost_packets"].get<double>()) /
                       (rx["end"].get<double>() - rx["start"].get<double>()));
  EXPECT_GT(metric(r, "sender_bps"), 1.5 * metric(r, "receiver_bps"));
  EXPECT_DOUBLE_EQ(metric(r, "sum_bps"), doc["end"]["sum"]["bits_per_second"].get<double>());
}

class DamagedFile : public ::testing::Test {
 protected:
  std::string m_text = read_text(lab_history() / "virtio/20261001-023050/tcp-single.json");
  void SetUp() override { ASSERT_FALSE(m_text.empty()); }
  model::TestResult read(const std::string& t) { return ingest::read_iperf3(t, "tcp-single", "tcp-single.json"); }
};

TEST_F(DamagedFile, TruncatedAnywhereIsInvalidWithPosition) {
  for (std::size_t cut = 0; cut < m_text.size() - 2; cut += 37) {
    auto r = read(m_text.substr(0, cut));
    ASSERT_EQ(r.status, TestStatus::invalid) << "cut at " << cut;
    EXPECT_TRUE(r.reason.find("empty") != std::string::npos || r.reason.find("white space") != std::string::npos ||
                r.reason.find("not iperf3 JSON") != std::string::npos)
        << r.reason;
    if (cut > 10) {
      EXPECT_NE(r.reason.find("byte"), std::string::npos) << r.reason;
    }
  }
}

TEST_F(DamagedFile, BomCrlfAndTrailingTextStillRead) {
  auto clean = read(m_text);
  ASSERT_EQ(clean.status, TestStatus::ok);
  auto bom = read("\xEF\xBB\xBF" + m_text);
  EXPECT_EQ(bom.status, TestStatus::ok);
  EXPECT_TRUE(has_warning(bom, "byte order mark"));
  std::string crlf;
  for (char c : m_text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto r = read(crlf);
  EXPECT_EQ(r.status, TestStatus::ok);
  EXPECT_DOUBLE_EQ(metric(r, "receiver_bps"), metric(clean, "receiver_bps"));
  auto twice = read(m_text + m_text);
  EXPECT_TRUE(has_warning(twice, "2 JSON objects"));
  auto tail = read(m_text + "iperf3: error - control socket has closed unexpectedly\n");
  EXPECT_TRUE(has_warning(tail, "bytes of text after the JSON"));
}

TEST_F(DamagedFile, KnownNumberBugsBecomeWarningsNotValues) {
  json doc = json::parse(m_text);
  doc["end"]["sum_sent"]["retransmits"] = 18446744073709551615ULL;
  auto r = read(doc.dump());
  EXPECT_EQ(r.metric("retransmits"), nullptr);
  EXPECT_TRUE(has_warning(r, "#1435"));

  std::string nan_text = doc.dump();
  auto pos = nan_text.find("\"bits_per_second\":");
  nan_text.replace(pos, std::string("\"bits_per_second\":").size(), "\"bits_per_second\":nan,\"x\":");
  auto n = read(nan_text);
  EXPECT_EQ(n.status, TestStatus::ok);
  EXPECT_TRUE(has_warning(n, "nan/inf"));

  json wrong = json::parse(m_text);
  wrong["end"]["sum_received"]["bits_per_second"] = "fast";
  auto w = read(wrong.dump());
  EXPECT_EQ(w.metric("receiver_bps"), nullptr);
  EXPECT_TRUE(has_warning(w, "is string where a number belongs"));
}

TEST_F(DamagedFile, GarbageEmptyAndDeepNestingAreInvalid) {
  EXPECT_EQ(read("").reason, "empty file");
  EXPECT_EQ(read("{}").status, TestStatus::invalid);
  EXPECT_EQ(read(std::string("\x00\x01\x02\xff\xfe", 5)).status, TestStatus::invalid);
  auto deep = read("{\"a\":" + std::string(100000, '['));
  EXPECT_EQ(deep.status, TestStatus::invalid);
  EXPECT_NE(deep.reason.find("nested deeper"), std::string::npos);
  EXPECT_EQ(read("[1,2,3]").status, TestStatus::invalid);
}

TEST_F(DamagedFile, JsonStreamLinesGiveTheSameMetrics) {
  json doc = json::parse(m_text);
  // iperf3 3.17+ writes {"event":"...","data":{...}} per line, event first.
  auto line = [](const char* event, const json& data) {
    return std::string("{\"event\":\"") + event + "\",\"data\":" + data.dump() + "}\n";
  };
  std::string stream = line("start", doc["start"]);
  for (const auto& iv : doc["intervals"]) stream += line("interval", iv);
  stream += line("end", doc["end"]);
  auto r = read(stream);
  auto clean = read(m_text);
  ASSERT_EQ(r.status, TestStatus::ok) << r.reason;
  EXPECT_DOUBLE_EQ(metric(r, "receiver_bps"), metric(clean, "receiver_bps"));
  EXPECT_EQ(r.samples.size(), clean.samples.size());
  auto broken = read(stream + "{\"event\":\n");
  EXPECT_EQ(broken.status, TestStatus::invalid);
}

TEST_F(DamagedFile, StreamCountAndShortDurationWarnings) {
  auto r = ingest::read_iperf3(m_text, "tcp-multi-8", "tcp-multi-8.json");
  EXPECT_TRUE(has_warning(r, "1 streams, but the file name says 8"));
  json doc = json::parse(m_text);
  doc["start"]["test_start"]["duration"] = 30;
  EXPECT_TRUE(has_warning(read(doc.dump()), "of the requested 30 s"));
}


// Everything a reader keeps of a test, as one string, to compare the simdjson and the reference path.
std::string describe(const model::TestResult& r) {
  const auto& s = r.settings;
  auto opt = [](const auto& v) { return v ? std::to_string(*v) : std::string("-"); };
  std::string out = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", to_string(r.status),
                                r.reason, s.protocol, opt(s.streams), opt(s.blksize), opt(s.target_bitrate),
                                opt(s.omit_s), opt(s.requested_s), opt(s.bytes_limit), s.reverse, s.bidir,
                                opt(r.measured_s), r.side, r.title, r.iperf3_version, r.system_info,
                                opt(r.timesecs), r.samples.size());
  for (const auto& m : r.metrics) out += fmt::format("m {} {:.17g} {}\n", m.name, m.value, m.source);
  for (const auto& x : r.samples)
    out += fmt::format("s {:.17g} {:.17g} {:.17g} {} {}\n", x.start, x.end, x.bits_per_second, opt(x.packets),
                       x.omitted);
  for (const auto& w : r.warnings) out += "w " + w + "\n";
  return out;
}

void expect_same_on_both_paths(const std::string& text, const std::string& kind, const std::string& what) {
  auto fast = ingest::read_iperf3(text, kind, kind + ".json", ingest::Parser::fast);
  auto reference = ingest::read_iperf3(text, kind, kind + ".json", ingest::Parser::reference);
  EXPECT_EQ(describe(fast), describe(reference)) << what;
}

TEST(Iperf3Reader, FastAndReferenceParsersAgreeOnEveryRealFile) {
  int files = 0;
  for (const char* dir : {"tests/data/corpus", "tests/data/samples"})
    for (auto& f : fs::directory_iterator(source_path(dir)))
      if (f.path().extension() == ".json") {
        expect_same_on_both_paths(read_text(f.path()), "tcp-multi-8", f.path().string());
        ++files;
      }
  for (auto& f : fs::recursive_directory_iterator(lab_history()))
    if (f.path().extension() == ".json") {
      expect_same_on_both_paths(read_text(f.path()), f.path().stem().string(), f.path().string());
      ++files;
    }
  EXPECT_GT(files, 150);
}

TEST_F(DamagedFile, FastAndReferenceParsersAgreeOnDamagedFiles) {
  json doc = json::parse(m_text);
  std::vector<std::pair<std::string, std::string>> cases;
  auto variant = [&](const std::string& what, auto change) {
    json d = doc;
    change(d);
    cases.emplace_back(what, d.dump(2));
  };
  variant("unsigned #1435", [](json& d) { d["end"]["sum_sent"]["retransmits"] = 18446744073709551615ULL; });
  variant("string number", [](json& d) { d["end"]["sum_received"]["bits_per_second"] = "fast"; });
  variant("negative", [](json& d) { d["end"]["sum_received"]["bits_per_second"] = -5; });
  variant("intervals not an array", [](json& d) { d["intervals"] = "none"; });
  variant("interval not an object", [](json& d) { d["intervals"][0] = 7; });
  variant("interval without sum", [](json& d) { d["intervals"][1].erase("sum"); });
  variant("end is an array", [](json& d) { d["end"] = json::array({1, 2}); });
  variant("sum_sent is a string", [](json& d) { d["end"]["sum_sent"] = "x"; });
  variant("error object", [](json& d) { d["error"] = json{{"code", 3}}; });
  variant("title", [](json& d) { d["title"] = "t\u00e9st \"quoted\""; });
  variant("empty end", [](json& d) { d["end"] = json::object(); });
  std::string text = doc.dump();
  cases.emplace_back("duplicate key", text.substr(0, text.size() - 1) + ",\"end\":{\"sum_sent\":{\"bits_per_second\":5}}}");
  std::string deep = "{\"start\":{},\"x\":" + std::string(40, '[') + std::string(40, ']') + "," + text.substr(1);
  cases.emplace_back("40 levels deep", deep);
  std::string deeper = "{\"x\":" + std::string(70, '[') + std::string(70, ']') + "," + text.substr(1);
  cases.emplace_back("70 levels deep", deeper);
  cases.emplace_back("one-line json-stream event", "{\"event\":\"end\",\"data\":" + doc["end"].dump() + "}");
  cases.emplace_back("1e999", text.substr(0, text.size() - 1) + ",\"huge\":1e999}");
  cases.emplace_back("big integer", text.substr(0, text.size() - 1) + ",\"huge\":123456789012345678901234567890}");
  cases.emplace_back("bad UTF-8", text.substr(0, text.size() - 1) + ",\"s\":\"\xff\xfe\"}");
  cases.emplace_back("leading text", "Connecting to host\n" + text);
  cases.emplace_back("trailing text", text + "\niperf3: interrupt\n");
  cases.emplace_back("two objects", text + text);
  cases.emplace_back("array root", "[" + text + "]");
  for (std::size_t cut = 1; cut < text.size(); cut += 211) cases.emplace_back("cut", text.substr(0, cut));
  for (const auto& [what, t] : cases) expect_same_on_both_paths(t, "tcp-single", what);
}

}  // namespace
}  // namespace voltperf::test
