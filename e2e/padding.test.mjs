// The padding & stride explorer in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/padding', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="pad-grid"]');
  return page;
}

async function setRange(page, testid, v) {
  await page.$eval(`[data-testid="${testid}"]`, (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, v);
}

test('default: 5×5 with 3×3 valid gives 3×3; the lecture table and valid vs same', async (t) => {
  const page = await panel(t);
  assert.equal(await value(page, 'pad-output-size'), '3x3');
  assert.equal(await value(page, 'pad-positions'), '9');
  assert.equal(await value(page, 'pad-valid-size'), '3x3');
  assert.equal(await value(page, 'pad-same-size'), '5x5');
  // The lecture's cases: valid 3×3, 4×4 padded 4×4, same 5×5 (from 7×7), stride 2 → 2×2 and 3×3.
  for (const [i, v] of ['3x3', '4x4', '5x5', '2x2', '3x3'].entries()) assert.equal(await value(page, `pad-case-${i}`), v);
  assert.match(await page.textContent('[data-testid="pad-correction"]'), /valid.*means no padding at all/);
  await page.keyboard.press('End');
  assert.equal(await value(page, 'stepper-count'), '8');
  await shot(page, 'padding-desktop');
});

test('an edit: stride 2 on 6×6 drops the last row and column; the URL follows', async (t) => {
  const page = await panel(t);
  await setRange(page, 'pad-n', 6);
  await setRange(page, 'pad-stride', 2);
  assert.equal(await value(page, 'pad-output-size'), '2x2');
  assert.match(await page.textContent('[data-testid="pad-dropped-note"]'), /remainder 1/);
  assert.ok(await page.locator('[data-testid="pad-grid"] td.dropped').count() > 0);
  assert.match(page.url(), /n=6&f=3&padding=valid&stride=2/);
  await shot(page, 'padding-floor');
});

test('an empty output is refused with a message; the last figure stays', async (t) => {
  const page = await panel(t);
  await setRange(page, 'pad-n', 2);
  await page.waitForSelector('[data-testid="pad-shape-error"]');
  assert.match(await page.textContent('[data-testid="pad-shape-error"]'), /does not fit/);
  assert.equal(await value(page, 'pad-output-size'), '3x3');
  await page.selectOption('[data-testid="pad-padding"]', 'same');
  assert.equal(await page.locator('[data-testid="pad-shape-error"]').count(), 0);
  assert.equal(await value(page, 'pad-output-size'), '2x2');
});

test('a deep link opens its state; bad keys are named', async (t) => {
  const page = await panel(t, '#/padding?v=1&n=5&f=3&padding=same&stride=1');
  assert.equal(await value(page, 'pad-output-size'), '5x5');
  assert.equal(await page.locator('[data-testid="pad-grid"] tbody tr').count(), 7);
  const bad = await panel(t, '#/padding?n=50&padding=wide&foo=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['n', 'padding', 'foo']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(bad, 'pad-output-size'), '3x3');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/padding?n=7&f=3&padding=1&stride=2', { width: 390, height: 844 });
  await shot(page, 'padding-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
