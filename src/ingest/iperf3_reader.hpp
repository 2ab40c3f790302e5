#pragma once
// Reads one iperf3 -J (or --json-stream) output into a TestResult.
#include <string_view>

#include "model/run.hpp"

namespace voltperf::ingest {

// Parses iperf3 output of test `kind` (e.g. "tcp-multi-8"). Never throws on bad input:
// - an `error` member gives status failed with iperf3's message (no metrics are kept);
// - text that holds no usable JSON gives status invalid with the reason and byte position;
// - suspicious but usable output gives status ok with warnings.
// Parser::fast reads well-formed files with simdjson (about 10x faster) and everything else like
// Parser::reference, which uses only nlohmann/json; both give the same result (a test holds them equal).
enum class Parser { fast, reference };
model::TestResult read_iperf3(std::string_view bytes, std::string_view kind, std::string_view file_name,
                              Parser parser = Parser::fast);

}  // namespace voltperf::ingest
