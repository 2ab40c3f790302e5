-- voltperf schema version 2: documented read-only views for `voltperf sql` and ad-hoc questions.
-- Times: started_at is UTC epoch seconds, started_at_iso the same as ISO 8601. tags is a JSON object.

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
