// Stress sizes: every panel opened at the largest input its link allows stays responsive, and
// one size beyond is refused with a visible note (the deep-link contract: defaults for what was
// bad, and the key named). Typing a whole 40×40 matrix into a single field is refused with a
// message, never a frozen page. Routes come from the navigation, so a new panel is covered by
// the generic checks at once; the table adds its exact limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, routeNames } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** An r×c matrix in link form, values varied so nothing is trivially zero. */
const mat = (r, c, f = (i, j) => ((i * 7 + j * 3) % 11) - 5) =>
  Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => f(i, j)).join(',')).join(';');
const vec = (n, f = (i) => (i % 5) - 2) => Array.from({ length: n }, (_, i) => f(i)).join(',');
const planes = (k, r, c) => Array.from({ length: k }, () => mat(r, c)).join('|');
/** A row of `n` probabilities that add up to 1. */
const probs = (n) => vec(n, () => 1 / n);

/** Route → its largest link, and links one step beyond with the key that must be named. */
const LIMITS = {
  convolution: { max: `input=${mat(16, 16)}&kernel=${mat(7, 7)}&padding=3&stride=1`,
    beyond: [[`input=${mat(17, 17)}`, 'input'], [`kernel=${mat(8, 8)}`, 'kernel'], ['stride=5', 'stride'], ['padding=4', 'padding']] },
  padding: { max: 'n=12&f=7&padding=3&stride=1', beyond: [['n=13', 'n'], ['f=8', 'f'], ['stride=5', 'stride']] },
  rgb: { max: `input=${planes(3, 8, 8)}&kernel=${[1, 2, 3].map(() => planes(3, 5, 5)).join('||')}&bias=1,2,3&padding=3&stride=1`,
    beyond: [[`input=${planes(3, 9, 9)}`, 'input'], [`kernel=${[1, 2, 3, 4].map(() => planes(3, 1, 1)).join('||')}`, 'kernel'], ['stride=4', 'stride']] },
  parameters: { max: 'n=1024&f=11&c=64', beyond: [['n=1025', 'n'], ['f=12', 'f'], ['c=65', 'c']] },
  // A fixed 6×6 image: nothing to size; a name it does not know is refused instead.
  stages: { max: 'kernel=horizontal&pool=avg', beyond: [['kernel=huge', 'kernel']] },
  pooling: { max: `input=${mat(16, 16)}&size=2&stride=1`, beyond: [[`input=${mat(17, 17)}`, 'input'], ['size=6', 'size'], ['stride=4', 'stride']] },
  flatten: { max: `input=${planes(4, 8, 8)}`, beyond: [[`input=${planes(5, 2, 2)}`, 'input'], [`input=${mat(9, 9)}`, 'input']] },
  dense: { max: `input=${vec(16)}&weights=${mat(8, 16)}&bias=${vec(8)}`, beyond: [[`input=${vec(17)}`, 'input'], [`weights=${mat(9, 3)}`, 'weights']] },
  softmax: { max: `logits=${vec(10, (i) => i * 1.5 - 7)}`, beyond: [[`logits=${vec(11)}`, 'logits']] },
  'cross-entropy': {
    max: `target=3&probs=${probs(10)}&batch=${Array.from({ length: 12 }, () => probs(10)).join(';')}&batch-targets=${vec(12, (i) => i % 10)}`,
    beyond: [[`probs=${probs(11)}`, 'probs'], [`batch=${Array.from({ length: 13 }, () => '0.5,0.5').join(';')}&batch-targets=${vec(13, () => 0)}`, 'batch']] },
  'one-hot': { max: `categories=${vec(12, (i) => `c${i}`)}&samples=${vec(40, (i) => `c${i % 12}`)}`,
    beyond: [[`categories=${vec(13, (i) => `c${i}`)}`, 'categories'], [`categories=a,b&samples=${vec(41, () => 'a')}`, 'samples']] },
  pipeline: { max: `input=${mat(6, 6)}&stage=loss`, beyond: [[`input=${mat(7, 7)}`, 'input']] },
  training: { max: 'filters=16&kernel=7&batch=500&epochs=50', beyond: [['filters=17', 'filters'], ['epochs=51', 'epochs'], ['batch=501', 'batch']] },
  architectures: { max: 'arch=resnet50&input=1024&compare=vgg16', beyond: [['input=1025', 'input'], ['stride=conv1:9', 'stride']] },
  image: { max: `image=house&kernel=${mat(7, 7)}&relu=1&pool=max`, beyond: [[`kernel=${mat(8, 8)}`, 'kernel'], ['step=99999', 'step']] },
  exercises: { max: 'sheet=1&kinds=conv,pooling,softmax&n=24&level=3&seed=4294967295',
    beyond: [['sheet=1&n=25', 'n'], ['level=4', 'level'], ['seed=4294967296', 'seed']] },
};

