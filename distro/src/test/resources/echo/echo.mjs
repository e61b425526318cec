// Calls every export of a random echo world (see RandomWorld.java) with random values made from TYPES (prepended
// with SEED and COUNT): every value must come back equal, NaN-aware (NaN equals NaN, -0 differs from 0).
// Prints one "ECHO values=N ok=N wrong=N trapped=N" line and a FAIL line per difference (at most 5).
const api = component.api;
let state = SEED >>> 0;
function rnd() { // mulberry32
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = a => a[Math.floor(rnd() * a.length)];
const RANGES = { s8: [-128, 127], u8: [0, 255], s16: [-32768, 32767], u16: [0, 65535], s32: [-2147483648, 2147483647], u32: [0, 4294967295] };
function int(lo, hi) { return rnd() < 0.3 ? pick([lo, hi, 0, lo === 0 ? 1 : -1]) : lo + Math.floor(rnd() * (hi - lo + 1)); }
function big(signed) {
  if (rnd() < 0.3) return pick(signed ? [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n] : [0n, 2n ** 64n - 1n, 1n]);
  const v = (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
  return signed ? BigInt.asIntN(64, v) : v;
}
function float(f32) {
  if (rnd() < 0.3) return pick([NaN, Infinity, -Infinity, -0, 0, f32 ? 1.401298464324817e-45 : Number.MIN_VALUE, f32 ? 3.4028234663852886e38 : Number.MAX_VALUE]);
  const v = (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 40) - 20);
  return f32 ? Math.fround(v) : v;
}
function codePoint() {
  const r = rnd();
  let c;
  if (r < 0.4) c = 32 + Math.floor(rnd() * 95);
  else if (r < 0.6) c = Math.floor(rnd() * 0x800);
  else if (r < 0.8) { do { c = Math.floor(rnd() * 0x10000); } while (c >= 0xD800 && c <= 0xDFFF); }
  else c = 0x10000 + Math.floor(rnd() * 0x100000);
  return String.fromCodePoint(c);
}
const SCALARS = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char']);
const TYPED = { u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array, s32: Int32Array,
  s64: BigInt64Array, u64: BigUint64Array, f32: Float32Array, f64: Float64Array };
function value(t) {
  switch (t.k) {
    case 'bool': return rnd() < 0.5;
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': return int(...RANGES[t.k]);
    case 's64': return big(true);
    case 'u64': return big(false);
    case 'f32': return float(true);
    case 'f64': return float(false);
    case 'char': return codePoint();
    case 'string': { const n = rnd() < 0.05 ? 2000 : Math.floor(rnd() * 12); let s = ''; for (let i = 0; i < n; i++) s += codePoint(); return s; }
    case 'list': {
      const n = rnd() < 0.05 && SCALARS.has(t.t.k) ? 300 : Math.floor(rnd() * 5); // long lists of scalars only
      const a = []; for (let i = 0; i < n; i++) a.push(value(t.t));
      return TYPED[t.t.k] ? TYPED[t.t.k].from(a) : a;
    }
    case 'option': return rnd() < 0.3 ? undefined : value(t.t);
    case 'result': return rnd() < 0.5 ? { tag: 'ok', val: value(t.ok) } : { tag: 'err', val: value(t.err) };
    case 'tuple': return t.ts.map(value);
    case 'record': return Object.fromEntries(t.fields.map(([n, ft]) => [n, value(ft)]));
    case 'variant': { const [tag, ct] = pick(t.cases); return ct ? { tag, val: value(ct) } : { tag }; }
    case 'enum': return pick(t.cases);
    case 'flags': return Object.fromEntries(t.names.map(n => [n, rnd() < 0.5]));
  }
  throw new Error('unknown type ' + JSON.stringify(t));
}
function same(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return (Number.isNaN(a) && Number.isNaN(b)) || Object.is(a, b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return same(Array.from(a), Array.from(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = o => Object.keys(o).filter(k => o[k] !== undefined).sort();
    const ka = keys(a), kb = keys(b);
    return same(ka, kb) && ka.every(k => same(a[k], b[k]));
  }
  return a === b;
}
const show = v => JSON.stringify(v, (k, x) => typeof x === 'bigint' ? x + 'n' : ArrayBuffer.isView(x) ? Array.from(x, y => typeof y === 'bigint' ? y + 'n' : y)
  : typeof x === 'number' && !Number.isFinite(x) ? String(x) : Object.is(x, -0) ? '-0' : x);
let values = 0, ok = 0, wrong = 0, trapped = 0, shown = 0;
for (let round = 0; round < COUNT; round++) {
  for (const f of TYPES) {
    const args = f.params.map(value);
    values++;
    let got;
    try { got = f.multi ? api[f.name](...args) : api[f.name](args[0]); }
    catch (e) { trapped++; if (shown++ < 5) console.log('FAIL ' + f.name + ' trapped on ' + show(args) + ': ' + String(e).split('\n')[0]); continue; }
    const want = f.multi ? args : args[0];
    if (same(want, got)) ok++;
    else { wrong++; if (shown++ < 5) console.log('FAIL ' + f.name + ': sent ' + show(want) + ' got ' + show(got)); }
  }
}
console.log(`ECHO values=${values} ok=${ok} wrong=${wrong} trapped=${trapped}`);
