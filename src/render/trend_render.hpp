#pragma once
// Renderers for `trend`, `query` and `sql`.
#include <string>
#include <vector>

#include "analysis/query.hpp"
#include "analysis/trend.hpp"
#include "render/table.hpp"
#include "store/sql_console.hpp"

namespace voltperf::render {

inline constexpr int k_trend_format_version = 1;
inline constexpr int k_query_format_version = 1;
inline constexpr int k_sql_format_version = 1;

std::string render_trend(const analysis::Trend& t, Format f);
std::string render_query(const std::vector<analysis::QueryRow>& rows, const std::vector<std::string>& aggregates, Format f);
std::string render_sql(const store::SqlResult& r, Format f);

// Unicode block sparkline of the values (gaps as spaces), scaled between their min and max.
std::string sparkline(const std::vector<std::optional<double>>& values);

}  // namespace voltperf::render
