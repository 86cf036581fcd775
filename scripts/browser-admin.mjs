#!/usr/bin/env node
/**
 * Browser test of the configuration pages against a running server with the demo data (seed --demo):
 * as the system administrator, add a matter category (and see the server refuse a duplicate name on
 * the field), enter a year's holiday notice for 2027 (test data in this database only: no 2027
 * notice has been published), and publish a new version of a deadline profile (and see a statutory
 * limit refused on the rule's row).
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-admin.mjs
 *
 * Env: BASE_URL, DEMO_PASSWORD (default Laiban@2026), CHROMIUM_PATH (default /usr/bin/chromium).
 * Screenshots go to screenshots/admin-*.png. Prints "N passed, 0 failed"; exits 1 at the first failure.
 * The 2027 step needs a database without a 2027 notice, so run it on a fresh demo database.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const TOTAL_BUDGET_MS = 120_000;
const run = Date.now().toString(36).slice(-5);

let passed = 0;
let failed = 0;
let browser;
let page;
const pageErrors = [];
fs.mkdirSync(SHOTS, { recursive: true });

const budget = setTimeout(() => {
  console.error(`\n✗ admin test exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
budget.unref();

async function shot(name, { fullPage = true } = {}) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.screenshot({ path: `${SHOTS}admin-${name}.png`, fullPage });
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
    if (page) await shot('failure').catch(() => undefined);
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The form item whose label reads exactly `label`, inside `scope`. */
function field(scope, label) {
  return scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
}

