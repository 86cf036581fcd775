import { z } from 'zod';
import { SATISFACTION } from '../../../../common/src/cases.js';
import { isValidIdNumber } from '../../../../common/src/id-number.js';
import { LIMITS } from '../../../../common/src/limits.js';

/** The privacy notice the petitioner agreed to; bump when its text changes so consent names the version. */
export const CONSENT_VERSION = 'portal-privacy-2026-1';

const text = (max: number) => z.string().trim().min(1, 'required').max(max, `max:${max}`);
const mobile = z.string().trim().regex(LIMITS.mobilePattern, 'mobileFormat');

export const captchaAnswer = {
  captchaToken: z.string().max(300),
  captchaAnswer: z.string().trim().max(10),
};

export const smsCodeBody = z.object({ ...captchaAnswer, phone: mobile });

export const petitionBody = z.object({
  smsCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'smsCodeFormat'),
  /** The form's consent checkbox: the petition is not accepted without it. */
  consent: z.literal(true, 'consentRequired'),
  consentVersion: z.literal(CONSENT_VERSION, 'consentOutdated'),
  name: text(50),
  idNumber: z.string().trim().max(18).refine(isValidIdNumber, 'idNumberInvalid'),
  phone: mobile,
  contactAddress: text(LIMITS.addressMax),
  categoryCode: z.string().regex(/^\d{4}$/, 'categoryFormat'),
  /** The town or community where the matter is; it becomes the receiving unit. */
  unitId: z.uuid(),
  address: text(LIMITS.addressMax),
  title: text(100),
  facts: text(5000),
  demands: text(2000),
});
export type PetitionInput = z.infer<typeof petitionBody>;

export const trackBody = z.object({
  trackingCode: z.string().trim().max(40),
  password: z.string().max(60),
});

export const confirmReceiptBody = trackBody.extend({ note: z.string().trim().max(500).optional() });
export const rateBody = trackBody.extend({
  satisfaction: z.enum(SATISFACTION),
  comment: z.string().trim().max(1000).optional(),
});
export const requestReviewBody = trackBody.extend({ reasons: text(5000) });
