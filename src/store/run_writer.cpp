#include "store/run_writer.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <ctime>

#include "model/metrics.hpp"
#include "util/codec.hpp"
#include "util/fault.hpp"

namespace voltperf::store {

struct RunWriter::Statements {
  explicit Statements(SQLite::Database& db)
      : find_run(db,
                 "SELECT r.id, r.content_hash FROM runs r JOIN backends b ON b.id = r.backend_id "
                 "WHERE b.name = ? AND r.name = ?"),
        find_files(db, "SELECT name, size, mtime_ns FROM raw_files WHERE run_id = ? ORDER BY name"),
        find_tags(db, "SELECT key, value FROM run_tags WHERE run_id = ?"),
        find_backend(db, "SELECT id FROM backends WHERE name = ?"),
        insert_backend(db, "INSERT INTO backends (name) VALUES (?)"),
        delete_run(db, "DELETE FROM runs WHERE id = ?"),
        update_stamp(db, "UPDATE raw_files SET size = ?, mtime_ns = ? WHERE run_id = ? AND name = ?"),
        insert_run(db,
                   "INSERT INTO runs (backend_id, name, started_at, time_source, host, kernel, system_info, "
                   "iperf3_version, source_path, content_hash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
        insert_tag(db, "INSERT OR REPLACE INTO run_tags (run_id, key, value) VALUES (?, ?, ?)"),
        insert_test(db,
                    "INSERT INTO tests (run_id, kind, file, status, reason, protocol, streams, blksize, "
                    "target_bitrate, omit_s, requested_s, measured_s, bytes_limit, reverse, bidir, side, title, "
                    "iperf3_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        insert_value(db, "INSERT OR REPLACE INTO metric_values (test_id, metric_id, value, source) VALUES (?,?,?,?)"),
        insert_sample(db,
                      "INSERT INTO samples (test_id, seq, t_start, t_end, bits_per_second, packets, omitted) "
                      "VALUES (?,?,?,?,?,?,?)"),
        insert_replies(db, "INSERT INTO ping_series (test_id, rtts_us) VALUES (?,?)"),
        insert_attr(db, "INSERT OR REPLACE INTO test_attributes (test_id, key, value) VALUES (?,?,?)"),
        insert_problem(db, "INSERT INTO problems (run_id, file, severity, message) VALUES (?,?,?,?)"),
        insert_file(db, "INSERT INTO raw_files (run_id, name, size, mtime_ns, compression, content) VALUES (?,?,?,?,?,?)") {}
  SQLite::Statement find_run, find_files, find_tags, find_backend, insert_backend, delete_run, update_stamp,
      insert_run, insert_tag, insert_test, insert_value, insert_sample, insert_replies, insert_attr, insert_problem,
      insert_file;
};

namespace {
template <class T>
void bind_opt(SQLite::Statement& st, int i, const std::optional<T>& v) {
  if (v) st.bind(i, *v);
  else st.bind(i);
}
void bind_text_or_null(SQLite::Statement& st, int i, const std::string& s) {
  if (s.empty()) st.bind(i);
  else st.bind(i, s);
}
void run(SQLite::Statement& st) {
  st.exec();
  st.reset();
  st.clearBindings();
}
}  // namespace

RunWriter::RunWriter(Database& db) : m_db(db) {
  guarded(db, "prepare statements", [&] {
    m_st = std::make_unique<Statements>(db.sql());
    SQLite::Statement upsert(db.sql(),
                             "INSERT INTO metrics (name, unit, direction) VALUES (?, ?, ?) ON CONFLICT (name) "
                             "DO UPDATE SET unit = excluded.unit, direction = excluded.direction");
    SQLite::Statement id(db.sql(), "SELECT id FROM metrics WHERE name = ?");
    for (const auto& m : model::metric_catalog()) {
      id.bind(1, std::string(m.name));
      if (id.executeStep()) {
        m_metric_ids.emplace(std::string(m.name), id.getColumn(0).getInt64());
      }
      id.reset();
    }
    // Already recorded (or a dry run on a read-only database, which only looks runs up).
    if (m_metric_ids.size() == model::metric_catalog().size() || db.access() == Access::read_only) return;
    for (const auto& m : model::metric_catalog()) {
      upsert.bind(1, std::string(m.name));
      upsert.bind(2, std::string(m.unit));
      upsert.bind(3, std::string(model::to_string(m.direction)));
      run(upsert);
      id.bind(1, std::string(m.name));
      id.executeStep();
      m_metric_ids[std::string(m.name)] = id.getColumn(0).getInt64();
      id.reset();
    }
  });
}

RunWriter::~RunWriter() = default;

std::optional<StoredRun> RunWriter::find(const std::string& backend, const std::string& name) {
  auto& st = *m_st;
  st.find_run.bind(1, backend);
  st.find_run.bind(2, name);
  std::optional<StoredRun> out;
  if (st.find_run.executeStep()) {
    out.emplace();
    out->id = st.find_run.getColumn(0).getInt64();
    out->content_hash = st.find_run.getColumn(1).getString();
  }
  st.find_run.reset();
  if (!out) return out;
  st.find_files.bind(1, out->id);
  while (st.find_files.executeStep())
    out->files.emplace_back(st.find_files.getColumn(0).getString(),
                            util::FileStamp{st.find_files.getColumn(1).getInt64(), st.find_files.getColumn(2).getInt64()});
  st.find_files.reset();
  return out;
}

std::int64_t RunWriter::backend_id(const std::string& name) {
  auto& st = *m_st;
  st.find_backend.bind(1, name);
  std::int64_t id;
  if (st.find_backend.executeStep()) {
    id = st.find_backend.getColumn(0).getInt64();
    st.find_backend.reset();
  } else {
    st.find_backend.reset();
    st.insert_backend.bind(1, name);
    run(st.insert_backend);
    id = m_db.sql().getLastInsertRowid();
  }
  return id;
}

StoreOutcome RunWriter::store(const model::RunData& run_data, const Tags& tags) {
  auto existing = find(run_data.backend, run_data.name);
  auto& st = *m_st;
  if (existing && existing->content_hash == run_data.content_hash) {
    for (const auto& f : run_data.files) {
      st.update_stamp.bind(1, f.stamp.size);
      st.update_stamp.bind(2, f.stamp.mtime_ns);
      st.update_stamp.bind(3, existing->id);
      st.update_stamp.bind(4, f.name);
      run(st.update_stamp);
    }
    return StoreOutcome::unchanged;
  }
  Tags all_tags;
  if (existing) {
    st.find_tags.bind(1, existing->id);
    while (st.find_tags.executeStep())
      all_tags[st.find_tags.getColumn(0).getString()] = st.find_tags.getColumn(1).getString();
    st.find_tags.reset();
    // Triage records survive a re-ingest: they move to the replacement row (re-pointed below).
    m_db.sql().exec("CREATE TEMP TABLE IF NOT EXISTS keep_exclusions AS SELECT * FROM run_exclusions WHERE 0");
    m_db.sql().exec("CREATE TEMP TABLE IF NOT EXISTS keep_acceptances AS SELECT * FROM acceptances WHERE 0");
    m_db.sql().exec("INSERT INTO keep_exclusions SELECT * FROM run_exclusions WHERE run_id = " + std::to_string(existing->id));
    m_db.sql().exec("INSERT INTO keep_acceptances SELECT * FROM acceptances WHERE run_id = " + std::to_string(existing->id));
    st.delete_run.bind(1, existing->id);
    run(st.delete_run);
  }
  for (const auto& [k, v] : tags) all_tags[k] = v;

  std::int64_t run_id = insert_run(run_data);
  if (existing) {
    std::string id = std::to_string(run_id);
    m_db.sql().exec("INSERT INTO run_exclusions SELECT " + id + ", reason, created_at FROM keep_exclusions");
    m_db.sql().exec("INSERT INTO acceptances (run_id, series, reason, created_at) SELECT " + id +
                    ", series, reason, created_at FROM keep_acceptances ORDER BY id");
    m_db.sql().exec("DELETE FROM keep_exclusions");
    m_db.sql().exec("DELETE FROM keep_acceptances");
  }
  for (const auto& [k, v] : all_tags) {
    st.insert_tag.bind(1, run_id);
    st.insert_tag.bind(2, k);
    st.insert_tag.bind(3, v);
    run(st.insert_tag);
  }
  for (std::size_t i = 0; i < run_data.tests.size(); ++i) {
    insert_test(run_id, run_data.tests[i]);
    if (i == 1) util::fault_point("mid-run");
  }
  for (const auto& p : run_data.problems) {
    st.insert_problem.bind(1, run_id);
    st.insert_problem.bind(2, p.file);
    st.insert_problem.bind(3, p.severity);
    st.insert_problem.bind(4, p.message);
    run(st.insert_problem);
  }
  for (const auto& f : run_data.files) {
    const std::string compressed = f.packed.empty() ? util::compress(f.content) : std::string();
    const std::string& packed = f.packed.empty() ? compressed : f.packed;
    st.insert_file.bind(1, run_id);
    st.insert_file.bind(2, f.name);
    st.insert_file.bind(3, f.stamp.size);
    st.insert_file.bind(4, f.stamp.mtime_ns);
    st.insert_file.bind(5, "zstd");
    st.insert_file.bind(6, packed.data(), static_cast<int>(packed.size()));
    run(st.insert_file);
  }
  util::fault_point("run-stored");
  return existing ? StoreOutcome::updated : StoreOutcome::added;
}

std::int64_t RunWriter::insert_run(const model::RunData& r) {
  auto& st = m_st->insert_run;
  st.bind(1, backend_id(r.backend));
  st.bind(2, r.name);
  st.bind(3, r.started_at);
  st.bind(4, r.time_source);
  bind_text_or_null(st, 5, r.host);
  bind_text_or_null(st, 6, r.kernel);
  bind_text_or_null(st, 7, r.system_info);
  bind_text_or_null(st, 8, r.iperf3_version);
  st.bind(9, r.path);
  st.bind(10, r.content_hash);
  st.bind(11, static_cast<std::int64_t>(std::time(nullptr)));
  run(st);
  return m_db.sql().getLastInsertRowid();
}

void RunWriter::insert_test(std::int64_t run_id, const model::TestResult& t) {
  auto& st = *m_st;
  auto& s = t.settings;
  auto& ins = st.insert_test;
  ins.bind(1, run_id);
  ins.bind(2, t.kind);
  ins.bind(3, t.file);
  ins.bind(4, std::string(model::to_string(t.status)));
  bind_text_or_null(ins, 5, t.reason);
  bind_text_or_null(ins, 6, s.protocol);
  bind_opt(ins, 7, s.streams);
  bind_opt(ins, 8, s.blksize);
  bind_opt(ins, 9, s.target_bitrate);
  bind_opt(ins, 10, s.omit_s);
  bind_opt(ins, 11, s.requested_s);
  bind_opt(ins, 12, t.measured_s);
  bind_opt(ins, 13, s.bytes_limit);
  ins.bind(14, s.reverse ? 1 : 0);
  ins.bind(15, s.bidir ? 1 : 0);
  bind_text_or_null(ins, 16, t.side);
  bind_text_or_null(ins, 17, t.title);
  bind_text_or_null(ins, 18, t.iperf3_version);
  run(ins);
  std::int64_t test_id = m_db.sql().getLastInsertRowid();
  if (t.status == model::TestStatus::ok) {
    for (const auto& m : t.metrics) {
      st.insert_value.bind(1, test_id);
      st.insert_value.bind(2, m_metric_ids.at(m.name));
      st.insert_value.bind(3, m.value);
      st.insert_value.bind(4, m.source);
      run(st.insert_value);
    }
  }
  for (std::size_t i = 0; i < t.samples.size(); ++i) {
    const auto& smp = t.samples[i];
    st.insert_sample.bind(1, test_id);
    st.insert_sample.bind(2, static_cast<std::int64_t>(i));
    st.insert_sample.bind(3, smp.start);
    st.insert_sample.bind(4, smp.end);
    st.insert_sample.bind(5, smp.bits_per_second);
    bind_opt(st.insert_sample, 6, smp.packets);
    st.insert_sample.bind(7, smp.omitted ? 1 : 0);
    run(st.insert_sample);
  }
  if (!t.ping_rtts_us.empty()) {  // one row per test: a row per reply made ping.txt most of ingest's time
    st.insert_replies.bind(1, test_id);
    st.insert_replies.bind(2, fmt::format("[{}]", fmt::join(t.ping_rtts_us, ",")));
    run(st.insert_replies);
  }
  for (const auto& [k, v] : t.attributes) {
    st.insert_attr.bind(1, test_id);
    st.insert_attr.bind(2, k);
    st.insert_attr.bind(3, v);
    run(st.insert_attr);
  }
}

}  // namespace voltperf::store
