import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser } from '../../test/factories.js';
import {
  accessRows,
  expectChainIntact,
  expectCreated,
  expectError,
  fieldPaths,
  type Json,
  person,
  replyAndDeliver,
  reviewRecheckTerminate,
  run,
  STORY,
  testDb,
} from '../../test/story-helpers.js';
import { today } from '../cases/case-clock.js';
import { chineseDate } from './case-fields.js';
import { openDocx, type Session, sessionOf } from './documents.test-helpers.js';

const year = Number(today().slice(0, 4));
const todayZh = chineseDate(today());

async function setup() {
  const d = await makeDistrict();
  const clerk = await sessionOf(d.clerkA);
  const other = await sessionOf(d.clerkB);
  const admin = await sessionOf(d.admin);
  const petitioner = person('李秀英');
  const created = await expectCreated(
    await clerk.client.post(
      '/api/cases',
      intake({ petitioners: [petitioner], title: '村道路灯不亮', receivedAt: '2026-11-02T10:00:00+08:00' }),
    ),
  );
  return { d, clerk, other, admin, petitioner, id: created.id as string, caseNo: created.caseNo as string };
}

const issue = (s: Session, id: string, kind: string, fields: Record<string, string> = {}) =>
  s.client.post(`/api/cases/${id}/documents`, { kind, fields });

