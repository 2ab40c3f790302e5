#pragma once
// Renderers for `check`: text, markdown (PR comment / CI job summary), json, JUnit XML; and the backtest.
#include <string>
#include <vector>

#include "analysis/check.hpp"

namespace voltperf::render {

inline constexpr int k_check_format_version = 1;
inline constexpr int k_backtest_format_version = 1;

enum class CheckFormat { text, markdown, json, junit };
CheckFormat parse_check_format(const std::string& name);

std::string render_check(const analysis::CheckResult& r, CheckFormat f, int exit_code);
std::string render_backtest(const std::vector<analysis::BacktestAlert>& alerts, CheckFormat f);

// XML text escaping (also drops characters XML 1.0 cannot carry).
std::string xml_escape(const std::string& s);

}  // namespace voltperf::render
