#include "ingest/iperf3_reader.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "ingest/json_text.hpp"
#include "ingest/iperf3_metrics.hpp"
#include "model/metrics.hpp"
#include "util/text.hpp"

namespace voltperf::ingest {

using nlohmann::json;
using model::TestResult;
using model::TestStatus;

namespace {

constexpr int k_max_depth = 64;  // real iperf3 output nests about 5 deep

void set_invalid(TestResult& r, std::string reason) {
  r.status = TestStatus::invalid;
  r.reason = std::move(reason);
}

// Rebuilds the one-object shape from --json-stream lines ({"event":..., "data":...}, iperf3 3.17+).
bool assemble_json_stream(std::string_view text, json& doc, TestResult& r) {
  doc = json::object();
  doc["intervals"] = json::array();
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    auto line = util::trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (line.empty()) continue;
    json ev = json::parse(line, nullptr, false);
    if (ev.is_discarded() || !ev.is_object() || !ev.contains("event")) {
      set_invalid(r, fmt::format("not iperf3 --json-stream output (line {} is not an event object)", line_no));
      return false;
    }
    const auto& name = ev["event"];
    const json data = ev.value("data", json());
    if (name == "start") doc["start"] = data;
    else if (name == "interval") doc["intervals"].push_back(data);
    else if (name == "end") doc["end"] = data;
    else if (name == "error") doc["error"] = data.is_string() ? data : json(data.dump());
    else if (name == "server_output_json") doc["server_output_json"] = data;
  }
  return true;
}

// --json-stream output: the first line alone is an object with an "event" member.
bool is_json_stream(std::string_view text) {
  auto first = util::trim(text.substr(0, text.find('\n')));
  if (first.empty() || first.front() != '{') return false;
  json line = json::parse(first, nullptr, false);
  return !line.is_discarded() && line.is_object() && line.contains("event");
}

// The parts of an iperf3 document extract_test reads, copied from simdjson's DOM: start, end, error, title
// and each interval's sum (the per-stream interval data, most of the bytes, is never copied).
json to_json(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::OBJECT: {
      json o = json::object();
      for (auto field : simdjson::dom::object(e)) o[std::string(field.key)] = to_json(field.value);  // last wins
      return o;
    }
    case element_type::ARRAY: {
      json a = json::array();
      for (auto v : simdjson::dom::array(e)) a.push_back(to_json(v));
      return a;
    }
    case element_type::INT64: return std::int64_t(e);
    case element_type::UINT64: return std::uint64_t(e);
    case element_type::DOUBLE: return double(e);
    case element_type::STRING: return std::string(std::string_view(e));
    case element_type::BOOL: return bool(e);
    case element_type::NULL_VALUE: break;
  }
  return nullptr;
}

// Fast path for the common case, a file that is exactly one well-formed JSON object. Returns false for
// anything else (noise around the JSON, --json-stream, nan, huge numbers, bad UTF-8, deep nesting), which
// parse_document then handles with nlohmann/json and its precise messages. Both paths give the same
// TestResult for the same file (tested on every corpus file: iperf3_reader_test).
bool parse_fast(std::string_view text, json& doc) {
  thread_local simdjson::dom::parser parser = [] {
    simdjson::dom::parser p;
    // Deeper than 32 levels: the slow path applies the exact depth rule. A failed allocation fails parse().
    if (p.allocate(128 * 1024, 32) != simdjson::SUCCESS) return p;  // grows for larger files
    return p;
  }();
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return false;
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) return false;
  if (obj["event"].error() == simdjson::SUCCESS) return false;  // a one-line --json-stream file
  doc = json::object();
  for (auto field : obj) {
    if (field.key == "start" || field.key == "end" || field.key == "error" || field.key == "title") {
      doc[std::string(field.key)] = to_json(field.value);
    } else if (field.key == "intervals") {
      json& out = doc["intervals"];
      out = json::array();  // a duplicate key replaces, as in nlohmann/json
      simdjson::dom::array intervals;
      if (field.value.get_array().get(intervals) != simdjson::SUCCESS) {
        out = to_json(field.value);
        continue;
      }
      for (auto iv : intervals) {
        simdjson::dom::object ivo;
        if (iv.get_object().get(ivo) != simdjson::SUCCESS) {
          out.push_back(nullptr);
          continue;
        }
        json one = json::object();
        for (auto f : ivo)
          if (f.key == "sum") one["sum"] = to_json(f.value);
        out.push_back(std::move(one));
      }
    }
  }
  return true;
}

