// The pooling panel in a real browser: the lecture's presets, both modes, editing, links, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/pooling', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="pool-output"]');
  return page;
}

const near = (got, want) => assert.ok(Math.abs(Number(got) - want) < 1e-5, `${got} ≠ ${want}`);

test('lecture Figure 7.8: 3×3 max pooling at stride 1, then average', async (t) => {
  const page = await panel(t);
  // First window 3,3,2 / 0,0,1 / 3,1,2: the largest is 3.
  assert.equal(await value(page, 'pool-result'), '3');
  assert.equal(await value(page, 'pool-output-size'), '3x3');
  await page.keyboard.press('End');
  assert.equal(await value(page, 'stepper-count'), '8');
  // Hand-checked (and conv_arithmetic's max-pooling figure): 3 3 3 / 3 3 3 / 3 2 3.
  assert.deepEqual(await tableValues(page, 'pool-output'), [['3', '3', '3'], ['3', '3', '3'], ['3', '2', '3']]);
  await page.keyboard.press('Home');
  await shot(page, 'pooling-desktop');
  await page.selectOption('[data-testid="pool-mode"]', 'avg');
  // 3+3+2+0+0+1+3+1+2 = 15, and 15 / 9.
  assert.equal(await value(page, 'pool-sum'), '15');
  assert.equal(await value(page, 'pool-count'), '9');
  near(await value(page, 'pool-result'), 15 / 9);
  const avg = (await tableValues(page, 'pool-output')).flat().map(Number);
  [15, 15, 15, 9, 11, 16, 10, 7, 12].forEach((sum, i) => near(avg[i], sum / 9));
  assert.match(page.url(), /preset=lecture&mode=avg/);
  await page.keyboard.press('ArrowRight');
  await shot(page, 'pooling-average');
});

test('2×2 windows at stride 2 drop the last row and column', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="pool-preset"]', 'lecture-2x2');
  assert.deepEqual(await tableValues(page, 'pool-output'), [['3', '3'], ['3', '2']]);
  assert.equal(await value(page, 'pool-output-size'), '2x2');
  assert.match(await page.textContent('[data-testid="pool-dropped-note"]'), /remainder 1/);
  assert.equal(await page.locator('[data-testid="pool-input"] td.dropped').count(), 9);
  await page.click('[data-testid="pool-output"] tbody tr:nth-child(2) td:nth-child(3) button');
  assert.equal(await value(page, 'stepper-count'), '3');
  assert.equal(await value(page, 'pool-result'), '2');
  assert.match(page.url(), /step=3/);
  await shot(page, 'pooling-stride2');
});

test('editing a cell updates the windows; bad text is marked and kept', async (t) => {
  const page = await panel(t);
  const cell = page.getByLabel('Input row 3 column 2', { exact: true });
  await cell.fill('9');
  assert.equal(await value(page, 'pool-result'), '9');
  assert.deepEqual((await tableValues(page, 'pool-output'))[0], ['9', '9', '3']);
  await cell.fill('abc');
  await page.waitForSelector('[data-testid="pool-input-error"]');
  assert.match(await page.textContent('[data-testid="pool-input-error"]'), /row 3, column 2: “abc” is not a number/);
  assert.equal(await cell.inputValue(), 'abc');
  assert.equal(await value(page, 'pool-result'), '9');
  await shot(page, 'pooling-bad-cell');
  await cell.fill('1');
  assert.equal(await page.locator('[data-testid="pool-input-error"]').count(), 0);
  assert.equal(await value(page, 'pool-result'), '3');
});

test('a window larger than the input is refused with the numbers', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="pool-size"]', '5');
  assert.equal(await value(page, 'pool-output-size'), '1x1');
  await page.selectOption('[data-testid="pool-input-rows"]', '4');
  await page.waitForSelector('[data-testid="pool-shape-error"]');
  assert.match(await page.textContent('[data-testid="pool-shape-error"]'), /5×5 window does not fit a 4×5 input/);
  await page.selectOption('[data-testid="pool-size"]', '2');
  assert.equal(await page.locator('[data-testid="pool-shape-error"]').count(), 0);
  assert.equal(await value(page, 'pool-output-size'), '3x4');
});

test('keyboard: play runs to the end, Enter on an output cell jumps there', async (t) => {
  const page = await panel(t, '#/pooling?preset=halve');
  await page.selectOption('.stepper select', '4');
  await page.locator('h1').click();
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('[data-testid="stepper-count"]').dataset.value === '3', null, { timeout: 5000 });
  assert.equal(await page.getAttribute('[data-testid="stepper-play"]', 'aria-pressed'), 'false');
  await page.focus('[data-testid="pool-output"] tbody tr:nth-child(1) td:nth-child(3) button');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'stepper-count'), '1');
  assert.equal(await value(page, 'pool-result'), '8');
});

test('a deep link opens its state; bad keys are named and defaults used', async (t) => {
  const page = await panel(t, '#/pooling?input=1,2,3,4;5,6,7,8;9,10,11,12;13,14,15,16&size=2&stride=2&mode=avg&step=3');
  assert.deepEqual(await tableValues(page, 'pool-output'), [['3.5', '5.5'], ['11.5', '13.5']]);
  assert.equal(await value(page, 'stepper-count'), '3');
  assert.equal(await value(page, 'pool-sum'), '54');
  const bad = await panel(t, '#/pooling?size=9&mode=median&input=1,x&bogus=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['size', 'mode', 'input', 'bogus']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(bad, 'pool-result'), '3');
  assert.equal(await value(bad, 'pool-output-size'), '3x3');
  await shot(bad, 'pooling-bad-link');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/pooling?preset=lecture&mode=avg&step=4', { width: 390, height: 844 });
  await shot(page, 'pooling-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