async function toast(text) {
  await page.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor();
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
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await check('admin signs in and finds the three pages under 系统管理', async () => {
    await page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
    await page.locator('#login_username').fill('admin');
    await page.locator('#login_password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    for (const entry of ['事项分类', '节假日安排', '期限配置'])
      await page.getByRole('menuitem', { name: entry }).waitFor();
  });

  const leafName = `测试窨井盖维护${run}`;
  await check('categories: add a leaf under 01, a duplicate name is refused on the field', async () => {
    await page.getByRole('menuitem', { name: '事项分类' }).click();
    await page.waitForURL(/\/admin\/categories$/);
    await page.getByRole('cell', { name: '城乡建设', exact: true }).waitFor();
    await page.getByRole('button', { name: '在“城乡建设”下新增二级事项' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '在“城乡建设”下新增二级事项' });
    await modal
      .getByRole('button', { name: '保 存' })
      .or(modal.getByRole('button', { name: '保存' }))
      .click();
    await field(modal, '名称').getByText('必填项').waitFor();
    await field(modal, '名称').locator('input').fill(leafName);
    await modal.getByLabel('适宜调解').check();
    await modal.getByRole('button', { name: /保\s?存/ }).click();
    await toast('已新增分类 01');
    await modal.waitFor({ state: 'hidden' });
    // Expand 01 and find the new leaf.
    await page
      .locator('tr', { hasText: '城乡建设' })
      .first()
      .getByRole('button', { name: /展开|Expand/ })
      .click();
    await page.getByRole('cell', { name: leafName, exact: true }).first().waitFor();
    await page.getByRole('button', { name: '在“城乡建设”下新增二级事项' }).click();
    const again = page.locator('.ant-modal').filter({ hasText: '在“城乡建设”下新增二级事项' }).last();
    await field(again, '名称').locator('input').fill(leafName);
    await again.getByRole('button', { name: /保\s?存/ }).click();
    await field(again, '名称').getByText('同一大类下已有同名分类').waitFor();
    await shot('categories-duplicate', { fullPage: false });
    await again.getByRole('button', { name: /取\s?消/ }).click();
    await shot('categories');
  });

  await check('calendar: 2027 has no notice, the page says so; entering it removes the warning', async () => {
    await page.getByRole('menuitem', { name: '节假日安排' }).click();
    await page.waitForURL(/\/admin\/calendar$/);
    const missing = page.getByTestId('calendar-missing-2027');
    await missing.getByText('2027年的节假日安排尚未录入').waitFor();
    await missing.getByText('标记为“日历未核实”').waitFor();
    await shot('calendar-missing');
    await missing.getByRole('button', { name: '录入2027年安排' }).click();
    const drawer = page.getByRole('dialog');
    await field(drawer, '通知名称或文号').locator('input').fill(`（测试数据）2027年节假日安排 ${run}`);
    const row0 = drawer.getByTestId('holiday-row-0');
    await field(row0, '节日名称').locator('input').fill('元旦');
    const range0 = row0.locator('.ant-picker-range input');
    await range0.nth(0).fill('2027-01-01');
    await range0.nth(1).fill('2027-01-03');
    await range0.nth(1).press('Enter');
    await drawer.getByRole('button', { name: '添加节日' }).click();
    const row1 = drawer.getByTestId('holiday-row-1');
    await field(row1, '节日名称').locator('input').fill('春节');
    const range1 = row1.locator('.ant-picker-range input');
    await range1.nth(0).fill('2027-02-05');
    await range1.nth(1).fill('2027-02-11');
    await range1.nth(1).press('Enter');
    // A make-up workday on a Wednesday: the form refuses it before anything is sent.
    const makeup = row1.locator('.ant-picker:not(.ant-picker-range)');
    await makeup.click();
    await page.waitForTimeout(300); // the opening animation
    // The picker opens on January of the notice's year; its dropdown is the newest one.
    const dd = page.locator('.ant-picker-dropdown:visible').last();
    await dd.locator('.ant-picker-header-next-btn').click();
    await dd.locator('td[title="2027-02-17"]').click();
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    await field(row1, '调休上班日（周六或周日）').getByText('调休上班日应为周六或周日').waitFor();
    await shot('calendar-form', { fullPage: false });
    // Replace it with Saturday 2027-02-20.
    await makeup.click();
    await page.waitForTimeout(300); // the opening animation
    await dd.locator('.ant-picker-header-next-btn').click();
    await dd.locator('td[title="2027-02-17"]').click();
    await dd.locator('td[title="2027-02-20"]').click();
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    await toast('2027年安排已保存（11个日期）');
    await missing.waitFor({ state: 'detached' });
    const detail = page.getByTestId('calendar-year-detail');
    await detail.getByText('2027年节假日安排').waitFor();
    await detail.getByText('02-20（周六）').waitFor();
    await shot('calendar-2027');
  });

  await check(
    'deadline rules: read 60日, publish a 昌邑 version; a statutory limit is refused on its row',
    async () => {
      await page.getByRole('menuitem', { name: '期限配置' }).click();
      await page.waitForURL(/\/admin\/deadline-rules$/);
      await page.getByRole('cell', { name: '60日（自然日）' }).first().waitFor();
      await page.getByRole('cell', { name: '5个工作日' }).first().waitFor();
      await shot('deadline-rules');
      await page.getByRole('tab', { name: '昌邑群众诉求接待服务中心' }).click();
      const panel = page.getByRole('tabpanel');
      await panel.getByRole('button', { name: '发布新版本' }).click();
      const drawer = page.getByRole('dialog');
      const period = drawer.getByTestId('period-D_HANDLE');
      await period.fill('90');
      await drawer
        .getByRole('button', { name: '发 布' })
        .or(drawer.getByRole('button', { name: '发布' }))
        .click();
      await field(drawer, '修订说明').getByText('必填项').waitFor();
      await field(drawer, '修订说明').locator('textarea').fill('（测试数据）答复期限调整');
      await drawer.getByRole('button', { name: /发\s?布/ }).click();
      await drawer.getByText('不得长于法定期限60日').waitFor();
      await shot('deadline-version-refused', { fullPage: false });
      await period.fill('12');
      await drawer.getByRole('button', { name: /发\s?布/ }).click();
      await toast('已发布第2版');
      await panel.getByRole('button', { name: '第2版' }).waitFor();
      await panel.getByText('待生效').waitFor();
      await panel.getByRole('button', { name: '第2版' }).click();
      await panel.getByRole('cell', { name: '12日（自然日）' }).waitFor();
      await shot('deadline-version-2');
    },
  );

  await check('deadline rules: 东城镇 is set to use 昌邑', async () => {
    const form = page.locator('form#profile-assignment');
    await form.locator('.ant-select').first().click();
    await page.keyboard.type('东城镇');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '东城镇' }).first().click();
    await form.locator('.ant-select').nth(1).click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '昌邑' })
      .click();
    await form.getByRole('button', { name: /设\s?置/ }).click();
    await toast('已更新单位的期限配置');
    await page.getByRole('cell', { name: '东城镇' }).waitFor();
    await shot('deadline-assignments');
  });

  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
} catch {
  // reported by check()
} finally {
  await browser?.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
