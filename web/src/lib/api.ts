import type { ErrorCode, ErrorEnvelope } from '../../../common/src/errors.js';

/** Codes the client itself raises when there is no error envelope to read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** Codes that mean "this browser is not (or no longer) signed in" or "must change password first". */
export type AuthProblem = 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'PASSWORD_CHANGE_REQUIRED';
const AUTH_PROBLEMS: ReadonlySet<string> = new Set<AuthProblem>([
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'PASSWORD_CHANGE_REQUIRED',
]);

/** Every failed API call rejects with this: the server's error envelope, or a client-side code. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(init: {
    code: ApiErrorCode;
    status: number;
    message: string;
    requestId?: string;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.details = init.details;
  }
}

export function isApiError(err: unknown, code?: ApiErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

export function isAuthProblem(err: unknown): err is ApiError & { code: AuthProblem } {
  return err instanceof ApiError && AUTH_PROBLEMS.has(err.code);
}

/* Module state: one API client per browser tab. */
let csrfToken: string | null = null;
let acceptLanguage = 'zh-CN';
let authProblemListener: ((code: AuthProblem) => void) | null = null;
let lastCallAt = Date.now();

/** The CSRF token comes from the sign-in response and from GET /api/auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Server messages are localized from Accept-Language: `en` for English, `zh-CN` otherwise. */
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang.startsWith('en') ? 'en' : 'zh-CN';
}

/** The app registers one listener that sends the user to sign in or to change the password. */
export function onAuthProblem(listener: (code: AuthProblem) => void): () => void {
  authProblemListener = listener;
  return () => {
    if (authProblemListener === listener) authProblemListener = null;
  };
}

/** Time of the last request sent: the server's idle timeout counts from it. */
export function lastApiCallAt(): number {
  return lastCallAt;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Let the caller handle 401/403-password codes itself (used by sign-in and the session probe). */
  noAuthRedirect?: boolean;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const e = (body as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

function errorFromBody(status: number, body: unknown): ApiError {
  return isEnvelope(body)
    ? new ApiError({
        code: body.error.code,
        status,
        message: body.error.message,
        requestId: body.error.requestId,
        details: body.error.details,
      })
    : new ApiError({ code: 'BAD_RESPONSE', status, message: `HTTP ${status}` });
}

/**
 * The one fetch wrapper: JSON in and out, session cookie, CSRF header on writes, Accept-Language,
 * and every failure turned into an ApiError. Sign-in problems are reported to the app's listener.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  lastCallAt = Date.now();
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'Network error' });
  }

  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }

  if (!res.ok) {
    const error = errorFromBody(res.status, body);
    if (!options.noAuthRedirect && isAuthProblem(error)) authProblemListener?.(error.code);
    throw error;
  }
  if (text && body === undefined) {
    throw new ApiError({ code: 'BAD_RESPONSE', status: res.status, message: 'Invalid JSON' });
  }
  return body as T;
}

/** A page of a list endpoint. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface UploadOptions {
  /** Multipart field name; the server reads "file". */
  field?: string;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Multipart upload of one file, with the same headers, errors and sign-in handling as api().
 * XMLHttpRequest rather than fetch: fetch reports no upload progress.
 */
export function uploadFile<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'Network error' }));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = errorFromBody(xhr.status, body);
      if (isAuthProblem(error)) authProblemListener?.(error.code);
      reject(error);
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append(options.field ?? 'file', file, file instanceof File ? file.name : 'file');
    lastCallAt = Date.now();
    xhr.send(form);
  });
}
