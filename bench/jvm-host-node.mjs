// Times the echo component in node/jco: load (compile the core modules), instantiate, first call, then per-call
// cost of echo-u8 and echo-string with 1 KiB. Prints one JSON line.
// Usage: node jvm-host-node.mjs echo.wasm CALLS   (run from a folder whose node_modules holds jco)
import { transpile } from '@bytecodealliance/jco';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { execFileSync } from 'child_process';

const [file, calls] = [process.argv[2], Number(process.argv[3] || 10000)];
const out = resolve('bench-out', 'echo');
const { files } = await transpile(readFileSync(file), { name: 'echo', instantiation: { tag: 'async' } });
for (const [f, b] of Object.entries(files)) { const p = join(out, f); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, b); }
writeFileSync(join(out, 'package.json'), '{"type":"module"}');
writeFileSync(join(out, 'run.mjs'), `
import { readFile } from 'fs/promises';
import * as wasi from '@bytecodealliance/preview2-shim';
const t0 = performance.now();
const m = await import('./echo.js');
const names = ${JSON.stringify(Object.keys(files).filter(f => f.endsWith('.wasm')))};
const compiled = {};
for (const n of names) compiled[n] = await WebAssembly.compile(await readFile(new URL('./' + n, import.meta.url)));
const t1 = performance.now();
const imports = {};
for (const [k, v] of Object.entries({ cli: wasi.cli, clocks: wasi.clocks, filesystem: wasi.filesystem, io: wasi.io, random: wasi.random, sockets: wasi.sockets, http: wasi.http })) {
  for (const [iface, impl] of Object.entries(v)) imports['wasi:' + k + '/' + iface.replace(/[A-Z]/g, c => '-' + c.toLowerCase())] = impl;
}
const c = await m.instantiate(n => compiled[n], new Proxy(imports, { get: (t, k) => t[String(k).replace(/@.*/, '')] }));
const t2 = performance.now();
c.echoU8(7);
const t3 = performance.now();
const per = (f, a) => { for (let i = 0; i < ${calls} / 5; i++) f(a); const s = performance.now(); for (let i = 0; i < ${calls}; i++) f(a); return (performance.now() - s) * 1000 / ${calls}; };
const u8 = per(c.echoU8, 200), str = per(c.echoString, 'x'.repeat(1024));
console.log(JSON.stringify({ loadMs: t1 - t0, instantiateMs: t2 - t1, firstCallMs: t3 - t2, u8Us: u8, stringUs: str }));
`);
process.stdout.write(execFileSync('node', [join(out, 'run.mjs')], { encoding: 'utf8' }).trim().split('\n').pop() + '\n');
