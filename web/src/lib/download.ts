import type { ErrorEnvelope } from '../../../common/src/errors.js';
import { ApiError, type QueryValue } from './api';

function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // a malformed name: keep the fallback
    }
  }
  return fallback;
}

/**
 * Downloads a generated file and hands it to the browser under the server's (Chinese) name.
 * Through fetch rather than a plain link, so a refusal shows as a message instead of a saved error page.
 */
export async function download(
  path: string,
  query: Record<string, QueryValue>,
  fallback: string,
): Promise<void> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  let res: Response;
  try {
    res = await fetch(qs ? `${path}?${qs}` : path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'Network error' });
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as ErrorEnvelope | undefined;
    throw body?.error
      ? new ApiError({
          code: body.error.code,
          status: res.status,
          message: body.error.message,
          details: body.error.details,
        })
      : new ApiError({ code: 'BAD_RESPONSE', status: res.status, message: `HTTP ${res.status}` });
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has started the download; the object URL may go once the browser took it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
