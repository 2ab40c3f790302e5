-- voltperf schema version 4: ingest speed and size. A test's ping replies are one row (a JSON array), not one
-- row per reply (~300 rows per run were most of ingest's database time); raw_files becomes a rowid table
-- (WITHOUT ROWID stores its ~2-4 KB compressed files at about half page occupancy: twice the bytes to write);
-- file stamps get a covering index; runs are indexed by backend, time and name for bounded latest/last-N lookups.
-- The name ping_replies lives on as a view with the same columns, so ad-hoc SQL keeps working.

CREATE TABLE ping_series (
  test_id INTEGER PRIMARY KEY REFERENCES tests(id) ON DELETE CASCADE,
  rtts_us TEXT NOT NULL                           -- JSON array of round-trip times in µs, in reply order
);

INSERT INTO ping_series (test_id, rtts_us)
SELECT test_id, json_group_array(rtt_us)
FROM (SELECT test_id, rtt_us FROM ping_replies ORDER BY test_id, seq)
GROUP BY test_id;

DROP TABLE ping_replies;

CREATE VIEW ping_replies AS
SELECT s.test_id, CAST(j.key AS INTEGER) AS seq, j.value AS rtt_us
FROM ping_series s, json_each(s.rtts_us) j;

CREATE TABLE raw_files_v4 (                     -- every ingested file, zstd-compressed
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  mtime_ns    INTEGER NOT NULL,
  compression TEXT NOT NULL DEFAULT 'zstd',
  content     BLOB NOT NULL,
  UNIQUE (run_id, name)
);
INSERT INTO raw_files_v4 (run_id, name, size, mtime_ns, compression, content)
SELECT run_id, name, size, mtime_ns, compression, content FROM raw_files ORDER BY run_id, name;
DROP TABLE raw_files;
ALTER TABLE raw_files_v4 RENAME TO raw_files;

-- The no-op check of ingest reads every stored run's file stamps: a covering index keeps that off the
-- table's pages, which hold the compressed files.
CREATE INDEX raw_files_stamps ON raw_files (run_id, name, size, mtime_ns);

-- Latest run and last-N-runs lookups walk this index backwards and stop: their cost does not grow with
-- the history. The name breaks ties between runs that started in the same second.
DROP INDEX runs_by_backend_time;
CREATE INDEX runs_by_backend_time ON runs (backend_id, started_at, name);