// Finds and parses the JSON object in iperf3's output, tolerating the noise real files carry.
bool parse_document(std::string_view text, json& doc, TestResult& r, Parser parser) {
  if (parser == Parser::fast && parse_fast(text, doc)) return true;
  if (is_json_stream(text)) {
    r.warnings.push_back("--json-stream output (one event per line) assembled into one document");
    return assemble_json_stream(text, doc, r);
  }
  ObjectSpan span = find_object(text, 0, k_max_depth);
  if (span.begin == std::string_view::npos) {
    set_invalid(r, fmt::format("not iperf3 JSON (no JSON object in the file; it starts with \"{}\")",
                               util::printable(util::trim(text), 40)));
    return false;
  }
  if (span.max_depth > k_max_depth) {
    set_invalid(r, fmt::format("not iperf3 JSON (nested deeper than {} levels at byte {})", k_max_depth,
                               span.begin));
    return false;
  }
  if (span.begin > 0 && !util::trim(text.substr(0, span.begin)).empty())
    r.warnings.push_back(fmt::format("skipped {} bytes of text before the JSON (\"{}\")", span.begin,
                                     util::printable(util::trim(text.substr(0, span.begin)), 30)));
  std::string body(text.substr(span.begin, span.end == std::string_view::npos ? std::string_view::npos
                                                                                 : span.end - span.begin));
  try {
    doc = json::parse(body);
  } catch (const json::out_of_range& e) {  // e.g. a number like 1e999 that no double holds
    std::string what = e.what();
    auto bracket = what.find("] ");
    set_invalid(r, fmt::format("not iperf3 JSON ({})", bracket == std::string::npos ? what : what.substr(bracket + 2)));
    return false;
  } catch (const json::parse_error& first_error) {
    std::string fixed = body;
    if (replace_nonfinite_literals(fixed) > 0) {
      doc = json::parse(fixed, nullptr, false);
      if (!doc.is_discarded()) {
        r.warnings.push_back("literal nan/inf numbers read as missing (iperf3 3.0-3.1 bug)");
        return true;
      }
    }
    if (span.end == std::string_view::npos) {
      set_invalid(r, fmt::format("not iperf3 JSON (unexpected end of input at byte {}: the object opened at byte {} "
                                 "is never closed; truncated?)",
                                 text.size(), span.begin));
    } else {
      std::string what = first_error.what();
      auto colon = what.find("syntax error while parsing ");
      std::string detail = colon == std::string::npos ? what : what.substr(colon + 27);
      set_invalid(r, fmt::format("not iperf3 JSON (syntax error at byte {}: {})",
                                 span.begin + first_error.byte - 1, detail));
    }
    return false;
  }
  if (span.end != std::string_view::npos) {
    auto rest = util::trim(text.substr(span.end));
    if (!rest.empty()) {
      int objects = 1;
      std::size_t from = span.end;
      while (true) {
        ObjectSpan next = find_object(text, from, k_max_depth);
        if (next.begin == std::string_view::npos || next.end == std::string_view::npos) break;
        ++objects;
        from = next.end;
      }
      if (objects > 1)
        r.warnings.push_back(fmt::format(
            "file holds {} JSON objects (iperf3 server output or a repeated document); the first was used",
            objects));
      else
        r.warnings.push_back(fmt::format("ignored {} bytes of text after the JSON (\"{}\")", rest.size(),
                                         util::printable(rest, 30)));
    }
  }
  return true;
}

}  // namespace

TestResult read_iperf3(std::string_view bytes, std::string_view kind, std::string_view file_name, Parser parser) {
  TestResult r;
  r.kind = std::string(kind);
  r.file = std::string(file_name);
  if (util::starts_with(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    r.warnings.push_back("UTF-8 byte order mark skipped");
  }
  if (util::trim(bytes).empty()) {
    set_invalid(r, bytes.empty() ? "empty file" : "file holds only white space");
    return r;
  }
  json doc;
  if (!parse_document(bytes, doc, r, parser)) return r;
  if (!doc.is_object()) {
    set_invalid(r, "not iperf3 JSON (the document is not an object)");
    return r;
  }
  extract_test(doc, r);
  return r;
}

}  // namespace voltperf::ingest
