import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { testApp } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';

// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(name: string, content: Buffer, mime = 'application/octet-stream') {
  const boundary = `----laiban${crypto.randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  client: { csrfToken: string | null },
  cookie: string,
  url: string,
  name: string,
  content: Buffer,
) {
  const app = await testApp();
  const m = multipart(name, content);
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'x-csrf-token': client.csrfToken ?? '', 'content-type': m.contentType },
    payload: m.body,
  });
  return { status: res.statusCode, body: res.json() };
}

async function session(user: { username: string }) {
  const app = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: 'Test-password-2026' },
  });
  return {
    cookie: String(res.headers['set-cookie']).split(';')[0] ?? '',
    csrfToken: res.json().csrfToken as string,
  };
}

describe('attachments', () => {
  it('stages a photo at intake, attaches it to the case with its sha256, and records each download', async () => {
    const d = await makeDistrict();
    const staff = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const s = await session(staff);
    const up = await upload(s, s.cookie, '/api/uploads', '现场照片.png', PNG);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ mime: 'image/png', kind: 'image', size: PNG.length });
    expect(up.body.sha256).toBe(crypto.createHash('sha256').update(PNG).digest('hex'));
    const client = await signInAs(staff);
    const created = await expectOk(await client.post('/api/cases', intake({ uploadIds: [up.body.id] })), 201);
    const c = created.case as { id: string; attachments: { id: string; name: string; sha256: string }[] };
    expect(c.attachments).toEqual([
      expect.objectContaining({ name: '现场照片.png', sha256: up.body.sha256 }),
    ]);
    const app = await testApp();
    const dl = await app.inject({
      method: 'GET',
      url: `/api/cases/${c.id}/attachments/${c.attachments[0]?.id}`,
      headers: { cookie: s.cookie },
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(dl.rawPayload, PNG)).toBe(0);
    const { db } = await testDatabase();
    const log = await db
      .selectFrom('personal_data_access')
      .select(['action', 'user_id'])
      .where('case_id', '=', c.id)
      .execute();
    expect(log).toEqual([{ action: 'download', user_id: staff.id }]);
    // An upload is used once.
    const again = await client.post('/api/cases', intake({ uploadIds: [up.body.id] }));
    expect(again.status).toBe(400);
    expect(again.body.error.details[0].path).toBe('body.uploadIds');
  });

  it('refuses a program renamed as a photo, by its content', async () => {
    const d = await makeDistrict();
    const staff = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const s = await session(staff);
    const exe = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(200)]);
    const res = await upload(s, s.cookie, '/api/uploads', '照片.jpg', exe);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('adds a file to an existing case; another town cannot', async () => {
    const d = await makeDistrict();
    const staff = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const client = await signInAs(staff);
    const id = (await expectOk(await client.post('/api/cases', intake()), 201)).id as string;
    const s = await session(staff);
    const ok = await upload(s, s.cookie, `/api/cases/${id}/attachments`, '补充材料.png', PNG);
    expect(ok.status).toBe(201);
    const events = await client.get(`/api/cases/${id}/events`);
    expect(events.body.items.map((e: { type: string }) => e.type)).toContain('case.attachment_added');
    const other = await session(d.clerkB);
    expect((await upload(other, other.cookie, `/api/cases/${id}/attachments`, 'x.png', PNG)).status).toBe(
      404,
    );
  });
});
