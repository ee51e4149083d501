// The flatten panel in a real browser: order, channels, editing, links, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/flatten', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="flatten-vector"]');
  return page;
}

const vector = async (page) => (await tableValues(page, 'flatten-vector')).map((r) => r[0]);

test('a 3×3 map becomes a 9×1 vector, read row by row', async (t) => {
  const page = await panel(t);
  assert.deepEqual(await vector(page), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(await value(page, 'flatten-current'), '1');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  // Entry 6 comes from row 2, column 3.
  assert.equal(await value(page, 'stepper-count'), '5');
  assert.equal(await value(page, 'flatten-current'), '6');
  assert.match(await page.textContent('[data-testid="flatten-current"]'), /row 2, column 3/);
  assert.deepEqual(await tableValues(page, 'flatten-order-1'), [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']]);
  // Column by column would give 1 4 7 2 5 8 3 6 9.
  const other = await page.$$eval('[data-testid="flatten-compare"] tbody tr:nth-child(2) td', (tds) => tds.map((td) => td.dataset.value));
  assert.deepEqual(other, ['1', '4', '7', '2', '5', '8', '3', '6', '9']);
  assert.match(page.url(), /input=1,2,3;4,5,6;7,8,9&step=5/);
  await shot(page, 'flatten-desktop');
});

test('several channels are interleaved pixel by pixel', async (t) => {
  const page = await panel(t);
  await page.click('[data-testid="flatten-example-two-channels"]');
  assert.deepEqual(await vector(page), ['1', '10', '2', '20', '3', '30', '4', '40']);
  assert.deepEqual(await tableValues(page, 'flatten-order-2'), [['2', '4'], ['6', '8']]);
  const other = await page.$$eval('[data-testid="flatten-compare"] tbody tr:nth-child(2) td', (tds) => tds.map((td) => td.dataset.value));
  assert.deepEqual(other, ['1', '2', '3', '4', '10', '20', '30', '40']);
  await page.click('[data-testid="flatten-vector"] tbody tr:nth-child(4) button');
  assert.equal(await value(page, 'flatten-current'), '20');
  assert.match(await page.textContent('[data-testid="flatten-current"]'), /row 1, column 2, channel 2/);
  assert.match(page.url(), /input=1,2;3,4\|10,20;30,40&step=3/);
  await shot(page, 'flatten-channels');
});

test('editing, resizing and adding channels; bad text is marked and kept', async (t) => {
  const page = await panel(t);
  const cell = page.getByLabel('Channel 1 row 2 column 2', { exact: true });
  await cell.fill('-5');
  assert.equal((await vector(page))[4], '-5');
  await cell.fill('five');
  await page.waitForSelector('[data-testid="flatten-input-error"]');
  assert.match(await page.textContent('[data-testid="flatten-input-error"]'), /row 2, column 2: “five” is not a number/);
  assert.equal(await cell.inputValue(), 'five');
  assert.equal((await vector(page))[4], '-5');
  await shot(page, 'flatten-bad-cell');
  await cell.fill('5');
  assert.equal(await page.locator('[data-testid="flatten-input-error"]').count(), 0);
  await page.selectOption('[data-testid="flatten-channels"]', '3');
  assert.equal((await vector(page)).length, 27);
  assert.deepEqual((await vector(page)).slice(0, 4), ['1', '0', '0', '2']);
  await page.selectOption('[data-testid="flatten-rows"]', '1');
  assert.equal((await vector(page)).length, 9);
});

test('a deep link opens its stack; bad keys are named and defaults used', async (t) => {
  const page = await panel(t, '#/flatten?input=1,2;3,4|5,6;7,8&step=5');
  assert.deepEqual(await vector(page), ['1', '5', '2', '6', '3', '7', '4', '8']);
  assert.equal(await value(page, 'flatten-current'), '7');
  const bad = await panel(t, '#/flatten?input=1,2|3&zzz=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['input', 'zzz']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.match(note, /channel 2 is 1×1 but channel 1 is 1×2/);
  assert.equal((await vector(bad)).length, 9);
  await shot(bad, 'flatten-bad-link');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/flatten?input=255,0;0,128|0,255;0,128|0,0;255,128&step=4', { width: 390, height: 844 });
  await shot(page, 'flatten-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
