// The host side of the kitchen-sink world: every import echoes its arguments.
export function echoEverything(e) { return e; }
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
