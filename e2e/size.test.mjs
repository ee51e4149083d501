// The download: ConvLab reaches the browser as one wasm module per group of panels, and a
// visit downloads only the module of the panel it opens (index.html's loader). Issue 4's
// budget, 350 kB gzipped for the wasm + JS, therefore holds for every module, so a change that
// bloats any of them fails here (size is deterministic; timings are never asserted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from './harness.mjs';
import { distSizes } from '../bench/app-metrics.mjs';

const BUDGET_BYTES = 350_000;
const GROUPS = ['layer', 'network', 'pipeline', 'training', 'practice'];

test('every module, wasm + JS, stays within 350 kB gzipped', () => {
  const { modules, largest, total } = distSizes(DIST);
  assert.deepEqual(modules.map((m) => m.group).sort(), [...GROUPS].sort(), 'one module per group in dist/');
  // The loader is inline in index.html, which every visit fetches as well.
  const html = zlib.gzipSync(fs.readFileSync(path.join(DIST, 'index.html')), { level: 9 }).length;
  for (const m of modules) console.log(`${m.group}: ${(m.gzip / 1000).toFixed(1)} kB gzipped (${(m.bytes / 1000).toFixed(0)} kB raw)`);
  console.log(`largest ${largest.group} ${(largest.gzip / 1000).toFixed(1)} kB + index.html with the loader ${(html / 1000).toFixed(1)} kB; all modules ${(total.gzip / 1000).toFixed(0)} kB`);
  for (const m of modules) {
    assert.ok(m.gzip <= BUDGET_BYTES, `the ${m.group} module grew to ${(m.gzip / 1000).toFixed(1)} kB gzipped, over the ${BUDGET_BYTES / 1000} kB budget`);
  }
});
