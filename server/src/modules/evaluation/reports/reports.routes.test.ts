import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../../test/factories.js';
import { browserOf, readBook, sheetRows } from '../../../test/files.js';
import { type Json, receivedDaysAgo } from '../../../test/story-helpers.js';
import type { Client } from '../../../test/test-app.js';
import { today } from '../../cases/case-clock.js';

async function register(client: Client, over: Record<string, unknown> = {}): Promise<string> {
  return (await expectOk(await client.post('/api/cases', intake(over)), 201)).id as string;
}

/** The text of a DOCX body, and its raw XML (for fonts and page settings). */
async function docxText(raw: Buffer): Promise<{ xml: string; text: string }> {
  const zip = await JSZip.loadAsync(raw);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { xml, text };
}

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return sheetRows(ws);
};

const month = today().slice(0, 7);
const [year, monthNo] = month.split('-').map(Number) as [number, number];
const quarter = `${year}-Q${Math.floor((monthNo - 1) / 3) + 1}`;

describe('月报 and 季度通报', () => {
  it('the monthly report says what the figures say, in XLSX and in DOCX', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkB = await signInAs(d.clerkB);
    const leaderUser = await makeUser(d.district, [{ role: 'leader' }]);
    const leader = await signInAs(leaderUser);
    const a = await register(ws, { personCount: 6, representatives: [{ name: '代表甲' }] });
    await expectOk(await cmd(ws, a, 'accept'));
    await register(ws, { channel: 'letter', categoryCode: '0302' });
    await register(clerkB, { unitId: d.townB.id, channel: 'phone' });

    const figures = (
      await leader.get(`/api/evaluation/figures?unitId=${d.district.id}&from=${month}-01&to=${today()}`)
    ).body;
    expect(figures.counts.received).toBe(3);

    const browser = await browserOf(leaderUser);
    const xlsx = await browser.download(
      `/api/evaluation/reports/monthly?unitId=${d.district.id}&month=${month}`,
    );
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-disposition'])).toContain(
      encodeURIComponent(`${d.district.name}_信访工作月报_${month}.xlsx`),
    );
    const wb = await readBook(xlsx.raw);
    const counts = sheet(wb, '受理情况');
    const row = (name: string) => counts.find((r) => r.项目 === name);
    expect(row('受理件次（件次）')?.本月).toBe('3');
    expect(row('来访批次（批次）')?.本月).toBe(String(figures.counts.visitBatches));
    expect(row('集体访批次（批次）')?.本月).toBe('1');
    const rates = sheet(wb, '考核指标');
    const timely = rates.find((r) => r.指标 === '及时受理率')!;
    expect([timely.分子, timely.分母]).toEqual([
      String(figures.rates.timelyAcceptance.numerator),
      String(figures.rates.timelyAcceptance.denominator),
    ]);
    // The towns below, each with its own subtree's count.
    const units = sheet(wb, '下级单位情况');
    expect(units.find((r) => r.单位 === '甲镇')?.受理件次).toBe('2');
    expect(units.find((r) => r.单位 === '乙镇')?.受理件次).toBe('1');
    expect(units.find((r) => r.单位 === '住建委')?.受理件次).toBe('0');
    const categories = sheet(wb, '问题类别');
    expect(categories.reduce((n, r) => n + Number(r.件次), 0)).toBe(3);

    const docx = await browser.download(
      `/api/evaluation/reports/monthly?unitId=${d.district.id}&month=${month}&format=docx`,
    );
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-type'])).toContain('wordprocessingml');
    const { xml, text } = await docxText(docx.raw);
    expect(text).toContain(`${d.district.name}信访工作月报`);
    expect(text).toContain(`（${year}年${monthNo}月`);
    expect(text).toContain('本月共受理信访事项3件次');
    expect(text).toContain('甲镇');
    // GB/T 9704: the title face, the body face, A4 with a 37 mm top margin (2098 twips).
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"/);
  });

  it('the quarterly bulletin ranks the district’s towns by the three rates', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkB = await signInAs(d.clerkB);
    const officeUser = await makeUser(d.district, [{ role: 'leader' }]);
    // Town B's case came in weeks ago and was never decided: its notice clock ran out (when that
    // falls in this quarter, town B has a rate of 0 and town A, with nothing due yet, none).
    const a = await register(ws);
    await expectOk(await cmd(ws, a, 'accept'));
    await register(clerkB, { unitId: d.townB.id, receivedAt: receivedDaysAgo(25) });
    const ranking = (await (await signInAs(officeUser)).get('/api/evaluation/ranking?level=town')).body;

    const browser = await browserOf(officeUser);
    const xlsx = await browser.download(`/api/evaluation/reports/bulletin?quarter=${quarter}`);
    expect(xlsx.status).toBe(200);
    const towns = sheet(await readBook(xlsx.raw), '乡镇（街道）三率排名');
    const shown = (r: { rate: number | null }) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
    expect(towns).toEqual(
      ranking.items.map((i: Json) => ({
        单位: i.unit.name,
        受理件次: String(i.received),
        及时受理率: shown(i.rates.timelyAcceptance),
        及时受理名次: String(i.ranks.timelyAcceptance ?? '—'),
        按期办结率: shown(i.rates.onTimeCompletion),
        按期办结名次: String(i.ranks.onTimeCompletion ?? '—'),
        群众满意率: shown(i.rates.satisfaction),
        群众满意名次: String(i.ranks.satisfaction ?? '—'),
      })),
    );
    expect(towns.map((t) => t.单位).sort()).toEqual(['乙镇', '甲镇']);
    expect(towns.find((t) => t.单位 === '甲镇')?.及时受理率).toBe('—');

    const docx = await browser.download(`/api/evaluation/reports/bulletin?quarter=${quarter}&format=docx`);
    const { text } = await docxText(docx.raw);
    const q = Number(quarter.slice(-1));
    expect(text).toContain(`${d.district.name}信访工作季度通报`);
    expect(text).toContain(`${year}年第${['一', '二', '三', '四'][q - 1]}季度`);
    expect(text).toContain('乡镇（街道）三率排名');
  });

  it('refuses bad periods with a clear message, and units outside the jurisdiction with 404', async () => {
    const d = await makeDistrict();
    const townLeader = await makeUser(d.townA, [{ role: 'leader' }]);
    const browser = await browserOf(townLeader);
    const bad = await browser.download('/api/evaluation/reports/monthly?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({
      path: 'querystring.month',
      message: '月份格式应为 YYYY-MM',
    });
    const future = await browser.download(`/api/evaluation/reports/monthly?month=${year + 1}-01`);
    expect(future.status).toBe(400);
    expect(future.json().error.details[0].message).toBe('该月尚未开始');
    const badQuarter = await browser.download('/api/evaluation/reports/bulletin?quarter=2026-Q5');
    expect(badQuarter.status).toBe(400);
    // A town sees its own report, not the district's nor the neighbour's.
    expect((await browser.download(`/api/evaluation/reports/monthly?month=${month}`)).status).toBe(200);
    expect(
      (await browser.download(`/api/evaluation/reports/monthly?unitId=${d.townB.id}&month=${month}`)).status,
    ).toBe(404);
    expect(
      (await browser.download(`/api/evaluation/reports/monthly?unitId=${d.district.id}&month=${month}`))
        .status,
    ).toBe(404);
    // The bulletin ranks the district's towns: not for a town.
    expect((await browser.download(`/api/evaluation/reports/bulletin?quarter=${quarter}`)).status).toBe(403);
  });
});
