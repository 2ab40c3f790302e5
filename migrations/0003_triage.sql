-- voltperf schema version 3: triage for the regression gate.
-- An excluded run stays stored but enters no baseline and no change-point search.
-- An acceptance says a step at that run is intended: baselines for the series (or all series) start there.

CREATE TABLE run_exclusions (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE acceptances (
  id         INTEGER PRIMARY KEY,
  run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  series     TEXT,                                -- TEST.METRIC, or NULL for every series of the backend
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX acceptances_by_run ON acceptances (run_id);
