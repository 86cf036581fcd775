// Used by the portal's tests only.

import type { FastifyInstance } from 'fastify';
import { fieldCryptoFor } from '../../lib/field-crypto.js';
import { testConfig, testDatabase } from '../../test/test-db.js';

/** Reads the sum off the picture the way a person would: the glyphs in order. */
export function solveCaptcha(svg: string): string {
  const glyphs = [...svg.matchAll(/>([^<])<\/text>/g)].map((m) => m[1]).join('');
  const m = /^(\d)\+(\d)=\?$/.exec(glyphs);
  if (!m) throw new Error(`unreadable captcha: ${glyphs}`);
  return String(Number(m[1]) + Number(m[2]));
}

let ipSeq = 0;
let phoneSeq = 0;
/** Each scenario from its own address, so the per-address buckets of one test do not starve another. */
export const newIp = () => `10.9.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;
export const newPhone = () =>
  `139${String(Date.now() % 1e4).padStart(4, '0')}${String(phoneSeq++).padStart(4, '0')}`;

/** An anonymous citizen's calls to the portal from one address. */
export function citizen(app: FastifyInstance, ip = newIp()) {
  const post = async (url: string, body: unknown) => {
    const r = await app.inject({ method: 'POST', url, payload: body as object, remoteAddress: ip });
    // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON body freely.
    return { status: r.statusCode, body: r.json() as any, headers: r.headers };
  };
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url, remoteAddress: ip });
    // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON body freely.
    return { status: r.statusCode, body: r.json() as any };
  };
  /** Asks for an SMS code (solving the CAPTCHA) and reads it off the outbox as the SMS would carry it. */
  const smsCode = async (phone: string): Promise<string> => {
    const c = await post('/api/portal/captcha', {});
    const res = await post('/api/portal/sms-code', {
      captchaToken: c.body.token,
      captchaAnswer: solveCaptcha(c.body.svg),
      phone,
    });
    if (res.status !== 200) throw new Error(`sms-code: ${JSON.stringify(res.body)}`);
    const { db } = await testDatabase();
    const fc = fieldCryptoFor(testConfig());
    const rows = await db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'sms.portal.code')
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    for (const r of rows) {
      const p = r.payload as { phoneEnc: string; code: string };
      if (fc.decrypt(p.phoneEnc) === phone) return p.code;
    }
    throw new Error('no code sent');
  };
  return { ip, post, get, smsCode };
}
