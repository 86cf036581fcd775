import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../common/src/errors.js';

/** Chinese unless the client asks for English first. */
export function requestLang(req: FastifyRequest): Lang {
  const header = req.headers['accept-language'];
  return typeof header === 'string' && /^\s*en\b/i.test(header) ? 'en' : 'zh';
}
