import { z } from 'zod';
import { CHANNELS, RISK_COLOURS } from '../../../../common/src/cases.js';
import { LIMITS } from '../../../../common/src/limits.js';

const isoDate = z.iso.date();

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  open: z.enum(['true', 'false']).optional(),
  categoryCode: z
    .string()
    .regex(/^\d{2}(\d{2})?$/, 'categoryFormat')
    .optional(),
  channel: z.enum(CHANNELS).optional(),
  riskColour: z.enum(RISK_COLOURS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(LIMITS.pageSizeDefault),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** Text cut into runs; `hit` runs matched the query (the web app marks them). Never HTML. */
const segments = z.array(z.object({ text: z.string(), hit: z.boolean() }));

export const searchHit = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  title: z.string(),
  status: z.string(),
  isOpen: z.boolean(),
  channel: z.string(),
  categoryCode: z.string(),
  riskColour: z.string(),
  receivedAt: z.string(),
  ownerUnit: z.object({ id: z.uuid(), name: z.string() }),
  address: z.string(),
  score: z.number(),
  highlights: z.object({
    title: segments,
    /** Where the snippet comes from: facts, demands, address or the reply. */
    field: z.enum(['facts', 'demands', 'address', 'opinion']),
    snippet: segments,
  }),
});

export const searchResult = z.object({
  items: z.array(searchHit),
  /** Matches counted, at most `totalCap` (the newest matches are ranked). */
  total: z.number().int(),
  totalCap: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The words searched for, after tokenisation (what was looked up). */
  terms: z.array(z.string()),
  tookMs: z.number(),
});

export const duplicateBody = z.object({
  /** Persons of the new petition: ID numbers and phones are compared by keyed hash only. */
  persons: z
    .array(
      z.object({
        idNumber: z.string().trim().max(40).optional(),
        phone: z.string().trim().max(20).optional(),
      }),
    )
    .max(50)
    .default([]),
  title: z.string().trim().max(100).default(''),
  facts: z.string().trim().max(5000).default(''),
  demands: z.string().trim().max(2000).default(''),
  reasons: z.string().trim().max(5000).optional(),
  address: z.string().trim().max(LIMITS.addressMax).default(''),
  categoryCode: z
    .string()
    .regex(/^\d{4}$/, 'categoryFormat')
    .optional(),
});
export type DuplicateInput = z.infer<typeof duplicateBody>;

export const candidateReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('same_person') }),
  z.object({ code: z.literal('same_address'), score: z.number() }),
  z.object({ code: z.literal('similar_text'), score: z.number() }),
  z.object({ code: z.literal('terminated_same_facts') }),
]);

export const duplicateCandidate = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  title: z.string(),
  status: z.string(),
  isOpen: z.boolean(),
  isTerminated: z.boolean(),
  receivedAt: z.string(),
  ownerUnit: z.object({ id: z.uuid(), name: z.string() }),
  address: z.string(),
  score: z.number(),
  reasons: z.array(candidateReason),
  /** The new case may be linked to it as a repeat (it is open). */
  canLinkAsRepeat: z.boolean(),
  /** The not-re-accepted notice may cite it (terminated, 第36条第3款). */
  canCiteTerminated: z.boolean(),
});

export const duplicateResult = z.object({
  items: z.array(duplicateCandidate),
  tookMs: z.number(),
});
