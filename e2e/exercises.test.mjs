// The exercises panel in a real browser: one exercise of every kind solved (wrong answers
// first, then right ones), text that is not a number, hints step by step, progress kept
// across a reload, a shared link, a bad link, and the worksheet's print preview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, shot } from './harness.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const KINDS = ['conv', 'conv-repeat', 'find-xy', 'find-loss', 'output-size', 'pooling', 'parameters', 'one-hot', 'softmax'];

async function panel(t, fragment = '#/exercises', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="exercise"], [data-testid="worksheet"]');
  return page;
}

/** The solution of every blank, read in a page of its own (its own storage) via "Show solution". */
async function solutions(t, fragment) {
  const page = await panel(t, fragment);
  await page.click('[data-testid="ex-solution-btn"]');
  return page.$$eval('[data-testid^="ex-sol-"]', (els) => Object.fromEntries(els.map((e) => [e.dataset.testid.slice(7), e.textContent])));
}

const blank = (id) => `[data-testid="ex-blank-${id}"]`;
const verdict = (page, id) => page.getAttribute(blank(id), 'data-verdict');

async function answer(page, id, text) {
  const sel = `${blank(id)} select`;
  if (await page.locator(sel).count()) await page.selectOption(sel, text);
  else await page.fill(`${blank(id)} input`, text);
}

function wrongFor(sol) {
  if (sol === 'valid') return 'not valid';
  if (sol === 'not valid') return 'valid';
  return String(Number(sol) + 1);
}

for (const kind of KINDS) {
  test(`solve a ${kind} exercise: wrong answers marked wrong, right ones right`, async (t) => {
    const fragment = `#/exercises?kind=${kind}&level=2&seed=11`;
    const sols = await solutions(t, fragment);
    const ids = Object.keys(sols);
    assert.ok(ids.length > 0, 'there are blanks');
    const page = await panel(t, fragment);
    assert.equal(await page.inputValue('[data-testid="ex-kind"]'), kind);
    // The repeat shows its output only once the size is right.
    if (kind === 'conv-repeat') {
      assert.equal(await page.locator('[data-testid="ex-gated"]').count(), 1);
      assert.equal(await page.locator(blank('r0c0')).count(), 0);
    }
    const first = ids[0];
    await answer(page, first, wrongFor(sols[first]));
    assert.equal(await verdict(page, first), 'wrong');
    await page.keyboard.press('Tab'); // leaving a wrong cell counts as a wrong answer
    await page.waitForFunction(() => /wrong answers so far: [1-9]/.test(document.querySelector('[data-testid="ex-score"]').textContent));
    for (const id of ids) {
      await answer(page, id, sols[id]);
      assert.equal(await verdict(page, id), 'right', `${kind} ${id} = ${sols[id]}`);
    }
    assert.equal(await page.getAttribute('[data-testid="ex-score"]', 'data-value'), String(ids.length));
    await page.waitForSelector('[data-testid="ex-solved"]');
    // The cells never show the answer before it is asked for.
    assert.equal(await page.locator('[data-testid^="ex-sol-"]').count(), 0);
    if (['conv', 'find-loss', 'one-hot'].includes(kind)) await shot(page, `exercises-${kind}-solved`);
  });
}

test('text that is not a number is kept, graded "not a number yet", and nothing breaks', async (t) => {
  const page = await panel(t, '#/exercises?kind=conv&level=1&seed=4');
  for (const text of ['abc', '1..2', '😀', '<b>5</b>', '1/0', '9'.repeat(90)]) {
    await page.fill(`${blank('r0c0')} input`, text);
    assert.equal(await page.inputValue(`${blank('r0c0')} input`), text, 'the text is kept as typed');
    assert.equal(await verdict(page, 'r0c0'), 'unreadable', text);
  }
  await page.fill(`${blank('r0c0')} input`, 'abc');
  assert.match(await page.getAttribute(blank('r0c0'), 'title'), /not a number yet/);
  // Under the grid, in words a reader can see: which cell, and why.
  assert.match(await page.textContent('[data-testid="ex-unreadable-0"]'), /Row 1, column 1: .*not a number yet/);
  await shot(page, 'exercises-unreadable-cell');
  // Other edits re-render the panel; the typed text survives them.
  await page.fill(`${blank('r0c1')} input`, '3');
  await page.click('[data-testid="ex-hint-btn"]');
  assert.equal(await page.inputValue(`${blank('r0c0')} input`), 'abc');
  await page.fill(`${blank('r0c0')} input`, '');
  assert.equal(await verdict(page, 'r0c0'), 'empty');
  assert.equal(await page.locator('[data-testid="ex-unreadable-0"] li').count(), 0, 'the note goes with the text');
});

