// Runs the pipeline runtime (runtime.wasm) under Node's WASI preview1 with a module image, calls
// pipeline_init and reports how long each step took as one JSON line on stdout.
// Usage: node --no-turbo-fast-api-calls --stack-size=7600 runtime-node.mjs runtime.wasm image.plim [export-index]
// The export, if given, is dispatched once with no params (a zero-argument export returning at most one flat
// value) and its result slot printed.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { performance } from 'node:perf_hooks';

const [wasmPath, imagePath, exportIndex] = process.argv.slice(2);
const image = readFileSync(imagePath);
const t0 = performance.now();
const module = await WebAssembly.compile(readFileSync(wasmPath));
const t1 = performance.now();
const wasi = new WASI({ version: 'preview1', args: ['runtime'], env: {}, returnOnExit: true });
let instance;
const mem = () => new Uint8Array(instance.exports.memory.buffer);
const pipeline = {
  image_size: () => image.length,
  image_read: (dst) => { mem().set(image, dst); },
  call_import: () => { throw new Error('no imports in this harness'); },
  resource_new: (r, rep) => rep,
  resource_rep: (r, handle) => handle,
  resource_drop: () => {},
};
instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport, pipeline });
wasi.initialize(instance);
const t2 = performance.now();
const rc = instance.exports.pipeline_init();
const t3 = performance.now();
const out = { compileMs: +(t1 - t0).toFixed(1), instantiateMs: +(t2 - t1).toFixed(1), initMs: +(t3 - t2).toFixed(1), rc };
if (exportIndex !== undefined) {
  const slots = instance.exports.cabi_realloc(0, 0, 8, 16);
  instance.exports.pipeline_dispatch(Number(exportIndex), slots, slots + 8);
  out.result = new DataView(instance.exports.memory.buffer).getUint32(slots + 8, true);
}
console.log(JSON.stringify(out));
