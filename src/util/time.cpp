#include "util/time.hpp"

#include <cctype>
#include <cstdio>

namespace voltperf::util {

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

std::string period_label(std::int64_t t, std::string_view per) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  CivilDate c = civil_from_days(days);
  char buf[32];
  if (per == "month") {
    std::snprintf(buf, sizeof buf, "%04d-%02u", c.year, c.month);
  } else if (per == "week") {
    std::int64_t weekday = ((days + 3) % 7 + 7) % 7;  // Monday = 0; 1970-01-01 was a Thursday
    std::int64_t thursday = days - weekday + 3;        // the ISO week belongs to its Thursday's year
    int year = civil_from_days(thursday).year;
    std::snprintf(buf, sizeof buf, "%04d-W%02lld", year,
                  static_cast<long long>((thursday - days_from_civil(year, 1, 1)) / 7 + 1));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  }
  return buf;
}

std::string format_iso8601(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  CivilDate c = civil_from_days(days);
  long long y = c.year;
  unsigned m = c.month, d = c.day;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", y, m, d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
bool valid(int y, int mo, int d, int h, int mi, int s) {
  return y >= 1970 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}
}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  std::size_t p = 10;
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    if (!digits(s, p + 1, 2, h) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(s, p + 4, 2, mi))
      return std::nullopt;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, sec)) return std::nullopt;
      p += 3;
      if (p < s.size() && s[p] == '.') {  // fractional seconds are accepted and dropped
        ++p;
        while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
      }
    }
  }
  if (!valid(y, mo, d, h, mi, sec)) return std::nullopt;
  std::int64_t offset = 0;
  if (p < s.size()) {
    if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) {
      p = s.size();
    } else if (s[p] == '+' || s[p] == '-') {
      int oh, om = 0;
      if (!digits(s, p + 1, 2, oh)) return std::nullopt;
      std::size_t q = p + 3;
      if (q < s.size() && s[q] == ':') ++q;
      if (q < s.size() && !digits(s, q, 2, om)) return std::nullopt;
      if (q < s.size()) q += 2;
      if (q != s.size() || oh > 23 || om > 59) return std::nullopt;
      offset = (oh * 3600 + om * 60) * (s[p] == '+' ? 1 : -1);
    } else {
      return std::nullopt;
    }
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
         mi * 60 + sec - offset;
}

std::optional<std::int64_t> parse_run_dir_time(std::string_view n) {
  int y, mo, d, h, mi, sec;
  if (!digits(n, 0, 4, y) || !digits(n, 4, 2, mo) || !digits(n, 6, 2, d) || n.size() < 15 ||
      (n[8] != '-' && n[8] != 'T' && n[8] != '_') || !digits(n, 9, 2, h) || !digits(n, 11, 2, mi) ||
      !digits(n, 13, 2, sec))
    return std::nullopt;
  if (n.size() > 15 && std::isdigit(static_cast<unsigned char>(n[15]))) return std::nullopt;
  if (!valid(y, mo, d, h, mi, sec)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
         mi * 60 + sec;
}

}  // namespace voltperf::util