test('equivalent forms count: .5 and 0.50 and 1/2', async (t) => {
  const fragment = '#/exercises?kind=pooling&level=2&seed=2';
  const sols = await solutions(t, fragment);
  const page = await panel(t, fragment);
  const [id, sol] = Object.entries(sols)[0];
  const v = Number(sol);
  for (const form of [`${v}`, Number.isInteger(v) ? `${v}.0` : v.toFixed(3), `${v * 2}/2`, `+${v}`]) {
    await answer(page, id, form);
    assert.equal(await verdict(page, id), 'right', form);
  }
});

test('a hint reveals the arithmetic one step at a time', async (t) => {
  const page = await panel(t, '#/exercises?kind=conv&level=1&seed=4');
  await page.click('[data-testid="ex-hint-btn"]');
  const hint = page.locator('[data-testid="ex-hint"]');
  assert.equal(await hint.getAttribute('data-value'), '1');
  assert.match(await hint.textContent(), /output row 1, column 1 — step 1 of 4/);
  assert.match(await hint.textContent(), /top-left corner at row 1, column 1/);
  await page.click('[data-testid="ex-hint-btn"]');
  assert.equal(await hint.getAttribute('data-value'), '2');
  assert.match(await hint.textContent(), /Value times weight/);
  await shot(page, 'exercises-hint');
  // Once the cell is right, the next hint is about the next cell.
  for (let i = 0; i < 2; i++) await page.click('[data-testid="ex-hint-btn"]');
  const last = await hint.locator('li').last().textContent();
  const value = last.match(/(?:is|=) (−?\d+)\.$/)[1].replace('−', '-');
  await page.fill(`${blank('r0c0')} input`, value);
  assert.equal(await verdict(page, 'r0c0'), 'right');
  await page.click('[data-testid="ex-hint-btn"]');
  assert.match(await hint.textContent(), /output row 1, column 2 — step 1/);
});

test('progress survives a reload; the summary counts it', async (t) => {
  const fragment = '#/exercises?kind=output-size&level=2&seed=21';
  const sols = await solutions(t, fragment);
  const page = await panel(t, fragment);
  await answer(page, 'size', wrongFor(sols.size));
  await page.keyboard.press('Tab');
  await answer(page, 'size', sols.size);
  await answer(page, 'dropped', 'x');
  await page.waitForSelector('[data-testid="ex-progress"]');
  await page.reload();
  await page.waitForSelector('[data-testid="exercise"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="ex-blank-size"] input')?.value !== '');
  assert.equal(await page.inputValue(`${blank('size')} input`), sols.size);
  assert.equal(await page.inputValue(`${blank('dropped')} input`), 'x');
  assert.equal(await verdict(page, 'size'), 'right');
  assert.match(await page.textContent('[data-testid="ex-score"]'), /wrong answers so far: 1/);
  const row = page.locator('[data-testid="ex-progress"] tr[data-kind="output-size"] td');
  assert.deepEqual(await row.evaluateAll((tds) => tds.map((td) => td.dataset.value)), ['1', '0', '1']);
  await answer(page, 'dropped', sols.dropped);
  await page.waitForSelector('[data-testid="ex-solved"]');
  await page.reload();
  await page.waitForSelector('[data-testid="ex-solved"]');
  assert.equal(await page.getAttribute('[data-testid="ex-progress-total"]', 'data-value'), '1');
  await shot(page, 'exercises-progress');
  // Another exercise starts empty; going back restores the first.
  await page.fill('[data-testid="ex-seed"]', '22');
  await page.waitForURL(/seed=22/);
  assert.equal(await page.inputValue(`${blank('size')} input`), '');
  await page.fill('[data-testid="ex-seed"]', '21');
  await page.waitForFunction(() => document.querySelector('[data-testid="ex-blank-size"] input')?.value !== '');
  await page.click('[data-testid="ex-forget"]');
  await page.waitForSelector('[data-testid="ex-progress-empty"]');
});

test('a shared link opens the same exercise for everyone; a bad link is named', async (t) => {
  const fragment = '#/exercises?v=1&kind=find-xy&level=3&seed=77';
  const a = await panel(t, fragment);
  const b = await panel(t, fragment);
  const cells = (p) => p.$$eval('[data-testid="exercise"] [data-testid^="ex-given-"] td', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(await cells(a), await cells(b));
  assert.equal(await a.inputValue('[data-testid="ex-kind"]'), 'find-xy');
  assert.equal(await a.inputValue('[data-testid="ex-level"]'), '3');
  assert.equal(await a.inputValue('[data-testid="ex-seed"]'), '77');
  assert.match(await a.textContent('[data-testid="ex-link"]'), /kind=find-xy&level=3&seed=77/);
  // Choosing another kind updates the address, which shares it.
  await a.selectOption('[data-testid="ex-kind"]', 'softmax');
  await a.waitForURL(/kind=softmax&level=3&seed=77/);
  await a.click('[data-testid="ex-new"]');
  // Any other seed (770123 starts with 77 too, so compare whole values).
  await a.waitForFunction(() => !/[?&]seed=77(&|$)/.test(location.hash));
  const bad = await panel(t, '#/exercises?kind=nope&level=9&seed=x&n=4');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['kind', 'level', 'seed', 'n']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await bad.inputValue('[data-testid="ex-kind"]'), 'conv');
  await bad.fill('[data-testid="ex-seed"]', '12x');
  assert.match(await bad.textContent('[data-testid="ex-seed-error"]'), /“12x” is not a whole number/);
  assert.equal(await bad.inputValue('[data-testid="ex-seed"]'), '12x');
});

