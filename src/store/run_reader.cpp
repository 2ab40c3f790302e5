#include "store/run_reader.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <stdexcept>

#include "store/rows.hpp"
#include "store/scope_sql.hpp"

namespace voltperf::store {

using rows::opt;
using rows::text_or_empty;

std::vector<RunSummary> list_runs(Database& db, const RunFilter& f) {
  return guarded(db, "list runs", [&] {
    std::string sql =
        "SELECT r.id, b.name, r.name, r.started_at, r.time_source, r.host, r.kernel, r.iperf3_version,"
        " (SELECT count(*) FROM tests t WHERE t.run_id = r.id AND t.status = 'ok'),"
        " (SELECT count(*) FROM tests t WHERE t.run_id = r.id),"
        " (SELECT count(*) FROM problems p WHERE p.run_id = r.id AND p.severity = 'error'),"
        " (SELECT count(*) FROM problems p WHERE p.run_id = r.id AND p.severity = 'warning')"
        " FROM runs r JOIN backends b ON b.id = r.backend_id";
    RunScope scope{f.since, f.until, f.tags, f.backend};
    sql += ScopeSql(scope).where;
    if (f.id) sql += " AND r.id = :id";
    if (f.last)
      sql += " AND r.id IN (SELECT id FROM (SELECT r2.id, row_number() OVER (PARTITION BY r2.backend_id ORDER BY "
             "r2.started_at DESC, r2.name DESC) AS n FROM runs r2) WHERE n <= :last)";
    sql += " ORDER BY b.name, r.started_at, r.name";
    SQLite::Statement st(db.sql(), sql);
    ScopeSql::bind(st, scope);
    if (f.id) st.bind(":id", *f.id);
    if (f.last) st.bind(":last", *f.last);
    std::vector<RunSummary> out;
    rows::TagReader tags(db.sql());
    while (st.executeStep()) {
      RunSummary r;
      r.id = st.getColumn(0).getInt64();
      r.backend = st.getColumn(1).getString();
      r.name = st.getColumn(2).getString();
      r.started_at = st.getColumn(3).getInt64();
      r.time_source = st.getColumn(4).getString();
      r.host = text_or_empty(st.getColumn(5));
      r.kernel = text_or_empty(st.getColumn(6));
      r.iperf3_version = text_or_empty(st.getColumn(7));
      r.tests_ok = st.getColumn(8).getInt();
      r.tests_total = st.getColumn(9).getInt();
      r.errors = st.getColumn(10).getInt();
      r.warnings = st.getColumn(11).getInt();
      r.tags = tags.of(r.id);
      out.push_back(std::move(r));
    }
    return out;
  });
}

std::int64_t resolve_run(Database& db, const std::string& sel) {
  return guarded(db, "find run", [&]() -> std::int64_t {
    auto slash = sel.rfind('/');
    SQLite::Statement st(db.sql(),
                         slash == std::string::npos
                             ? "SELECT r.id, b.name FROM runs r JOIN backends b ON b.id = r.backend_id WHERE r.name = ? "
                               "OR CAST(r.id AS TEXT) = ?"
                             : "SELECT r.id, b.name FROM runs r JOIN backends b ON b.id = r.backend_id WHERE b.name = ? "
                               "AND r.name = ?");
    if (slash == std::string::npos) {
      st.bind(1, sel);
      st.bind(2, sel);
    } else {
      st.bind(1, sel.substr(0, slash));
      st.bind(2, sel.substr(slash + 1));
    }
    std::vector<std::pair<std::int64_t, std::string>> hits;
    while (st.executeStep()) hits.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
    if (hits.empty()) throw std::invalid_argument(fmt::format("no run '{}' in the database (see 'voltperf runs')", sel));
    if (hits.size() > 1) {
      std::string names;
      for (auto& h : hits) names += (names.empty() ? "" : ", ") + h.second + "/" + sel;
      throw std::invalid_argument(fmt::format("run '{}' is ambiguous: {}; name it as BACKEND/RUN", sel, names));
    }
    return hits.front().first;
  });
}

RunDetail run_detail(Database& db, std::int64_t run_id) {
  return guarded(db, "read run", [&] {
    RunDetail d;
    RunFilter one;
    one.id = run_id;
    SQLite::Statement head(db.sql(), "SELECT source_path, system_info FROM runs WHERE id = ?");
    head.bind(1, run_id);
    if (!head.executeStep()) throw std::invalid_argument(fmt::format("no run with id {}", run_id));
    d.source_path = head.getColumn(0).getString();
    d.system_info = text_or_empty(head.getColumn(1));
    d.run = list_runs(db, one).at(0);
    SQLite::Statement tests(db.sql(),
                            "SELECT id, kind, file, status, reason, protocol, streams, blksize, target_bitrate, omit_s,"
                            " requested_s, measured_s, bytes_limit, reverse, bidir, side, title, iperf3_version,"
                            " (SELECT count(*) FROM samples s WHERE s.test_id = t.id)"
                            " FROM tests t WHERE run_id = ? ORDER BY id");
    SQLite::Statement metrics(db.sql(),
                              "SELECT m.name, v.value, m.unit, m.direction, v.source FROM metric_values v"
                              " JOIN metrics m ON m.id = v.metric_id WHERE v.test_id = ? ORDER BY m.id");
    SQLite::Statement attrs(db.sql(), "SELECT key, value FROM test_attributes WHERE test_id = ? ORDER BY key");
    tests.bind(1, run_id);
    while (tests.executeStep()) {
      TestDetail t;
      std::int64_t tid = tests.getColumn(0).getInt64();
      t.kind = tests.getColumn(1).getString();
      t.file = tests.getColumn(2).getString();
      t.status = tests.getColumn(3).getString();
      t.reason = text_or_empty(tests.getColumn(4));
      t.protocol = text_or_empty(tests.getColumn(5));
      t.streams = opt<std::int64_t>(tests.getColumn(6));
      t.blksize = opt<std::int64_t>(tests.getColumn(7));
      t.target_bitrate = opt<std::int64_t>(tests.getColumn(8));
      t.omit_s = opt<double>(tests.getColumn(9));
      t.requested_s = opt<double>(tests.getColumn(10));
      t.measured_s = opt<double>(tests.getColumn(11));
      t.bytes_limit = opt<std::int64_t>(tests.getColumn(12));
      t.reverse = tests.getColumn(13).getInt() != 0;
      t.bidir = tests.getColumn(14).getInt() != 0;
      t.side = text_or_empty(tests.getColumn(15));
      t.title = text_or_empty(tests.getColumn(16));
      t.iperf3_version = text_or_empty(tests.getColumn(17));
      t.samples = tests.getColumn(18).getInt();
      metrics.bind(1, tid);
      while (metrics.executeStep())
        t.metrics.push_back({metrics.getColumn(0).getString(), metrics.getColumn(1).getDouble(),
                             metrics.getColumn(2).getString(), metrics.getColumn(3).getString(),
                             metrics.getColumn(4).getString()});
      metrics.reset();
      attrs.bind(1, tid);
      while (attrs.executeStep()) t.attributes[attrs.getColumn(0).getString()] = attrs.getColumn(1).getString();
      attrs.reset();
      d.tests.push_back(std::move(t));
    }
    SQLite::Statement probs(db.sql(), "SELECT file, severity, message FROM problems WHERE run_id = ? ORDER BY rowid");
    probs.bind(1, run_id);
    while (probs.executeStep())
      d.problems.push_back({probs.getColumn(0).getString(), probs.getColumn(1).getString(), probs.getColumn(2).getString()});
    return d;
  });
}

}  // namespace voltperf::store
