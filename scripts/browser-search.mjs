#!/usr/bin/env node
/**
 * Browser test of search and repeat detection against a running server with the demo data:
 * a clerk registers a complaint through the API, finds it on 事项检索 with the words marked, then
 * starts registering the same complaint again and sees it proposed with its reasons.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-search.mjs
 *
 * Env: BASE_URL, DEMO_PASSWORD (default Laiban@2026), CHROMIUM_PATH (default /usr/bin/chromium).
 * Screenshots go to screenshots/search-*.png. Exits 1 at the first failed check.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
fs.mkdirSync(SHOTS, { recursive: true });

let passed = 0;
async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    passed++;
    console.log(`✓ ${name} (${Date.now() - t} ms)`);
  } catch (err) {
    console.error(`✗ ${name}\n  ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    console.log(`${passed} passed, 1 failed`);
    process.exit(1);
  }
}

const stamp = Date.now() % 100000;
const matter = {
  title: `幸福小区${stamp}号楼鸽子粪污染`,
  facts: '邻居在楼顶养了几十只鸽子，鸽子粪落满我家阳台，气味难闻，多次沟通无果。',
  demands: '清理鸽子粪并限制养鸽',
  address: `甲一村幸福小区${stamp}号楼`,
};

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await check('signs in as the village workstation', async () => {
    await page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
    await page.locator('#login_username').fill('xl_staff');
    await page.locator('#login_password').fill(PASSWORD);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      page.getByTestId('login-submit').click(),
    ]);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
  await check('registers a complaint (API, same session)', async () => {
    const r = await page.evaluate(async (m) => {
      const me = await (await fetch('/api/auth/me')).json();
      const csrf = me.csrfToken;
      const res = await fetch('/api/cases?view=summary', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({
          channel: 'visit',
          petitioners: [{ name: '鲁一', phone: '13912345678', address: '甲一村5组' }],
          ...m,
          categoryCode: '1003',
        }),
      });
      return res.status;
    }, matter);
    if (r !== 201) throw new Error(`registration answered ${r}`);
  });
  await check('事项检索 finds it with the words marked', async () => {
    await page.goto(`${BASE_URL}/search?q=${encodeURIComponent(`鸽子粪 ${stamp}`)}`);
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor();
    if (!(await hit.innerText()).includes(matter.title)) throw new Error('the new case is not the first hit');
    if ((await hit.locator('mark').count()) < 2) throw new Error('no marked words');
    await page.screenshot({ path: `${SHOTS}search-results.png`, fullPage: true });
  });
  await check('the intake form proposes it as a possible repeat, with reasons', async () => {
    await page.goto(`${BASE_URL}/cases/new`);
    await page.locator('#intake_title').fill(matter.title);
    await page.locator('#intake_facts').fill(matter.facts);
    await page.locator('#intake_address').fill(matter.address);
    const candidate = page.getByTestId('duplicate-candidate').first();
    await candidate.waitFor({ timeout: 20_000 });
    if (!(await candidate.innerText()).includes(matter.title))
      throw new Error('the earlier case is not proposed');
    await candidate.getByTestId('reason-similar_text').waitFor();
    await candidate.getByTestId('link-as-repeat').click();
    await page.getByTestId('duplicate-choice').waitFor();
    await page.screenshot({ path: `${SHOTS}search-intake-candidates.png`, fullPage: true });
  });
  console.log(`${passed} passed, 0 failed`);
} finally {
  await browser.close();
}
