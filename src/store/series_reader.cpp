#include "store/series_reader.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "model/metrics.hpp"
#include "store/rows.hpp"
#include "store/scope_sql.hpp"

namespace voltperf::store {

SeriesName parse_series(const std::string& text) {
  auto dot = text.find('.');
  if (dot == std::string::npos)
    throw std::invalid_argument(fmt::format("metric '{}' must be TEST.METRIC, e.g. tcp-single.receiver_bps", text));
  SeriesName s{text.substr(0, dot), text.substr(dot + 1)};
  if (!model::find_test_kind(s.test))
    throw std::invalid_argument(fmt::format("unknown test '{}' in '{}' (tests: tcp-single, tcp-multi-8, udp-max, "
                                            "udp-64byte, icmp)",
                                            s.test, text));
  if (!model::find_metric(s.metric))
    throw std::invalid_argument(fmt::format("unknown metric '{}' in '{}' (see docs/metrics.md)", s.metric, text));
  return s;
}

namespace {

const char* k_run_columns = "r.id, b.name, r.name, r.started_at, r.source_path";

RunRef read_run(SQLite::Statement& st, rows::TagReader& tags) {
  RunRef r;
  r.id = st.getColumn(0).getInt64();
  r.backend = st.getColumn(1).getString();
  r.name = st.getColumn(2).getString();
  r.time = st.getColumn(3).getInt64();
  r.source_path = st.getColumn(4).getString();
  r.tags = tags.of(r.id);
  return r;
}

}  // namespace

std::vector<RunRef> latest_runs(Database& db, const RunScope& scope) {
  // One index probe per backend (runs_by_backend_time), whatever the length of the history.
  std::vector<RunRef> out;
  for (const auto& backend : backend_names(db)) {
    if (scope.backend && *scope.backend != backend) continue;
    RunScope one = scope;
    one.backend = backend;
    auto last = runs_in_scope(db, one, 1);
    if (!last.empty()) out.push_back(std::move(last.front()));
  }
  return out;
}

RunRef run_ref(Database& db, std::int64_t run_id) {
  return guarded(db, "read a run", [&] {
    SQLite::Statement st(db.sql(), fmt::format("SELECT {} FROM runs r JOIN backends b ON b.id = r.backend_id "
                                               "WHERE r.id = ?",
                                               k_run_columns));
    st.bind(1, run_id);
    if (!st.executeStep()) throw std::invalid_argument(fmt::format("no run with id {}", run_id));
    rows::TagReader tags(db.sql());
    return read_run(st, tags);
  });
}

std::int64_t count_runs(Database& db, const RunScope& scope) {
  return guarded(db, "count runs", [&] {
    ScopeSql s(scope);
    SQLite::Statement st(db.sql(), "SELECT count(*) FROM runs r JOIN backends b ON b.id = r.backend_id" + s.where);
    ScopeSql::bind(st, scope);
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
}

std::vector<RunRef> runs_in_scope(Database& db, const RunScope& scope, std::size_t last) {
  return guarded(db, "list runs", [&] {
    ScopeSql s(scope);
    // The last N are read newest first (an index scan that stops after N), then put in time order.
    SQLite::Statement st(db.sql(), last > 0 ? fmt::format("SELECT {} FROM runs r JOIN backends b ON b.id = r.backend_id "
                                                          "{} ORDER BY r.started_at DESC, b.name DESC, r.name DESC "
                                                          "LIMIT {}",
                                                          k_run_columns, s.where, last)
                                            : fmt::format("SELECT {} FROM runs r JOIN backends b ON b.id = r.backend_id "
                                                          "{} ORDER BY r.started_at, b.name, r.name",
                                                          k_run_columns, s.where));
    ScopeSql::bind(st, scope);
    std::vector<RunRef> out;
    rows::TagReader tags(db.sql());
    while (st.executeStep()) out.push_back(read_run(st, tags));
    if (last > 0) std::reverse(out.begin(), out.end());
    return out;
  });
}

RunValue run_value(Database& db, std::int64_t run_id, const SeriesName& s) {
  return guarded(db, "read a metric", [&] {
    SQLite::Statement st(db.sql(),
                         "SELECT t.status, t.reason, v.value, v.source FROM tests t LEFT JOIN metrics m ON m.name = ? "
                         "LEFT JOIN metric_values v ON v.test_id = t.id AND v.metric_id = m.id "
                         "WHERE t.run_id = ? AND t.kind = ?");
    st.bind(1, s.metric);
    st.bind(2, run_id);
    st.bind(3, s.test);
    RunValue v;
    if (!st.executeStep()) {
      v.status = "absent";
      return v;
    }
    v.status = st.getColumn(0).getString();
    v.reason = st.getColumn(1).isNull() ? "" : st.getColumn(1).getString();
    if (!st.getColumn(2).isNull()) v.value = st.getColumn(2).getDouble();
    if (!st.getColumn(3).isNull()) v.source = st.getColumn(3).getString();
    return v;
  });
}

std::vector<Point> series(Database& db, const std::string& backend, const SeriesName& s, const RunScope& scope_in,
                          int last) {
  RunScope scope = scope_in;
  scope.backend = backend;
  auto runs = runs_in_scope(db, scope, last > 0 ? static_cast<std::size_t>(last) : 0);
  std::vector<Point> out;
  for (auto& r : runs) {
    RunValue v = run_value(db, r.id, s);
    out.push_back({std::move(r), std::move(v)});
  }
  return out;
}

std::vector<double> interval_values(Database& db, std::int64_t run_id, const SeriesName& s) {
  return guarded(db, "read interval samples", [&] {
    bool pps = s.metric.rfind("pps", 0) == 0;
    SQLite::Statement st(db.sql(), std::string("SELECT ") +
                                       (pps ? "s.packets / (s.t_end - s.t_start)" : "s.bits_per_second") +
                                       " FROM samples s JOIN tests t ON t.id = s.test_id WHERE t.run_id = ? AND "
                                       "t.kind = ? AND s.omitted = 0 AND s.t_end > s.t_start ORDER BY s.seq");
    st.bind(1, run_id);
    st.bind(2, s.test);
    std::vector<double> out;
    while (st.executeStep())
      if (!st.getColumn(0).isNull()) out.push_back(st.getColumn(0).getDouble());
    return out;
  });
}

std::optional<double> requested_duration(Database& db, std::int64_t run_id, const std::string& test) {
  return guarded(db, "read a test's duration", [&]() -> std::optional<double> {
    SQLite::Statement st(db.sql(), "SELECT requested_s FROM tests WHERE run_id = ? AND kind = ?");
    st.bind(1, run_id);
    st.bind(2, test);
    if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
    return st.getColumn(0).getDouble();
  });
}

std::vector<std::string> backend_names(Database& db) {
  return guarded(db, "list backends", [&] {
    SQLite::Statement st(db.sql(), "SELECT name FROM backends ORDER BY name");
    std::vector<std::string> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
  });
}

}  // namespace voltperf::store

namespace voltperf::store {

std::vector<HistoryPoint> history(Database& db, const std::string& backend, const SeriesName& s, std::int64_t until,
                                  std::size_t last) {
  return guarded(db, "read a series' history", [&] {
    SQLite::Statement st(db.sql(),
                         "SELECT r.id, r.name, r.started_at, r.source_path, t.status, t.reason, v.value, v.source, "
                         "t.protocol, t.requested_s, t.streams, t.blksize, t.target_bitrate, r.host, r.kernel, "
                         "r.iperf3_version FROM runs r JOIN backends b ON b.id = r.backend_id "
                         "LEFT JOIN tests t ON t.run_id = r.id AND t.kind = :test "
                         "LEFT JOIN metrics m ON m.name = :metric "
                         "LEFT JOIN metric_values v ON v.test_id = t.id AND v.metric_id = m.id "
                         "WHERE b.name = :backend AND r.started_at <= :until ORDER BY r.started_at DESC, r.name DESC "
                         "LIMIT :last");
    st.bind(":test", s.test);
    st.bind(":metric", s.metric);
    st.bind(":backend", backend);
    st.bind(":until", until);
    st.bind(":last", last > 0 ? static_cast<std::int64_t>(last) : -1);  // newest first, reversed below
    auto text = [&](int i) { return rows::text_or_empty(st.getColumn(i)); };
    auto integer = [&](int i) { return rows::opt<std::int64_t>(st.getColumn(i)); };
    std::vector<HistoryPoint> out;
    while (st.executeStep()) {
      HistoryPoint p;
      p.run.id = st.getColumn(0).getInt64();
      p.run.backend = backend;
      p.run.name = text(1);
      p.run.time = st.getColumn(2).getInt64();
      p.run.source_path = text(3);
      p.value.status = st.getColumn(4).isNull() ? "absent" : text(4);
      p.value.reason = text(5);
      if (!st.getColumn(6).isNull()) p.value.value = st.getColumn(6).getDouble();
      p.value.source = text(7);
      p.protocol = text(8);
      if (!st.getColumn(9).isNull()) p.requested_s = st.getColumn(9).getDouble();
      p.streams = integer(10);
      p.blksize = integer(11);
      p.target_bitrate = integer(12);
      p.host = text(13);
      p.kernel = text(14);
      p.iperf3_version = text(15);
      out.push_back(std::move(p));
    }
    std::reverse(out.begin(), out.end());
    rows::TagReader tags(db.sql());
    for (auto& p : out) p.run.tags = tags.of(p.run.id);
    return out;
  });
}

}  // namespace voltperf::store
