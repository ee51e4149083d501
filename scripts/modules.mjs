// Trunk post-build hook, before csp.mjs: names each group's module by its content (Trunk
// leaves all but the first unhashed) and writes the loader's table of modules into
// index.html: which panels each group holds (Cargo.toml's group-* features) and its files.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('modules.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Cargo.toml's `group-<name> = ["panel-a", "panel-b", …]` lines, in file order. */
function groupsOf(cargoToml) {
  const groups = {};
  for (const m of cargoToml.matchAll(/^group-([a-z]+) = \[([^\]]*)\]/gm)) {
    groups[m[1]] = [...m[2].matchAll(/"panel-([a-z-]+)"/g)].map((p) => p[1]);
  }
  return groups;
}

const groups = groupsOf(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8'));
const names = Object.keys(groups);
if (names.length === 0) throw new Error('modules.mjs: no group-* features in Cargo.toml');

const files = fs.readdirSync(dir);
const table = { home: names[0], groups: {} };
for (const group of names) {
  const wasm = files.find((f) => new RegExp(`^convlab-${group}(-[0-9a-f]+)?_bg\\.wasm$`).test(f));
  const js = files.find((f) => new RegExp(`^convlab-${group}(-[0-9a-f]+)?\\.js$`).test(f));
  if (!wasm || !js) throw new Error(`modules.mjs: the module of group ${group} is missing from ${dir}`);
  let named = { js, wasm };
  if (!/-[0-9a-f]+_bg\.wasm$/.test(wasm)) {
    // A content hash in the name: the service worker serves build files from its cache first.
    const hash = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, wasm)))
      .update(fs.readFileSync(path.join(dir, js))).digest('hex').slice(0, 16);
    named = { js: `convlab-${group}-${hash}.js`, wasm: `convlab-${group}-${hash}_bg.wasm` };
    fs.renameSync(path.join(dir, js), path.join(dir, named.js));
    fs.renameSync(path.join(dir, wasm), path.join(dir, named.wasm));
  }
  table.groups[group] = { panels: groups[group], js: `./${named.js}`, wasm: `./${named.wasm}` };
}

const file = path.join(dir, 'index.html');
const html = fs.readFileSync(file, 'utf8');
const marker = '/* modules */ null';
if (!html.includes(marker)) throw new Error('modules.mjs: the loader in index.html lacks its table marker');
fs.writeFileSync(file, html.replace(marker, JSON.stringify(table)));
console.log(`modules.mjs: ${names.length} modules (${names.join(', ')})`);
