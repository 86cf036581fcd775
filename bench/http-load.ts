import { performance } from 'node:perf_hooks';

/**
 * Closed-loop HTTP load: N clients, each with its own signed-in session and a keep-alive
 * connection (Node's fetch), send one request at a time for a fixed duration after a warm-up.
 * Every latency of the measured window is kept; percentiles are exact (nearest rank).
 */

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface PhaseResult {
  name: string;
  clients: number;
  seconds: number;
  requests: number;
  ok: number;
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number; min: number };
  errors: Record<string, number>;
  errorSamples: string[];
}

/** Only loopback: the benchmark never sends anything off the machine. */
function assertLoopback(base: string): void {
  const host = new URL(base).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`refusing to load ${host}: the benchmark only targets 127.0.0.1`);
  }
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  assertLoopback(base);
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  if (res.status !== 200 || !body.csrfToken) {
    throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('laiban_session='));
  if (!cookie) throw new Error('no laiban_session cookie in the login response');
  return { username, cookie, csrf: body.csrfToken };
}

async function send(base: string, s: Session, r: RequestSpec): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { cookie: s.cookie, accept: 'application/json' };
  if (r.method !== 'GET') {
    headers['x-csrf-token'] = s.csrf;
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${r.path}`, {
    method: r.method,
    headers,
    ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export async function runPhase(o: {
  name: string;
  base: string;
  sessions: Session[];
  warmupSeconds: number;
  seconds: number;
  expectStatus: number;
  next: (client: number) => RequestSpec;
  onResponse?: (status: number, text: string) => void;
  onMeasureStart?: () => void;
}): Promise<PhaseResult> {
  assertLoopback(o.base);
  // Warm-up: same traffic, not recorded.
  const warmEnd = performance.now() + o.warmupSeconds * 1000;
  await Promise.all(
    o.sessions.map(async (s, c) => {
      while (performance.now() < warmEnd) {
        await send(o.base, s, o.next(c)).catch(() => undefined);
      }
    }),
  );
  let lat = new Float64Array(1 << 16);
  let n = 0;
  let ok = 0;
  const errors: Record<string, number> = {};
  const errorSamples: string[] = [];
  o.onMeasureStart?.();
  const start = performance.now();
  const end = start + o.seconds * 1000;
  let lastDone = start;
  // A hard cap on requests per client keeps every loop bounded even if the clock misbehaves.
  const maxPerClient = 2_000_000;
  await Promise.all(
    o.sessions.map(async (s, c) => {
      for (let k = 0; k < maxPerClient && performance.now() < end; k++) {
        const spec = o.next(c);
        const t = performance.now();
        let status = 0;
        let text = '';
        try {
          ({ status, text } = await send(o.base, s, spec));
        } catch (err) {
          text = (err as Error).message;
        }
        const done = performance.now();
        lastDone = Math.max(lastDone, done);
        if (n === lat.length) {
          const bigger = new Float64Array(lat.length * 2);
          bigger.set(lat);
          lat = bigger;
        }
        lat[n++] = done - t;
        if (status === o.expectStatus) {
          ok++;
          o.onResponse?.(status, text);
        } else {
          const key = status ? String(status) : 'network';
          errors[key] = (errors[key] ?? 0) + 1;
          if (errorSamples.length < 5)
            errorSamples.push(`${status} ${spec.method} ${spec.path}: ${text.slice(0, 300)}`);
        }
      }
    }),
  );
  const seconds = (lastDone - start) / 1000;
  const sorted = lat.slice(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    name: o.name,
    clients: o.sessions.length,
    seconds: r2(seconds),
    requests: n,
    ok,
    throughput: r2(ok / seconds),
    latencyMs: {
      p50: r2(percentile(sorted, 50)),
      p95: r2(percentile(sorted, 95)),
      p99: r2(percentile(sorted, 99)),
      max: r2(sorted[n - 1] ?? 0),
      mean: r2(n ? sum / n : 0),
      min: r2(sorted[0] ?? 0),
    },
    errors,
    errorSamples,
  };
}