test('worksheet: N exercises, an answer sheet after a page break, black and white in print', async (t) => {
  const page = await panel(t, '#/exercises?sheet=1&kinds=conv,find-xy,pooling,one-hot&n=6&level=1&seed=5');
  assert.equal(await page.locator('[data-testid^="ws-item-"]').count(), 6);
  assert.equal(await page.locator('[data-testid^="ws-answer-"]').count(), 6);
  assert.match(await page.textContent('[data-testid="ws-item-2"] h2'), /Find X and Y/);
  // The answer sheet holds the solutions the exercise's own page shows.
  const link = (await page.textContent('[data-testid="ws-item-1"] .ws-rule')).match(/#\/exercises\?\S+/)[0];
  const sols = await solutions(t, link);
  const sheetSol = await page.textContent('[data-testid="ws-1-sol-r0c0"]');
  assert.equal(sheetSol, sols.r0c0);
  await shot(page, 'exercises-worksheet');
  await page.emulateMedia({ media: 'print' });
  const style = (sel, prop) => page.$eval(sel, (e, p) => getComputedStyle(e)[p], prop);
  assert.equal(await style('.topbar', 'display'), 'none');
  assert.equal(await style('.sidenav', 'display'), 'none');
  assert.equal(await style('.toolbar', 'display'), 'none');
  assert.equal(await style('[data-testid="ws-answers"]', 'breakBefore'), 'page');
  assert.equal(await style('body', 'backgroundColor'), 'rgb(255, 255, 255)');
  assert.equal(await style('[data-testid="ws-item-1"] td.cell', 'color'), 'rgb(0, 0, 0)');
  await shot(page, 'exercises-print-preview');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
  await page.emulateMedia({ media: 'screen' });
  // Settings: another count and fewer kinds, kept in the link.
  await page.selectOption('[data-testid="ws-count"]', '3');
  await page.click('[data-testid="ws-kind-conv"]');
  await page.waitForURL(/kinds=find-xy,pooling,one-hot&n=3/);
  assert.equal(await page.locator('[data-testid^="ws-item-"]').count(), 3);
  await page.click('[data-testid="ws-close"]');
  await page.waitForSelector('[data-testid="exercise"]');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  for (const kind of ['conv-repeat', 'find-loss']) {
    const page = await panel(t, `#/exercises?kind=${kind}&level=3&seed=3`, { width: 390, height: 844 });
    await page.click('[data-testid="ex-solution-btn"]');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${kind}: ${overflow}px of sideways scroll`);
    await shot(page, `exercises-${kind}-phone`);
  }
});

test('axe-core: answered cells, hints, solutions and the worksheet, in both themes', async (t) => {
  const page = await panel(t, '#/exercises?kind=find-loss&level=1&seed=8');
  const problems = [];
  for (const theme of ['light', 'dark']) {
    await page.evaluate((th) => {
      localStorage.setItem('convlab.theme', JSON.stringify(th));
      localStorage.removeItem('convlab-exercises'); // a fresh start: the solution is not yet shown
    }, theme);
    for (const fragment of ['#/exercises?kind=find-loss&level=1&seed=8', '#/exercises?kind=pooling&level=2&seed=8']) {
      await page.goto('about:blank'); // a real load: the theme and the cleared storage take effect
      await page.goto(server.url + fragment);
      await page.waitForSelector('[data-testid="exercise"]');
      const inputs = page.locator('[data-testid="exercise"] input[type=text]');
      await inputs.nth(0).fill('1');
      await inputs.nth(1).fill('abc');
      await page.click('[data-testid="ex-hint-btn"]');
      await page.click('[data-testid="ex-solution-btn"]');
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        problems.push(`${theme} ${fragment}: ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    await page.goto(server.url + '#/exercises?sheet=1&n=9&seed=3');
    await page.waitForSelector('[data-testid="worksheet"]');
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      problems.push(`${theme} worksheet: ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
    if (theme === 'dark') await shot(page, 'exercises-worksheet-dark');
  }
  assert.deepEqual(problems, []);
});
