// Measures built components in node: initial memory pages, and instantiate + first call times (fresh process each
// run). Usage: node components.mjs NAME COMPONENT.wasm RUNS   (run from a folder whose node_modules holds jco)
import { transpile } from '@bytecodealliance/jco';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { execFileSync } from 'child_process';

const [name, file, runs] = [process.argv[2], process.argv[3], Number(process.argv[4] || 5)];
const bytes = readFileSync(file);
const out = resolve('bench-out', name);
const { files } = await transpile(bytes, { name, map: { 'log': './host.js', 'local:hello/host': './host.js' } });
for (const [f, b] of Object.entries(files)) { const p = join(out, f); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, b); }
writeFileSync(join(out, 'host.js'), 'export default function log(m) {}\nexport function log2(m) {}\n');
writeFileSync(join(out, 'package.json'), '{"type":"module"}');

// the largest initial memory among the core modules (the app's)
let pages = 0;
for (const f of Object.keys(files).filter(f => f.endsWith('.wasm'))) {
  const b = files[f]; let i = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = b[i++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
  while (i < b.length) {
    const id = b[i++], size = leb(), end = i + size;
    if (id === 5) { const n = leb(); for (let k = 0; k < n; k++) { const flags = b[i++]; const min = leb(); if (flags & 1) leb(); pages = Math.max(pages, min); } }
    i = end;
  }
}
writeFileSync(join(out, 'run.mjs'), `
const t0 = performance.now();
const m = await import('./${name}.js');
const t1 = performance.now();
m.greet('world');
const t2 = performance.now();
for (let i = 0; i < 1000; i++) m.greet('world');
const t3 = performance.now();
console.log(JSON.stringify({ instantiate: t1 - t0, first: t2 - t1, call: (t3 - t2) / 1000 }));
`);
const samples = [];
for (let r = 0; r < runs; r++) samples.push(JSON.parse(execFileSync('node', [join(out, 'run.mjs')], { encoding: 'utf8' }).trim().split('\n').pop()));
const median = k => { const v = samples.map(s => s[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(JSON.stringify({ name, bytes: bytes.length, pages, instantiateMs: median('instantiate'), firstCallMs: median('first'), callUs: median('call') * 1000 }));
