import { z } from 'zod';
import { DOCUMENT_KINDS } from './document-kinds.js';

export const kindSchema = z.enum(DOCUMENT_KINDS);

/** Placeholder values: short names, texts up to a few thousand characters. */
export const fieldsSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,40}$/), z.string().max(5000))
  .refine((r) => Object.keys(r).length <= 60, { message: '字段过多' })
  .default({});

export const issueBody = z.object({ kind: kindSchema, fields: fieldsSchema });

export const documentView = z.object({
  id: z.uuid(),
  kind: kindSchema,
  name: z.string(),
  version: z.number().int(),
  docNo: z.string().nullable(),
  title: z.string(),
  issuingUnit: z.string(),
  issuedBy: z.string().nullable(),
  issuedOn: z.string(),
  issuedAt: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const issuedView = z.object({
  id: z.uuid(),
  kind: kindSchema,
  version: z.number().int(),
  docNo: z.string().nullable(),
  title: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  issuedOn: z.string(),
});

export const documentList = z.object({
  items: z.array(documentView),
  /** Kinds the actor may issue on this case, with whether the case reached their step. */
  kinds: z.array(z.object({ kind: kindSchema, name: z.string(), source: z.enum(['case', 'request']) })),
  canExport: z.boolean(),
  canExportFull: z.boolean(),
  isAccusation: z.boolean(),
});

export const draftView = z.object({
  kind: kindSchema,
  name: z.string(),
  templateVersion: z.number().int(),
  placeholders: z.array(z.string()),
  fields: z.record(z.string(), z.string()),
  missing: z.array(z.string()),
  applicable: z.boolean(),
});

export const templateView = z.object({
  kind: kindSchema,
  version: z.number().int(),
  name: z.string(),
  title: z.string(),
  addressee: z.string().nullable(),
  body: z.string(),
  signature: z.string().nullable(),
  numberCode: z.string().nullable(),
  hasSeal: z.boolean(),
  note: z.string().nullable(),
  placeholders: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const line = (max: number) => z.string().trim().min(1).max(max);

export const templateBody = z.object({
  title: line(100),
  addressee: z.string().trim().max(200).nullable().default(null),
  body: line(20000),
  signature: z.string().trim().max(200).nullable().default(null),
  /** The 文号 series word (机关代字), e.g. "信受"; null for papers without a 文号. */
  numberCode: z
    .string()
    .trim()
    .regex(/^[\u4e00-\u9fa5A-Za-z]{1,8}$/, '文号代字为1至8个汉字或字母')
    .nullable()
    .default(null),
  hasSeal: z.boolean().default(true),
  note: z.string().trim().max(200).nullable().default(null),
});

export const dossierQuery = z.object({
  /** `other_units`: the copy with an accusation reporter's identity removed. */
  copy: z.enum(['full', 'other_units']).default('full'),
});
