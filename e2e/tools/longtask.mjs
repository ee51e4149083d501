// Measures the training lab's responsiveness (a tool, not a test: tests never assert timings).
// Opens #/training in headless Chromium, records every 'longtask' entry (main-thread tasks
// over 50 ms) from just before training starts, trains for a while and prints the longest
// task and the training speed. The browser reports only tasks over 50 ms, so a probe also
// measures the longest stretch the main thread was busy: a chain of MessageChannel tasks,
// each posting the next, notes the largest gap between two of them (a task, or a frame's
// rendering, ran in between).
//
//   CONVLAB_DIST=/tmp/dist-rel node e2e/tools/longtask.mjs [seconds=20] [fragment='#/training?epochs=50']
//
// Measure a release build (`trunk build --release`): a debug build is many times slower.
import { serve, launch, newPage, open, DIST } from '../harness.mjs';

const seconds = Number(process.argv[2] ?? 20);
const fragment = process.argv[3] ?? '#/training?epochs=50';

const server = await serve(DIST);
const browser = await launch();
try {
  const page = await newPage(browser);
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="training-start"]');
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    window.__t0 = performance.now();
    window.__gap = { max: 0, at: 0, later: 0, last: performance.now(), on: true };
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      const g = window.__gap, now = performance.now();
      if (now - g.last > g.max) { g.max = now - g.last; g.at = now; }
      // Past the first second: the start (first render, the first small slices) is not steady state.
      if (now - window.__t0 > 1000) g.later = Math.max(g.later, now - g.last);
      g.last = now;
      if (g.on) ch.port2.postMessage(0);
    };
    ch.port2.postMessage(0);
  });
  await page.click('[data-testid="training-start"]');
  const progress = () => page.getAttribute('[data-testid="training-progress"]', 'data-value').then(Number);
  const t0 = Date.now();
  let finished = false;
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(250);
    if (await page.locator('[data-testid="training-pause"]').count() === 0) { finished = true; break; }
  }
  const wall = (Date.now() - t0) / 1000;
  const samples = await progress();
  if (!finished) await page.click('[data-testid="training-pause"]');
  const gap = await page.evaluate(() => { window.__gap.on = false; return window.__gap; });
  const tasks = await page.evaluate(() => window.__longTasks);
  const t0page = await page.evaluate(() => window.__t0);
  const sorted = tasks.map((t) => t.duration).sort((a, b) => b - a);
  const when = tasks.sort((a, b) => b.duration - a.duration).slice(0, 10)
    .map((t) => `${t.duration.toFixed(0)} ms at ${((t.start - t0page) / 1000).toFixed(1)} s`);
  console.log(`build: ${DIST}`);
  console.log(`page: ${fragment}; trained ${samples} samples in ${wall.toFixed(1)} s${finished ? ' (the run finished)' : ''}`);
  console.log(`samples/s: ${(samples / wall).toFixed(0)}`);
  console.log(`long tasks (> 50 ms): ${tasks.length}; longest: ${sorted.length ? sorted[0].toFixed(0) + ' ms' : 'none'}`);
  console.log(`longest busy stretch of the main thread (probe): ${gap.max.toFixed(1)} ms at ${((gap.at - t0page) / 1000).toFixed(1)} s; after the first second ${gap.later.toFixed(1)} ms`);
  if (sorted.length) console.log(`longest ten (from the start of training): ${when.join(', ')}`);
  await page.assertClean();
} finally {
  await browser.close();
  await server.close();
}
