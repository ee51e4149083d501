// The convolution panel in a real browser: stepping, editing, clicking, links, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/convolution', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="conv-output"]');
  return page;
}

test('default example: conv_arithmetic figure, stepping and the full map', async (t) => {
  const page = await panel(t);
  // Hand-computed: top-left window 3·0+3·1+2·2+0·2+0·2+1·0+3·0+1·1+2·2 = 12.
  assert.equal(await value(page, 'conv-sum'), '12');
  assert.equal(await value(page, 'conv-output-size'), '3x3');
  await page.keyboard.press('ArrowRight');
  assert.equal(await value(page, 'conv-sum'), '12');
  assert.equal(await value(page, 'stepper-count'), '1');
  await page.keyboard.press('End');
  assert.equal(await value(page, 'stepper-count'), '8');
  // conv_arithmetic's first figure: 12 12 17 / 10 17 19 / 9 6 14.
  assert.deepEqual(await tableValues(page, 'conv-output'), [['12', '12', '17'], ['10', '17', '19'], ['9', '6', '14']]);
  await shot(page, 'convolution-desktop');
  await page.keyboard.press('Home');
  assert.equal(await value(page, 'stepper-count'), '0');
});

test('play runs to the end by itself; Space pauses', async (t) => {
  const page = await panel(t, '#/convolution?preset=arithmetic');
  await page.selectOption('.stepper select', '4'); // 8 steps per second
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('[data-testid="stepper-count"]').dataset.value === '8', null, { timeout: 5000 });
  assert.equal(await page.getAttribute('[data-testid="stepper-play"]', 'aria-pressed'), 'false');
});

test('lecture sharpen example gives 320 and the URL follows the state', async (t) => {
  const page = await panel(t, '#/convolution?preset=sharpen');
  assert.equal(await value(page, 'conv-sum'), '320');
  assert.equal(await value(page, 'conv-output-size'), '5x5');
  await page.click('[data-testid="conv-output"] tbody tr:nth-child(2) td:nth-child(3) button');
  assert.equal(await value(page, 'stepper-count'), '6');
  assert.match(page.url(), /step=6/);
  await shot(page, 'convolution-sharpen');
});

test('editing a cell updates the output at once; bad text is marked and kept', async (t) => {
  const page = await panel(t);
  const cell = page.getByLabel('Input row 1 column 1', { exact: true });
  await cell.fill('10');
  // 12 + (10 − 3)·0 = 12: the top-left weight is 0, so edit (1,2) whose weight is 1 instead.
  const cell2 = page.getByLabel('Input row 1 column 2', { exact: true });
  await cell2.fill('5');
  assert.equal(await value(page, 'conv-sum'), '14');
  await cell2.fill('abc');
  await page.waitForSelector('[data-testid="conv-input-error"]');
  assert.match(await page.textContent('[data-testid="conv-input-error"]'), /row 1, column 2: “abc” is not a number/);
  assert.equal(await cell2.inputValue(), 'abc');
  assert.equal(await value(page, 'conv-sum'), '14'); // the last valid state stays
  await shot(page, 'convolution-bad-cell');
  await cell2.fill('3');
  assert.equal(await page.locator('[data-testid="conv-input-error"]').count(), 0);
  assert.equal(await value(page, 'conv-sum'), '12');
});

test('a kernel larger than the padded input is refused with the numbers', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="conv-input-rows"]', '2');
  await page.waitForSelector('[data-testid="conv-shape-error"]');
  assert.match(await page.textContent('[data-testid="conv-shape-error"]'), /kernel 3×3 does not fit a 2×5 input with padding 0/);
  assert.equal(await value(page, 'conv-output-size'), '3x3'); // last valid
  await page.selectOption('[data-testid="conv-padding"]', '1');
  assert.equal(await page.locator('[data-testid="conv-shape-error"]').count(), 0);
  assert.equal(await value(page, 'conv-output-size'), '2x5');
});

test('stride that does not divide shows the dropped rows', async (t) => {
  const page = await panel(t, '#/convolution?preset=floor');
  assert.equal(await value(page, 'conv-output-size'), '2x2');
  assert.match(await page.textContent('[data-testid="conv-dropped-note"]'), /remainder 1/);
  assert.ok(await page.locator('td.dropped').count() > 0);
  await shot(page, 'convolution-floor');
});

test('ReLU zeroes negatives', async (t) => {
  const page = await panel(t, '#/convolution?preset=vertical-edge&kernel=-1,0,1;-1,0,1;-1,0,1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await value(page, 'conv-sum'), '-30');
  await page.check('[data-testid="conv-relu"]');
  assert.equal(await value(page, 'conv-activated'), '0');
  assert.match(page.url(), /relu=1/);
});

test('a deep link opens its state; bad keys are named and defaults used', async (t) => {
  const page = await panel(t, '#/convolution?input=1,2,3;4,5,6;7,8,9&kernel=1,0;0,-1&stride=1&padding=valid&step=3');
  assert.deepEqual(await tableValues(page, 'conv-output'), [['-4', '-4'], ['-4', '-4']]);
  assert.equal(await value(page, 'stepper-count'), '3');
  const bad = await panel(t, '#/convolution?stride=9&padding=wide&kernel=1,x&bogus=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['stride', 'padding', 'kernel', 'bogus']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(bad, 'conv-sum'), '12');
  await shot(bad, 'convolution-bad-link');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/convolution?preset=sharpen', { width: 390, height: 844 });
  await shot(page, 'convolution-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});

test('flip: true convolution uses the kernel turned by 180°', async (t) => {
  const page = await panel(t);
  assert.equal(await value(page, 'conv-mode'), 'cross-correlation');
  await page.check('[data-testid="conv-flip"]');
  // Hand-computed: flipped kernel 2,1,0;0,2,2;2,1,0 on 3,3,2;0,0,1;3,1,2 gives 18.
  assert.equal(await value(page, 'conv-sum'), '18');
  assert.equal(await value(page, 'conv-mode'), 'convolution');
  assert.deepEqual(await tableValues(page, 'conv-flipped-kernel'), [['2', '1', '0'], ['0', '2', '2'], ['2', '1', '0']]);
  assert.match(page.url(), /flip=1/);
  await shot(page, 'convolution-flip');
  const linked = await panel(t, '#/convolution?preset=arithmetic&flip=1');
  assert.equal(await value(linked, 'conv-sum'), '18');
  assert.equal(await linked.isChecked('[data-testid="conv-flip"]'), true);
});
