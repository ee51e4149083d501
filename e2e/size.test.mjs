// The download: the release build's wasm + JS, gzipped (-9), must stay within a budget, so a
// change that bloats it fails here (size is deterministic; timings are never asserted).
// Issue 4's goal is 350 KiB; the build is not there yet (see README "Performance"), so this
// budget is a ratchet at today's size plus a little room: lower it as the download shrinks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from './harness.mjs';

const BUDGET_KIB = 655;

test('the wasm + JS download stays within its gzipped budget', () => {
  const files = fs.readdirSync(DIST).filter((f) => /^convlab-.*(_bg\.wasm|\.js)$/.test(f));
  assert.equal(files.length, 2, `expected one wasm and one JS file in ${DIST}, found ${files}`);
  let raw = 0, gz = 0;
  for (const f of files) {
    const body = fs.readFileSync(path.join(DIST, f));
    raw += body.length;
    gz += zlib.gzipSync(body, { level: 9 }).length;
  }
  console.log(`wasm + JS: ${(raw / 1024).toFixed(0)} KiB, ${(gz / 1024).toFixed(0)} KiB gzipped (budget ${BUDGET_KIB} KiB)`);
  assert.ok(gz <= BUDGET_KIB * 1024, `the download grew to ${(gz / 1024).toFixed(0)} KiB gzipped, over the ${BUDGET_KIB} KiB budget`);
});
