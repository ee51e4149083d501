// Numbers at the edges: ±1e30, denormals, all zeros, all-equal and huge logits, and the text
// parser's inf / NaN, opened as deep links on every route. The page may show a finite number,
// or "∞" / "undefined" with an explanation on the page — never a bare "NaN", and never ∞ or
// "undefined" without a word about why. Routes come from the navigation; routes the table does
// not know get the generic links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, routeNames } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fill = (r, c, v) => Array.from({ length: r }, () => Array(c).fill(v).join(',')).join(';');
const BIG = '1e30', DENORMAL = '1e-310';

/** Route → edge links (queries). */
const EDGES = {
  convolution: [
    `input=${fill(3, 3, BIG)}&kernel=${fill(2, 2, BIG)}`, // products overflow to ∞
    `input=1e30,-1e30;1e30,-1e30&kernel=1e30,1e30;1e30,1e30`, // ∞ − ∞: undefined
    `input=${fill(4, 4, DENORMAL)}&kernel=1e-40,1;1,1e-40&bias=1e-40`,
    `input=${fill(4, 4, '0')}&kernel=${fill(3, 3, '0')}&bias=0&relu=1`,
    `input=${fill(3, 3, '-1e30')}&kernel=1&bias=-1e30&relu=1`,
    'input=inf,1;2,3&kernel=NaN&bias=inf',
  ],
  rgb: [
    `input=${[1, 2, 3].map(() => fill(3, 3, BIG)).join('|')}&kernel=${[1, 2, 3].map(() => fill(2, 2, BIG)).join('|')}`,
    `input=${[1, 2, 3].map(() => '1e30,-1e30;1e30,-1e30').join('|')}&kernel=1e30|1e30|1e30`,
    `input=${[1, 2, 3].map(() => fill(2, 2, '0')).join('|')}&kernel=0|0|0&bias=0`,
    `input=${[1, 2, 3].map(() => fill(2, 2, DENORMAL)).join('|')}&kernel=1e-40|1|1`,
  ],
  pooling: [`input=${fill(5, 5, BIG)}&mode=avg&size=5`, 'input=1e30,-1e30;-1e30,1e30&mode=avg&size=2', `input=${fill(4, 4, '0')}`, `input=${fill(4, 4, DENORMAL)}&mode=avg`, 'input=1e-40,1e-45;0,-1e-40&mode=avg&size=2'],
  flatten: [`input=1e30,-1e30;${DENORMAL},0|0,0;0,0`],
  dense: [
    'input=1e30,1e30&weights=1e30,1e30;1e30,-1e30&bias=0,0', // ∞ and ∞ − ∞
    'input=1e30,-1e30&weights=1e30,1e30&bias=1e30',
    'input=0,0,0&weights=0,0,0&bias=0', `input=${DENORMAL},1e-40&weights=1e-40,1e-40&bias=1e-45`,
  ],
  softmax: [
    'logits=1e30,-1e30,0', 'logits=1e30,1e30', 'logits=-1e30,-1e30,-1e30', 'logits=0,0,0,0', 'logits=5,5,5',
    'logits=1000,999,-1000&temperature=0.1', `logits=${DENORMAL},0`, 'logits=1e30,-1e30&temperature=0.1', 'logits=inf,NaN',
  ],
  'cross-entropy': [
    'target=0&probs=0,0,0', 'target=0&probs=0,1', `target=0&probs=${DENORMAL},1`, 'target=0&probs=1e-40,1',
    'target=1&probs=0.5,0.5&batch=0,1;1,0;0,0&batch-targets=0,1,0', 'target=0&probs=1,1,1', 'target=0&probs=NaN,1',
    'target=0,0,0&probs=0.2,0.3,0.5', 'base=e&target=0&probs=0,1',
  ],
  'one-hot': ['vector=1e30,0,0', 'vector=0,0,0', `vector=${DENORMAL},1,0`, 'vector=NaN,1,0'],
  pipeline: [`input=${fill(6, 6, BIG)}&stage=loss`, `input=${fill(6, 6, BIG)}&weights=${fill(3, 8, BIG)}&stage=softmax`,
    `input=${fill(6, 6, '0')}&kernel=${fill(3, 3, '0')}|${fill(3, 3, '0')}&stage=loss`, `input=${fill(6, 6, '-1e30')}&stage=dense`,
    `weights=${fill(3, 8, '0')}&bias=0,0,0&stage=loss`, `input=${fill(6, 6, BIG)}&kernel=${fill(3, 3, BIG)}|${fill(3, 3, '-1e30')}&stage=loss`],
  parameters: ['n=1024&f=11&c=64', 'n=1&f=11&c=1'],
  architectures: ['arch=resnet50&input=1024', 'arch=lenet5&input=1', 'arch=vgg16&input=1&compare=alexnet'],
  padding: ['n=1&f=7&padding=valid', 'n=12&f=1&stride=4'],
  training: ['lr=1000', 'lr=1e-30', 'momentum=0.999999'],
  stages: [''],
};
const GENERIC = [`input=${fill(3, 3, BIG)}`, 'input=1e30,-1e30;0,1e-310', 'logits=1e30,-1e30', 'probs=0,0', 'vector=0,0'];

