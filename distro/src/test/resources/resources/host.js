// Host side of the resources world: a counter resource that counts live instances.
let live = 0;
export class Counter {
  constructor(start) { this.n = start; live++; }
  incr() { return ++this.n; }
  value() { return this.n; }
  static make(start) { return new Counter(start); }
  static merge(a, b) { const m = new Counter(a.n + b.n); b[Symbol.dispose](); return m; }  // takes b (own)
  [Symbol.dispose]() { live--; }
}
export function liveCounters() { return live; }
