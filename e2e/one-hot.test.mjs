// The one-hot panel in a real browser: the lecture's tables, the vector checker, edits,
// bad lists, links and the phone layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/one-hot', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="one-hot-table"]');
  return page;
}

const R = ['1', '0', '0'], Y = ['0', '1', '0'], G = ['0', '0', '1'];

test('the lecture’s colour table and its three vectors', async (t) => {
  const page = await panel(t);
  assert.deepEqual(await tableValues(page, 'one-hot-table'), [R, R, Y, G, Y]);
  assert.equal(await value(page, 'one-hot-verdict'), 'valid');
  const verdict = () => page.textContent('[data-testid="one-hot-verdict"]');
  assert.match(await verdict(), /class index 3 \(position 4 counting from 1\)/);
  assert.match(await verdict(), /a label for 5 classes/);
  await shot(page, 'one-hot-desktop');
  await page.getByRole('button', { name: '[0,1,0,1,0]' }).click();
  assert.equal(await value(page, 'one-hot-verdict'), 'invalid');
  assert.match(await verdict(), /2 values are 1 \(at indexes 1 and 3\)/);
  await page.getByRole('button', { name: '[1,1,1,1,1]' }).click();
  assert.match(await verdict(), /5 values are 1/);
  await page.fill('[data-testid="one-hot-vector"]', '[0 0 1]');
  assert.match(await verdict(), /stands for “green”/);
});

test('the lecture’s ten people', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="one-hot-preset"]', 'people');
  const rows = await tableValues(page, 'one-hot-table');
  assert.equal(rows.length, 10);
  assert.deepEqual(rows[0], ['0', '1', '0', '0']);
  assert.deepEqual(rows[4], ['1', '0', '0', '0']);
  assert.match(await page.textContent('.preset-note'), /only 9 rows/);
  await page.waitForURL(/preset=people/);
});

test('edits build the table live; bad lists are named and the text kept', async (t) => {
  const page = await panel(t);
  await page.fill('[data-testid="one-hot-categories"]', 'red, yellow, green, blue');
  await page.fill('[data-testid="one-hot-samples"]', 'Blue, red');
  assert.deepEqual(await tableValues(page, 'one-hot-table'), [['0', '0', '0', '1'], ['1', '0', '0', '0']]);
  await page.waitForURL(/categories=red,yellow,green,blue&samples=Blue,red/);
  await page.fill('[data-testid="one-hot-samples"]', 'Blue, purple');
  const samples = page.locator('[data-testid="one-hot-samples-error"]');
  assert.match(await samples.textContent(), /“purple” \(sample 2\) is not one of the categories/);
  assert.equal(await samples.getAttribute('role'), 'alert');
  assert.equal(await page.inputValue('[data-testid="one-hot-samples"]'), 'Blue, purple');
  assert.equal((await tableValues(page, 'one-hot-table')).length, 2, 'the last valid table stays');
  await shot(page, 'one-hot-bad-sample');
  await page.fill('[data-testid="one-hot-categories"]', 'red, Red');
  assert.match(await page.textContent('[data-testid="one-hot-categories-error"]'), /“Red” is listed twice/);
  await page.fill('[data-testid="one-hot-categories"]', '');
  assert.match(await page.textContent('[data-testid="one-hot-categories-error"]'), /the list is empty/);
  await page.fill('[data-testid="one-hot-vector"]', '0, x');
  assert.match(await page.textContent('[data-testid="one-hot-vector-error"]'), /value 2: “x” is not a number/);
});

test('deep link in, bad link named', async (t) => {
  const page = await panel(t, '#/one-hot?categories=cat,dog&samples=dog,dog,cat&vector=1,0');
  assert.deepEqual(await tableValues(page, 'one-hot-table'), [['0', '1'], ['0', '1'], ['1', '0']]);
  assert.match(await page.textContent('[data-testid="one-hot-verdict"]'), /stands for “cat”/);
  const bad = await panel(t, '#/one-hot?categories=a,A&vector=1,q&preset=nope&extra=1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['categories', 'vector', 'preset', 'extra']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.deepEqual(await tableValues(bad, 'one-hot-table'), [R, R, Y, G, Y]);
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/one-hot?preset=people', { width: 390, height: 844 });
  await shot(page, 'one-hot-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
