#!/usr/bin/env node
/**
 * Browser test of the 考核指标 page against a running server with the demo data (seed --demo):
 * the district petition office sees the three rates and the towns ranked, downloads the 月报 as
 * Excel and reads back the same count the figures API gives, and the 季度通报 as Word; a town
 * leader sees the monthly report of the town and no bulletin.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-evaluation.mjs
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import { assert, BASE_URL, kit } from './lib/browser-kit.mjs';

const { check, shot, signIn, downloadBy, readSheet, run } = kit('evaluation');

/** Today in Shanghai, as the server counts. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const month = today.slice(0, 7);

await run(async () => {
  const { page } = await signIn('qu_xfb');

  await check('the district office sees the three rates and the towns ranked', async () => {
    await page.goto(`${BASE_URL}/evaluation`);
    await page.getByTestId('rate-timelyAcceptance').waitFor();
    await page.getByTestId('rate-satisfaction').waitFor();
    const ranking = page.getByTestId('evaluation-ranking');
    await ranking.locator('tbody tr.ant-table-row').first().waitFor();
    const rows = await ranking.locator('tbody tr.ant-table-row').count();
    assert(rows >= 2, `ranking lists ${rows} towns`);
    await shot(page, 'district');
  });

  await check('the monthly report in Excel counts what the figures count', async () => {
    const figures = await (
      await page.request.get(`${BASE_URL}/api/evaluation/figures?from=${month}-01&to=${today}`)
    ).json();
    const { file, name } = await downloadBy(page, () => page.getByTestId('report-monthly-xlsx').click());
    assert(name.endsWith(`_信访工作月报_${month}.xlsx`), `file name ${name}`);
    const { rows } = await readSheet(file, '受理情况');
    const received = rows.find((r) => r.项目 === '受理件次（件次）');
    assert(
      received && Number(received.本月) === figures.counts.received,
      `report says ${received?.本月}, figures say ${figures.counts.received}`,
    );
    const units = await readSheet(file, '下级单位情况');
    assert(units.rows.length >= 2, `${units.rows.length} units below the district in the report`);
  });

  await check('the quarterly bulletin downloads as a Word document with its title', async () => {
    const { file, name } = await downloadBy(page, () => page.getByTestId('report-bulletin-docx').click());
    assert(name.includes('_信访工作季度通报_') && name.endsWith('.docx'), `file name ${name}`);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('word/document.xml').async('string');
    assert(xml.includes('信访工作季度通报') && xml.includes('三率排名'), 'bulletin text missing');
  });

  const town = await signIn('dc_leader');
  await check('a town leader gets the town’s monthly report and no bulletin', async () => {
    await town.page.goto(`${BASE_URL}/evaluation`);
    await town.page.getByTestId('report-monthly-docx').waitFor();
    assert((await town.page.getByTestId('report-bulletin-xlsx').count()) === 0, 'bulletin offered to a town');
    const { name } = await downloadBy(town.page, () => town.page.getByTestId('report-monthly-docx').click());
    assert(name.endsWith(`_信访工作月报_${month}.docx`) && !name.startsWith('中山区'), `file name ${name}`);
    await shot(town.page, 'town');
  });
});
