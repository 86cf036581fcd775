import crypto from 'node:crypto';
import { randomToken, safeEqual } from '../../lib/crypto.js';

/** How long a picture code may be answered. */
export const CAPTCHA_TTL_MS = 5 * 60_000;

export interface Captcha {
  /** Signed token the form sends back with the answer; the answer itself is only a keyed hash in it. */
  token: string;
  svg: string;
  expiresAt: Date;
}

const mac = (secret: string, text: string) =>
  crypto.createHmac('sha256', `portal-captcha:${secret}`).update(text).digest('base64url');

const rand = (n: number) => crypto.randomInt(n);

/**
 * A small sum drawn as SVG, made here so the public form needs no outside service. Glyphs are placed
 * with random offsets, rotations and noise lines: enough to stop blind form posting, not a targeted
 * OCR — the SMS code to the petitioner's own phone and the rate limits are the gates that matter.
 */
export function createCaptcha(secret: string, now = Date.now()): Captcha {
  const a = 1 + rand(9);
  const b = 1 + rand(9);
  const answer = String(a + b);
  const nonce = randomToken(12);
  const exp = now + CAPTCHA_TTL_MS;
  const body = `${nonce}.${exp}.${mac(secret, `${nonce}.${exp}.${answer}`)}`;
  const token = `${body}.${mac(secret, body)}`;
  const chars = [...`${a}+${b}=?`];
  const glyphs = chars
    .map((ch, i) => {
      const x = 14 + i * 22 + rand(5);
      const y = 30 + rand(8);
      const r = rand(41) - 20;
      return `<text x="${x}" y="${y}" transform="rotate(${r} ${x} ${y})">${ch}</text>`;
    })
    .join('');
  const noise = Array.from({ length: 5 }, () => {
    const c = `hsl(${rand(360)},40%,55%)`;
    return `<line x1="${rand(140)}" y1="${rand(44)}" x2="${rand(140)}" y2="${rand(44)}" stroke="${c}" stroke-width="1.5"/>`;
  }).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="140" height="44" viewBox="0 0 140 44" role="img" aria-label="图形验证码">` +
    `<rect width="140" height="44" fill="#f4f6f8"/>${noise}` +
    `<g font-family="monospace" font-size="24" font-weight="bold" fill="#334">${glyphs}</g></svg>`;
  return { token, svg, expiresAt: new Date(exp) };
}

/**
 * Checks the answer against the token. Returns the nonce (so the caller records it as spent) or
 * undefined when the token is forged, expired or the answer wrong.
 */
export function checkCaptcha(secret: string, token: string, answer: string, now = Date.now()) {
  const parts = token.split('.');
  if (parts.length !== 4) return undefined;
  const [nonce, expRaw, answerMac, sig] = parts as [string, string, string, string];
  if (!safeEqual(sig, mac(secret, `${nonce}.${expRaw}.${answerMac}`))) return undefined;
  const exp = Number(expRaw);
  if (!Number.isFinite(exp) || exp < now) return undefined;
  if (!safeEqual(answerMac, mac(secret, `${nonce}.${expRaw}.${answer.trim()}`))) return undefined;
  return { nonce, expiresAt: new Date(exp) };
}
