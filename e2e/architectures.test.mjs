// The architectures panel in a real browser: published totals, a layer's working, what-if
// input sizes and strides that collapse, comparison, links, bad keys, phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/architectures', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="arch-table"]');
  return page;
}

const row = (name) => `[data-testid="arch-table"] tr[data-layer="${name}"]`;
const status = (page, name) => page.getAttribute(row(name), 'data-status');
const noSideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// Published totals: torchvision's num_params (the core's metadata) where one exists; LeNet-5
// and ZFNet have none for these variants, so their computed totals are those the core's
// variant notes state (61,706; 62,357,608).
const EXPECTED = {
  lenet5: { params: '61706', published: '' },
  alexnet: { params: '61100840', published: '61100840' },
  zfnet: { params: '62357608', published: '' },
  vgg16: { params: '138357544', published: '138357544' },
  googlenet: { params: '6624904', published: '6624904' },
  resnet18: { params: '11689512', published: '11689512' },
  resnet50: { params: '25557032', published: '25557032' },
};

test('each architecture opens with its total parameters matching the published figure', async (t) => {
  const page = await panel(t);
  for (const [id, want] of Object.entries(EXPECTED)) {
    await page.selectOption('[data-testid="arch-select"]', id);
    await page.waitForFunction((id) => location.hash.includes(`arch=${id}`), id);
    assert.equal(await value(page, 'arch-total-params'), want.params, id);
    assert.equal(await value(page, 'arch-published'), want.published, id);
    if (want.published) assert.match(await page.textContent('[data-testid="arch-published"]'), /the same/);
    assert.ok(await page.locator('[data-testid="arch-diagram"] g.ad-item').count() > 3, id);
    // Thousands separators for people.
    const shown = await page.textContent('[data-testid="arch-total-params"]');
    assert.equal(shown.replaceAll(',', ''), want.params, id);
    if (id === 'vgg16' || id === 'googlenet' || id === 'resnet50') await shot(page, `architectures-${id}`);
  }
  assert.equal(await value(page, 'arch-depth'), '50');
});

test('clicking a layer (mouse or keyboard) shows its output-size formula and parameter count', async (t) => {
  const page = await panel(t, '#/architectures?arch=alexnet');
  await page.click(`${row('conv1')} button.layer-btn`);
  await page.waitForSelector('[data-testid="arch-layer-detail"]');
  // ⌊(224 + 2·2 − 11)/4⌋ + 1 = 55; (11·11·3 + 1)·64 = 23,296.
  assert.equal(await value(page, 'arch-output-size'), '55x55');
  const formula = await page.textContent('[data-testid="arch-size-formula"]');
  for (const n of ['224', '11', '4', '55']) assert.ok(formula.includes(n), formula);
  assert.equal(await value(page, 'arch-param-formula'), '23296');
  assert.match(await page.textContent('[data-testid="arch-param-formula"]'), /11·11·3\+1\)·64=23,296/);
  assert.equal(await value(page, 'arch-macs-formula'), '70276800');
  assert.match(page.url(), /layer=conv1/);
  await shot(page, 'architectures-layer-desktop');
  // Keyboard only: Tab to fc6's button, Enter.
  const fc6 = page.locator(`${row('fc6')} button.layer-btn`);
  await fc6.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-layer-detail="fc6"]');
  assert.equal(await value(page, 'arch-param-formula'), '37752832');
  assert.match(await page.textContent('[data-testid="arch-param-formula"]'), /9216\+1\)·4096=37,752,832/);
  // Enter again closes it.
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('[data-testid="arch-layer-detail"]').count(), 0);
  // A pooling layer: a window, no parameters.
  await page.click(`${row('pool1')} button.layer-btn`);
  assert.equal(await value(page, 'arch-output-size'), '27x27');
  assert.equal(await value(page, 'arch-param-formula'), '0');
});

test('an input size that collapses marks the layer with the reason and later layers not computable', async (t) => {
  const page = await panel(t, '#/architectures?arch=lenet5');
  await page.fill('[data-testid="arch-input"]', '16');
  await page.waitForSelector('[data-testid="arch-collapse-error"]');
  assert.equal(await status(page, 'C5'), 'collapsed');
  assert.match(await page.textContent(row('C5')), /does not fit a 1×1 input/);
  assert.equal(await status(page, 'F6'), 'not-computable');
  assert.equal(await status(page, 'output'), 'not-computable');
  assert.equal(await status(page, 'S4'), 'ok');
  assert.equal(await page.getAttribute(`${row('S4')} td.shape`, 'data-value'), '1x1x16');
  assert.equal(await value(page, 'arch-total-params'), 'nan');
  assert.equal(await page.getAttribute('[data-testid="arch-diagram"] [data-diagram-layer="C5"]', 'data-status'), 'collapsed');
  assert.match(page.url(), /input=16/);
  await page.click(`${row('C5')} button.layer-btn`);
  assert.match(await page.textContent('[data-testid="arch-layer-error"]'), /collapses: kernel 5×5 does not fit/);
  await shot(page, 'architectures-collapse');
  // Bad text is kept and named; the table stays.
  await page.fill('[data-testid="arch-input"]', 'abc');
  await page.waitForSelector('[data-testid="arch-input-error"]');
  assert.match(await page.textContent('[data-testid="arch-input-error"]'), /“abc” is not a whole number.*still uses 16×16/);
  assert.equal(await page.inputValue('[data-testid="arch-input"]'), 'abc');
  assert.equal(await status(page, 'C5'), 'collapsed');
  await page.click('[data-testid="arch-input-reset"]');
  assert.equal(await page.locator('[data-testid="arch-input-error"]').count(), 0);
  assert.equal(await value(page, 'arch-total-params'), '61706');
});

