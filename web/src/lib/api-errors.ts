import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import dayjs from 'dayjs';
import { ERROR_CODES, type ErrorCode } from '../../../common/src/errors.js';
import i18n, { labelLang } from '../app/i18n';
import { ApiError } from './api';

function detail<T extends 'number' | 'string'>(
  details: unknown,
  key: string,
  type: T,
): (T extends 'number' ? number : string) | undefined {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  const v = (details as Record<string, unknown>)[key];
  return typeof v === type ? (v as T extends 'number' ? number : string) : undefined;
}

export interface FieldErrorEntry {
  name: (string | number)[];
  errors: string[];
}

/**
 * VALIDATION_FAILED details (`[{ path: 'body.roles.0.unitId', message }]`) as antd form field
 * errors: the `body.` prefix goes, list indexes become numbers so Form.List rows match.
 */
export function fieldErrorsOf(err: unknown): FieldErrorEntry[] {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED' || !Array.isArray(err.details))
    return [];
  const out: FieldErrorEntry[] = [];
  for (const d of err.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { path, message } = d as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string' || !path.startsWith('body.')) continue;
    const name = path
      .slice('body.'.length)
      .split('.')
      .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
    out.push({ name, errors: [message] });
  }
  return out;
}

/**
 * Puts the server's field errors next to the fields of `form`: VALIDATION_FAILED details, and
 * codes that are about one field (e.g. `{ USERNAME_TAKEN: 'username' }`). Returns whether any
 * field was marked. The toast is shown by the global handler either way.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  codeFields: Partial<Record<ErrorCode, NamePath>> = {},
): boolean {
  const fields: { name: NamePath; errors: string[] }[] = fieldErrorsOf(err);
  const field =
    err instanceof ApiError && err.code in codeFields ? codeFields[err.code as ErrorCode] : undefined;
  if (field !== undefined && err instanceof ApiError) fields.push({ name: field, errors: [err.message] });
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/**
 * The text shown for a failed call, in the UI language. The server has already localized the
 * message from Accept-Language; the details of sign-in failures are spelled out here.
 */
export function describeError(err: unknown): string {
  const lang = labelLang(i18n.language);
  const sep = lang === 'en' ? '; ' : '，';
  if (!(err instanceof ApiError)) return ERROR_CODES.INTERNAL[lang];
  switch (err.code) {
    case 'NETWORK_ERROR':
      return i18n.t('errors.network');
    case 'BAD_RESPONSE':
      return i18n.t('errors.badResponse', { status: err.status });
    case 'INVALID_CREDENTIALS': {
      const base = err.message || ERROR_CODES.INVALID_CREDENTIALS[lang];
      const remaining = detail(err.details, 'remainingAttempts', 'number');
      if (remaining === undefined) return base;
      if (remaining <= 0) return `${base}${sep}${i18n.t('errors.lockedNow')}`;
      return `${base}${sep}${i18n.t('errors.remainingAttempts', { count: remaining })}`;
    }
    case 'ACCOUNT_LOCKED': {
      const until = detail(err.details, 'lockedUntil', 'string');
      const at = until ? dayjs(until) : null;
      if (!at?.isValid()) return err.message || ERROR_CODES.ACCOUNT_LOCKED[lang];
      const sameDay = at.isSame(dayjs(), 'day');
      const time = at.format(sameDay ? 'HH:mm' : lang === 'en' ? 'YYYY-MM-DD HH:mm' : 'M月D日 HH:mm');
      return i18n.t('errors.lockedUntil', { time });
    }
    case 'VALIDATION_FAILED': {
      // The server's message names the fields by their API path; people read the field messages.
      const base = ERROR_CODES.VALIDATION_FAILED[lang];
      const first = fieldErrorsOf(err)[0]?.errors[0];
      return first ? `${base}${lang === 'en' ? ': ' : '：'}${first}` : base;
    }
    default:
      return err.message || ERROR_CODES[err.code]?.[lang] || ERROR_CODES.INTERNAL[lang];
  }
}
