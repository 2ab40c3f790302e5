#pragma once
// Renderer for `db migrate` and `db status`.
#include <string>

#include "render/table.hpp"
#include "store/maintenance.hpp"

namespace voltperf::render {
inline constexpr int k_db_status_format_version = 1;
std::string render_db_status(const store::DatabaseStatus& s, Format f);
}  // namespace voltperf::render
