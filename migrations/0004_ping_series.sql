-- voltperf schema version 4: ingest speed. A test's ping replies are one row (a JSON array), not one row
-- per reply (~300 rows per run were most of ingest's database time); file stamps get a covering index; runs are
-- indexed by backend, time and name for bounded latest/last-N lookups.
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

-- The no-op check of ingest reads every stored run's file stamps: a covering index keeps that off the
-- table's pages, which hold the compressed files.
CREATE INDEX raw_files_stamps ON raw_files (run_id, name, size, mtime_ns);

-- Latest run and last-N-runs lookups walk this index backwards and stop: their cost does not grow with
-- the history. The name breaks ties between runs that started in the same second.
DROP INDEX runs_by_backend_time;
CREATE INDEX runs_by_backend_time ON runs (backend_id, started_at, name);
