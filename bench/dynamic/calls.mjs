// Per-call cost of a built component in node: exports called from JS, imports called from Python.
// Usage: node calls.mjs NAME COMPONENT.wasm N   (run from a folder whose node_modules holds jco); prints JSON (µs).
import { transpile } from '@bytecodealliance/jco';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';

const [name, file, n] = [process.argv[2], process.argv[3], Number(process.argv[4] || 20000)];
const out = resolve('bench-out', name);
const { files } = await transpile(readFileSync(file), { name, map: { 'bench:calls/host*': './host.js' } });
for (const [f, b] of Object.entries(files)) { const p = join(out, f); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, b); }
writeFileSync(join(out, 'host.js'), 'export const echoU8 = x => x, echoString = s => s, echoPoint = p => p;\n');
writeFileSync(join(out, 'package.json'), '{"type":"module"}');
const { api } = await import(join(out, name + '.js'));
const time = (f) => { f(); f(); const t = [];
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); f(); t.push((performance.now() - t0) * 1000 / n); }
  return t.sort((a, b) => a - b)[2]; };
const loop = (g) => () => { for (let i = 0; i < n; i++) g(); };
const point = { x: 1, y: 2, label: 'p' };
console.log(JSON.stringify({
  exportU8: time(loop(() => api.echoU8(7))),
  exportString: time(loop(() => api.echoString('hello, world'))),
  exportPoint: time(loop(() => api.echoPoint(point))),
  importU8: time(() => api.callHost('u8', n)),
  importString: time(() => api.callHost('string', n)),
  importPoint: time(() => api.callHost('point', n)),
}));
