import { z } from 'zod';
import type { FieldError, Lang } from '../../../common/src/errors.js';
import { FIELD_MESSAGES, type FieldMessageKey } from '../../../common/src/field-messages.js';

interface ValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

const localeZh = z.locales.zhCN().localeError;
const localeEn = z.locales.en().localeError;

function isFieldMessageKey(m: string | undefined): m is FieldMessageKey {
  return !!m && m in FIELD_MESSAGES;
}

/** Turns zod issues (as fastify reports them) into field errors in the requester's language. */
export function localizeValidation(entries: ValidationEntry[], lang: Lang, prefix?: string): FieldError[] {
  return entries.map((e) => {
    const path = [prefix, e.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('.');
    let message: string;
    if (isFieldMessageKey(e.message)) {
      message = FIELD_MESSAGES[e.message][lang];
    } else if (e.keyword === 'invalid_type' && e.message?.includes('received undefined')) {
      message = FIELD_MESSAGES.required[lang];
    } else {
      const raw = { code: e.keyword, ...e.params, path: [] } as unknown as Parameters<typeof localeZh>[0];
      const out = (lang === 'en' ? localeEn : localeZh)(raw);
      message = (typeof out === 'string' ? out : out?.message) ?? e.message ?? '';
    }
    return { path, message };
  });
}
