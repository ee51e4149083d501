// The softmax panel in a real browser: the lecture's examples, edits, the temperature slider
// from the keyboard, huge scores, links and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/softmax', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="softmax-probs"]');
  return page;
}

const column = async (page, id, col = 0) => (await tableValues(page, id)).map((r) => Number(r[col]));
function near(actual, expected, tol = 1e-4) {
  assert.equal(actual.length, expected.length, `${actual} vs ${expected}`);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol, `${actual} vs ${expected}`));
}
async function noNaN(page) {
  assert.doesNotMatch(await page.innerText('main'), /NaN/);
}

test('the lecture example: dog, cat, horse, cheetah', async (t) => {
  const page = await panel(t);
  near(await column(page, 'softmax-logits'), [3.2, 1.3, 0.2, 0.8], 1e-6);
  // Stable form: e^(z − 3.2) = 1, e^−1.9, e^−3, e^−2.4.
  near(await column(page, 'softmax-exps'), [1, 0.1496, 0.0498, 0.0907]);
  near([Number(await value(page, 'softmax-sum'))], [1.2901]);
  near(await column(page, 'softmax-probs'), [0.7752, 0.1159, 0.0386, 0.0703]);
  // The lecture's printed values beside the exact ones, all the same once rounded.
  const lecture = await tableValues(page, 'softmax-lecture');
  assert.deepEqual(lecture.map((r) => r[1]), ['0.775', '0.116', '0.039', '0.070']);
  assert.deepEqual(lecture.map((r) => r[2]), ['same', 'same', 'same', 'same']);
  assert.match(await page.textContent('[data-testid="softmax-lecture-note"]'), /2\.7183\^0\.2 twice/);
  await noNaN(page);
  await shot(page, 'softmax-desktop');
});

test('the lecture’s [2.0, 1.0, 0.1], printed as [0.7, 0.2, 0.1]', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="softmax-preset"]', 'three');
  near(await column(page, 'softmax-probs'), [0.659, 0.2424, 0.0986]);
  assert.deepEqual((await tableValues(page, 'softmax-lecture')).map((r) => r[1]), ['0.7', '0.2', '0.1']);
  await page.waitForURL(/preset=three/);
});

test('editing a score updates every step; bad text is kept and named', async (t) => {
  const page = await panel(t);
  const cat = page.getByLabel('Score of cat', { exact: true });
  await cat.fill('3.2');
  const p = await column(page, 'softmax-probs');
  assert.equal(p[0], p[1]);
  await page.waitForURL(/logits=3\.2,3\.2,0\.2,0\.8/);
  await page.getByLabel('Name of class 2', { exact: true }).fill('kitten');
  await page.waitForURL(/names=dog,kitten,horse,cheetah/);
  const kitten = page.getByLabel('Score of kitten', { exact: true }); // the label follows the name
  await kitten.fill('abc');
  const alert = page.locator('[data-testid="softmax-logits-error"]');
  assert.match(await alert.textContent(), /score of kitten: “abc” is not a number/);
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(await kitten.inputValue(), 'abc');
  assert.deepEqual(await column(page, 'softmax-probs'), p, 'the last valid result stays');
  await shot(page, 'softmax-bad-score');
  await page.selectOption('[data-testid="softmax-classes"]', '6');
  assert.equal((await tableValues(page, 'softmax-logits')).length, 6);
});

test('the temperature slider works from the keyboard', async (t) => {
  const page = await panel(t);
  const before = await column(page, 'softmax-probs');
  await page.focus('[data-testid="softmax-temperature"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await value(page, 'softmax-t-value'), '1.25');
  await page.waitForURL(/temperature=1\.25/);
  const warmer = await column(page, 'softmax-probs');
  assert.ok(warmer[0] < before[0], 'a higher T flattens');
  assert.equal(await page.locator('[data-testid="softmax-lecture"]').count(), 0, 'the lecture used T = 1');
  await page.keyboard.press('Home');
  assert.equal(await value(page, 'softmax-t-value'), '0.1');
  near((await column(page, 'softmax-probs')).slice(0, 1), [1], 1e-6);
  await page.getByRole('button', { name: 'Back to T = 1' }).click();
  assert.equal(await value(page, 'softmax-t-value'), '1');
});

test('huge scores: the stable form from a deep link', async (t) => {
  const page = await panel(t, '#/softmax?logits=1000,999,-1000&names=cat,dog,car');
  near(await column(page, 'softmax-probs'), [0.7311, 0.2689, 0]);
  near(await column(page, 'softmax-exps'), [1, 0.3679, 0]);
  assert.match(await page.textContent('[data-testid="softmax-overflow-note"]'), /∞ \/ ∞/);
  assert.match(await page.textContent('[data-testid="softmax-working"]'), /m = 1000/);
  await noNaN(page);
  await shot(page, 'softmax-huge');
});

test('a bad link opens defaults and names each ignored key', async (t) => {
  const page = await panel(t, '#/softmax?logits=1,x&temperature=0&preset=nope&bogus=1');
  const note = await page.textContent('[data-testid="link-error"]');
  for (const key of ['logits', 'temperature', 'preset', 'bogus']) assert.match(note, new RegExp(`“${key}” was ignored`));
  near(await column(page, 'softmax-probs'), [0.7752, 0.1159, 0.0386, 0.0703]);
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/softmax?preset=animals', { width: 390, height: 844 });
  await shot(page, 'softmax-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
