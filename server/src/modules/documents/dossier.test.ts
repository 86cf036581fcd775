import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser } from '../../test/factories.js';
import {
  accessRows,
  expectCreated,
  type Json,
  person,
  replyAndDeliver,
  run,
  STORY,
} from '../../test/story-helpers.js';
import { testApp } from '../../test/test-app.js';
import { openDocx, openZip, type Session, sessionOf } from './documents.test-helpers.js';

// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads a file to the case through the ordinary attachment route. */
async function attach(s: Session, caseId: string, name: string, content: Buffer) {
  const app = await testApp();
  const boundary = `----laiban${crypto.randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.client.csrfToken ?? '',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as Json;
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('dossier export (案卷)', STORY, () => {
  it('packs 卷内目录, every document and attachment and the timeline, in archive order', async () => {
    const d = await makeDistrict();
    const clerk = await sessionOf(d.clerkA);
    const created = await expectCreated(
      await clerk.client.post('/api/cases', intake({ petitioners: [person('孙桂兰')], title: '楼道积水' })),
    );
    const id = created.id as string;
    await run(clerk.client, id, 'accept', {});
    const notice = (await expectOk(
      await clerk.client.post(`/api/cases/${id}/documents`, {
        kind: 'acceptance_notice',
        fields: { contactPhone: '0536-7212345' },
      }),
      201,
    )) as Json;
    const photo = await attach(clerk, id, '现场照片.png', PNG);
    await replyAndDeliver(clerk.client, id);
    const opinion = (await expectOk(
      await clerk.client.post(`/api/cases/${id}/documents`, { kind: 'handling_opinion', fields: {} }),
      201,
    )) as Json;

    const res = await clerk.bytes(`/api/cases/${id}/dossier.zip`);
    expect(res.status).toBe(200);
    expect(res.headers['x-dossier-copy']).toBe('full');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      `${created.caseNo}-案卷.zip`,
    );
    const zip = await openZip(res.body);
    expect(zip.names).toEqual([
      '00 卷内目录.docx',
      '01 信访事项受理告知书.docx',
      '02 附件 现场照片.png',
      '03 信访事项处理意见书.docx',
      '04 办理过程记录.docx',
      '办理过程记录.json',
      'manifest.json',
    ]);
    // The documents are the stored bytes, the same the download gives.
    expect(sha(await zip.file('01 信访事项受理告知书.docx'))).toBe(notice.sha256);
    expect(sha(await zip.file('03 信访事项处理意见书.docx'))).toBe(opinion.sha256);
    expect(sha(await zip.file('02 附件 现场照片.png'))).toBe(photo.sha256);

    // 卷内目录 lists every item with its 文号 and date.
    const toc = (await openDocx(await zip.file('00 卷内目录.docx'))).text;
    expect(toc).toContain('卷内目录');
    expect(toc).toContain(`信访事项编号：${created.caseNo}`);
    expect(toc).toContain(notice.docNo);
    expect(toc).toContain(opinion.docNo);
    expect(toc).toContain('附件：现场照片.png');
    expect(toc).toContain('办理过程记录');

    // The opinion took outcome, reasoning and basis from the record.
    const op = (await openDocx(await zip.file('03 信访事项处理意见书.docx'))).text;
    expect(op).toContain('经调查核实，诉求合理，予以支持。');
    expect(op).toContain('经研究，本机关对你（们）的请求予以支持。');
    expect(op).toContain('《信访工作条例》第32条');
    expect(op).toContain('向测试区');

    // The timeline matches the case's events, with the hash chain.
    const events = (await expectOk(await clerk.client.get(`/api/cases/${id}/events`))) as Json;
    const chain = JSON.parse((await zip.file('办理过程记录.json')).toString('utf8')) as Json[];
    expect(chain.map((e) => e.type)).toEqual((events.items as Json[]).map((e) => e.type));
    expect(chain.filter((e) => e.type === 'case.document_issued')).toHaveLength(2);
    const timeline = (await openDocx(await zip.file('04 办理过程记录.docx'))).text;
    expect(timeline).toContain('出具文书');
    expect(timeline).toContain('受理');

    const manifest = JSON.parse((await zip.file('manifest.json')).toString('utf8')) as Json;
    expect(manifest.copy).toBe('full');
    for (const f of manifest.files as Json[]) expect(sha(await zip.file(f.file))).toBe(f.sha256);

    const exports = (await accessRows(id)).filter((r) => r.action === 'export');
    expect(exports.map((r) => r.fields)).toEqual([['dossier:full']]);
  });

  it("removes an accusation reporter's identity from the copy for other units", async () => {
    const d = await makeDistrict();
    const discipline = await makeUnit(d.district, 'discipline', '纪委监委');
    const ws = await sessionOf(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const inspector = await sessionOf(await makeUser(discipline, [{ role: 'discipline_inspector' }]));
    const reporter = person('周检举');
    const created = await expectCreated(
      await ws.client.post(
        '/api/cases',
        intake({
          nature: 'accusation',
          categoryCode: '1603',
          petitioners: [reporter],
          title: '村会计侵占集体资金',
          facts: '村会计多次将集体土地租金转入个人账户。',
          demands: '查处并追回集体资金',
          address: '甲一村村委会',
        }),
      ),
    );
    const id = created.id as string;
    await run(inspector.client, id, 'accept', { note: '纪委监委受理' });
    await attach(inspector, id, '检举人手写材料.png', PNG);
    await expectOk(
      await inspector.client.post(`/api/cases/${id}/documents`, {
        kind: 'acceptance_notice',
        fields: { contactPhone: '0536-7210000' },
      }),
      201,
    );

    // The full dossier (for the discipline body itself) names the reporter.
    const full = await openZip((await inspector.bytes(`/api/cases/${id}/dossier.zip`)).body);
    const fullNotice = full.names.find((n) => n.includes('受理告知书')) as string;
    expect((await openDocx(await full.file(fullNotice))).text).toContain('周检举：');
    expect(full.names.some((n) => n.includes('检举人手写材料'))).toBe(true);

    // The copy for other units does not, anywhere.
    const res = await inspector.bytes(`/api/cases/${id}/dossier.zip?copy=other_units`);
    expect(res.headers['x-dossier-copy']).toBe('other_units');
    const copy = await openZip(res.body);
    expect(copy.names.some((n) => n.includes('检举人手写材料'))).toBe(false);
    expect(copy.names).not.toContain('办理过程记录.json');
    for (const name of copy.names) {
      const bytes = await copy.file(name);
      const text = name.endsWith('.docx') ? (await openDocx(bytes)).text : bytes.toString('utf8');
      expect(text, name).not.toContain('周检举');
      expect(text, name).not.toContain(reporter.phone);
    }
    const notice = copy.names.find((n) => n.includes('受理告知书')) as string;
    expect((await openDocx(await copy.file(notice))).text).toContain('（检举人身份信息已隐去）：');
    const toc = (await openDocx(await copy.file('00 卷内目录.docx'))).text;
    expect(toc).toContain('可能含检举人身份信息，未随本副本提供');

    // The village that received it still cannot get anything.
    expect((await ws.bytes(`/api/cases/${id}/dossier.zip`)).status).toBe(404);
  });

  it('sends the forward packet of an accusation without the reporter (转送单)', async () => {
    const d = await makeDistrict();
    const clerk = await sessionOf(d.clerkA);
    const reporter = person('钱举报');
    const created = await expectCreated(
      await clerk.client.post(
        '/api/cases',
        intake({ petitioners: [reporter], title: '反映施工方偷排污水', facts: '工地夜间向河道排放污水。' }),
      ),
    );
    const id = created.id as string;
    // Found to be an accusation against a unit on triage, then transferred to the competent department.
    await run(clerk.client, id, 'triage', { nature: 'accusation' });
    await run(clerk.client, id, 'transfer', { toUnitId: d.department.id, reason: '请依法调查处理' });
    // Even a name typed into the request does not reach the receiving unit.
    const slip = (await expectOk(
      await clerk.client.post(`/api/cases/${id}/documents`, {
        kind: 'transfer_slip',
        fields: { petitionerNames: '钱举报' },
      }),
      201,
    )) as Json;
    const text = (await openDocx((await clerk.bytes(`/api/cases/${id}/documents/${slip.id}/file`)).body))
      .text;
    expect(text).not.toContain('钱举报');
    expect(text).not.toContain(reporter.phone);
    expect(text).toContain('现将（检举人身份信息已隐去）反映的“反映施工方偷排污水”信访事项');
    expect(text).toContain('不得将检举控告材料及有关情况透露或者转给被检举控告的人员或者单位');
    const list = (await expectOk(await clerk.client.get(`/api/cases/${id}/documents`))) as Json;
    expect(list.isAccusation).toBe(true);
  });
});
