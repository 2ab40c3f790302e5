-- The whole voltperf schema at version 4, as the migrations in migrations/ create it.
-- Generated: VOLTPERF_ACCEPT=1 ctest -R SchemaFile. Do not edit; write a new migration.

CREATE TABLE acceptances (
  id         INTEGER PRIMARY KEY,
  run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  series     TEXT,                                -- TEST.METRIC, or NULL for every series of the backend
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE backends (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE metric_values (
  test_id   INTEGER NOT NULL REFERENCES tests(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metrics(id),
  value     REAL NOT NULL,
  source    TEXT NOT NULL,                      -- the source field or formula
  PRIMARY KEY (test_id, metric_id)
) WITHOUT ROWID;

CREATE TABLE metrics (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  unit      TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'none'))
);

CREATE TABLE ping_series (
  test_id INTEGER PRIMARY KEY REFERENCES tests(id) ON DELETE CASCADE,
  rtts_us TEXT NOT NULL                           -- JSON array of round-trip times in µs, in reply order
);

CREATE TABLE problems (
  run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  file     TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  message  TEXT NOT NULL
);

CREATE TABLE "raw_files" (                     -- every ingested file, zstd-compressed
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  mtime_ns    INTEGER NOT NULL,
  compression TEXT NOT NULL DEFAULT 'zstd',
  content     BLOB NOT NULL,
  UNIQUE (run_id, name)
);

CREATE TABLE run_exclusions (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE run_tags (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  backend_id     INTEGER NOT NULL REFERENCES backends(id),
  name           TEXT NOT NULL,                 -- the run directory's name
  started_at     INTEGER NOT NULL,              -- UTC epoch seconds
  time_source    TEXT NOT NULL CHECK (time_source IN ('iperf3', 'dirname', 'mtime')),
  host           TEXT,                          -- from iperf3 start.system_info
  kernel         TEXT,
  system_info    TEXT,
  iperf3_version TEXT,
  source_path    TEXT NOT NULL,                 -- where it was ingested from
  content_hash   TEXT NOT NULL,                 -- XXH3-128 over the run's files
  ingested_at    INTEGER NOT NULL,
  UNIQUE (backend_id, name)
);

CREATE TABLE samples (                          -- iperf3 per-interval sums
  test_id         INTEGER NOT NULL REFERENCES tests(id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  t_start         REAL NOT NULL,
  t_end           REAL NOT NULL,
  bits_per_second REAL NOT NULL,
  packets         REAL,
  omitted         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (test_id, seq)
) WITHOUT ROWID;

CREATE TABLE schema_migrations ( version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);

CREATE TABLE test_attributes (                  -- e.g. ping-summary.env keys voltperf does not know
  test_id INTEGER NOT NULL REFERENCES tests(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (test_id, key)
) WITHOUT ROWID;

CREATE TABLE tests (
  id             INTEGER PRIMARY KEY,
  run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,                 -- tcp-single, tcp-multi-8, udp-max, udp-64byte, icmp
  file           TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'invalid', 'missing')),
  reason         TEXT,
  protocol       TEXT,
  streams        INTEGER,
  blksize        INTEGER,
  target_bitrate INTEGER,
  omit_s         REAL,
  requested_s    REAL,
  measured_s     REAL,
  bytes_limit    INTEGER,
  reverse        INTEGER NOT NULL DEFAULT 0,
  bidir          INTEGER NOT NULL DEFAULT 0,
  side           TEXT,
  title          TEXT,
  iperf3_version TEXT,
  UNIQUE (run_id, kind)
);

CREATE INDEX acceptances_by_run ON acceptances (run_id);

CREATE INDEX problems_by_run ON problems (run_id);

CREATE INDEX raw_files_stamps ON raw_files (run_id, name, size, mtime_ns);

CREATE INDEX run_tags_by_key_value ON run_tags (key, value);

CREATE INDEX runs_by_backend_time ON runs (backend_id, started_at, name);

CREATE INDEX runs_by_time ON runs (started_at);

CREATE VIEW ping_replies AS
SELECT s.test_id, CAST(j.key AS INTEGER) AS seq, j.value AS rtt_us
FROM ping_series s, json_each(s.rtts_us) j;

CREATE VIEW v_metrics AS
SELECT r.id AS run_id, b.name AS backend, r.name AS run, r.started_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', r.started_at, 'unixepoch') AS started_at_iso,
       t.kind AS test, m.name AS metric, t.kind || '.' || m.name AS series, v.value, m.unit, m.direction,
       v.source, r.host, r.kernel,
       (SELECT json_group_object(g.key, g.value) FROM run_tags g WHERE g.run_id = r.id) AS tags
FROM metric_values v
JOIN metrics m ON m.id = v.metric_id
JOIN tests t ON t.id = v.test_id
JOIN runs r ON r.id = t.run_id
JOIN backends b ON b.id = r.backend_id;

CREATE VIEW v_runs AS
SELECT r.id AS run_id, b.name AS backend, r.name AS run, r.started_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', r.started_at, 'unixepoch') AS started_at_iso,
       r.time_source, r.host, r.kernel, r.iperf3_version, r.source_path,
       (SELECT json_group_object(g.key, g.value) FROM run_tags g WHERE g.run_id = r.id) AS tags,
       (SELECT count(*) FROM tests t WHERE t.run_id = r.id AND t.status = 'ok') AS tests_ok,
       (SELECT count(*) FROM tests t WHERE t.run_id = r.id) AS tests_total
FROM runs r JOIN backends b ON b.id = r.backend_id;

CREATE VIEW v_tests AS
SELECT t.id AS test_id, r.id AS run_id, b.name AS backend, r.name AS run, r.started_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', r.started_at, 'unixepoch') AS started_at_iso,
       t.kind AS test, t.status, t.reason, t.protocol, t.streams, t.blksize, t.target_bitrate, t.omit_s,
       t.requested_s, t.measured_s, t.bytes_limit, t.reverse, t.bidir, t.side, t.title, t.iperf3_version
FROM tests t JOIN runs r ON r.id = t.run_id JOIN backends b ON b.id = r.backend_id;

PRAGMA user_version = 4;
