import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { maskPhone } from '../../../../../common/src/masking.js';
import type { Config } from '../../../config.js';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../http/errors.js';
import { fieldCryptoFor } from '../../../lib/field-crypto.js';
import { checkCaptcha } from '../captcha.js';

export const SMS_CODE_TTL_MS = 10 * 60_000;
export const SMS_CODE_MAX_TRIES = 5;
const RESEND_AFTER_MS = 60_000;
const PER_PHONE_PER_DAY = 10;

export const smsCodeHash = (config: Config, phoneHmac: string, code: string) =>
  crypto
    .createHmac('sha256', `portal-sms:${config.sessionSecret}`)
    .update(`${phoneHmac}:${code}`)
    .digest('hex');

/** Spends a CAPTCHA token: a right answer counts once, so a solved picture cannot be replayed. */
export async function spendCaptcha(db: Kysely<DB>, config: Config, token: string, answer: string) {
  const ok = checkCaptcha(config.sessionSecret, token, answer);
  if (!ok) throw new AppError('CAPTCHA_INVALID');
  const spent = await db
    .insertInto('portal_spent_captchas')
    .values({ nonce: ok.nonce, expires_at: ok.expiresAt })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst();
  if (!spent) throw new AppError('CAPTCHA_INVALID');
  // Old nonces are useless once their token expired; cleaning a few here keeps the table small.
  await db.deleteFrom('portal_spent_captchas').where('expires_at', '<', new Date()).execute();
}

/**
 * 短信验证码: proves the petitioner holds the phone they give. The code goes out through the outbox
 * like every SMS (the log transport shows it in development); only a keyed hash is kept to check it.
 */
export async function sendSmsCode(
  deps: { db: Kysely<DB>; config: Config },
  input: { captchaToken: string; captchaAnswer: string; phone: string },
): Promise<{ sentTo: string; expiresInSeconds: number }> {
  const { db, config } = deps;
  await spendCaptcha(db, config, input.captchaToken, input.captchaAnswer);
  const fc = fieldCryptoFor(config);
  const phoneHmac = fc.blindIndex(input.phone);
  const now = Date.now();
  const recent = await db
    .selectFrom('portal_sms_codes')
    .select(['created_at'])
    .where('phone_hmac', '=', phoneHmac)
    .where('created_at', '>', new Date(now - 24 * 3600_000))
    .orderBy('created_at', 'desc')
    .execute();
  if (recent[0] && now - recent[0].created_at.getTime() < RESEND_AFTER_MS) {
    throw new AppError('RATE_LIMITED', undefined, {
      zh: '验证码已发送，请60秒后再重新获取',
      en: 'A code was just sent; wait 60 seconds before asking again',
    });
  }
  if (recent.length >= PER_PHONE_PER_DAY) {
    throw new AppError('RATE_LIMITED', undefined, {
      zh: `同一手机号每天最多获取${PER_PHONE_PER_DAY}次验证码，请明天再试`,
      en: `At most ${PER_PHONE_PER_DAY} codes per phone per day`,
    });
  }
  const code = String(crypto.randomInt(1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('portal_sms_codes')
      .values({
        phone_hmac: phoneHmac,
        code_hash: smsCodeHash(config, phoneHmac, code),
        expires_at: new Date(now + SMS_CODE_TTL_MS),
      })
      .execute();
    // The phone travels encrypted: there is no case (and so no party row) to look it up from yet.
    await trx
      .insertInto('outbox')
      .values({
        case_id: null,
        topic: 'sms.portal.code',
        payload: JSON.stringify({ phoneEnc: fc.encrypt(input.phone), code }),
      })
      .execute();
  });
  return { sentTo: maskPhone(input.phone), expiresInSeconds: SMS_CODE_TTL_MS / 1000 };
}

/** Checks and uses up the newest code for the phone; a wrong guess counts against it. */
export async function consumeSmsCode(db: Kysely<DB>, config: Config, phoneHmac: string, code: string) {
  const row = await db
    .selectFrom('portal_sms_codes')
    .selectAll()
    .where('phone_hmac', '=', phoneHmac)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.attempts >= SMS_CODE_MAX_TRIES) throw new AppError('SMS_CODE_INVALID');
  if (row.code_hash !== smsCodeHash(config, phoneHmac, code)) {
    await db
      .updateTable('portal_sms_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    throw new AppError('SMS_CODE_INVALID');
  }
  const used = await db
    .updateTable('portal_sms_codes')
    .set({ used_at: new Date() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!used) throw new AppError('SMS_CODE_INVALID');
  return row.id;
}

/** Gives a code back when the submission it was used for failed on a later check. */
export async function releaseSmsCode(db: Kysely<DB>, id: string) {
  await db.updateTable('portal_sms_codes').set({ used_at: null }).where('id', '=', id).execute();
}