/** What the page says: visible text only. */
const text = (page) => page.evaluate(() => document.querySelector('main#main').innerText);

/** The problems with the page's numbers, as sentences (empty when all is well). */
function problems(page) {
  const out = [];
  // What the user typed is quoted back “like this”: an “inf” or “NaN” there is their text.
  const body = page.replace(/“[^”]*”/g, '“…”');
  const nan = body.match(/.{0,40}\b(NaN|nan)\b.{0,40}/);
  if (nan) out.push(`a bare NaN: “${nan[0]}”`);
  if (/\binf\b|Infinity/.test(body)) out.push(`a machine spelling of infinity: “${body.match(/.{0,30}(\binf\b|Infinity).{0,30}/)[0]}”`);
  if (body.includes('∞') && !/infinite|infinity|too large|overflow|no finite|log\s*\(?0|log 0|without bound/i.test(body)) out.push('∞ without an explanation');
  if (/\bundefined\b/.test(body) && !/has no value|which is undefined|undefined \(not a number\)|undefined means|∞\s*−\s*∞|0\s*·\s*∞|not defined/i.test(body)) {
    out.push(`"undefined" without an explanation: “${body.match(/.{0,40}\bundefined\b.{0,40}/)[0]}”`);
  }
  return out;
}


test('every route: edge numbers give finite values or ∞ / undefined with an explanation, never NaN', async (t) => {
  const page = await newPage(browser);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  const found = [];
  let opened = 0;
  for (const route of await routeNames(browser, server.url)) {
    for (const [i, query] of (EDGES[route] ?? GENERIC).entries()) {
      await open(page, server.url, `#/${route}?v=1&${query}`);
      await page.waitForTimeout(50);
      if (route === 'training' && i === 0) {
        // η = 1000 diverges: the run stops by itself and says why.
        await page.click('[data-testid="training-start"]');
        await page.waitForSelector('[data-testid="training-diverged-error"]', { timeout: 60_000 });
      }
      // Step to the last position too: the arithmetic shown changes with the step.
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('End');
      const body = await text(page);
      for (const p of problems(body)) found.push(`#/${route}?${query.slice(0, 60)}: ${p}`);
      if (/[∞]|undefined/.test(body)) await shot(page, `edges-${route}-${i}`);
      opened++;
    }
  }
  console.log(`edges: ${opened} links opened`);
  assert.deepEqual(found, []);
});

test('every route: edge numbers typed into the first grid cell and text field are shown in words', async (t) => {
  const page = await newPage(browser);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  const TYPED = ['NaN', 'inf', '-inf', '1e39', '1e30', '-1e30', '1e-310', '1e-40', '0'];
  const found = [];
  let typed = 0;
  for (const route of await routeNames(browser, server.url)) {
    await open(page, server.url, `#/${route}`);
    // The first grid cell, and the first field for numbers outside a grid (names of classes or
    // categories are words, where "NaN" is a name like any other).
    const fields = [];
    for (const sel of ['main#main table input[type=text]', 'main#main input[type=text]:not(table input), main#main textarea:not([readonly])']) {
      const i = await page.$$eval(sel, (els) =>
        els.findIndex((el) => !/name|categor|sample/i.test((el.labels?.[0]?.innerText ?? '') + (el.getAttribute('aria-label') ?? ''))));
      if (i >= 0) fields.push(page.locator(sel).nth(i));
    }
    for (const field of fields) {
      for (const v of TYPED) {
        await field.fill(v, { timeout: 5000 });
        for (const p of problems(await text(page))) found.push(`#/${route} typed ${v}: ${p}`);
        typed++;
      }
    }
  }
  console.log(`edges: ${typed} values typed`);
  assert.deepEqual(found, []);
});
