#include "render/table.hpp"

#include <stdexcept>

#include "util/text.hpp"

namespace voltperf::render {

Format parse_format(const std::string& name) {
  if (name == "table" || name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  if (name == "markdown" || name == "md") return Format::markdown;
  throw std::invalid_argument("unknown format '" + name + "'");
}

std::string cell(const std::string& s) { return util::printable(s, 1000); }

namespace {
// Display width: UTF-8 continuation bytes take no column.
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}
}  // namespace

std::string Table::to_text() const {
  std::vector<std::size_t> w(columns.size(), 0);
  for (std::size_t i = 0; i < columns.size(); ++i) w[i] = width(columns[i]);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(cell(r[i])));
  auto line = [&](const std::vector<std::string>& r, bool escape) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::string c = i < r.size() ? (escape ? cell(r[i]) : r[i]) : "";
      std::string pad(w[i] - std::min(w[i], width(c)), ' ');
      bool right = i < right_aligned.size() && right_aligned[i];
      if (i > 0) out += "  ";
      out += right ? pad + c : (i + 1 == columns.size() ? c : c + pad);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(columns, false);
  for (const auto& r : rows) out += line(r, true);
  return out;
}

std::string Table::to_csv() const {
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + util::csv_field(r[i]);
    out += "\n";
  };
  line(columns);
  for (const auto& r : rows) line(r);
  return out;
}

std::string Table::to_markdown() const {
  auto esc = [](const std::string& s) {
    std::string out;
    for (char c : cell(s)) {
      if (c == '|' || c == '\\' || c == '<' || c == '>' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']')
        out += '\\';
      out += c;
    }
    return out;
  };
  std::string out = "|";
  for (const auto& c : columns) out += " " + esc(c) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < columns.size(); ++i)
    out += (i < right_aligned.size() && right_aligned[i]) ? "---:|" : "---|";
  out += "\n";
  for (const auto& r : rows) {
    out += "|";
    for (const auto& c : r) out += " " + esc(c) + " |";
    out += "\n";
  }
  return out;
}

}  // namespace voltperf::render
