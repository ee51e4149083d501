// ConvLab's benchmark driver (`make bench` runs it through scripts/bench.sh): serves the app's
// dist/ and the bench pages on 127.0.0.1 with COOP/COEP, drives Debian's Chromium headless
// with playwright-core, runs the reference workload (bench/workload.js) with ConvLab's core
// as the app ships it and with each peer library, each run in a fresh tab of one browser,
// rounds interleaved, and prints medians; then the app's size, first render and smoothness.
// Writes everything to target/bench/bench-<date>.json.
//
// Environment: BENCH_ROUNDS (default 3), BENCH_QUICK=1 (a fast smoke run: 1 round, fewer
// samples, no accuracy check), BENCH_DIST (default $CONVLAB_DIST or dist/), BENCH_ONLY
// (comma-separated configuration ids), BENCH_SKIP_APP=1 (no size / render / smoothness).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { measure } from './timing.js';
import { peakWasm, CHAINS } from './peak-wasm.mjs';
import { summarise, resultsTable, ratios, ratiosTable, median, fmt } from './report.mjs';
import { distSizes, appStarted, firstRender, trainingSmoothness, convolutionSmoothness } from './app-metrics.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const ROUNDS = Number(env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const DIST = path.resolve(env.BENCH_DIST ?? env.CONVLAB_DIST ?? path.join(ROOT, 'dist'));
const WORK = QUICK
  ? { warmup: 100, minWarmupMs: 0, samples: 300, inferences: 200 }
  : { warmup: 500, minWarmupMs: 1000, samples: 1500, inferences: 1000 };
const SMOOTH_SECONDS = QUICK ? { training: 4, convolution: 4 } : { training: 15, convolution: 10 };
const RENDER_LOADS = QUICK ? 1 : 3;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding'];
// Service workers off: the app's worker would otherwise serve later tabs from its cache.
const CONTEXT = { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' };

const CONFIGS = [
  { id: 'convlab', label: 'ConvLab (wasm core)', batch: 1 },
  { id: 'js', label: 'hand-written JS loops', lib: 'js', batch: 1 },
  { id: 'convnetjs', label: 'ConvNetJS 0.3.0', lib: 'convnetjs', batch: 1 },
  { id: 'tfjs-cpu-1', label: 'TF.js 4.22 cpu', lib: 'tfjs-cpu', batch: 1 },
  { id: 'tfjs-cpu-16', label: 'TF.js 4.22 cpu', lib: 'tfjs-cpu', batch: 16 },
  { id: 'tfjs-wasm-1', label: 'TF.js 4.22 wasm', lib: 'tfjs-wasm', batch: 1 },
  { id: 'tfjs-wasm-16', label: 'TF.js 4.22 wasm', lib: 'tfjs-wasm', batch: 16 },
];

const say = (s) => console.log(s);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

async function inTab(context, fn) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  try {
    return await fn(page);
  } catch (e) {
    throw new Error(`${e.message}${problems.length ? `\n  page said: ${problems.join('\n  ')}` : ''}`);
  } finally {
    await page.close();
  }
}

/** ConvLab: the shipped app page itself, with the same timing code evaluated in it. */
async function runConvlab(page, appUrl) {
  await page.goto(benchRoute(appUrl));
  await appStarted(page);
  // A string, not a function: the app's CSP forbids eval, and CDP's evaluate is exempt.
  const expr = `(() => { const measure = ${measure.toString()};
    const s = new window.wasmBindings.BenchSession();
    try { return measure(s, ${JSON.stringify(WORK)}); } finally { s.free(); } })()`;
  return { ...(await page.evaluate(expr)), details: { build: path.basename(DIST) } };
}

/** The bench's handle (BenchSession) is in the training lab's module: open that panel. */
const benchRoute = (appUrl) => `${appUrl}#/training`;

async function convlabAvailable(context, appUrl) {
  return inTab(context, async (page) => {
    await page.goto(benchRoute(appUrl));
    await appStarted(page);
    return page.evaluate(() => typeof window.wasmBindings.BenchSession === 'function');
  });
}

async function runPage(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 300_000, polling: 500 });
  const b = await page.evaluate(() => window.__bench);
  if (!b.ok) throw new Error(b.error);
  return b.result;
}

