import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { normalizeIdNumber } from '../../../../../common/src/id-number.js';
import type { Config } from '../../../config.js';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../http/errors.js';
import { fieldCryptoFor, normalizePhone } from '../../../lib/field-crypto.js';
import { hashPassword } from '../../auth/passwords.js';
import { intakeBody } from '../../cases/cases.schemas.js';
import { registerCase } from '../../cases/use-cases/register-case.js';
import { listPublicServices } from '../../open311/open311.repository.js';
import type { PetitionInput } from '../portal.schemas.js';
import { portalActor } from '../portal-actor.js';
import { consumeSmsCode, releaseSmsCode } from './send-sms-code.js';

/** Online submissions per ID number in a day: more is almost always a script or a misunderstanding. */
export const PER_ID_PER_DAY = 3;
/** Kinds of unit a citizen may name as where the matter is (the receiving unit). */
export const RECEIVING_KINDS = ['district', 'town', 'community'] as const;
export const PORTAL_SOURCE_REF = 'portal';

// No 0/O, 1/I/L: codes are read off a phone screen and typed again.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const randomChars = (n: number) =>
  Array.from({ length: n }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');

/** 12 random characters (≈59 bits): a query password nobody guesses within the throttle. */
export const newQueryPassword = () => randomChars(12).replace(/(.{4})(?=.)/g, '$1-');
/** Random, so the code alone says nothing (not the date, not the unit, not a sequence). */
export const newTrackingCode = () => `WS${randomChars(10)}`;
/** Query credentials are typed on phones: case, spaces and dashes do not matter. */
export const normalizeCredential = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

/**
 * 网上信访: a citizen's form becomes an intake on channel "online" at the unit they chose, registered
 * through the ordinary use case by the portal's service account with a one-call grant over that unit,
 * in the same transaction as the tracking credentials and the consent record. Text is stored exactly
 * as typed (markup included) and only ever shown as text.
 */
export async function submitPetition(
  deps: { db: Kysely<DB>; config: Config; requestId: string; ip?: string },
  input: PetitionInput,
): Promise<{ trackingCode: string; queryPassword: string; caseNo: string }> {
  const { db, config } = deps;
  const fc = fieldCryptoFor(config);
  const idNumber = normalizeIdNumber(input.idNumber) ?? input.idNumber.toUpperCase();
  const idHmac = fc.blindIndex(idNumber);
  const phoneHmac = fc.blindIndex(normalizePhone(input.phone));

  const since = new Date(Date.now() - 24 * 3600_000);
  const { n } = await db
    .selectFrom('portal_petitions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id_number_hmac', '=', idHmac)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(n) >= PER_ID_PER_DAY) {
    throw new AppError('RATE_LIMITED', undefined, {
      zh: `同一身份证号24小时内最多在线提交${PER_ID_PER_DAY}件信访事项，请明天再提交，或到信访接待场所当面反映`,
      en: `At most ${PER_ID_PER_DAY} online petitions per ID number in 24 hours`,
    });
  }
  const [service] = await listPublicServices(db, input.categoryCode);
  if (!service) {
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.categoryCode', message: '问题分类不存在或不公开' },
    ]);
  }
  const unit = await db
    .selectFrom('org_units')
    .select(['id', 'path', 'kind'])
    .where('id', '=', input.unitId)
    .where('is_active', '=', true)
    .where('kind', 'in', [...RECEIVING_KINDS])
    .executeTakeFirst();
  if (!unit) {
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.unitId', message: '请选择事项所在的乡镇（街道）或社区（村）' },
    ]);
  }
  const intake = intakeBody.parse({
    channel: 'online',
    unitId: unit.id,
    sourceRef: PORTAL_SOURCE_REF,
    petitioners: [{ name: input.name, idNumber, phone: input.phone, address: input.contactAddress }],
    title: input.title,
    facts: input.facts,
    demands: input.demands,
    categoryCode: input.categoryCode,
    address: input.address,
    locationUnitId: unit.id,
  });
  // Checked last so that a form with a mistake does not use up the code.
  const codeId = await consumeSmsCode(db, config, phoneHmac, input.smsCode);
  const actor = await portalActor(db, unit.id, [
    // Held only for this call and only over the chosen unit: the narrowest role that may register.
    { role: 'grid_worker', unitId: unit.id, unitPath: unit.path },
  ]);
  const queryPassword = newQueryPassword();
  const passwordHash = await hashPassword(normalizeCredential(queryPassword));
  try {
    return await db.transaction().execute(async (trx) => {
      const registered = await registerCase(
        { db: trx, config, actor, requestId: deps.requestId, ip: deps.ip },
        intake,
        { provenance: { portal: true, consentVersion: input.consentVersion } },
      );
      const trackingCode = newTrackingCode();
      await trx
        .insertInto('portal_petitions')
        .values({
          case_id: registered.caseId,
          tracking_code: trackingCode,
          password_hash: passwordHash,
          id_number_hmac: idHmac,
          phone_hmac: phoneHmac,
          consent_version: input.consentVersion,
          consented_at: new Date(),
        })
        .execute();
      return { trackingCode, queryPassword, caseNo: registered.caseNo };
    });
  } catch (err) {
    await releaseSmsCode(db, codeId);
    throw err;
  }
}
