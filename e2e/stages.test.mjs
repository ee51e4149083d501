// The stages of a layer in a real browser: convolution → ReLU → pooling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/stages', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="st-pool-output"]');
  return page;
}

test('default flow: 8 negatives zeroed, max pooling 0 9 / 0 27; switching to average', async (t) => {
  const page = await panel(t);
  assert.equal(await value(page, 'st-zeroed'), '8');
  assert.equal(await page.locator('[data-testid="st-relu"] td.zeroed').count(), 8);
  assert.deepEqual(await tableValues(page, 'st-pool-output'), [['0', '9'], ['0', '27']]);
  await shot(page, 'stages-desktop');
  await page.selectOption('[data-testid="st-pool"]', 'avg');
  assert.equal((await tableValues(page, 'st-pool-output'))[1][1], '11.25'); // (0+18+0+27)/4
  assert.match(page.url(), /pool=avg/);
});

test('a deep link and a bad one', async (t) => {
  const page = await panel(t, '#/stages?v=1&kernel=vertical&pool=max');
  // The bright → dark kernel is the negative: now the 8 former negatives are positive.
  assert.equal((await tableValues(page, 'st-conv'))[0][1], '27');
  const bad = await panel(t, '#/stages?kernel=zig&pool=min');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['kernel', 'pool']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(bad, 'st-zeroed'), '8');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/stages', { width: 390, height: 844 });
  await shot(page, 'stages-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