/** A 40×40 matrix as one would paste it: far more than any field takes. */
const PASTE = mat(40, 40);
/** Keys no panel can take at this size, for routes the table does not know yet. */
const GENERIC_BEYOND = `input=${mat(40, 40)}&logits=${vec(100)}&probs=${vec(100)}&n=99999&categories=${vec(100, (i) => `c${i}`)}`;

/** Resolves true if the page answers a round trip within `ms` (it never freezes). */
async function answers(page, ms = 10_000) {
  const t0 = Date.now();
  const ok = await Promise.race([
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(true)))),
    new Promise((r) => setTimeout(() => r(false), ms)),
  ]);
  return ok ? Date.now() - t0 : null;
}


/** Pixels the page is wider than the window (a message quoting pasted text must wrap). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** True when the route shows a panel (not a placeholder still to come). */
async function hasPanel(page) {
  return (await page.locator('main#main [data-testid]').count()) > 0;
}

test('every route: the largest link renders and answers; one beyond is refused with a note', async (t) => {
  const page = await newPage(browser);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  const report = [];
  for (const route of await routeNames(browser, server.url)) {
    const spec = LIMITS[route];
    await open(page, server.url, `#/${route}?v=1&${spec ? spec.max : ''}`);
    if (!(await hasPanel(page))) { report.push(`${route}: no panel yet`); continue; }
    await page.waitForTimeout(50);
    if (spec) {
      const notes = await page.locator('[data-testid="link-error"]').allTextContents();
      assert.deepEqual(notes, [], `${route}: the largest link must be accepted as it is`);
    }
    let ms = await answers(page);
    assert.ok(ms !== null, `${route}: the page stopped answering at its largest size`);
    // Step to the end (the stepper, where there is one) and back: both answer.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('End');
    const end = await answers(page);
    assert.ok(end !== null, `${route}: End did not complete`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    assert.ok((await answers(page)) !== null, `${route}: Home did not complete`);
    if (route === 'training') {
      // Largest network, largest batch: training starts, the page keeps answering, pause works.
      await page.click('[data-testid="training-start"]');
      await page.waitForTimeout(1500);
      ms = await answers(page);
      assert.ok(ms !== null, 'training at the largest size froze the page');
      await page.click('[data-testid="training-pause"]', { timeout: 10_000 });
    }
    await shot(page, `stress-max-${route}`);
    report.push(`${route}: max ok (answers in ${ms} ms, End in ${end} ms)`);

    const beyond = spec ? spec.beyond : [[GENERIC_BEYOND, null]];
    for (const [query, key] of beyond) {
      await open(page, server.url, `#/${route}?v=1&${query}`);
      const note = page.locator('[data-testid="link-error"]');
      await note.waitFor({ timeout: 10_000 }).catch(() => assert.fail(`${route}: no note for ${query.slice(0, 60)}…`));
      const text = await note.textContent();
      if (key) assert.match(text, new RegExp(`“${key}” was ignored`), `${route}: ${query.slice(0, 40)}… must name ${key}`);
      assert.ok((await answers(page)) !== null, `${route}: the page stopped answering after an oversized link`);
      assert.ok((await sideways(page)) <= 0, `${route}: the note about ${key} made the page wider than the window`);
    }
    report.push(`${route}: ${beyond.length} oversized link(s) refused with a note`);
  }
  console.log(report.join('\n'));
});

test('every route: a 40×40 matrix pasted into a field is refused with a message', async (t) => {
  const page = await newPage(browser);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  const report = [];
  for (const route of await routeNames(browser, server.url)) {
    await open(page, server.url, `#/${route}`);
    if (!(await hasPanel(page))) continue;
    // The first grid cell and the first free-text field (vectors, names), where there are any.
    const fields = [
      page.locator('main#main table input[type=text]').first(),
      page.locator('main#main input[type=text]:not(table input), main#main textarea:not([readonly])').first(),
    ];
    let tried = 0;
    for (const field of fields) {
      if (!(await field.count())) continue;
      // An alert, or (in the exercises' answer cells) the cell's own status note.
      const said = 'main#main [role=alert], main#main [role=status]';
      const alertsBefore = await page.locator(said).count();
      const t0 = Date.now();
      await field.fill(PASTE, { timeout: 10_000 });
      assert.ok((await answers(page)) !== null, `${route}: pasting a 40×40 matrix froze the page`);
      const alerts = await page.locator(said).allTextContents();
      assert.ok(alerts.length > alertsBefore && alerts.join(' ').trim().length > 10,
        `${route}: pasting a 40×40 matrix must be refused with a message (got ${JSON.stringify(alerts)})`);
      assert.ok((await sideways(page)) <= 0, `${route}: the message made the page wider than the window`);
      // What was typed is kept (nothing typed is lost).
      assert.equal((await field.inputValue()).length, PASTE.length);
      report.push(`${route}: refused in ${Date.now() - t0} ms — ${alerts.at(-1).slice(0, 90)}`);
      tried++;
    }
    if (tried) await shot(page, `stress-paste-${route}`);
  }
  console.log(report.join('\n'));
});