test('a stride what-if propagates and can collapse VGG-16', async (t) => {
  const page = await panel(t, '#/architectures?arch=vgg16');
  await page.fill('[data-testid="arch-input"]', '64');
  assert.equal(await page.getAttribute(`${row('pool5')} td.shape`, 'data-value'), '2x2x512');
  await page.selectOption('[data-testid="arch-stride-layer"]', 'conv1_1');
  await page.selectOption('[data-testid="arch-stride"]', '4');
  // conv1_1 at stride 4 on 64: ⌊(64 + 2 − 3)/4⌋ + 1 = 16; the pools then give 8, 4, 2, 1, and pool5's 2×2 window no longer fits.
  assert.equal(await page.getAttribute(`${row('conv1_1')} td.shape`, 'data-value'), '16x16x64');
  assert.equal(await status(page, 'pool5'), 'collapsed');
  assert.equal(await status(page, 'fc6'), 'not-computable');
  assert.match(page.url(), /stride=conv1_1:4/);
  assert.match(await page.textContent('[data-testid="arch-changes"]'), /conv1_1: stride 4 \(was 1\)/);
  await page.click('[data-testid="arch-changes"] .chip-x');
  assert.equal(await status(page, 'pool5'), 'ok');
  assert.doesNotMatch(page.url(), /stride=/);
});

test('two architectures side by side', async (t) => {
  const page = await panel(t, '#/architectures?arch=alexnet');
  await page.selectOption('[data-testid="arch-compare-select"]', 'vgg16');
  await page.waitForSelector('[data-testid="arch-compare-chart"]');
  assert.equal(await value(page, 'arch-compare-params-a'), '61100840');
  assert.equal(await value(page, 'arch-compare-params-b'), '138357544');
  assert.equal(await value(page, 'arch-compare-macs-b'), '15470264320');
  assert.equal(await value(page, 'arch-compare-depth-a'), '8');
  assert.equal(await value(page, 'arch-compare-depth-b'), '16');
  const chart = await page.textContent('[data-testid="arch-compare-chart"]');
  for (const s of ['61,100,840', '138,357,544', '15,470,264,320', '100M', '1G']) assert.ok(chart.includes(s), `${s} in ${chart}`);
  assert.match(page.url(), /compare=vgg16/);
  await page.locator('[data-testid="arch-compare-chart"]').scrollIntoViewIfNeeded();
  await shot(page, 'architectures-compare');
});

test('a deep link opens its state, nested layer included', async (t) => {
  const page = await panel(t, '#/architectures?v=1&arch=resnet50&input=64&layer=layer2.0.conv2&compare=resnet18');
  // 64 → conv1 32 → maxpool 16 → layer1 16 → layer2.0.conv2 (stride 2) 8.
  await page.waitForSelector('[data-layer-detail="layer2.0.conv2"]');
  assert.equal(await value(page, 'arch-output-size'), '8x8');
  assert.equal(await value(page, 'arch-param-formula'), String(3 * 3 * 128 * 128));
  assert.equal(await page.getAttribute(`${row('layer2.0')} button.fold`, 'aria-expanded'), 'true');
  assert.equal(await value(page, 'arch-compare-depth-b'), '18');
  assert.equal(await page.inputValue('[data-testid="arch-input"]'), '64');
  assert.equal(await page.locator('[data-testid="link-error"]').count(), 0);
  await shot(page, 'architectures-resnet-link');
});

test('a bad link opens defaults and names every bad key', async (t) => {
  const page = await panel(t, '#/architectures?arch=inception9&input=0&stride=conv9:2&layer=zz&compare=nope&zoom=3');
  const note = await page.textContent('[data-testid="link-error"]');
  for (const key of ['arch', 'input', 'stride', 'layer', 'compare', 'zoom']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(page, 'arch-total-params'), '61706');
  assert.equal(await page.inputValue('[data-testid="arch-input"]'), '32');
  await shot(page, 'architectures-bad-link');
});

test('phone width: the table scrolls in its own box, never the page', async (t) => {
  const page = await panel(t, '#/architectures?arch=googlenet&layer=inception3a.branch2.1.conv&compare=alexnet', { width: 390, height: 844 });
  assert.ok(await noSideScroll(page) <= 0, `page scrolls sideways by ${await noSideScroll(page)}px`);
  const box = await page.evaluate(() => {
    const el = document.querySelector('.table-scroll');
    return { scroll: el.scrollWidth, client: el.clientWidth };
  });
  assert.ok(box.scroll > box.client, 'the table scrolls inside its box');
  await shot(page, 'architectures-phone');
  const page2 = await panel(t, '#/architectures?arch=lenet5&input=16&layer=C5', { width: 390, height: 844 });
  assert.ok(await noSideScroll(page2) <= 0);
  await shot(page2, 'architectures-phone-collapse');
});
