// The colour & bias panel in a real browser: preset numbers, edits, links, bad input, phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/rgb', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="rgb-output-0"]');
  return page;
}

test('lecture preset: three partial sums plus bias 1, stepping', async (t) => {
  const page = await panel(t);
  // Hand-checked (tests/rgb_panel.rs): red −1, green 0, blue −3, bias 1 → −3.
  assert.equal(await value(page, 'rgb-partial-0'), '-1');
  assert.equal(await value(page, 'rgb-partial-1'), '0');
  assert.equal(await value(page, 'rgb-partial-2'), '-3');
  assert.equal(await value(page, 'rgb-sum'), '-3');
  assert.equal(await value(page, 'rgb-output-size'), '3x3');
  assert.ok(await page.locator('[data-testid="rgb-image"] rect').count() >= 25);
  await page.keyboard.press('End');
  assert.equal(await value(page, 'stepper-count'), '8');
  await shot(page, 'rgb-desktop');
});

test('two filters give a stack of two maps; clicking a cell of map 2 jumps there', async (t) => {
  const page = await panel(t, '#/rgb?preset=two-filters');
  assert.equal(await value(page, 'rgb-output-shape'), '3x3x2');
  await page.click('[data-testid="rgb-output-1"] tbody tr:nth-child(1) td:nth-child(2) button');
  assert.equal(await value(page, 'stepper-count'), '9');
  assert.equal(await value(page, 'rgb-partial-0'), '13');
  assert.equal(await value(page, 'rgb-sum'), '4');
  assert.match(page.url(), /step=9/);
});

test('editing the bias and a cell updates the sum; bad text is kept and named', async (t) => {
  const page = await panel(t);
  await page.fill('[data-testid="rgb-bias-0"]', '5');
  assert.equal(await value(page, 'rgb-sum'), '1'); // −1 + 0 − 3 + 5
  await page.fill('[data-testid="rgb-bias-0"]', 'abc');
  await page.waitForSelector('[data-testid="rgb-bias-error"]');
  assert.equal(await page.inputValue('[data-testid="rgb-bias-0"]'), 'abc');
  assert.equal(await value(page, 'rgb-sum'), '1');
  const cell = page.getByLabel('Input red row 1 column 1', { exact: true });
  await cell.fill('q');
  await page.waitForSelector('[data-testid="rgb-input-error"]');
  assert.equal(await cell.inputValue(), 'q');
  await shot(page, 'rgb-bad-input');
});

test('a 2-deep kernel is refused with the core message', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="rgb-depth"]', '2');
  await page.waitForSelector('[data-testid="rgb-shape-error"]');
  assert.match(await page.textContent('[data-testid="rgb-shape-error"]'), /kernel has depth 2 but the input has 3 channels/);
  assert.equal(await value(page, 'rgb-sum'), '-3');
});

test('a deep link opens its state; bad keys are named', async (t) => {
  const page = await panel(t, '#/rgb?input=1,2;3,4|0,0;0,1|1,0;0,0&kernel=1|10|100&bias=0.5');
  assert.deepEqual(await tableValues(page, 'rgb-output-0'), [['101.5', '2.5'], ['3.5', '14.5']]);
  const bad = await panel(t, '#/rgb?kernel=1|1&stride=7&zzz=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['kernel', 'stride', 'zzz']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(bad, 'rgb-sum'), '-3');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/rgb?preset=two-filters', { width: 390, height: 844 });
  await shot(page, 'rgb-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
