import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk, idNumberFor, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { browserOf, readBook, sheetRows } from '../../test/files.js';
import { testApp } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';
import { EXPORT_COLUMNS, IMPORT_COLUMNS } from './ledger.columns.js';

type Line = Partial<Record<(typeof IMPORT_COLUMNS)[number]['header'], string>>;

let seed = 500;
function goodLine(over: Line = {}): Line {
  seed++;
  return {
    原台账编号: `TZ-${seed}`,
    登记日期: '2025-11-03',
    渠道: '来信',
    信访人: '李四',
    身份证号: idNumberFor(seed),
    联系电话: `139${String(seed).padStart(8, '0')}`,
    住址: '甲一村2组',
    标题: `旧台账事项${seed}`,
    事项经过: '村道排水沟堵塞，雨天积水进院。',
    诉求: '疏通排水沟',
    类别代码: '0107',
    性质: '申诉求决',
    ...over,
  };
}

async function ledgerFile(lines: Line[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const l of lines) ws.addRow(IMPORT_COLUMNS.map((c) => l[c.header] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function ledgerEntriesOf(unitId: string) {
  const { db } = await testDatabase();
  return db.selectFrom('ledger_entries').selectAll().where('unit_id', '=', unitId).execute();
}

// The worker's database and app start once, under the hook timeout rather than the first test's.
beforeAll(async () => {
  await testApp();
});

describe('ledger export', () => {
  it('exports the cases in scope with Chinese headers, masked ID numbers and phones, and records the export', async () => {
    const d = await makeDistrict();
    const clerkA = await signInAs(d.clerkA);
    const clerkB = await signInAs(d.clerkB);
    const idA = idNumberFor(11);
    const visit = await expectOk(
      await clerkA.post(
        '/api/cases',
        intake({
          title: '甲镇来访事项',
          petitioners: [{ name: '王五', idNumber: idA, phone: '13812345678', address: '甲镇1号' }],
        }),
      ),
      201,
    );
    await expectOk(
      await clerkA.post('/api/cases', intake({ title: '甲镇来信事项', channel: 'letter' })),
      201,
    );
    await expectOk(await clerkB.post('/api/cases', intake({ title: '乙镇事项' })), 201);

    const a = await browserOf(d.clerkA);
    const res = await a.download('/api/ledger/export.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="ledger\.xlsx"; filename\*=UTF-8''%E5%8F%B0%E8%B4%A6_\d{8}\.xlsx$/,
    );
    const wb = await readBook(res.raw);
    const sheet = wb.getWorksheet('台账');
    if (!sheet) throw new Error('no ledger sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    const rows = sheetRows(sheet);
    // Town B's case is not town A's business.
    expect(rows.map((r) => r.标题).sort()).toEqual(['甲镇来信事项', '甲镇来访事项']);
    const row = rows.find((r) => r.案件编号 === visit.caseNo);
    expect(row).toMatchObject({
      渠道: '来访',
      信访人: '王五',
      身份证号: `${idA.slice(0, 3)}***********${idA.slice(-4)}`,
      联系电话: '138****5678',
      状态: '已登记',
      首办单位: '甲镇',
      承办单位: '甲镇',
      性质: '申诉求决',
      风险等级: '绿色',
      是否超期: '否',
    });
    expect(row?.类别).toMatch(/^0107 /);
    expect(row?.登记日期).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(JSON.stringify(rows)).not.toContain(idA);
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    const notes = sheetRows(wb.getWorksheet('说明') as ExcelJS.Worksheet);
    expect(notes.find((n) => n.项目 === '事项数')?.内容).toBe('2');

    // The same filters as the queue.
    const letters = sheetRows(
      (await readBook((await a.download('/api/ledger/export.xlsx?channel=letter')).raw)).getWorksheet(
        '台账',
      ) as ExcelJS.Worksheet,
    );
    expect(letters.map((r) => r.标题)).toEqual(['甲镇来信事项']);

    const { db } = await testDatabase();
    const events = await db
      .selectFrom('admin_events')
      .select(['type', 'payload', 'actor_id'])
      .where('type', '=', 'ledger.exported')
      .where('actor_id', '=', d.clerkA.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => (e.payload as { rows: number }).rows)).toEqual([2, 1]);
    expect((events[1]?.payload as { filters?: unknown } | undefined)?.filters).toEqual({ channel: 'letter' });
  });

  it('refuses users who may not read cases, and rejects bad filters with the field named', async () => {
    const d = await makeDistrict();
    const nobody = await browserOf(await makeUser(d.townA, []));
    expect((await nobody.download('/api/ledger/export.xlsx')).status).toBe(403);
    const admin = await browserOf(d.admin);
    expect((await admin.download('/api/ledger/export.xlsx')).status).toBe(403);
    const clerk = await browserOf(d.clerkA);
    const bad = await clerk.download('/api/ledger/export.xlsx?receivedFrom=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.receivedFrom');
  });
});

describe('ledger import', () => {
  it('offers a template with the columns, an example row that import skips, notes and category codes', async () => {
    const d = await makeDistrict();
    const clerk = await browserOf(d.clerkA);
    const res = await clerk.download('/api/ledger/template.xlsx');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('台账导入模板.xlsx')}`,
    );
    const wb = await readBook(res.raw);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['台账', '填写说明', '分类代码']);
    const sheet = wb.getWorksheet('台账') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(sheetRows(sheet)).toHaveLength(1);
    const notes = sheetRows(wb.getWorksheet('填写说明') as ExcelJS.Worksheet);
    expect(notes.find((n) => n.列名 === '渠道')?.说明).toContain('来访');
    const codes = sheetRows(wb.getWorksheet('分类代码') as ExcelJS.Worksheet);
    expect(codes.map((c) => c.类别代码)).toContain('0107');

    // The untouched template imports nothing: its only row is the example.
    const again = await clerk.upload(res.raw);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('LEDGER_FILE_INVALID');
    const nobody = await browserOf(await makeUser(d.townA, []));
    expect((await nobody.download('/api/ledger/template.xlsx')).status).toBe(403);
  });

  it('imports every good line once as a case of the importing unit; a second import of the file adds nothing', async () => {
    const d = await makeDistrict();
    const lines = [
      goodLine({ 渠道: '来信', 登记日期: '2025-11-03' }),
      goodLine({ 渠道: '来访', 登记日期: '2026/1/5' }),
    ];
    const file = await ledgerFile(lines);
    const a = await browserOf(d.clerkA);
    const first = await a.upload(file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 2, imported: 2, alreadyImported: 0 });

    const clerk = await signInAs(d.clerkA);
    const c = (await expectOk(await clerk.get(`/api/cases/${first.body.cases[0].caseId}`))) as Record<
      string,
      // biome-ignore lint/suspicious/noExplicitAny: reading the case page freely.
      any
    >;
    expect(c.title).toBe(lines[0]?.标题);
    expect(c.channel).toBe('letter');
    // The legacy receipt date is the case's receipt date (Beijing time), and the importer's unit handles it.
    expect(new Date(c.receivedAt).toISOString()).toBe('2025-11-02T16:00:00.000Z');
    expect(c.caseNo).toMatch(/^XF2025/);
    const petitioner = c.parties.find((p: { role: string }) => p.role === 'petitioner');
    expect(petitioner.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const events = await clerk.get(`/api/cases/${c.id}/events`);
    const registered = events.body.items.find((e: { type: string }) => e.type === 'case.registered');
    expect(registered.payload.provenance).toMatchObject({
      source: 'ledger_import',
      ledgerNo: lines[0]?.原台账编号,
    });
    const second = await clerk.get(`/api/cases/${first.body.cases[1].caseId}`);
    expect(second.body.receivedAt.slice(0, 10)).toBe('2026-01-04');

    const before = (await clerk.get('/api/cases?sort=received&limit=200')).body.items.length;
    const again = await a.upload(file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ rows: 2, imported: 0, alreadyImported: 2, cases: [] });
    expect((await clerk.get('/api/cases?sort=received&limit=200')).body.items.length).toBe(before);
    expect(await ledgerEntriesOf(d.townA.id)).toHaveLength(2);

    // A file with one more line imports just that line.
    const grown = await a.upload(await ledgerFile([...lines, goodLine()]));
    expect(grown.body).toMatchObject({ rows: 3, imported: 1, alreadyImported: 2 });

    // Legacy numbers are per unit: town B's ledger may use the same numbers for its own matters.
    const b = await browserOf(d.clerkB);
    expect((await b.upload(file)).body).toMatchObject({ imported: 2, alreadyImported: 0 });
  });

  it('refuses a file with bad lines, reporting every bad line by row and column, and writes nothing', async () => {
    const d = await makeDistrict();
    const a = await browserOf(d.clerkA);
    const clerk = await signInAs(d.clerkA);
    const good = goodLine();
    const badId = goodLine();
    badId.身份证号 = `${badId.身份证号?.slice(0, 17)}${badId.身份证号?.endsWith('0') ? '1' : '0'}`;
    const res = await a.upload(
      await ledgerFile([
        good,
        badId,
        goodLine({ 标题: '', 渠道: '飞鸽传书', 类别代码: '9999' }),
        goodLine({ 原台账编号: good.原台账编号, 登记日期: '2099-01-01' }),
        goodLine({ 联系电话: '12345', 风险等级: '红色' }),
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('LEDGER_ROWS_INVALID');
    expect(res.body.error.message).toContain('4行');
    const problems = (res.body.error.details as { row: number; column: string; message: string }[]).map(
      (e) => `${e.row}:${e.column}`,
    );
    expect(problems.sort()).toEqual(
      ['3:身份证号', '4:标题', '4:渠道', '4:类别代码', '5:原台账编号', '6:联系电话', '6:风险说明'].sort(),
    );
    const idProblem = res.body.error.details.find((e: { row: number }) => e.row === 3);
    expect(idProblem.message).toContain('校验位');
    expect(await ledgerEntriesOf(d.townA.id)).toHaveLength(0);
    expect((await clerk.get('/api/cases?sort=received')).body.items).toHaveLength(0);
  });

  it('answers a file that is not a ledger with LEDGER_FILE_INVALID, and refuses users who may not register', async () => {
    const d = await makeDistrict();
    const a = await browserOf(d.clerkA);
    const notXlsx = await a.upload(Buffer.from('案件编号,标题\n1,2\n'), 'ledger.csv');
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.code).toBe('LEDGER_FILE_INVALID');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['编号', '标题']);
    const wrongHeaders = await a.upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(wrongHeaders.status).toBe(400);
    expect(wrongHeaders.body.error.message).toContain('原台账编号');

    const file = await ledgerFile([goodLine()]);
    for (const user of [await makeUser(d.townA, []), d.admin]) {
      const res = await (await browserOf(user)).upload(file);
      expect(res.status).toBe(403);
    }
    expect(await ledgerEntriesOf(d.townA.id)).toHaveLength(0);
  });
});
