#pragma once
// Renderers for `runs`, `show` and the ingest summary. JSON shapes are documented in docs/output-formats.md.
#include <string>
#include <vector>

#include "ingest/ingester.hpp"
#include "render/table.hpp"
#include "store/run_reader.hpp"

namespace voltperf::render {

// JSON documents carry {"format": "voltperf.<what>", "format_version": N}.
inline constexpr int k_runs_format_version = 1;
inline constexpr int k_show_format_version = 1;
inline constexpr int k_ingest_format_version = 1;

std::string render_runs(const std::vector<store::RunSummary>& runs, Format f);
std::string render_run_detail(const store::RunDetail& d, Format f);
std::string render_ingest_summary(const ingest::IngestSummary& s, Format f, bool dry_run);

}  // namespace voltperf::render
