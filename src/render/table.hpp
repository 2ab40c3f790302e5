#pragma once
// A plain table rendered as aligned text, CSV or markdown; the shared shape of tabular output.
#include <string>
#include <vector>

namespace voltperf::render {

enum class Format { text, json, csv, markdown };

// Parses "table"/"text", "json", "csv", "markdown"; throws std::invalid_argument otherwise.
Format parse_format(const std::string& name);

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_aligned;  // per column; numbers read better right-aligned

  std::string to_text() const;
  std::string to_csv() const;
  std::string to_markdown() const;
};

// Makes a cell safe for one line of a text table: control characters (newlines too) escaped.
std::string cell(const std::string& s);

}  // namespace voltperf::render
