// The fully connected panel in a real browser: the example, sums term by term, edits, links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/dense', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="dense-output"]');
  return page;
}

const column = async (page, id) => (await tableValues(page, id)).map((r) => r[0]);

test('default example: y = W·x + b by hand, neuron by neuron', async (t) => {
  const page = await panel(t);
  // x = 3,3,3,2; neuron 1: 3·0.5 + 3·(−1) + 3·0.25 + 2·1 + 1 = 2.25.
  assert.equal(await value(page, 'dense-sum'), '2.25');
  assert.deepEqual(await column(page, 'dense-output'), ['2.25', '1.5', '3.5']);
  assert.equal(await value(page, 'dense-params'), '15');
  const terms = await page.$$eval('[data-testid="dense-terms"] tbody tr td:last-child', (tds) => tds.map((td) => td.dataset.value));
  assert.deepEqual(terms, ['1.5', '-3', '0.75', '2']);
  await page.click('[data-testid="dense-output"] tbody tr:nth-child(3) button');
  // Neuron 3: −1.5 + 1.5 + 3 + 0 + 0.5 = 3.5.
  assert.equal(await value(page, 'dense-sum'), '3.5');
  assert.equal(await value(page, 'stepper-count'), '2');
  assert.match(page.url(), /step=2/);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await value(page, 'dense-sum'), '1.5');
  await shot(page, 'dense-desktop');
});

test('editing weights and inputs; bad text is marked and kept', async (t) => {
  const page = await panel(t);
  await page.getByLabel('Weights W row 2 column 2', { exact: true }).fill('2');
  assert.deepEqual(await column(page, 'dense-output'), ['2.25', '7.5', '3.5']);
  const bias = page.getByLabel('Bias b row 1 column b', { exact: true });
  await bias.fill('q');
  await page.waitForSelector('[data-testid="dense-bias-error"]');
  assert.match(await page.textContent('[data-testid="dense-bias-error"]'), /neuron 1: “q” is not a number/);
  assert.equal(await bias.inputValue(), 'q');
  assert.equal(await value(page, 'dense-sum'), '2.25');
  await shot(page, 'dense-bad-cell');
  await bias.fill('0');
  assert.equal(await value(page, 'dense-sum'), '1.25');
  await page.selectOption('[data-testid="dense-inputs"]', '6');
  assert.equal(await value(page, 'dense-params'), '21');
  await page.selectOption('[data-testid="dense-outputs"]', '1');
  assert.equal(await value(page, 'dense-params'), '7');
  await page.getByLabel('Input x row x column 5', { exact: true }).fill('4');
  await page.getByLabel('Weights W row 1 column 5', { exact: true }).fill('0.5');
  assert.equal(await value(page, 'dense-sum'), '3.25');
});

test('a deep link opens its layer; bad keys are named and defaults used', async (t) => {
  const page = await panel(t, '#/dense?input=1,2,3&weights=1,2,3;-1,0,1&bias=0.5,-1&step=1');
  assert.deepEqual(await column(page, 'dense-output'), ['14.5', '1']);
  assert.equal(await value(page, 'dense-sum'), '1');
  assert.equal(await value(page, 'dense-params'), '8');
  const bad = await panel(t, '#/dense?input=1,2,3&weights=1,2;3,4&bias=x&nope=2');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['input', 'weights', 'bias', 'nope']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.deepEqual(await column(bad, 'dense-output'), ['2.25', '1.5', '3.5']);
  await shot(bad, 'dense-bad-link');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, `#/dense?input=${Array(16).fill(1).join(',')}&weights=${Array(4).fill(Array(16).fill(0.5).join(',')).join(';')}&bias=0,1,2,3`, { width: 390, height: 844 });
  assert.equal(await value(page, 'dense-params'), '68');
  await shot(page, 'dense-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
