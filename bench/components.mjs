// Measures built components in node: initial memory pages, and instantiate + first call + per-call times (fresh
// process each run). Usage: node components.mjs NAME COMPONENT.wasm RUNS [WORLD]   (run from a folder whose
// node_modules holds jco). WORLD (default hello) picks the host imports and the calls: hello (greet), kitchen
// (distro's kitchen-sink test world: echo-enum and echo-strings), cli (examples/cli: run).
import { transpile } from '@bytecodealliance/jco';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { execFileSync } from 'child_process';

const [name, file, runs, world] = [process.argv[2], process.argv[3], Number(process.argv[4] || 5), process.argv[5] || 'hello'];
const KITCHEN_HOST = `export function echoEverything(e) { return e; }
export function echoShape(s) { return s; }
export function echoNested(n) { return n; }
export function echoStrings(l) { return l; }
export function echoOption(o) { return o; }
export function echoResult(r) { if (r.tag === 'ok') return r.val; throw { payload: r.val }; }
export function echoTuple(t) { return t; }
export function echoFlags(p, m) { return [p, m]; }
export function echoBytes(b) { return b; }
export function fallible(fail) { if (fail) throw { payload: 'nope' }; return 42; }
export function sumMany(...args) { return BigInt(args.reduce((a, b) => a + b, 0)); }
`;
// per world: import map, host module, first call, and the two timed calls (a small value / a string echo)
const worlds = {
  hello: { map: { 'log': './host.js', 'local:hello/host': './host.js' }, host: 'export default function log(m) {}\n',
           first: `m.greet('world')`, small: `m.greet('')`, string: `m.greet('hello, world')` },
  kitchen: { map: { 'test:kitchen/host*': './host.js' }, host: KITCHEN_HOST,
             first: `m.api.echoEnum('green')`, small: `m.api.echoEnum('green')`, string: `m.api.echoStrings([['hello, world']])` },
  cli: { map: {}, host: '', first: `m.run(['[1, 2, 3]'])`, small: `m.run(['[]', '--bad'])`, string: `m.run(['[1, 2, 3]'])` },
};
const w = worlds[world];
if (!w) throw new Error('unknown world ' + world);
const bytes = readFileSync(file);
const out = resolve('bench-out', name);
const { files } = await transpile(bytes, { name, map: w.map });
for (const [f, b] of Object.entries(files)) { const p = join(out, f); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, b); }
writeFileSync(join(out, 'host.js'), w.host);
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
// stdout of the cli world's run goes to a pipe that is read and dropped
writeFileSync(join(out, 'run.mjs'), `
const t0 = performance.now();
const m = await import('./${name}.js');
const t1 = performance.now();
${w.first};
const t2 = performance.now();
for (let i = 0; i < 1000; i++) ${w.small};
const t3 = performance.now();
for (let i = 0; i < 1000; i++) ${w.string};
const t4 = performance.now();
console.log(JSON.stringify({ instantiate: t1 - t0, first: t2 - t1, call: (t3 - t2) / 1000, stringCall: (t4 - t3) / 1000 }));
`);
const samples = [];
for (let r = 0; r < runs; r++) {
  const text = execFileSync('node', [join(out, 'run.mjs')], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  samples.push(JSON.parse(text.trim().split('\n').pop()));
}
const median = k => { const v = samples.map(s => s[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(JSON.stringify({ name, bytes: bytes.length, pages, instantiateMs: median('instantiate'), firstCallMs: median('first'),
  callUs: median('call') * 1000, stringCallUs: median('stringCall') * 1000 }));
