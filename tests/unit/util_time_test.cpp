#include <gtest/gtest.h>

#include "util/time.hpp"

namespace voltperf::util {
namespace {

TEST(Time, Iso8601RoundTripAndOffsets) {
  EXPECT_EQ(format_iso8601(1791339287), "2026-10-07T02:14:47Z");
  EXPECT_EQ(parse_iso8601("2026-10-07T02:14:47Z"), 1791339287);
  EXPECT_EQ(parse_iso8601("2026-10-07 02:14:47"), 1791339287);
  EXPECT_EQ(parse_iso8601("2026-10-07T04:14:47+02:00"), 1791339287);
  EXPECT_EQ(parse_iso8601("2026-10-06T21:14:47-0500"), 1791339287);
  EXPECT_EQ(parse_iso8601("2026-10-07"), 1791331200);
  EXPECT_EQ(parse_iso8601("2026-10-07T02:14"), 1791339240);
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2026-13-01"));
  EXPECT_FALSE(parse_iso8601("2026-10-07T02:14:47Zjunk"));
}

TEST(Time, RunDirectoryNames) {
  EXPECT_EQ(parse_run_dir_time("20261007-021447"), 1791339287);
  EXPECT_EQ(parse_run_dir_time("20261007-021447-rerun"), 1791339287);
  EXPECT_FALSE(parse_run_dir_time("run-7"));
  EXPECT_FALSE(parse_run_dir_time("20261307-021447"));
  EXPECT_FALSE(parse_run_dir_time("202610070214470"));
}

}  // namespace
}  // namespace voltperf::util

namespace voltperf::util {
namespace {
TEST(Time, PeriodLabels) {
  auto t = *parse_iso8601("2026-10-07T02:14:47Z");
  EXPECT_EQ(period_label(t, "day"), "2026-10-07");
  EXPECT_EQ(period_label(t, "month"), "2026-10");
  EXPECT_EQ(period_label(t, "week"), "2026-W41");
  EXPECT_EQ(period_label(*parse_iso8601("2021-01-03"), "week"), "2020-W53");
  EXPECT_EQ(period_label(*parse_iso8601("2024-12-30"), "week"), "2025-W01");
}
}  // namespace
}  // namespace voltperf::util
