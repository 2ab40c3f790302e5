#include "ingest/json_text.hpp"

#include <cctype>

namespace voltperf::ingest {

namespace {
// Index of the quote closing the JSON string that opens at t[open] (escapes respected), or t.size().
std::size_t skip_string(std::string_view t, std::size_t open) {
  for (std::size_t i = open + 1; i < t.size(); ++i) {
    if (t[i] == '\\') ++i;
    else if (t[i] == '"') return i;
  }
  return t.size();
}
}  // namespace

ObjectSpan find_object(std::string_view t, std::size_t from, int max_depth) {
  ObjectSpan span;
  span.begin = t.find('{', from);
  if (span.begin == std::string_view::npos) return span;
  int depth = 0;
  for (std::size_t i = span.begin; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"') {
      i = skip_string(t, i);
    } else if (c == '{' || c == '[') {
      ++depth;
      if (depth > span.max_depth) span.max_depth = depth;
      if (depth > max_depth) return span;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        span.end = i + 1;
        return span;
      }
    }
  }
  return span;
}

int replace_nonfinite_literals(std::string& t) {
  int count = 0;
  auto word_at = [&](std::size_t i, std::string_view w) {
    if (t.size() - i < w.size()) return false;
    for (std::size_t k = 0; k < w.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(t[i + k])) != w[k]) return false;
    std::size_t after = i + w.size();
    return after == t.size() || !std::isalnum(static_cast<unsigned char>(t[after]));
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"') {
      i = skip_string(t, i);
      continue;
    }
    std::size_t start = i;
    std::size_t j = (c == '-' || c == '+') ? i + 1 : i;
    for (std::string_view w : {std::string_view("infinity"), std::string_view("nan"), std::string_view("inf")}) {
      if (j < t.size() && word_at(j, w)) {
        std::size_t len = j - start + w.size();
        t.replace(start, len, std::string("null") + std::string(len > 4 ? len - 4 : 0, ' '));
        ++count;
        i = start + 3;
        break;
      }
    }
  }
  return count;
}

}  // namespace voltperf::ingest
