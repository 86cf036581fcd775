import { z } from 'zod';

export const hotIssuesQuery = z.object({
  /** The area: a unit the actor oversees (default: the actor's own unit). */
  unitId: z.uuid().optional(),
  windowDays: z.coerce.number().int().min(1).max(180).optional(),
  minSize: z.coerce.number().int().min(2).max(100).default(2),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type HotIssuesQuery = z.infer<typeof hotIssuesQuery>;

const unitRef = z.object({ id: z.uuid(), name: z.string() });

export const hotIssue = z.object({
  /** The cluster's earliest case: a stable name while the cluster grows. */
  id: z.uuid(),
  title: z.string(),
  keywords: z.array(z.string()),
  place: z.string().nullable(),
  categoryCode: z.string(),
  size: z.number(),
  persons: z.number(),
  supports: z.number(),
  recent: z.number(),
  previous: z.number(),
  growth: z.number(),
  heat: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
  responsibleUnit: unitRef.nullable(),
  isAlerted: z.boolean(),
  cases: z.array(
    z.object({
      id: z.uuid(),
      caseNo: z.string(),
      title: z.string(),
      receivedAt: z.string(),
      status: z.string(),
      ownerUnitName: z.string(),
    }),
  ),
});
export type HotIssue = z.infer<typeof hotIssue>;

export const hotIssues = z.object({
  unit: unitRef,
  windowDays: z.number(),
  alertSize: z.number(),
  casesConsidered: z.number(),
  issues: z.array(hotIssue),
});
export type HotIssues = z.infer<typeof hotIssues>;
