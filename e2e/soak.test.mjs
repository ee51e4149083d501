// Memory soak: the training lab trains for a long time (run after run: when the epochs are
// done it resets and starts again) while the JS heap and the wasm memory are sampled after a
// forced garbage collection. Both may grow while the first run warms up; after that they must
// stop growing: the largest sample of the last third may not exceed the largest of the middle
// third by more than 20 % (plus a little slack for the collector's timing).
// Longer runs: SOAK_SECONDS=600 CONVLAB_DIST=dist node --test e2e/soak.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot } from './harness.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 45);
const MB = 1024 * 1024;

let server, browser;
before(async () => {
  server = await serve();
  // Exact heap sizes (Chromium rounds them otherwise) and a gc() to call before each sample.
  browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
});
after(async () => { await browser?.close(); await server?.close(); });

const max = (xs) => Math.max(...xs);
const thirds = (xs) => {
  const n = Math.floor(xs.length / 3);
  return [xs.slice(0, n), xs.slice(n, 2 * n), xs.slice(2 * n)];
};

test(`memory stays bounded over ${SECONDS} s of live training`, async (t) => {
  const page = await newPage(browser);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  // The loader hands the started module's wasm exports (with `memory`) to this event only.
  await page.addInitScript(() => {
    addEventListener('convlab-started', (e) => { window.__convlabWasm = e.detail.wasm; });
  });
  // Many epochs and a batch of 1: the run records a point per sample, the most history there
  // is; two filters keep a debug build fast enough to finish a run (and reset) within 45 s.
  await open(page, server.url, '#/training?v=1&filters=2&epochs=20&batch=1');
  await page.waitForSelector('[data-testid="training-plan"]');
  const sample = () => page.evaluate(() => {
    window.gc?.();
    return {
      heap: performance.memory.usedJSHeapSize,
      wasm: window.__convlabWasm?.memory?.buffer.byteLength ?? 0,
      done: Number(document.querySelector('[data-testid="training-progress"]').dataset.value),
      nodes: document.getElementsByTagName('*').length,
    };
  });
  assert.ok((await sample()).wasm > 0, 'the wasm memory is reachable');
  await page.click('[data-testid="training-start"]');
  const samples = [];
  let runs = 1, trained = 0, last = 0;
  const deadline = Date.now() + SECONDS * 1000;
  while (Date.now() < deadline) {
    await page.waitForTimeout(1000);
    const s = await sample();
    trained += Math.max(0, s.done - last);
    last = s.done;
    samples.push(s);
    const status = await page.textContent('[data-testid="training-status"]');
    if (/Finished/.test(status)) {
      // A whole run done: start another, so the soak also covers reset.
      await page.click('[data-testid="training-reset"]');
      await page.click('[data-testid="training-start"]');
      runs++; last = 0;
    }
  }
  await page.click('[data-testid="training-pause"]').catch(() => {});
  await shot(page, 'soak-training');
  const heap = samples.map((s) => s.heap);
  const wasm = samples.map((s) => s.wasm);
  const nodes = samples.map((s) => s.nodes);
  console.log(`soak: ${SECONDS} s, ${samples.length} samples, ${trained} samples trained in ${runs} run(s)`);
  console.log(`JS heap MB: first ${(heap[0] / MB).toFixed(2)}, max middle ${(max(thirds(heap)[1]) / MB).toFixed(2)}, max last ${(max(thirds(heap)[2]) / MB).toFixed(2)}`);
  console.log(`wasm MB: first ${(wasm[0] / MB).toFixed(2)}, max middle ${(max(thirds(wasm)[1]) / MB).toFixed(2)}, max last ${(max(thirds(wasm)[2]) / MB).toFixed(2)}`);
  console.log(`DOM nodes: first ${nodes[0]}, max middle ${max(thirds(nodes)[1])}, max last ${max(thirds(nodes)[2])}`);
  if (process.env.SOAK_VERBOSE) console.log(samples.map((s) => `${s.done}:${(s.heap / MB).toFixed(2)}/${(s.wasm / MB).toFixed(2)}`).join(" "));
  assert.ok(samples.length >= 9, 'enough samples to compare thirds');
  assert.ok(trained > 0, 'training made progress');
  for (const [name, xs, slack] of [['JS heap', heap, 2 * MB], ['wasm memory', wasm, 1 * MB], ['DOM nodes', nodes, 50]]) {
    const [, m, l] = thirds(xs);
    assert.ok(max(l) <= max(m) * 1.2 + slack, `${name} keeps growing: middle third max ${max(m)}, last third max ${max(l)}`);
  }
});
