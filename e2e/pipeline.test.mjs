// The whole-network panel (#/pipeline) in a real browser: presets, stepping through the
// stages, a stage's arithmetic and its link to the full panel, edits, deep links, bad input,
// the keyboard and the phone layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/pipeline', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="pipe-flow"]');
  return page;
}

const near = (got, want, eps = 1e-5) => assert.ok(Math.abs(Number(got) - want) < eps, `${got} ≠ ${want}`);
/** Waits until the element's data-value is `want` (a re-render may land just after a key press). */
async function waitValue(page, testid, want) {
  await page.waitForFunction(([id, w]) => document.querySelector(`[data-testid="${id}"]`)?.dataset.value === w, [testid, want], { timeout: 3000 })
    .catch(() => {});
  assert.equal(await value(page, testid), want);
}
/** Waits until the address matches `re` (the link is written just after the render). */
async function waitUrl(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(location.href), re.source, { timeout: 3000 }).catch(() => {});
  assert.match(page.url(), re);
}
const stageClass = (page, key) => page.getAttribute(`[data-testid="pipe-stage-${key}"]`, 'class');

test('vertical bar: every stage with its shape, stepped through left to right', async (t) => {
  const page = await panel(t);
  const shapes = {};
  for (const k of ['input', 'conv', 'relu', 'pool', 'flatten', 'dense', 'softmax', 'loss']) shapes[k] = await value(page, `pipe-shape-${k}`);
  assert.deepEqual(shapes, { input: '6x6x1', conv: '4x4x2', relu: '4x4x2', pool: '2x2x2', flatten: '8', dense: '3', softmax: '3', loss: '1' });
  // Filter 1 (−1 2 −1 per row) on the bright column 3: −3, 6, −3, 0 in every row.
  assert.deepEqual((await tableValues(page, 'pipe-conv-1'))[0], ['-3', '6', '-3', '0']);
  assert.deepEqual(await tableValues(page, 'pipe-pool-1'), [['6', '0'], ['6', '0']]);
  assert.deepEqual((await tableValues(page, 'pipe-dense')).flat(), ['3', '-3', '-2']);
  near(await value(page, 'pipe-loss'), 0.013236);
  assert.equal(await value(page, 'pipe-prediction'), 'vertical');
  assert.match(await stageClass(page, 'input'), /is-current/);
  assert.match(await stageClass(page, 'conv'), /is-later/);
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await waitValue(page, 'pipe-now', 'conv');
  assert.match(await stageClass(page, 'conv'), /is-current/);
  assert.match(await stageClass(page, 'input'), /is-done/);
  assert.match(await stageClass(page, 'relu'), /is-later/);
  // The conv stage opens on its strongest response, with the image patch framed.
  assert.equal(await value(page, 'pipe-detail-result'), '6');
  assert.equal(await page.locator('[data-testid="pipe-input"] td.win').count(), 9);
  await page.click('.stepper button[aria-label="Next step"]');
  await page.click('.stepper button[aria-label="Next step"]');
  assert.equal(await value(page, 'pipe-now'), 'pool');
  assert.equal(await page.locator('[data-testid="pipe-relu-1"] td.win').count(), 4);
  await shot(page, 'pipeline-desktop');
  await page.keyboard.press('End');
  await waitValue(page, 'pipe-now', 'loss');
  assert.equal(await value(page, 'stepper-count'), '7');
  near(await value(page, 'pipe-detail-result'), 0.013236);
  // The loss reads one probability, the true class's, framed in the softmax stage.
  assert.equal(await page.locator('[data-testid="pipe-softmax"] td.win').count(), 1);
  await waitUrl(page, /preset=vertical-bar&label=0&stage=loss/);
  await shot(page, 'pipeline-loss');
});