async function runPeer(page, origin, cfg) {
  const q = new URLSearchParams({ lib: cfg.lib, batch: String(cfg.batch), ...WORK });
  const r = await runPage(page, `${origin}/bench/page.html?${q}`);
  const { tfVersion, backend, wasmSimd, wasmThreads } = r;
  return { ...r, details: tfVersion ? { tfVersion, backend, wasmSimd, wasmThreads } : undefined };
}

function checkSetup() {
  if (!fs.existsSync(path.join(BENCH, 'node_modules', 'convnetjs'))) {
    throw new Error('bench/node_modules is missing: run `npm ci --prefix bench` (scripts/bench.sh does)');
  }
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no app build in ${DIST}: run scripts/build.sh (or set BENCH_DIST)`);
  }
}

async function main() {
  checkSetup();
  const server = await serve({ '/app/': DIST, '/bench/': BENCH }, { '/bench/peak.wasm': peakWasm(CHAINS) });
  const appUrl = `${server.origin}/app/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out = {
    date: new Date().toISOString(), quick: QUICK, rounds: ROUNDS, workload: WORK, dist: DIST,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() },
    chromium: browser.version(),
  };
  say(`ConvLab bench: ${DIST}, Chromium ${out.chromium}, ${ROUNDS} round(s)${QUICK ? ', QUICK (smoke run: fewer samples, no accuracy check)' : ''}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  try {
    const context = await browser.newContext(CONTEXT);
    let configs = CONFIGS.filter((c) => !env.BENCH_ONLY || env.BENCH_ONLY.split(',').includes(c.id));
    if (configs.some((c) => c.id === 'convlab') && !(await convlabAvailable(context, appUrl))) {
      say('ConvLab bench API missing in this build (window.wasmBindings.BenchSession): ConvLab skipped');
      out.convlabMissing = true;
      configs = configs.filter((c) => c.id !== 'convlab');
    }
    const runs = Object.fromEntries(configs.map((c) => [c.id, []]));
    const peaks = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, and rotated so that no library always runs first or last.
      const order = [...configs, { id: 'peak' }];
      for (let k = 0; k < round % order.length; k++) order.push(order.shift());
      for (const cfg of order) {
        const r = await inTab(context, (page) => {
          if (cfg.id === 'peak') return runPage(page, `${server.origin}/bench/page.html?lib=peak&chains=${CHAINS}`);
          return cfg.id === 'convlab' ? runConvlab(page, appUrl) : runPeer(page, server.origin, cfg);
        });
        if (cfg.id === 'peak') {
          peaks.push(r);
          say(`  round ${round + 1} SIMD peak: ${fmt(r.simd.gflops, 2)} GFLOP/s, scalar ${fmt(r.scalar.gflops, 2)} [${elapsed()}]`);
        } else {
          runs[cfg.id].push(r);
          say(`  round ${round + 1} ${cfg.label} batch ${cfg.batch}: ${fmt(r.samplesPerSec)} samples/s, infer ${fmt(r.inferMedianUs, 1)} µs, acc ${r.accuracy}, loss ${r.loss.toFixed(9)} [${elapsed()}]`);
          if (!r.crossOriginIsolated) say('    warning: the page is not cross-origin isolated (100 µs clock)');
        }
      }
    }
    const rows = configs.map((c) => summarise(c, runs[c.id], { full: !QUICK }));
    const peak = { simd: median(peaks.map((p) => p.simd.gflops)), scalar: median(peaks.map((p) => p.scalar.gflops)), chains: CHAINS, rounds: peaks };
    out.results = rows;
    out.peak = peak;
    out.runs = runs;
    say(`\nReference workload (${WORK.samples} training samples after warm-ups of ${WORK.warmup} samples repeated for at least ${WORK.minWarmupMs} ms; inference: median and interquartile mean of ${WORK.inferences} timed one by one); medians of ${ROUNDS} round(s):\n`);
    say(resultsTable(rows, peak.simd));
    say('\nGFLOP/s = samples/s × 560,640 FLOP / 1e9. Batch 16 is another schedule (the mean gradient of 16 samples, 32 updates per epoch), so its accuracy and loss differ from batch 1.');
    say(`Measured peak in this browser (wasm, ${CHAINS} independent multiply-add chains): SIMD128 f32x4 ${fmt(peak.simd, 2)} GFLOP/s, scalar f32 ${fmt(peak.scalar, 2)} GFLOP/s.`);
    const convlab = rows.find((r) => r.id === 'convlab');
    if (convlab) {
      out.ratios = ratios(convlab, rows);
      out.convlabFractionOfPeak = { training: convlab.trainGflops / peak.simd, inference: convlab.inferGflops / peak.simd };
      say(`\nConvLab against each peer (> 1: ConvLab is faster):\n${ratiosTable(out.ratios)}`);
      say(`ConvLab uses ${fmt(100 * out.convlabFractionOfPeak.training, 1)} % of the SIMD peak training, ${fmt(100 * out.convlabFractionOfPeak.inference, 1)} % in single-sample inference.`);
    } else {
      say('\nConvLab is not in this run, so there are no ratios.');
    }
    if (env.BENCH_SKIP_APP !== '1') out.app = await appMetrics(browser, context, appUrl, convlab);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  out.elapsedSeconds = (Date.now() - started) / 1000;
  const dir = path.join(ROOT, 'target', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${out.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  say(`\nWrote ${path.relative(ROOT, file)} (${elapsed()} in all).`);
}

async function appMetrics(browser, context, appUrl, convlab) {
  const app = { sizes: distSizes(DIST) };
  const kib = (b) => fmt(b / 1024);
  say(`\nThe app: ${app.sizes.modules.length} modules, one per group of panels; a visit downloads one. Gzipped (-9), wasm + JS:`);
  say(app.sizes.modules.map((m) => `  ${m.group}: ${kib(m.gzip)} KiB (${kib(m.bytes)} KiB raw)`).join('\n'));
  say(`  largest (any first visit at most): ${kib(app.sizes.largest.gzip)} KiB = ${fmt(app.sizes.largest.gzip / 1000)} kB; all modules (the offline cache): ${kib(app.sizes.total.gzip)} KiB.`);
  const loads = [];
  for (let k = 0; k < RENDER_LOADS; k++) loads.push(await firstRender(browser, appUrl, CONTEXT));
  const m = (key) => median(loads.map((l) => l[key]));
  app.firstRender = { loads, fcpMs: m('fcpMs'), appStartedMs: m('appStartedMs'), panelDomMs: m('panelDomMs') };
  say(`First render (fresh context, empty cache, from 127.0.0.1, median of ${RENDER_LOADS}): first panel in the DOM ${fmt(app.firstRender.panelDomMs)} ms, painted (first contentful paint) ${fmt(app.firstRender.fcpMs)} ms after navigation start; app start-up event at ${fmt(app.firstRender.appStartedMs)} ms.`);
  app.training = await inTab(context, (page) => trainingSmoothness(page, appUrl, SMOOTH_SECONDS.training));
  const t = app.training;
  const vsCore = convlab ? ` = ${fmt((100 * t.samplesPerSec) / convlab.samplesPerSec)} % of the raw core's ${fmt(convlab.samplesPerSec)}` : ' (raw core not in this build)';
  say(`Training lab, live for ${fmt(t.seconds, 1)} s: longest main-thread task ${t.longTasks ? `${fmt(t.longestTaskMs)} ms (${t.longTasks} over 50 ms)` : 'under 50 ms (none reported)'}, longest frame gap ${fmt(t.maxFrameGapMs)} ms, ${fmt(t.fps)} frames/s; ${fmt(t.samplesPerSec)} samples/s by its progress (its display: ${fmt(t.shownSamplesPerSec)})${vsCore}.`);
  if (convlab) t.fractionOfCore = t.samplesPerSec / convlab.samplesPerSec;
  app.convolution = await inTab(context, (page) => convolutionSmoothness(page, appUrl, SMOOTH_SECONDS.convolution));
  const c = app.convolution;
  say(`Convolution panel, 16×16 input, 7×7 kernel, playing at ${c.speed} for ${fmt(c.seconds, 1)} s: longest main-thread task ${c.longTasks ? `${fmt(c.longestTaskMs)} ms (${c.longTasks} over 50 ms)` : 'under 50 ms (none reported)'}, longest frame gap ${fmt(c.maxFrameGapMs)} ms, ${c.steps} steps (${fmt(c.stepsPerSec, 1)}/s).`);
  return app;
}

main().catch((e) => { console.error(`bench failed: ${e.stack ?? e}`); process.exit(1); });
