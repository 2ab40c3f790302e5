#include "render/db_render.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace voltperf::render {

std::string render_db_status(const store::DatabaseStatus& s, Format f) {
  if (f == Format::json) {
    nlohmann::ordered_json j;
    j["format"] = "voltperf.db_status";
    j["format_version"] = k_db_status_format_version;
    j["path"] = s.path;
    j["schema_version"] = s.schema_version;
    j["latest_schema_version"] = s.latest_version;
    j["migrations"] = nlohmann::ordered_json::array();
    for (const auto& [v, n] : s.migrations) j["migrations"].push_back({{"version", v}, {"name", n}});
    j["rows"] = nlohmann::ordered_json::object();
    for (const auto& [t, c] : s.counts) j["rows"][t] = c;
    j["integrity"] = s.integrity;
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  std::string out = fmt::format("database        {}\nschema version  {} (this voltperf: {})\n", s.path, s.schema_version,
                                s.latest_version);
  if (s.migrated_from >= 0)
    out += s.migrated_from == s.schema_version ? "migrated        nothing to do\n"
                                               : fmt::format("migrated        {} -> {}\n", s.migrated_from, s.schema_version);
  for (const auto& [v, n] : s.migrations) out += fmt::format("migration       {:04d} {}\n", v, n);
  for (const auto& [t, c] : s.counts) out += fmt::format("rows            {:<14}{}\n", t, c);
  out += fmt::format("integrity       {}\n", s.integrity);
  return out;
}

}  // namespace voltperf::render
