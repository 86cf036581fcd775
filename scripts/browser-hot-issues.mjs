#!/usr/bin/env node
/**
 * Browser test of 智能分拨 (category and unit suggestion in the intake form) and 热点发现 (hot
 * issues on the leader's home page, with drill-down to the cases), against a running server with
 * the demo data (seed --demo).
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-hot-issues.mjs
 *
 * Env: BASE_URL, DEMO_PASSWORD (default Laiban@2026), CHROMIUM_PATH (default /usr/bin/chromium).
 * Screenshots go to screenshots/hot-issues-*.png. Exits 1 at the first failed check.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const STEP_TIMEOUT_MS = 20_000;

let passed = 0;
let browser;
let currentPage;
fs.mkdirSync(SHOTS, { recursive: true });
const budget = setTimeout(() => {
  console.error('✗ hot-issue test exceeded 150 s');
  process.exit(1);
}, 150_000);
budget.unref();

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}hot-issues-${name}.png`, fullPage: true });
}

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    console.error(`✗ ${name}\n  ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    if (currentPage) await shot(currentPage, 'failure').catch(() => undefined);
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function freshIdNumber() {
  const year = 1950 + Math.floor(Math.random() * 50);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const first17 = `110101${year}${month}${day}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}

async function signIn(username) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  currentPage = page;
  await page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

function field(scope, label) {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) });
}

async function main() {
  await check('chromium starts', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  const ws = await signIn('xl_staff');
  const run = Date.now().toString(36).slice(-4);
  const estate = `阳光花园${run}小区`;
  let caseIds = [];

  await check('xl_staff registers five parking complaints from one estate (through the API)', async () => {
    caseIds = await ws.evaluate(
      async ({ estate, ids }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const out = [];
        for (let i = 0; i < 5; i++) {
          const res = await fetch('/api/cases', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({
              channel: 'visit',
              petitioners: [
                {
                  name: `业主${i + 1}`,
                  idNumber: ids[i],
                  phone: `1390000${String(1000 + i)}`,
                  address: estate,
                },
              ],
              title: `${estate}车位捆绑销售，业主停车难（${i + 1}）`,
              facts: `${estate}开发商强制业主购买车位，车位捆绑销售，不买就不给交房，业主停车困难。`,
              demands: '请求查处车位捆绑销售',
              categoryCode: '0209',
              address: `东城镇杏林路${estate}`,
            }),
          });
          if (res.status !== 201) throw new Error(`POST /api/cases answered ${res.status}`);
          const c = await res.json();
          out.push(c.id);
          const rec = await fetch(`/api/cases/${c.id}/category-suggestion`, {
            method: 'POST',
            headers: { 'x-csrf-token': me.csrfToken },
          });
          if (rec.status !== 200) throw new Error(`recording the suggestion answered ${rec.status}`);
        }
        return out;
      },
      { estate, ids: [1, 2, 3, 4, 5].map(() => freshIdNumber()) },
    );
    assert(caseIds.length === 5, 'five cases');
  });

  await check(
    'the intake form suggests 住房与物业 › 小区停车与车位 with confidence and 区住建委; 采用 fills the category',
    async () => {
      await ws.getByRole('menuitem', { name: '登记事项' }).click();
      await ws.waitForURL((url) => url.pathname === '/cases/new');
      const form = ws.locator('form#intake');
      await field(form, '标题').locator('input').first().fill('小区停车位被外来车辆长期占用');
      await field(form, '事实经过')
        .locator('textarea')
        .first()
        .fill('我们小区的地面停车位经常被外来车辆占用，业主下班回家没有地方停车，物业不管。');
      const box = ws.getByTestId('category-suggestion');
      await box.waitFor();
      const category = await ws.getByTestId('category-suggestion-category').innerText();
      assert(category.includes('小区停车与车位'), `suggested ${category}`);
      assert((await box.innerText()).includes('置信度'), 'confidence shown');
      assert(
        (await ws.getByTestId('category-suggestion-unit').innerText()).includes('区住建委'),
        'unit shown',
      );
      await shot(ws, '01-intake-suggestion');
      await ws.getByTestId('category-suggestion-accept').click();
      await field(form, '问题分类').locator('.ant-select').filter({ hasText: '小区停车与车位' }).waitFor();
      await box.getByText('已采用').waitFor();
      await shot(ws, '02-intake-accepted');
    },
  );

  const leader = await signIn('leader');
  await check('the leader home page shows the estate as a hot issue of 5 cases', async () => {
    const panel = leader.getByTestId('hot-issues-panel');
    await panel.waitFor();
    const row = panel.locator('tr.ant-table-row').filter({ hasText: estate }).first();
    await row.waitFor();
    assert((await row.innerText()).includes('5'), 'size 5');
    await shot(leader, '03-home-panel');
  });

  await check('drill-down: the hot issue lists its cases, each opens its case page', async () => {
    await leader.getByRole('menuitem', { name: '热点发现' }).click();
    await leader.waitForURL((url) => url.pathname === '/hot-issues');
    const row = leader.locator('tr.ant-table-row').filter({ hasText: estate }).first();
    await row.locator('.ant-table-row-expand-icon').click();
    const cases = leader.getByTestId('hot-issue-cases').first();
    await cases.waitFor();
    assert((await cases.locator('tr.ant-table-row').count()) === 5, 'five cases in the drill-down');
    await shot(leader, '04-page-drilldown');
    await cases.locator('a').first().click();
    await leader.waitForURL((url) => url.pathname.startsWith('/cases/'));
    await leader.getByTestId('case-detail').waitFor();
  });

  console.log(`${passed} passed, 0 failed`);
  await browser.close();
}

main().catch(async () => {
  await browser?.close().catch(() => undefined);
  process.exit(1);
});