test("a stage's arithmetic, and its link lands on the same numbers", async (t) => {
  const page = await panel(t, '#/pipeline?preset=noisy-vertical');
  await page.click('[data-testid="pipe-open-conv"]');
  assert.equal(await page.getAttribute('[data-testid="pipe-detail"]', 'data-stage'), 'conv');
  // Map 2, row 3, column 4.
  await page.click('[data-testid="pipe-conv-2"] tbody tr:nth-child(3) td:nth-child(5) button');
  const result = await value(page, 'pipe-detail-result');
  assert.equal(result, (await tableValues(page, 'pipe-conv-2'))[2][3]);
  assert.equal(await page.locator('[data-testid="pipe-detail-line"] .term').count(), 9);
  const href = await page.getAttribute('[data-testid="pipe-detail-link"]', 'href');
  assert.match(href, /^#\/convolution\?v=1&input=.*&kernel=-1,-1,-1;2,2,2;-1,-1,-1&.*step=11$/);
  await shot(page, 'pipeline-conv-detail');
  await page.click('[data-testid="pipe-detail-link"]');
  await page.waitForSelector('[data-testid="conv-output"]');
  assert.equal(await value(page, 'conv-sum'), result);

  const pool = await panel(t, '#/pipeline?preset=noisy-vertical&stage=pool');
  await pool.click('[data-testid="pipe-pool-1"] tbody tr:nth-child(2) td:nth-child(2) button');
  const max = await value(pool, 'pipe-detail-result');
  await pool.click('[data-testid="pipe-detail-link"]');
  await pool.waitForSelector('[data-testid="pool-output"]');
  assert.equal(await value(pool, 'pool-result'), max);
  assert.equal(await value(pool, 'stepper-count'), '2');
});

test('edits flow through every stage; a typo is kept, marked and explained', async (t) => {
  const page = await panel(t);
  const loss = await value(page, 'pipe-loss');
  await page.selectOption('[data-testid="pipe-label"]', '1');
  assert.ok(Number(await value(page, 'pipe-loss')) > 8, 'the wrong label costs many bits');
  await waitUrl(page, /label=1/);
  await page.selectOption('[data-testid="pipe-label"]', '0');
  assert.equal(await value(page, 'pipe-loss'), loss);
  // Turn the vertical bar into a cross: row 3 bright too.
  for (let c = 1; c <= 6; c++) await page.getByLabel(`Input image row 3 column ${c}`, { exact: true }).fill('1');
  assert.equal(await page.$eval('[data-testid="pipe-preset"]', (s) => s.value), '');
  await waitUrl(page, /input=0,0,1,0,0,0;0,0,1,0,0,0;1,1,1,1,1,1;/);
  assert.notEqual(await value(page, 'pipe-loss'), loss);
  // A kernel edit.
  await page.getByLabel('Filter 1 row 2 column 2', { exact: true }).fill('4');
  await waitUrl(page, /kernel=-1,2,-1;-1,4,-1;-1,2,-1\|/);
  // A typo: the message names the cell, the text stays, the numbers are the last valid ones.
  const before = await tableValues(page, 'pipe-softmax');
  const cell = page.getByLabel('Input image row 1 column 1', { exact: true });
  await cell.fill('abc');
  await page.waitForSelector('[data-testid="pipe-input-error"]');
  assert.match(await page.textContent('[data-testid="pipe-input-error"]'), /row 1, column 1: “abc” is not a number/);
  assert.equal(await cell.inputValue(), 'abc');
  assert.deepEqual(await tableValues(page, 'pipe-softmax'), before);
  await shot(page, 'pipeline-bad-cell');
  const w = page.getByLabel('Weights W row none column 3', { exact: true });
  await w.fill('-');
  await page.waitForSelector('[data-testid="pipe-weights-error"]');
  assert.match(await page.textContent('[data-testid="pipe-weights-error"]'), /class none, feature 3/);
  await w.fill('-0.25');
  await cell.fill('0');
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  await page.click('[data-testid="pipe-reset"]');
  await page.waitForFunction(() => !location.hash.includes('kernel='), null, { timeout: 3000 }).catch(() => {});
  assert.doesNotMatch(page.url(), /kernel=/);
});

test('a deep link opens its state; a bad link names what it ignored', async (t) => {
  const page = await panel(t, '#/pipeline?v=1&preset=horizontal-bar&label=0&stage=softmax');
  assert.equal(await value(page, 'pipe-prediction'), 'horizontal');
  assert.equal(await value(page, 'pipe-now'), 'softmax');
  assert.equal(await page.getAttribute('[data-testid="pipe-detail"]', 'data-stage'), 'softmax');
  assert.ok(Number(await value(page, 'pipe-loss')) > 8);
  assert.equal(await page.locator('[data-testid="link-error"]').count(), 0);
  const bad = await panel(t, '#/pipeline?input=1,2;3,4&kernel=1&label=9&stage=nowhere&bogus=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['input', 'kernel', 'label', 'stage', 'bogus']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.match(note, /it is 2×2; this network needs 6×6/);
  assert.equal(await value(bad, 'pipe-now'), 'input');
  near(await value(bad, 'pipe-loss'), 0.013236);
  await shot(bad, 'pipeline-bad-link');
});

test('keyboard: stage buttons, cell buttons and the stepper keys', async (t) => {
  const page = await panel(t);
  await page.focus('[data-testid="pipe-open-dense"]');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'pipe-now'), 'dense');
  assert.equal(await page.getAttribute('[data-testid="pipe-open-dense"]', 'aria-pressed'), 'true');
  await page.focus('[data-testid="pipe-dense"] tbody tr:nth-child(3) td button');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'pipe-detail-result'), '-2');
  await page.keyboard.press('ArrowLeft');
  await waitValue(page, 'pipe-now', 'flatten');
  await page.keyboard.press('Home');
  await waitValue(page, 'pipe-now', 'input');
});

test('phone width: the flow runs top to bottom, no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/pipeline?preset=noisy-vertical&stage=conv', { width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  const [a, b] = await Promise.all(['input', 'conv'].map((k) => page.locator(`[data-testid="pipe-stage-${k}"]`).boundingBox()));
  assert.ok(b.y > a.y + a.height - 1, 'stages are stacked vertically');
  await shot(page, 'pipeline-phone');
});
