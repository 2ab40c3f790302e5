#pragma once
// compare.sh's exact output (`report --format legacy`) and its COMPARISON.md.
#include <string>

#include "analysis/report.hpp"

namespace voltperf::render {

// The terminal output of compare.sh. `generated` is the `date` text; `markdown_path` the file it names
// in "Comparison report saved to:" (empty: not written, said so instead).
std::string render_legacy(const analysis::LegacyReport& r, const std::string& generated, const std::string& markdown_path);

// COMPARISON.md as compare.sh writes it.
std::string render_legacy_markdown(const analysis::LegacyReport& r, const std::string& generated);

// `date`'s default format in the C locale, e.g. "Fri Dec  4 16:40:07 UTC 2026" (local time zone).
std::string legacy_date_now();

}  // namespace voltperf::render
