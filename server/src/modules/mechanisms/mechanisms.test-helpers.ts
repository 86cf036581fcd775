/** Helpers of the mechanism tests (test-only, imported by *.test.ts). */
import crypto from 'node:crypto';
import { expect } from 'vitest';
import { expectOk } from '../../test/case-factories.js';
import type { TestUnit } from '../../test/factories.js';
import type { Json } from '../../test/story-helpers.js';
import type { Client } from '../../test/test-app.js';
import { minimalPdf } from '../attachments/test-fixtures.js';

/** Uploads a scanned signed paper (a real PDF) to the case; returns the attachment id. */
export async function uploadScan(client: Client, caseId: string, name: string): Promise<string> {
  const boundary = `----laiban${crypto.randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    minimalPdf(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request('POST', `/api/cases/${caseId}/attachments`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  await expectOk(res, 201);
  return attachmentNamed(client, caseId, name);
}

/** The id of the case's latest attachment of that name (the upload answer carries none). */
export async function attachmentNamed(client: Client, caseId: string, name: string): Promise<string> {
  const c = (await expectOk(await client.get(`/api/cases/${caseId}`))) as Json;
  const hit = (c.attachments as Json[]).filter((a) => a.name === name).at(-1);
  if (!hit) throw new Error(`no attachment ${name}`);
  return hit.id as string;
}

/** Adds a roster entry through the admin API; returns its id. */
export async function addRoster(
  admin: Client,
  owner: TestUnit,
  entry: {
    kind: 'expert' | 'mediator' | 'hearing_panel';
    name: string;
    identity: string;
    level: 'city' | 'district' | 'town';
    userId?: string;
    workUnitId?: string;
    workUnit?: string;
    expertise?: string;
  },
): Promise<string> {
  const res = await admin.post('/api/admin/mechanism-roster', { ownerUnitId: owner.id, ...entry });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** POST to a mechanism route and expect success; returns { mechanismId, caseVersion }. */
export async function mech(client: Client, url: string, body: Record<string, unknown>, status = 200) {
  return (await expectOk(await client.post(url, body), status)) as Json;
}

export async function records(client: Client, caseId: string): Promise<Json[]> {
  return ((await expectOk(await client.get(`/api/cases/${caseId}/mechanisms`))) as Json).items as Json[];
}
