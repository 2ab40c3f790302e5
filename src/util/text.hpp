#pragma once
// String helpers shared by readers and renderers.
#include <string>
#include <string_view>
#include <vector>

namespace voltperf::util {

std::string_view trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
bool starts_with(std::string_view s, std::string_view prefix);

// Parses a whole string as a finite double ("36", "0.227", "9.50062e+08"); false when anything else.
bool parse_double(std::string_view s, double& out);

// Escapes text for XML and HTML content and attribute values (& < > " ' as entities); control characters
// other than tab and newlines become visible \xNN text, which XML 1.0 cannot hold as characters.
std::string markup_escape(std::string_view s);

// Shows a snippet of untrusted text safely in a message: control characters escaped, cut at max chars.
std::string printable(std::string_view s, std::size_t max = 60);

// RFC 4180 field: quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view s);

// Number formatting independent of the locale: shortest form that round-trips, no exponent for
// ordinary magnitudes.
std::string format_number(double v);

}  // namespace voltperf::util
