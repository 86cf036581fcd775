import { z } from 'zod';
import { LIMITS } from '../../../../common/src/limits.js';

const text = (max: number) => z.string().trim().min(1, 'required').max(max, `max:${max}`);
const mobile = z.string().trim().regex(LIMITS.mobilePattern, 'mobileFormat');

export const SESSION_KINDS = ['leader_reception', 'duty'] as const;

export const sessionBody = z
  .object({
    /** Where the reception takes place; the staff member's scope must cover it. */
    unitId: z.uuid(),
    kind: z.enum(SESSION_KINDS),
    hostName: text(50),
    hostTitle: z.string().trim().max(50).optional(),
    hostUserId: z.uuid().optional(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    place: text(200),
    topics: z.string().trim().max(500).optional(),
    capacity: z.number().int().min(1, 'min:1').max(200, 'max:200'),
  })
  .superRefine((b, ctx) => {
    if (Date.parse(b.endsAt) <= Date.parse(b.startsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endBeforeStart' });
  });
export type SessionInput = z.infer<typeof sessionBody>;

export const cancelSessionBody = z.object({ reason: text(500) });

export const sessionsQuery = z.object({
  /** Sessions starting on or after this instant (default: now). */
  from: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const attendBody = z.object({
  outcome: z.enum(['attended', 'no_show']),
  /** The case registered at the reception, if any. */
  caseId: z.uuid().optional(),
});

export const bookBody = z.object({
  sessionId: z.uuid(),
  name: text(50),
  phone: mobile,
  smsCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'smsCodeFormat'),
  subject: text(500),
  personCount: z.number().int().min(1).max(5).default(1),
});
export type BookInput = z.infer<typeof bookBody>;

export const cancelBookingBody = z.object({
  bookingCode: z.string().trim().max(20),
  phone: mobile,
});

export const directoryQuery = z.object({
  /** Part of a name or address: 村, 街道, 路 … */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
