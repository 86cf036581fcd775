import { z } from 'zod';
import { pageQuery } from '../../http/schemas.js';

export const noticeView = z.object({
  id: z.uuid(),
  kind: z.enum(['assignment', 'supervision', 'deadline', 'hot_issue']),
  caseId: z.uuid().nullable(),
  caseNo: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  text: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const noticesQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const noticesPage = z.object({
  items: z.array(noticeView),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

export const outboxQuery = pageQuery.extend({
  status: z.enum(OUTBOX_STATUSES).optional(),
  topic: z.string().trim().max(100).optional(),
});

export const outboxView = z.object({
  id: z.number().int(),
  caseId: z.uuid().nullable(),
  caseNo: z.string().nullable(),
  topic: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  outcome: z.enum(['sent', 'skipped', 'dead']).nullable(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  createdAt: z.string(),
  availableAt: z.string(),
  processedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  transport: z.string().nullable(),
  recipient: z.string().nullable(),
  message: z.string().nullable(),
});
export type OutboxView = z.infer<typeof outboxView>;
