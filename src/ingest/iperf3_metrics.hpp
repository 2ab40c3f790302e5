#pragma once
// Turns a parsed iperf3 document into settings, metrics, samples and validity warnings.
#include <nlohmann/json.hpp>

#include "model/run.hpp"

namespace voltperf::ingest {

// Fills r from doc (an object). Sets status failed on an `error` member, invalid when there is no result.
void extract_test(const nlohmann::json& doc, model::TestResult& r);

}  // namespace voltperf::ingest
