// Measurements of the shipped app itself (dist/): download size, first render, and
// smoothness (the longest main-thread task) while the training lab trains live and while the
// convolution panel animates a 16×16 input under a 7×7 kernel.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Raw and gzip -9 bytes of each group's module (its .wasm and .js) in dist: a visit downloads
 * the one module that holds the panel it opens (index.html's loader), so the largest is what
 * any first visit costs, and the total is what the service worker caches for offline use.
 */
export function distSizes(dist) {
  const files = fs.readdirSync(dist);
  const modules = files.filter((f) => /^convlab-[a-z]+-[0-9a-f]+_bg\.wasm$/.test(f)).map((wasm) => {
    const js = wasm.replace(/_bg\.wasm$/, '.js');
    const sized = [wasm, js].map((f) => {
      const body = fs.readFileSync(path.join(dist, f));
      return { bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
    });
    return { group: /^convlab-([a-z]+)-/.exec(wasm)[1], files: [wasm, js],
      bytes: sized[0].bytes + sized[1].bytes, gzip: sized[0].gzip + sized[1].gzip };
  });
  const largest = modules.reduce((a, m) => (m.gzip > a.gzip ? m : a), modules[0]);
  const total = { bytes: modules.reduce((s, m) => s + m.bytes, 0), gzip: modules.reduce((s, m) => s + m.gzip, 0) };
  return { modules, largest, total };
}

/** Waits until the page's loader has started a module and set window.wasmBindings. */
export async function appStarted(page) {
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60_000 });
}

/**
 * First render of the app's landing page in a fresh context (empty cache): milliseconds from
 * navigation start to the first panel (`main section.panel`) being in the DOM, to the wasm
 * app's start-up event, and to the first contentful paint. The page's body is empty until
 * the app renders its shell and first panel together, so that first paint is the app's.
 */
export async function firstRender(browser, appUrl, contextOptions) {
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const r = (window.__render = {});
      addEventListener('convlab-started', () => { r.appStartedMs ??= performance.now(); });
      const mo = new MutationObserver(() => {
        if (!document.querySelector('main#main section.panel')) return;
        mo.disconnect();
        r.panelDomMs = performance.now();
      });
      mo.observe(document, { childList: true, subtree: true });
    });
    await page.goto(appUrl);
    await page.waitForFunction(() => window.__render.panelDomMs !== undefined
      && performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 60_000 });
    return await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      const nav = performance.getEntriesByType('navigation')[0];
      return { ...window.__render, fcpMs: fcp, domContentLoadedMs: nav?.domContentLoadedEventEnd };
    });
  } finally {
    await context.close();
  }
}

/**
 * Installs, from now on, a PerformanceObserver for long tasks (≥ 50 ms, the browser's own
 * threshold) and a requestAnimationFrame loop recording the longest gap between frames.
 */
async function watchMainThread(page) {
  await page.evaluate(() => {
    const w = (window.__smooth = { longTasks: [], maxFrameGapMs: 0, frames: 0, stop: false });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (t) => {
      w.maxFrameGapMs = Math.max(w.maxFrameGapMs, t - last);
      last = t;
      w.frames++;
      if (!w.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function mainThreadReport(page, seconds) {
  const w = await page.evaluate(() => { window.__smooth.stop = true; return window.__smooth; });
  return {
    seconds,
    longTasks: w.longTasks.length,
    longestTaskMs: w.longTasks.length ? Math.max(...w.longTasks) : 0,
    maxFrameGapMs: w.maxFrameGapMs,
    fps: w.frames / seconds,
  };
}

const num = async (page, testid) => Number(await page.getAttribute(`[data-testid="${testid}"]`, 'data-value'));

/**
 * The training lab training live for up to `seconds` (50 epochs, so it does not finish
 * first): the longest main-thread task, and its throughput — measured from its progress
 * counter and as its own samples/s display shows it.
 */
export async function trainingSmoothness(page, appUrl, seconds) {
  await page.goto(`${appUrl}#/training?v=1&preset=reference&epochs=50`);
  await page.waitForSelector('[data-testid="training-plan"]');
  await page.waitForTimeout(500);
  await watchMainThread(page);
  const t0 = Date.now();
  await page.click('[data-testid="training-start"]');
  const polls = [];
  let done0 = null;
  for (;;) {
    await page.waitForTimeout(500);
    const t = (Date.now() - t0) / 1000;
    const done = await num(page, 'training-progress');
    const shown = await num(page, 'training-sps');
    if (done0 === null) done0 = { t, done };
    const prev = polls[polls.length - 1];
    if (prev && done === prev.done) break; // finished or stopped
    polls.push({ t, done, shown });
    if (t >= seconds) break;
  }
  const smooth = await mainThreadReport(page, (Date.now() - t0) / 1000);
  await page.click('[data-testid="training-pause"]').catch(() => {});
  const first = done0, last = polls[polls.length - 1];
  if (!last || last.t <= first.t) throw new Error(`the training lab did not train (progress ${JSON.stringify(polls)})`);
  const shownValues = polls.slice(2).map((p) => p.shown).filter((v) => v > 0).sort((a, b) => a - b);
  return {
    ...smooth,
    samples: last.done,
    samplesPerSec: (last.done - first.done) / (last.t - first.t),
    shownSamplesPerSec: shownValues.length ? shownValues[Math.floor(shownValues.length / 2)] : null,
  };
}

/** The convolution deep link for a 16×16 input and a 7×7 kernel (same padding: 256 steps). */
export function convolutionLink() {
  const matrix = (n, f) => Array.from({ length: n }, (_, y) => Array.from({ length: n }, (_, x) => f(y, x)).join(',')).join(';');
  const input = matrix(16, (y, x) => (y * 7 + x * 3) % 10);
  const kernel = matrix(7, (y, x) => ((y + 2 * x) % 3) - 1);
  return `#/convolution?v=1&input=${input}&kernel=${kernel}&padding=same&stride=1`;
}

/** The convolution panel playing at its fastest speed for `seconds`. */
export async function convolutionSmoothness(page, appUrl, seconds) {
  await page.goto(appUrl + convolutionLink());
  await page.waitForSelector('[data-testid="conv-output"]');
  const ignored = await page.locator('main [role="alert"]').allTextContents();
  if (ignored.length) throw new Error(`the convolution link was not taken as is: ${ignored.join(' | ')}`);
  const speed = page.locator('select[aria-label="Animation speed"]');
  const fastest = await speed.evaluate((s) => s.options[s.options.length - 1].value);
  await speed.selectOption(fastest);
  const speedLabel = await speed.evaluate((s) => s.options[s.selectedIndex].textContent);
  await page.waitForTimeout(300);
  const step0 = await num(page, 'stepper-count');
  await watchMainThread(page);
  const t0 = Date.now();
  await page.click('[data-testid="stepper-play"]');
  await page.waitForTimeout(seconds * 1000);
  const steps = (await num(page, 'stepper-count')) - step0;
  const smooth = await mainThreadReport(page, (Date.now() - t0) / 1000);
  await page.click('[data-testid="stepper-play"]').catch(() => {});
  return { ...smooth, speed: speedLabel, steps, stepsPerSec: steps / smooth.seconds };
}