describe('documents: issuing, numbering, DOCX layout', STORY, () => {
  it('issues a 受理告知书 from the case record, in GB/T 9704 layout, numbered per unit and year', async () => {
    const { d, clerk, id, caseNo } = await setup();
    // Before 受理 the notice cannot be issued.
    expectError(await issue(clerk, id, 'acceptance_notice'), 409, 'DOCUMENT_NOT_APPLICABLE');
    await run(clerk.client, id, 'accept', { note: '属本机关职责' });

    // The draft shows what the case record gives and what the clerk must add.
    const draft = (await expectOk(
      await clerk.client.get(`/api/cases/${id}/documents/draft?kind=acceptance_notice`),
    )) as Json;
    expect(draft.applicable).toBe(true);
    expect(draft.fields.petitionerNames).toBe('李秀英');
    expect(draft.fields.caseNo).toBe(caseNo);
    expect(draft.fields.receivedDate).toBe('2026年11月2日');
    expect(draft.missing).toEqual(['contactPhone']);

    // Without the phone: refused, naming the field.
    const refused = await issue(clerk, id, 'acceptance_notice');
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(refused)).toEqual(['fields.contactPhone']);

    const first = (await expectOk(
      await issue(clerk, id, 'acceptance_notice', { contactPhone: '0536-7212345' }),
      201,
    )) as Json;
    expect(first.version).toBe(1);
    expect(first.docNo).toBe(`甲镇信受〔${year}〕1号`);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);

    const file = await clerk.bytes(`/api/cases/${id}/documents/${first.id}/file`);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('wordprocessingml');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(first.sha256);

    const docx = await openDocx(file.body);
    const lines = docx.text.split('\n');
    expect(lines[0]).toBe(`甲镇信受〔${year}〕1号`);
    expect(lines).toContain('信访事项受理告知书');
    expect(lines).toContain('李秀英：');
    expect(docx.text).toContain(
      `你（们）于2026年11月2日提出的“村道路灯不亮”信访事项（编号：${caseNo}）已收悉`,
    );
    expect(docx.text).toContain('联系电话：0536-7212345');
    expect(docx.text).not.toContain('{{');
    expect(docx.text).not.toContain('＿＿＿＿');
    // Issuer, seal placeholder and the date in Chinese form, at the end.
    expect(lines.slice(-3)).toEqual(['（印章）', d.townA.name, todayZh]);
    // A4, margins 37/28/35/26 mm, fonts and sizes of GB/T 9704.
    expect(docx.documentXml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(docx.documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/);
    expect(docx.documentXml).toMatch(
      /w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>(<w:szCs w:val="44"\/>)?<\/w:rPr><w:t xml:space="preserve">信访事项受理告知书/,
    );
    expect(docx.documentXml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    expect(docx.documentXml).toContain('w:line="578" w:lineRule="exact"');
    expect(docx.fontTableXml).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(docx.fontTableXml).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>');
    expect(docx.footerXml).toContain('— ');
    expect(docx.footerXml).toContain('PAGE');

    // Re-issuing makes version 2 with the next number; version 1 stays as it was.
    const second = (await expectOk(
      await issue(clerk, id, 'acceptance_notice', { contactPhone: '0536-7219999' }),
      201,
    )) as Json;
    expect(second.version).toBe(2);
    expect(second.docNo).toBe(`甲镇信受〔${year}〕2号`);
    const again = await clerk.bytes(`/api/cases/${id}/documents/${first.id}/file`);
    expect(again.body.equals(file.body)).toBe(true);

    const list = (await expectOk(await clerk.client.get(`/api/cases/${id}/documents`))) as Json;
    expect(list.items.map((x: Json) => [x.name, x.version, x.docNo])).toEqual([
      ['受理告知书', 1, `甲镇信受〔${year}〕1号`],
      ['受理告知书', 2, `甲镇信受〔${year}〕2号`],
    ]);
    expect(list.kinds.map((k: Json) => k.kind)).toContain('mediation_agreement');

    // Both issues are on the case record, in the hash chain.
    const events = (await expectOk(await clerk.client.get(`/api/cases/${id}/events`))) as Json;
    const issued = (events.items as Json[]).filter((e) => e.type === 'case.document_issued');
    expect(issued.map((e) => [e.payload.docNo, e.payload.version, e.payload.sha256])).toEqual([
      [first.docNo, 1, first.sha256],
      [second.docNo, 2, second.sha256],
    ]);
    await expectChainIntact([id]);

    // Downloads are recorded.
    const rows = (await accessRows(id)).filter((r) => r.action === 'download');
    expect(rows.map((r) => r.fields)).toContainEqual([`document:${first.id}`]);

    // Stored rows cannot be changed.
    const db = await testDb();
    await expect(
      db.updateTable('case_documents').set({ sha256: 'x' }).where('id', '=', first.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('keeps 文号 without gaps and without duplicates when several clerks issue at once', async () => {
    const { d, clerk, id } = await setup();
    // Three cases of the same unit, two clerks: the unit's series is shared by all of them.
    const second = await sessionOf(await makeUser(d.townA, [{ role: 'petition_clerk' }]));
    const ids = [id];
    for (const title of ['村口排水沟堵塞', '小区垃圾清运不及时']) {
      ids.push(
        (
          await expectCreated(
            await clerk.client.post('/api/cases', intake({ petitioners: [person('吴某')], title })),
          )
        ).id as string,
      );
    }
    for (const caseId of ids) await run(clerk.client, caseId, 'accept', {});
    const results = await Promise.all(
      ids.flatMap((caseId) =>
        [clerk, second].map((s) => issue(s, caseId, 'acceptance_notice', { contactPhone: '13800000000' })),
      ),
    );
    // Two issuers of the same case at the same instant: the second may be told to retry.
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('CASE_CONFLICT');
    const ok = results.filter((r) => r.status === 201).map((r) => r.body as Json);
    expect(ok.length).toBeGreaterThanOrEqual(ids.length);
    const numbers = ok.map((r) => Number(/〕(\d+)号$/.exec(r.docNo)?.[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: ok.length }, (_, i) => i + 1));
    // A refused issue gives no number away: the next one follows on.
    expectError(await issue(clerk, id, 'acceptance_notice', { contactPhone: '' }), 400, 'VALIDATION_FAILED');
    const next = (await expectOk(
      await issue(clerk, id, 'acceptance_notice', { contactPhone: '1' }),
      201,
    )) as Json;
    expect(next.docNo).toBe(`甲镇信受〔${year}〕${ok.length + 1}号`);
  });

  it('takes the 不予受理 reason and basis from the decision', async () => {
    const { clerk, id } = await setup();
    await run(clerk.client, id, 'reject', {
      reason: '该事项已由上级机关受理，正在办理中',
      basis: '《信访工作条例》第十九条',
    });
    const doc = (await expectOk(await issue(clerk, id, 'rejection_notice'), 201)) as Json;
    expect(doc.docNo).toBe(`甲镇信不受〔${year}〕1号`);
    const text = (await openDocx((await clerk.bytes(`/api/cases/${id}/documents/${doc.id}/file`)).body)).text;
    expect(text).toContain(
      '经审查，该事项已由上级机关受理，正在办理中。根据《信访工作条例》第十九条的规定，本机关决定不予受理。',
    );
    // A lifecycle document of another step is refused.
    expectError(await issue(clerk, id, 'handling_opinion'), 409, 'DOCUMENT_NOT_APPLICABLE');
  });

  it('issues mechanism documents from the fields given, refusing while fields are missing', async () => {
    const { clerk, id } = await setup();
    const missing = await issue(clerk, id, 'mediation_agreement', { partiesInfo: '甲：王大明；乙：李小华' });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(missing)).toEqual(
      expect.arrayContaining(['fields.mediationOrganisation', 'fields.agreementTerms', 'fields.copies']),
    );
    const fields = {
      partiesInfo: '甲方：王大明，男，住甲一村3组\n乙方：李小华，女，住甲一村5组',
      mediationOrganisation: '甲一村人民调解委员会',
      mediators: '赵调解',
      disputeFacts: '双方因宅基地界址发生争议。',
      responsibilities: '双方均有未及时沟通的责任。',
      agreementTerms: '一、以原有界桩为准重新确定界址；\n二、乙方于2026年12月31日前拆除越界围墙。',
      performance: '乙方自行拆除，甲方予以配合。',
      copies: '三',
    };
    const doc = (await expectOk(await issue(clerk, id, 'mediation_agreement', fields), 201)) as Json;
    expect(doc.docNo).toBe(`甲镇调〔${year}〕1号`);
    const agreement = await openDocx((await clerk.bytes(`/api/cases/${id}/documents/${doc.id}/file`)).body);
    const text = agreement.text;
    expect(text).toContain('人民调解协议书');
    // The template's own headings are 黑体; numbered lines of a field stay 仿宋.
    expect(agreement.documentXml).toMatch(
      /w:eastAsia="黑体"[^<]*\/>(<w:sz[^>]*\/>)*<\/w:rPr><w:t xml:space="preserve">一、纠纷的主要事实/,
    );
    expect(agreement.documentXml).toMatch(
      /w:eastAsia="仿宋_GB2312"[^<]*\/>(<w:sz[^>]*\/>)*<\/w:rPr><w:t xml:space="preserve">二、乙方于/,
    );
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '乙方：李小华，女，住甲一村5组',
        '二、乙方于2026年12月31日前拆除越界围墙。',
        '本协议自各方当事人签名、盖章或者按指印，调解员签名并加盖调解委员会印章之日起生效。本协议一式三份，当事人各执一份，调解委员会留存一份。',
      ]),
    );
    // Papers the parties sign carry no 文号.
    const commitment = (await expectOk(
      await issue(clerk, id, 'petition_closure_commitment', { resolutionSummary: '村委会调解' }),
      201,
    )) as Json;
    expect(commitment.docNo).toBeNull();
    const ctext = (
      await openDocx((await clerk.bytes(`/api/cases/${id}/documents/${commitment.id}/file`)).body)
    ).text;
    expect(ctext).toContain('不影响本人依法申请复查、复核以及提起诉讼等法定权利');
  });

  it('fills 转送单, 复查意见书 and 复核意见书 from the record, each issued by the deciding organ', async () => {
    const d = await makeDistrict();
    const ws = await sessionOf(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const town = await sessionOf(d.clerkA);
    const district = await sessionOf(await makeUser(d.district, [{ role: 'petition_clerk' }]));
    const created = await expectCreated(
      await ws.client.post('/api/cases', intake({ petitioners: [person('郑十')], categoryCode: '0302' })),
    );
    const id = created.id as string;

    // A transfer to the department: the slip names the unit and the requirement.
    const t2 = await expectCreated(
      await ws.client.post('/api/cases', intake({ petitioners: [person('郑十一')], title: '道路破损' })),
    );
    await run(town.client, t2.id, 'transfer', { toUnitId: d.department.id, reason: '属住建部门职责' });
    const slip = (await expectOk(await issue(town, t2.id, 'transfer_slip'), 201)) as Json;
    expect(slip.title).toBe('信访事项转送单');
    const slipText = (
      await openDocx((await town.bytes(`/api/cases/${t2.id}/documents/${slip.id}/file`)).body)
    ).text;
    expect(slipText).toContain('住建委：');
    expect(slipText).toContain('转送你单位');
    expect(slipText).toContain('属住建部门职责。');
    expect(slipText).toContain('郑十一');

    await run(ws.client, id, 'accept');
    await replyAndDeliver(ws.client, id);
    await reviewRecheckTerminate(id, { town: town.client, district: district.client });

    const review = (await expectOk(await issue(town, id, 'review_opinion'), 201)) as Json;
    const reviewText = (
      await openDocx((await town.bytes(`/api/cases/${id}/documents/${review.id}/file`)).body)
    ).text;
    expect(reviewText).toContain(`你（们）不服${d.communityA1.name}作出的信访事项处理意见`);
    expect(reviewText).toContain('复查结论：维持原处理意见。');
    expect(reviewText).toContain('向测试区');
    expect(review.docNo).toBe(`甲镇信复查〔${year}〕1号`);

    const recheck = (await expectOk(await issue(district, id, 'recheck_opinion'), 201)) as Json;
    const recheckText = (
      await openDocx((await district.bytes(`/api/cases/${id}/documents/${recheck.id}/file`)).body)
    ).text;
    expect(recheckText).toContain('你（们）不服甲镇作出的复查意见');
    expect(recheckText).toContain('维持复查意见。');
    expect(recheckText).toContain('不再受理');
    expect(recheck.docNo).toMatch(new RegExp(`^测试区.*信复核〔${year}〕1号$`));
  });

  it('answers 404 out of scope and 403 without the right to issue', async () => {
    const { d, clerk, other, id } = await setup();
    await run(clerk.client, id, 'accept', {});
    const doc = (await expectOk(
      await issue(clerk, id, 'acceptance_notice', { contactPhone: '1' }),
      201,
    )) as Json;
    expectError(await other.client.get(`/api/cases/${id}/documents`), 404, 'NOT_FOUND');
    expectError(
      await other.client.get(`/api/cases/${id}/documents/draft?kind=acceptance_notice`),
      404,
      'NOT_FOUND',
    );
    expectError(await issue(other, id, 'acceptance_notice', { contactPhone: '1' }), 404, 'NOT_FOUND');
    expect((await other.bytes(`/api/cases/${id}/documents/${doc.id}/file`)).status).toBe(404);
    expect((await other.bytes(`/api/cases/${id}/dossier.zip`)).status).toBe(404);
    // A grid worker sees the matter she reported, but issues and exports nothing.
    const grid = await sessionOf(d.gridWorker);
    const reported = await expectCreated(
      await grid.client.post('/api/cases', intake({ channel: 'grid', petitioners: [person('冯某')] })),
    );
    const seen = (await expectOk(await grid.client.get(`/api/cases/${reported.id}/documents`))) as Json;
    expect(seen.kinds).toEqual([]);
    expect(seen.canExport).toBe(false);
    expectError(await issue(grid, reported.id, 'mediation_agreement', {}), 403, 'FORBIDDEN');
    expect((await grid.bytes(`/api/cases/${reported.id}/dossier.zip`)).status).toBe(403);
  });
});

describe('document templates (admin)', STORY, () => {
  it('lets the administrator edit a template as a new version that later documents use', async () => {
    const { admin, clerk, id } = await setup();
    const list = (await expectOk(await admin.client.get('/api/document-templates'))) as Json;
    expect(list.items).toHaveLength(16);
    const current = (list.items as Json[]).find((t) => t.kind === 'hearing_notice') as Json;
    expect(current.placeholders).toEqual(
      expect.arrayContaining(['parties', 'hearingTime', 'hearingPlace', 'hearingHost', 'panel']),
    );

    // A clerk may not edit.
    expectError(
      await clerk.client.put('/api/document-templates/hearing_notice', { title: 'x', body: 'y' }),
      403,
      'FORBIDDEN',
    );
    const edited = (await expectOk(
      await admin.client.put('/api/document-templates/hearing_notice', {
        title: current.title,
        addressee: current.addressee,
        body: `${current.body}\n如需无障碍协助，请提前联系本机关。`,
        signature: current.signature,
        numberCode: current.numberCode,
        hasSeal: true,
      }),
    )) as Json;
    expect(edited.version).toBe(current.version + 1);
    const history = (await expectOk(
      await admin.client.get('/api/document-templates/hearing_notice'),
    )) as Json;
    expect(history.items.map((t: Json) => t.version)).toEqual([edited.version, current.version]);

    const doc = (await expectOk(
      await issue(clerk, id, 'hearing_notice', {
        parties: '李秀英',
        hearingTime: '2026年12月3日上午9时',
        hearingPlace: '甲镇政府三楼会议室',
        hearingHost: '王主任',
        panel: '人大代表张某、律师刘某、乡贤陈某',
      }),
      201,
    )) as Json;
    const text = (await openDocx((await clerk.bytes(`/api/cases/${id}/documents/${doc.id}/file`)).body)).text;
    expect(text).toContain('如需无障碍协助，请提前联系本机关。');
    expect(text).toContain('三、听证主持人：王主任；听证员：人大代表张某、律师刘某、乡贤陈某');

    // Restore the wording for other tests sharing the database.
    await expectOk(
      await admin.client.put('/api/document-templates/hearing_notice', {
        title: current.title,
        addressee: current.addressee,
        body: current.body,
        signature: current.signature,
        numberCode: current.numberCode,
        hasSeal: true,
      }),
    );
  });
});
