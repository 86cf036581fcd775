import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../http/app.js';
import { testConfig, testDatabase } from './test-db.js';

let shared: Promise<FastifyInstance> | undefined;

/** One app per worker over the worker's database. */
export function testApp(): Promise<FastifyInstance> {
  // TEST_LOG=debug shows the server log (e.g. the cause of a 500) while debugging a test.
  shared ??= (async () =>
    buildApp(
      {
        config: testConfig(process.env.TEST_LOG ? { LOG_LEVEL: process.env.TEST_LOG } : {}),
        database: await testDatabase(),
      },
      { logger: !!process.env.TEST_LOG },
    ))();
  return shared;
}

export interface Client {
  readonly csrfToken: string | null;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  get(url: string, headers?: Record<string, string>): Promise<Res>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  put(url: string, body?: unknown): Promise<Res>;
  patch(url: string, body?: unknown): Promise<Res>;
  delete(url: string): Promise<Res>;
}

export interface Res {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely.
  body: any;
  headers: LightMyRequestResponse['headers'];
}

function parse(r: LightMyRequestResponse): Res {
  let body: unknown = r.body;
  try {
    body = r.json();
  } catch {
    // non-JSON body (HTML, empty)
  }
  return { status: r.statusCode, body, headers: r.headers };
}

/** A client carrying a session cookie and CSRF token (or nothing, for anonymous calls). */
export function clientFor(
  app: FastifyInstance,
  session?: { cookie: string; csrfToken: string | null },
): Client {
  const request = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const opts: InjectOptions = {
      method: method as InjectOptions['method'],
      url,
      headers: {
        ...(session ? { cookie: session.cookie } : {}),
        ...(session?.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    };
    return parse(await app.inject(opts));
  };
  return {
    csrfToken: session?.csrfToken ?? null,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const cookie = (raw ?? '').split(';')[0] ?? '';
  return clientFor(app, { cookie, csrfToken: res.json().csrfToken });
}
