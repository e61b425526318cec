// Load generator for bench/http.sh: serves a component with `jco serve` on 127.0.0.1, starts an upstream server on
// 127.0.0.1 for its outgoing requests, sends rounds of concurrent requests and prints requests/s and p50/p99 latency.
// Usage: node http.mjs COMPONENT.wasm JCO_JS [ROUNDS] [CONCURRENCY]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';

const [component, jcoJs, roundsArg, concurrencyArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 5);
const CONCURRENCY = Number(concurrencyArg ?? 200);

const body = size => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff));

// the upstream server /hash-all downloads from
const upstream = createServer((req, res) => {
  const size = Number(req.url.split('/').pop());
  res.writeHead(200, { 'content-length': size });
  res.end(body(size));
});
upstream.listen(0, '127.0.0.1');
await once(upstream, 'listening');
const upstreamUrl = path => `http://127.0.0.1:${upstream.address().port}${path}`;

// jco serve on a free port
const probe = createServer().listen(0, '127.0.0.1');
await once(probe, 'listening');
const port = probe.address().port;
probe.close();
const serve = spawn(process.execPath, [jcoJs, 'serve', component, '--port', String(port), '--host', '127.0.0.1'],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
const stop = () => { try { process.kill(-serve.pid, 'SIGTERM'); } catch {} };
process.on('exit', stop);
let log = '';
await new Promise((resolve, reject) => {
  const onData = d => { log += d; if (log.includes('Server listening')) resolve(); };
  serve.stdout.on('data', onData);
  serve.stderr.on('data', onData);
  serve.on('exit', code => reject(new Error(`jco serve exited (${code}):\n${log}`)));
  setTimeout(() => reject(new Error('jco serve did not listen within 5 minutes')), 300_000).unref();
});
const base = `http://127.0.0.1:${port}`;

const scenarios = {
  'POST /echo, 4 KiB': i => {
    const data = body(4096 + i);
    return [fetch(`${base}/echo`, { method: 'POST', body: data }), async r => Buffer.compare(Buffer.from(await r.arrayBuffer()), data) === 0];
  },
  'GET /hash-all, 1 upstream GET': i => {
    const url = upstreamUrl(`/data/${2048 + i}`);
    const want = `${url}: ${createHash('sha256').update(body(2048 + i)).digest('hex')}\n`;
    return [fetch(`${base}/hash-all`, { headers: { url } }), async r => (await r.text()) === want];
  },
  'GET /missing (404)': () => [fetch(`${base}/missing`), async r => r.status === 404 && (await r.text()).length > 0],
};

async function round(make) {
  const latencies = [];
  let wrong = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, i) => {
    const start = performance.now();
    const [pending, check] = make(i);
    const res = await pending;
    if (!(await check(res)) || (res.status !== 200 && res.status !== 404)) wrong++;
    latencies.push(performance.now() - start);
  }));
  return { latencies, wrong, ms: performance.now() - t0 };
}

// CPU time (user + system) of jco serve's process tree: a per-request cost that the machine's load changes less
function treeCpuMs(pid) {
  let ms = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ms = (Number(fields[11]) + Number(fields[12])) * 1000 / 100;   // utime + stime, in clock ticks of 1/100 s
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) ms += treeCpuMs(child);
    }
  } catch {}
  return ms;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
console.log(`\n${'scenario'.padEnd(32)} ${'requests/s'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU ms/req'.padStart(11)} ${'wrong'.padStart(6)}`);
for (const [name, make] of Object.entries(scenarios)) {
  await round(make);                                    // warm-up round, not counted
  const all = []; let wrong = 0; let ms = 0;
  const cpu0 = treeCpuMs(serve.pid);
  for (let r = 0; r < ROUNDS; r++) {
    const res = await round(make);
    all.push(...res.latencies); wrong += res.wrong; ms += res.ms;
  }
  const cpu = (treeCpuMs(serve.pid) - cpu0) / all.length;
  all.sort((a, b) => a - b);
  console.log(`${name.padEnd(32)} ${(all.length / (ms / 1000)).toFixed(0).padStart(11)} ${pct(all, 50).toFixed(1).padStart(8)} ${pct(all, 99).toFixed(1).padStart(8)} ${cpu.toFixed(2).padStart(11)} ${String(wrong).padStart(6)}`);
}
stop();
upstream.close();
process.exit(0);
