// The cross-entropy panel in a real browser: the lecture's example and its misprints, both
// units, an infinite loss, the batch cost, links and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/cross-entropy', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="ce-loss"]');
  return page;
}

const num = async (page, id) => Number(await value(page, id));
function near(actual, expected, tol = 1e-4) {
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} vs ${expected}`);
}

test('the lecture example: 3.322 bits, 2.303 nats, and its misprints', async (t) => {
  const page = await panel(t);
  near(await num(page, 'ce-loss'), 3.3219);
  near(await num(page, 'ce-loss-bits'), 3.3219);
  near(await num(page, 'ce-loss-nats'), 2.3026);
  assert.equal(await value(page, 'ce-distribution'), 'invalid');
  assert.match(await page.textContent('[data-testid="ce-distribution"]'), /add up to 1\.27, not 1/);
  // Per class: q, bits, nats, lecture. Only class 3 (1.685 for −log₂ 0.3 = 1.737) differs.
  const rows = await tableValues(page, 'ce-per-class');
  [3.3219, 0.9434, 1.737, 3.6439, 1.889].forEach((b, k) => near(Number(rows[k][1]), b));
  assert.deepEqual(rows.map((r) => r[3]), ['3.322', '0.9434', '1.685', '3.644', '1.889']);
  assert.equal(await page.locator('[data-testid="ce-per-class"] td.bad').count(), 1);
  // J: the mean of the five, 2.3070 — the lecture printed 2.2967.
  near(await num(page, 'ce-cost'), 2.3070);
  assert.match(await page.textContent('.batch'), /lecture: 2\.2967 — differs from the exact 2\.307/);
  assert.doesNotMatch(await page.innerText('main'), /NaN/);
  await shot(page, 'cross-entropy-desktop');
});

test('nats as the chosen unit; an edit; a real distribution', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="ce-base"]', 'e');
  near(await num(page, 'ce-loss'), 2.3026);
  await page.waitForURL(/base=e/);
  await page.fill('[data-testid="ce-probs"]', '0.7, 0.2, 0.1');
  await page.fill('[data-testid="ce-target"]', '[1 0 0]');
  near(await num(page, 'ce-loss'), 0.3567);
  near(await num(page, 'ce-loss-bits'), 0.5146);
  assert.equal(await value(page, 'ce-distribution'), 'valid');
  await page.waitForURL(/target=0&probs=0\.7,0\.2,0\.1/);
});

test('q = 0 for the true class: an infinite loss, explained', async (t) => {
  const page = await panel(t);
  await page.fill('[data-testid="ce-target"]', '0');
  await page.fill('[data-testid="ce-probs"]', '0, 0.5, 0.5');
  assert.equal(await value(page, 'ce-loss'), 'inf');
  assert.equal((await page.textContent('[data-testid="ce-loss"]')).trim(), '∞');
  assert.match(await page.textContent('[data-testid="ce-infinite-note"]'), /log 0 is −∞/);
  assert.doesNotMatch(await page.innerText('main'), /NaN/);
  await shot(page, 'cross-entropy-infinite');
});

test('bad input is named, kept, and the last result stays', async (t) => {
  const page = await panel(t);
  await page.fill('[data-testid="ce-probs"]', '0.1, abc, 0.3');
  const alert = page.locator('[data-testid="ce-input-error"]');
  assert.match(await alert.textContent(), /value 2: “abc” is not a number/);
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(await page.inputValue('[data-testid="ce-probs"]'), '0.1, abc, 0.3');
  near(await num(page, 'ce-loss'), 3.3219);
  await page.fill('[data-testid="ce-target"]', '0');
  await page.fill('[data-testid="ce-probs"]', '0.5, -0.2, 0.7');
  assert.match(await alert.textContent(), /is not a probability/);
  await shot(page, 'cross-entropy-bad-input');
});

test('the batch: remove, add, and J follows', async (t) => {
  const page = await panel(t);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Remove example 1' }).click();
  assert.match(await page.textContent('[data-testid="ce-batch-error"]'), /the batch is empty/);
  await page.click('[data-testid="ce-add-current"]');
  assert.equal(await page.locator('[data-testid="ce-batch-error"]').count(), 0);
  near(await num(page, 'ce-cost'), 3.3219);
  await page.click('[data-testid="ce-add-example"]');
  await page.getByLabel('True class of example 2').fill('1');
  near(await num(page, 'ce-cost'), (3.3219 + 0.9434) / 2);
  await page.waitForURL(/batch-targets=0,1/);
});

test('deep link in, bad link named', async (t) => {
  const page = await panel(t, '#/cross-entropy?target=1&probs=0.2,0.7,0.1&batch=0.6,0.4;0.5,0.5&batch-targets=0,1&base=e');
  near(await num(page, 'ce-loss'), 0.3567);
  near(await num(page, 'ce-cost'), (0.5108 + 0.6931) / 2);
  const bad = await panel(t, '#/cross-entropy?probs=0.5,x&base=10&batch=0.5,0.5&nope=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['probs', 'base', 'batch', 'nope']) assert.match(note, new RegExp(`“${key}” was ignored`));
  near(await num(bad, 'ce-loss'), 3.3219);
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/cross-entropy?preset=lecture', { width: 390, height: 844 });
  await shot(page, 'cross-entropy-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
