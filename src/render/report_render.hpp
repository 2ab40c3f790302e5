#pragma once
// Renderers for `report` (text, markdown, json, csv) and `hierarchy`. Shapes in docs/output-formats.md.
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/hierarchy.hpp"
#include "analysis/report.hpp"
#include "render/table.hpp"

namespace voltperf::render {

inline constexpr int k_report_format_version = 1;
inline constexpr int k_hierarchy_format_version = 1;

std::string render_report(const analysis::Report& r, Format f);
std::string render_hierarchy(const analysis::HierarchyResult& h, const analysis::HierarchyConfig& cfg, Format f);

// The hierarchy checks as JSON (shared by report and hierarchy).
nlohmann::ordered_json hierarchy_json(const analysis::HierarchyResult& h);

// A value in the unit people read: bit/s as Gbit/s, packets/s whole, others as stored.
std::string display_value(double v, const std::string& unit);
std::string display_unit(const std::string& unit);

}  // namespace voltperf::render
