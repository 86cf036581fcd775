#!/usr/bin/env node
/**
 * Browser smoke test of the built web app against a running server.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-smoke.mjs
 *
 * Env: BASE_URL (default http://localhost:3000), DEMO_ADMIN_USER / DEMO_ADMIN_PASSWORD (default
 * the demo admin), CHROMIUM_PATH (default /usr/bin/chromium). Screenshots go to screenshots/.
 * Prints "N passed, 0 failed" and exits 0 on success; stops at the first failed check, exits 1.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const USERNAME = process.env.DEMO_ADMIN_USER || 'admin';
const PASSWORD = process.env.DEMO_ADMIN_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const TOTAL_BUDGET_MS = 60_000;
const STEP_TIMEOUT_MS = 10_000;

let passed = 0;
let failed = 0;
let browser;
let currentPage;

fs.mkdirSync(SHOTS, { recursive: true });

const budget = setTimeout(() => {
  console.error(`\n✗ smoke test exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
budget.unref();

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** One check = one count. The first failure stops the run (later checks depend on earlier ones). */
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
      await shot(currentPage, 'smoke-failure').catch(() => undefined);
      console.error(`  screenshot: screenshots/smoke-failure.png (at ${currentPage.url()})`);
    }
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function newPage() {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  currentPage = page;
  return { context, page, pageErrors };
}

async function main() {
  await check(`server answers at ${BASE_URL}/api/health`, async () => {
    let res;
    try {
      res = await fetch(`${BASE_URL}/api/health`, { signal: AbortSignal.timeout(5_000) });
    } catch (err) {
      throw new Error(
        `cannot reach ${BASE_URL} (${err instanceof Error ? err.message : err}); is the server running?`,
      );
    }
    assert(res.ok, `GET /api/health answered HTTP ${res.status}`);
    const body = await res.json();
    assert(body.status === 'ok', `health status is ${JSON.stringify(body.status)}`);
  });

  await check('chromium starts', async () => {
    assert(
      fs.existsSync(CHROMIUM),
      `no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
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

  const { context, page, pageErrors } = await newPage();

  await check('opening the site redirects to the sign-in page', async () => {
    await page.goto(`${BASE_URL}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('来办 · 信访与矛盾纠纷多元化解平台').waitFor();
    await page.locator('#login_username').waitFor();
    await shot(page, 'smoke-01-login');
  });

  let displayName = '';
  await check(`signing in as ${USERNAME} opens the home page`, async () => {
    await page.locator('#login_username').fill(USERNAME);
    await page.locator('#login_password').fill(PASSWORD);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      page.getByTestId('login-submit').click(),
    ]);
    const body = await response.json().catch(() => null);
    assert(
      response.ok(),
      `POST /api/auth/login answered HTTP ${response.status()}: ${body?.error?.message ?? ''}`,
    );
    displayName = body.displayName;
    assert(typeof displayName === 'string' && displayName, 'the sign-in response has no displayName');
    await page.waitForURL((url) => url.pathname === '/');
  });

  await check('the Chinese home page shows 首页 and the display name', async () => {
    await page.getByRole('menuitem', { name: '首页' }).waitFor();
    const userMenu = page.getByTestId('user-menu');
    await userMenu.waitFor();
    const text = (await userMenu.textContent()) ?? '';
    assert(text.includes(displayName), `header shows "${text}", expected the display name "${displayName}"`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    assert(lang === 'zh-CN', `page language is "${lang}", expected zh-CN`);
    await page.getByText(`，${displayName}`).first().waitFor(); // greeting: 上午好，系统管理员
    await shot(page, 'smoke-02-home');
  });

  await check('组织机构 shows the jurisdiction tree with 示范区', async () => {
    await page.getByRole('menuitem', { name: '组织机构' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/org-units');
    const tree = page.getByTestId('org-tree');
    await tree.getByText('示范区', { exact: true }).first().waitFor();
    await page.getByTestId('unit-detail').waitFor();
    await shot(page, 'smoke-03-org-units');
  });

  await check('the tree lists the towns 东城镇, 西山镇, 南湖街道', async () => {
    const tree = page.getByTestId('org-tree');
    for (const town of ['东城镇', '西山镇', '南湖街道']) {
      await tree.getByText(town, { exact: true }).first().waitFor();
    }
  });

  await check('no uncaught errors in the page', async () => {
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);
  });
  await context.close();

  const fresh = await newPage();
  await check('a wrong password shows 用户名或密码错误', async () => {
    await fresh.page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
    await fresh.page.locator('#login_username').fill(USERNAME);
    await fresh.page.locator('#login_password').fill(`${PASSWORD}-wrong`);
    await fresh.page.getByTestId('login-submit').click();
    const alert = fresh.page.getByTestId('login-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    assert(text.includes('用户名或密码错误'), `error shown: "${text}"`);
    assert(fresh.page.url().includes('/login'), `left the sign-in page: ${fresh.page.url()}`);
    await shot(fresh.page, 'smoke-04-wrong-password');
  });
  await fresh.context.close();
}

try {
  await main();
  console.log(`\n${passed} passed, ${failed} failed`);
  await browser?.close();
  process.exit(0);
} catch {
  console.log(`\n${passed} passed, ${failed} failed`);
  await browser?.close().catch(() => undefined);
  process.exit(1);
}
