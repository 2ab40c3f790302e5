#pragma once
// Locating JSON documents inside the text iperf3 really writes: leading noise, several objects one
// after another, literal nan/inf, --json-stream lines.
#include <cstddef>
#include <string>
#include <string_view>

namespace voltperf::ingest {

// Where the first top-level JSON object of a text lies.
struct ObjectSpan {
  std::size_t begin = std::string_view::npos;  // offset of '{', npos when there is none
  std::size_t end = std::string_view::npos;    // one past the matching '}', npos when unterminated
  int max_depth = 0;
};

// Finds the first '{' at or after `from` and its matching '}' (strings and escapes respected). Stops
// early (end = npos) once nesting passes max_depth.
ObjectSpan find_object(std::string_view text, std::size_t from, int max_depth);

// Replaces bare nan / -nan / inf / -inf / infinity tokens outside strings with null (iperf3 3.0-3.1 print
// them; #278, #613). Returns how many were replaced.
int replace_nonfinite_literals(std::string& text);

}  // namespace voltperf::ingest
