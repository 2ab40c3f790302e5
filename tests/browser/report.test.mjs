// The HTML report, opened in headless Chromium the way a reader opens it (file://), checked for what a
// reader checks: a line per backend with a mark per run, the legend, the vhost-net step and an excluded run
// marked, hostile names shown as text, nothing fetched, no console error. Takes screenshots.
// Usage: node report.test.mjs VOLTPERF [--screenshot PNG]   (CHROMIUM=/usr/bin/chromium)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '..', '..');
const voltperf = path.resolve(process.argv[2] ?? '');
const shotArg = process.argv.indexOf('--screenshot');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'voltperf-browser-'));
const screenshot = shotArg > 0 ? path.resolve(process.argv[shotArg + 1]) : path.join(work, 'report.png');
const gen = path.join(path.dirname(voltperf), 'voltperf-gen');
const lab = path.join(top, 'examples', 'lab-history');

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}
function vp(...args) {
  const r = spawnSync(voltperf, args, { encoding: 'utf8' });
  if (r.status !== 0 && !(args.includes('check'))) throw new Error(`voltperf ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r;
}
const runsOf = (backend) => fs.readdirSync(path.join(lab, backend)).sort();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

// Opens a report page and collects what must never happen: console errors, page errors, dialogs, requests.
async function open(file) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`fetched ${r.url()}`); });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

// What each chart shows, read from the rendered page.
async function charts(page) {
  return page.$$eval('section.chart', (sections) => sections.map((s) => ({
    series: s.dataset.series,
    lines: [...s.querySelectorAll('g.series')].map((g) => ({
      backend: g.dataset.backend,
      runs: Number(g.dataset.runs),
      marks: g.querySelectorAll('.point').length,
      linePoints: g.querySelector('polyline').getAttribute('points').trim().split(/\s+/).filter(Boolean).length,
      visible: g.querySelector('polyline').getBoundingClientRect().width > 0,
      excluded: [...g.querySelectorAll('.point.excluded')].map((p) => p.dataset.run),
      titles: [...g.querySelectorAll('.point title')].map((t) => t.textContent),
    })),
    legend: [...s.querySelectorAll('g.legend-item text')].map((t) => t.textContent),
    changes: [...s.querySelectorAll('g.change-point')].map((c) => ({ backend: c.dataset.backend, run: c.dataset.run })),
    axisLabels: [...s.querySelectorAll('.axis-label')].map((t) => t.textContent),
  })));
}

try {
  // 1. The bundled lab history, one run excluded.
  const db = path.join(work, 'lab.db');
  vp('--db', db, 'ingest', '-q', lab);
  const excludedRun = runsOf('virtio')[2];
  vp('--db', db, 'exclude', `virtio/${excludedRun}`, '--reason', 'cable swap');
  const html = path.join(work, 'report.html');
  vp('--db', db, 'report', '--format', 'html', '-o', html);
  const text = fs.readFileSync(html, 'utf8');
  check(!/<script|<link|@import|url\(/i.test(text), 'self-contained: no script, stylesheet link, import or url()');
  const { page, problems } = await open(html);
  const all = await charts(page);
  const headline = ['tcp-single.receiver_bps', 'tcp-multi-8.receiver_bps', 'udp-max.receiver_bps',
                    'udp-64byte.pps_delivered', 'icmp.p50_us', 'icmp.p99_us'];
  check(JSON.stringify(all.map((c) => c.series)) === JSON.stringify(headline),
    `one chart per headline metric (${all.map((c) => c.series).join(', ')})`);
  const backends = ['macvtap', 'vhost-net', 'virtio'];
  for (const c of all) {
    check(JSON.stringify(c.lines.map((l) => l.backend).sort()) === JSON.stringify(backends),
      `${c.series}: one line per backend`);
    check(c.lines.every((l) => l.runs === runsOf(l.backend).length && l.marks === l.runs),
      `${c.series}: one mark per run (${c.lines.map((l) => `${l.backend} ${l.marks}/${runsOf(l.backend).length}`).join(', ')})`);
    check(c.lines.every((l) => l.visible && l.linePoints >= 2), `${c.series}: every line drawn`);
    check(JSON.stringify([...c.legend].sort()) === JSON.stringify(backends), `${c.series}: legend names every backend`);
    check(c.axisLabels.length === 2 && c.axisLabels[1].includes('time'), `${c.series}: both axes labelled (${c.axisLabels.join(' | ')})`);
    const virtio = c.lines.find((l) => l.backend === 'virtio');
    check(virtio.excluded.length === 1 && virtio.excluded[0] === excludedRun, `${c.series}: excluded run ${excludedRun} marked`);
  }
  const tcp = all.find((c) => c.series === 'tcp-single.receiver_bps');
  const seventh = runsOf('vhost-net')[6];
  check(tcp.changes.some((c) => c.backend === 'vhost-net' && c.run === seventh),
    `the vhost-net step is marked at its 7th run ${seventh} (${JSON.stringify(tcp.changes)})`);
  check(tcp.axisLabels[0].startsWith('Gbit/s'), `throughput axis in Gbit/s (${tcp.axisLabels[0]})`);
  // The vhost-net step must be visible: its marks after the step lie clearly lower on the page than before.
  const drop = await page.$eval('section.chart[data-series="tcp-single.receiver_bps"] g.series[data-backend="vhost-net"]',
    (g) => {
      const ys = [...g.querySelectorAll('circle.point')].map((c) => Number(c.getAttribute('cy')));
      const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
      return mean(ys.slice(6)) - mean(ys.slice(0, 6));
    });
  check(drop > 30, `the vhost-net step moves its line down by ${drop.toFixed(0)} px (> 30)`);
  const title = tcp.lines.find((l) => l.backend === 'vhost-net').titles[6];
  check(title.includes(seventh) && /2026-10-07T\d\d:\d\d:\d\dZ/.test(title) && title.includes('Gbit/s'),
    `hover title names run, time and value: "${title}"`);
  const verdicts = await page.$$eval('table.hierarchy .verdict', (v) => v.map((x) => x.textContent));
  check(verdicts.includes('fail'), 'the hierarchy violation is shown');
  const regressed = await page.$$eval('table.check tr.gated', (rows) => rows.filter((r) => r.textContent.includes('regressed')).map((r) => r.dataset.backend));
  check(regressed.length > 0 && regressed.every((b) => b === 'vhost-net'), `check shows vhost-net regressions only (${regressed})`);
  await page.screenshot({ path: screenshot, fullPage: true });
  check(fs.statSync(screenshot).size > 10000, `screenshot written: ${screenshot}`);
  check(problems.length === 0, `no console error, dialog or request (${problems.join('; ')})`);
  await page.close();

  // 2. Hostile names: a backend directory and a tag that are HTML.
  const evil = `<img src=x onerror=alert(1)>"&'`;
  const tree = path.join(work, 'hostile');
  const runDir = path.join(tree, evil, runsOf('virtio')[0]);
  fs.mkdirSync(runDir, { recursive: true });
  for (const f of fs.readdirSync(path.join(lab, 'virtio', runsOf('virtio')[0])))
    fs.copyFileSync(path.join(lab, 'virtio', runsOf('virtio')[0], f), path.join(runDir, f));
  const hdb = path.join(work, 'hostile.db');
  vp('--db', hdb, 'ingest', '-q', '--tag', 'note=<script>alert(2)</script>', tree);
  vp('--db', hdb, 'ingest', '-q', lab);
  const hhtml = path.join(work, 'hostile.html');
  vp('--db', hdb, 'report', '--format', 'html', '-o', hhtml);
  const h = await open(hhtml);
  const hcharts = await charts(h.page);
  check(hcharts[0].legend.includes(evil), 'a hostile backend name is shown as text in the legend');
  const elements = await h.page.evaluate(() => document.querySelectorAll('img, script, iframe, object').length);
  check(elements === 0, `no element made from a name (${elements})`);
  const evilTitle = hcharts[0].lines.find((l) => l.backend === evil).titles[0];
  check(evilTitle.includes('note=<script>alert(2)</script>'), `a hostile tag is text in the hover title: "${evilTitle}"`);
  check(h.problems.length === 0, `hostile page: no console error, dialog or request (${h.problems.join('; ')})`);
  await h.page.close();

  // 3. A long history: the charts show a window and say so.
  if (fs.existsSync(gen)) {
    const long = path.join(work, 'long');
    execFileSync(gen, [long, '--runs', '1000', '--duration', '2', '--every-hours', '1']);
    const ldb = path.join(work, 'long.db');
    vp('--db', ldb, 'ingest', '-q', long);
    const lhtml = path.join(work, 'long.html');
    vp('--db', ldb, 'report', '--format', 'html', '-o', lhtml);
    const l = await open(lhtml);
    const lcharts = await charts(l.page);
    check(lcharts.every((c) => c.lines.every((x) => x.marks === 500)), 'long history: the last 500 runs of each backend are drawn');
    const note = await l.page.$eval('.window-note', (n) => n.textContent).catch(() => '');
    check(note.includes('last 500 runs') && note.includes('1000'), `long history: the page says so ("${note}")`);
    check(l.problems.length === 0, `long history: no console error (${l.problems.join('; ')})`);
    await l.page.close();
  } else {
    check(false, `voltperf-gen next to ${voltperf}`);
  }
} catch (e) {
  check(false, `unexpected: ${e.stack ?? e}`);
} finally {
  await browser.close();
  if (failures === 0) fs.rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? 'browser test: all checks passed' : `browser test: ${failures} check(s) failed (files in ${work})`);
process.exit(failures === 0 ? 0 : 1);
