// Per-call cost of crc32c called from Python, measured inside the component (its `bench` export times a loop of
// calls), in node after jco transpile: prints "node <form> <bytes|noop> <ns per call>" (median of 5 loops after a
// warm-up). Usage (from the folder holding node_modules): node dependencies-node.mjs linked.wasm composed.wasm
import { transpile } from '@bytecodealliance/jco';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';

for (const [form, file] of [['linked', process.argv[2]], ['composed', process.argv[3]]]) {
  const out = resolve('bench-out', 'dep-' + form);
  const { files } = await transpile(readFileSync(file), { name: form });
  for (const [f, b] of Object.entries(files)) { const p = join(out, f); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, b); }
  const m = await import(join(out, form + '.js'));
  const perCall = (data, noop) => {
    const calls = data.length >= 65536 ? 20 : data.length >= 4096 ? 200 : 2000;
    m.bench(data, calls, noop);
    const loops = [];
    for (let k = 0; k < 5; k++) loops.push(Number(m.bench(data, calls, noop)) / calls);
    loops.sort((a, b) => a - b);
    return loops[2];
  };
  console.log(`node ${form} noop ${perCall(new Uint8Array(0), true).toFixed(0)}`);
  for (const n of [0, 64, 4096, 65536]) {
    const data = new Uint8Array(n).map((_, k) => (k * 31) & 255);
    console.log(`node ${form} ${n} ${perCall(data, false).toFixed(0)}`);
  }
}
