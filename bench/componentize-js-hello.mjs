// Builds a world with ComponentizeJS (the reference for JavaScript) and writes it to argv[2]. argv[3] picks the
// world (default hello): hello (examples/hello), kitchen (distro's kitchen-sink test world, 14 exports, 11 imports)
// or cli (examples/cli); each app does what the Python app of the same world does.
import { componentize } from '@bytecodealliance/componentize-js';
import { readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const ROOT = process.env.PIPELINE_ROOT || join(dirname(fileURLToPath(import.meta.url)), '..');
const worlds = {
  hello: {
    wit: `package local:hello;
world hello {
  import log: func(message: string);
  export greet: func(name: string) -> string;
}`,
    source: `import log from 'log';
export function greet(name) { log('greeting ' + name); return 'Hello, ' + name + '!'; }`,
    world: 'hello',
    disable: ['random', 'stdio', 'clocks', 'http', 'fetch-event'],
  },
  kitchen: {
    wit: () => readFileSync(join(ROOT, 'distro/src/test/resources/kitchen/wit/kitchen.wit'), 'utf8'),
    source: `import * as host from 'test:kitchen/host@0.1.0';
export const api = {
  echoEverything(e) { return e; },
  echoShape(s) { return s; },
  echoNested(n) { return n; },
  echoStrings(l) { return l; },
  echoOption(o) { return o; },
  echoResultParam(r) { return r.tag === 'ok' ? 'ok:' + r.val : 'err:' + r.val; },
  echoTuple(t) { return t; },
  echoFlags(p, m) { return [p, m]; },
  echoBytes(b) { return b; },
  echoEnum(c) { return c; },
  sumMany(...a) { return BigInt(a.reduce((x, y) => x + y, 0)); },
  divide(a, b) { if (b === 0) throw 'division by zero'; return Math.floor(a / b); },
  crash(message) { throw new Error(message); },
  callHost() {
    const out = [];
    out.push(JSON.stringify(host.echoShape({ tag: 'circle', val: 1.5 })));
    out.push(String(host.echoBytes(new Uint8Array([1, 2, 3])).length));
    try { host.fallible(true); } catch (e) { out.push('err ' + e.payload); }
    out.push(String(host.sumMany(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)));
    return out;
  },
};`,
    world: 'kitchen',
    disable: ['random', 'stdio', 'clocks', 'http', 'fetch-event'],
  },
  cli: {
    wit: () => readFileSync(join(ROOT, 'examples/cli/wit/cli.wit'), 'utf8'),
    source: `function fill(text, width) {
  const lines = []; let line = '';
  for (const word of text.split(/\\s+/)) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line ? line + ' ' + word : word;
  }
  if (line) lines.push(line);
  return lines.join('\\n');
}
export function run(args) {
  let width = 40; const pos = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--width') { width = Number(args[++i]); if (!Number.isInteger(width)) { console.error('cli: error: argument --width: invalid int value'); return 2; } }
    else if (args[i].startsWith('-')) { console.error('usage: cli [-h] [--width WIDTH] data'); return 2; }
    else pos.push(args[i]);
  }
  if (pos.length !== 1) { console.error('usage: cli [-h] [--width WIDTH] data'); return 2; }
  const numbers = JSON.parse(pos[0]).filter(x => /^-?\\d+(\\.\\d+)?$/.test(String(x))).map(Number);
  const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
  const s = [...numbers].sort((a, b) => a - b), h = s.length >> 1;
  const median = s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
  console.log(fill('count=' + numbers.length + ' mean=' + mean.toFixed(3) + ' median=' + median.toFixed(3), width));
  return 0;
}`,
    world: 'cli',
    disable: ['random', 'clocks', 'http', 'fetch-event'],
  },
};
const w = worlds[process.argv[3] || 'hello'];
if (!w) throw new Error('unknown world ' + process.argv[3]);
const t0 = performance.now();
const { component } = await componentize(w.source, typeof w.wit === 'function' ? w.wit() : w.wit,
  { worldName: w.world, disableFeatures: w.disable });
writeFileSync(process.argv[2], component);
console.error(JSON.stringify({ buildMs: performance.now() - t0 }));
