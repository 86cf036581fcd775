#!/usr/bin/env node
/**
 * Browser test of documents (文书) against a running server with the demo data (seed --demo):
 * the town petition office registers and accepts a matter, opens its documents panel, issues a
 * 受理告知书 through 生成文书 (prefilled from the case, refused until the contact phone is given),
 * reads the downloaded DOCX back (文号, petitioner, fonts), sees it in the list and the timeline,
 * and exports the dossier ZIP (卷内目录 first). The administrator opens the 文书模板 page and saves
 * a template as a new version.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-documents.mjs
 *
 * Env: BASE_URL (default http://localhost:3000), DEMO_PASSWORD (default Laiban@2026),
 * CHROMIUM_PATH (default /usr/bin/chromium). Screenshots go to screenshots/documents-*.png.
 * Prints "N passed, 0 failed" and exits 0 on success; stops at the first failed check, exits 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const TOTAL_BUDGET_MS = 120_000;
const STEP_TIMEOUT_MS = 15_000;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'laiban-documents-'));

let passed = 0;
let failed = 0;
let browser;
let currentPage;
const pageErrors = [];

fs.mkdirSync(SHOTS, { recursive: true });

const budget = setTimeout(() => {
  console.error(`\n✗ documents test exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
budget.unref();

async function shot(page, name, { fullPage = true } = {}) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.screenshot({ path: `${SHOTS}documents-${name}.png`, fullPage });
  await hide.evaluate((el) => el.remove());
}

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed++;
    console.error(`✗ ${name}\n  ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    if (currentPage) {
      await shot(currentPage, 'failure', { fullPage: false }).catch(() => undefined);
      console.error(`  screenshot: screenshots/documents-failure.png (at ${currentPage.url()})`);
    }
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn(username) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (err) => pageErrors.push(`${username}: ${err.message}`));
  currentPage = page;
  await page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
    page.getByTestId('login-submit').click(),
  ]);
  assert(response.ok(), `signing in as ${username} answered HTTP ${response.status()}`);
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}

/** Registers and accepts a matter through the API as the signed-in user. */
async function registerAndAccept(page, petitioner) {
  const answer = await page.evaluate(async (name) => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const first17 = `110101${1950 + Math.floor(Math.random() * 50)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 10)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
    const me = await (await fetch('/api/auth/me')).json();
    const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
    const res = await fetch('/api/cases', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        channel: 'visit',
        petitioners: [
          {
            name,
            idNumber: first17 + '10X98765432'[sum % 11],
            phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
            address: '甲一村3组',
          },
        ],
        title: '村道路灯不亮',
        facts: '村东主路十余盏路灯损坏两月未修，夜间出行不便。',
        demands: '尽快修复路灯',
        categoryCode: '0107',
        address: '甲一村东主路',
      }),
    });
    const created = await res.json();
    if (res.status !== 201) return { status: res.status, body: created };
    const id = created.id;
    const detail = await (await fetch(`/api/cases/${id}`)).json();
    const acc = await fetch(`/api/cases/${id}/accept`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ version: detail.version, note: '属本机关职责' }),
    });
    return { status: acc.status, body: { id, caseNo: created.caseNo } };
  }, petitioner);
  assert(
    answer.status === 200,
    `registering and accepting answered ${answer.status}: ${JSON.stringify(answer.body)}`,
  );
  return answer.body;
}

/** Chooses an option of an antd Select, retrying a click lost to the opening animation. */
async function chooseOption(page, select, optionText) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: optionText })
      .first();
    await option.waitFor();
    await page.waitForTimeout(150);
    await option.click();
    try {
      await select.filter({ hasText: optionText }).waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

async function downloadBy(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(TMP, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { file, name: download.suggestedFilename() };
}

async function docxText(buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml').async('string');
  return {
    xml,
    text: xml
      .split('</w:p>')
      .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .filter(Boolean)
      .join('\n'),
  };
}

try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const petitioner = `文书测试${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
  const { page } = await signIn('dc_xfb');
  let kase;
  await check('town office registers and accepts a matter', async () => {
    kase = await registerAndAccept(page, petitioner);
    await page.goto(`${BASE_URL}/cases/${kase.id}`);
    await page.getByTestId('documents-card').waitFor();
    await page.getByTestId('documents-card').getByText('尚未出具文书').waitFor();
  });

  await check('生成文书: the 受理告知书 is prefilled from the case and needs the contact phone', async () => {
    await page.getByTestId('issue-document').click();
    const modal = page.locator('.ant-modal');
    await chooseOption(page, modal.getByTestId('issue-kind'), '受理告知书');
    const form = page.getByTestId('issue-form');
    await form.waitFor();
    const name = await form.locator('#petitionerNames').inputValue();
    assert(name === petitioner, `信访人 prefilled as "${name}"`);
    const caseNo = await form.locator('#caseNo').inputValue();
    assert(caseNo === kase.caseNo, `编号 prefilled as "${caseNo}"`);
    await page.getByTestId('issue-submit').click();
    await form.locator('.ant-form-item-explain-error', { hasText: '请填写联系电话' }).waitFor();
    await shot(page, 'issue-dialog', { fullPage: false });
  });

  let docNo;
  await check(
    'issuing downloads the DOCX with its 文号, the petitioner and the GB/T 9704 fonts',
    async () => {
      await page.getByTestId('issue-form').locator('#contactPhone').fill('0536-7212345');
      const { file, name } = await downloadBy(page, () => page.getByTestId('issue-submit').click());
      assert(name.endsWith('.docx') && name.includes(kase.caseNo), `downloaded "${name}"`);
      const { text, xml } = await docxText(fs.readFileSync(file));
      const lines = text.split('\n');
      docNo = lines[0];
      assert(/〔\d{4}〕\d+号$/.test(docNo), `first line "${docNo}" is not a 文号`);
      assert(lines.includes('信访事项受理告知书'), 'no title line');
      assert(lines.includes(`${petitioner}：`), 'the notice is not addressed to the petitioner');
      assert(text.includes('联系电话：0536-7212345'), 'the phone is missing');
      assert(xml.includes('方正小标宋简体') && xml.includes('仿宋_GB2312'), 'GB/T 9704 fonts missing');
      await page.locator('.ant-modal').waitFor({ state: 'detached' });
    },
  );

  await check('the document is listed with its 文号 and appears in the timeline', async () => {
    const item = page.getByTestId('document-item').first();
    await item.getByText(docNo).waitFor();
    await item.getByText('信访事项受理告知书').waitFor();
    await page
      .locator('[data-testid="timeline-item"][data-type="case.document_issued"]')
      .filter({ hasText: docNo })
      .waitFor();
    await page.getByTestId('documents-card').scrollIntoViewIfNeeded();
    await shot(page, 'panel', { fullPage: false });
  });

  await check('导出案卷 gives the ZIP: 卷内目录 first, the notice, the timeline', async () => {
    await page.getByTestId('export-dossier').click();
    const { file, name } = await downloadBy(page, () =>
      page.locator('.ant-dropdown-menu-item', { hasText: '完整案卷' }).click(),
    );
    assert(name === `${kase.caseNo}-案卷.zip`, `dossier named "${name}"`);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    assert(names[0] === '00 卷内目录.docx', `first file ${names[0]}`);
    assert(names.includes('01 信访事项受理告知书.docx'), `files: ${names.join(', ')}`);
    assert(names.includes('02 办理过程记录.docx'), `files: ${names.join(', ')}`);
    const toc = await docxText(await zip.file('00 卷内目录.docx').async('nodebuffer'));
    assert(toc.text.includes(docNo), '卷内目录 does not list the 文号');
  });

  await check('documents of a case out of scope answer 404', async () => {
    const res = await page.evaluate(
      async () => (await fetch('/api/cases/00000000-0000-4000-8000-000000000000/documents')).status,
    );
    assert(res === 404, `unknown case answered ${res}`);
  });

  const admin = await signIn('admin');
  await check('文书模板: the administrator sees 16 templates and saves one as a new version', async () => {
    await admin.page.goto(`${BASE_URL}/admin/document-templates`);
    const rows = admin.page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const count = await rows.count();
    assert(count === 16, `${count} templates listed`);
    await admin.page.getByTestId('edit-template-hearing_notice').click();
    await admin.page.getByTestId('template-body').waitFor();
    await admin.page.waitForTimeout(500); // the drawer slides in
    await shot(admin.page, 'templates', { fullPage: false });
    await admin.page.getByTestId('save-template').click();
    await admin.page.locator('.ant-message', { hasText: /模板已保存为第\d+版/ }).waitFor();
  });

  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  await browser.close();
  process.exit(0);
} catch {
  if (pageErrors.length) console.error(`page errors: ${pageErrors.join('; ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  await browser?.close().catch(() => undefined);
  process.exit(1);
}
