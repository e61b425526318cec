// Calls every export of the dynamic kitchen-sink component with extreme values; prints OK/FAIL lines.
const api = component.api;
function same(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every(k => same(a[k], b[k]));
  }
  return a === b;
}
const show = v => JSON.stringify(v, (k, x) => typeof x === 'bigint' ? x.toString() + 'n' : (x instanceof Uint8Array ? Array.from(x) : x));
function check(name, sent, got) { console.log((same(sent, got) ? 'OK ' : 'FAIL ') + name + (same(sent, got) ? '' : ': sent ' + show(sent) + ' got ' + show(got))); }

check('hello', 'Hello, Zoë 🌍!', component.hello('Zoë 🌍'));
for (const x of [0, 1, 255]) check('echo-u8 ' + x, x, api.echoU8(x));
const everything = [
  { a: true, b: -128, c: 255, d: -32768, e: 65535, f: -2147483648, g: 4294967295, h: -(2n ** 63n), i: 2n ** 64n - 1n,
    j: Math.fround(3.4028234663852886e38), k: Number.MIN_VALUE, l: '🌍', m: '' },
  { a: false, b: 127, c: 0, d: 32767, e: 0, f: 2147483647, g: 0, h: 2n ** 63n - 1n, i: 0n,
    j: NaN, k: -0, l: '\0', m: 'ünïcode ✓ 😀' },
  { a: true, b: 0, c: 1, d: 0, e: 1, f: 0, g: 1, h: 0n, i: 1n, j: Infinity, k: -Infinity, l: 'é', m: 'x'.repeat(10000) },
];
for (const e of everything) check('echo-everything', e, api.echoEverything(e));
for (const s of [{ tag: 'circle', val: 2.5 }, { tag: 'rect', val: { x: -1, y: 2147483647 } }, { tag: 'empty' }]) check('echo-shape ' + s.tag, s, api.echoShape(s));
const nested = { points: [{ x: 1, y: 2 }, { x: -3, y: -4 }], shapes: [undefined, { tag: 'empty' }, { tag: 'circle', val: -0 }],
                 tags: ['t', new Uint8Array([0, 1, 255])], firstPoint: { x: 5, y: 6 } };
check('echo-nested', nested, api.echoNested(nested));
check('echo-nested none', { ...nested, firstPoint: undefined }, api.echoNested({ ...nested, firstPoint: undefined }));
for (const o of [{ tag: 'none' }, { tag: 'some', val: undefined }, { tag: 'some', val: 4294967295 }]) {
  try { check('echo-option ' + show(o), o, api.echoOption(o)); } catch (e) { console.log('FAIL echo-option ' + show(o) + ': ' + e); }
}
check('echo-result ok', 'fine', api.echoResult({ tag: 'ok', val: 'fine' }));
try { api.echoResult({ tag: 'err', val: 'green' }); console.log('FAIL echo-result err: no error'); }
catch (e) { check('echo-result err', 'green', e.payload); }
check('echo-tuple', [255, '', -1.5e300], api.echoTuple([255, '', -1.5e300]));
const many = {}; for (let i = 0; i < 32; i++) many['f' + i] = i % 3 === 0;
check('echo-flags', [{ read: true, write: false, exec: true }, many], api.echoFlags({ read: true, write: false, exec: true }, many));
check('echo-bytes', new Uint8Array(70000).map((_, i) => i % 251), api.echoBytes(new Uint8Array(70000).map((_, i) => i % 251)));
check('echo-bytes empty', new Uint8Array(0), api.echoBytes(new Uint8Array(0)));
for (const c of ['red', 'green', 'blue']) check('echo-enum ' + c, c, api.echoEnum(c));
check('divide ok', 3, api.divide(7, 2));
try { api.divide(1, 0); console.log('FAIL divide err: no error'); }
catch (e) { check('divide err', 'division by zero', e.payload); }
// an exported resource implemented by a registered Python class
const c = new api.Counter(5);
check('counter incr', 7, c.incr(2));
check('counter get', 7, c.get());
const made = api.Counter.make(4);
check('counter static', 40, made.get());
check('take-counter', 40, api.takeCounter(made));
c[Symbol.dispose]();
for (const line of api.callHost()) console.log('host ' + line);
for (const line of api.typeErrors()) console.log('type ' + line);
check('alive after type errors', 9, api.echoU8(9));
for (const line of api.describe()) console.log('describe ' + line);
console.log('DONE');
