#pragma once
// `report --format html`: one self-contained page (inline SVG and CSS, no script, nothing fetched) with the
// latest-run comparison, the hierarchy verdicts, the check results and a trend chart per headline metric.
// The page's structure (classes and data- attributes the browser test reads) is in docs/output-formats.md.
#include <string>

#include "analysis/visual_report.hpp"

namespace voltperf::render {

inline constexpr int k_html_format_version = 1;

// Escapes text for HTML element content and attribute values.
std::string html_escape(const std::string& s);

// `generated` is the ISO-8601 time printed on the page.
std::string render_html(const analysis::VisualReport& r, const std::string& generated);

}  // namespace voltperf::render
