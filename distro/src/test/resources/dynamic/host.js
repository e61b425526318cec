// The host side of the dynamic world: every import echoes its arguments; blob counts live instances.
let live = 0;
export class Blob {
  constructor(init) { this.bytes = Uint8Array.from(init); live++; }
  read(n) { return this.bytes.slice(0, n); }
  size() { return this.bytes.length; }
  static merge(a, b) { const m = new Blob([...a.bytes, ...b.bytes]); b[Symbol.dispose](); return m; }
  [Symbol.dispose]() { live--; }
}
export function liveBlobs() { return live; }
export function echoU8(x) { return x; }
export function echoPoint(p) { return p; }
export function echoEverything(e) { return e; }
export function echoShape(s) { return s; }
export function echoNested(n) { return n; }
export function echoOption(o) { return o; }
export function echoResult(r) { if (r.tag === 'ok') return r.val; throw { payload: r.val }; }
export function echoTuple(t) { return t; }
export function echoFlags(p, m) { return [p, m]; }
export function echoBytes(b) { return b; }
export function echoColors(c) { return c; }
export function fallible(fail) { if (fail) throw { payload: 'nope' }; return 42; }
