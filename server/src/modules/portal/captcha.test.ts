import { describe, expect, it } from 'vitest';
import { CAPTCHA_TTL_MS, checkCaptcha, createCaptcha } from './captcha.js';
import { solveCaptcha } from './portal.test-helpers.js';

describe('portal CAPTCHA', () => {
  const secret = 'test-secret';
  it('accepts the right answer and refuses a wrong one, another secret, a tampered or expired token', () => {
    const now = Date.now();
    const c = createCaptcha(secret, now);
    expect(c.svg).toMatch(/^<svg /);
    const answer = solveCaptcha(c.svg);
    expect(checkCaptcha(secret, c.token, answer, now)).toBeDefined();
    expect(checkCaptcha(secret, c.token, ` ${answer} `, now)).toBeDefined();
    expect(checkCaptcha(secret, c.token, String(Number(answer) + 1), now)).toBeUndefined();
    expect(checkCaptcha('other', c.token, answer, now)).toBeUndefined();
    const [n, exp, h, sig] = c.token.split('.');
    expect(checkCaptcha(secret, [n, Number(exp) + 60_000, h, sig].join('.'), answer, now)).toBeUndefined();
    expect(checkCaptcha(secret, c.token, answer, now + CAPTCHA_TTL_MS + 1)).toBeUndefined();
    // The answer is not in the token in the clear.
    expect(c.token.split('.')).not.toContain(answer);
  });
});
