#!/usr/bin/env node
/**
 * Accessibility check: injects axe-core into the main pages, signed in as a few roles, and fails on
 * any serious or critical violation, printing each with the elements it found.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-a11y.mjs
 *
 * Env: BASE_URL, DEMO_PASSWORD (default Laiban@2026), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE = fs.readFileSync(
  fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
);

/** Pages per role; `null` path = the sign-in page before signing in. */
const PLAN = [
  {
    user: 'admin',
    paths: [
      '/',
      '/admin/org-units',
      '/admin/users',
      '/admin/categories',
      '/admin/calendar',
      '/admin/deadline-rules',
    ],
  },
  { user: 'xl_staff', paths: ['/', '/cases', '/cases/new', 'first-case'] },
];

async function audit(page, label) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    console.error(`✗ ${label}: [${v.impact}] ${v.id} — ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.error(`    ${n.target.join(' ')}`);
  }
  if (!bad.length) console.log(`✓ ${label}`);
  return bad.length;
}

let problems = 0;
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
  for (const { user, paths } of PLAN) {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${BASE_URL}/login`);
    if (user === PLAN[0].user) problems += await audit(page, 'login');
    await page.locator('#login_username').fill(user);
    await page.locator('#login_password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    for (const path of paths) {
      if (path === 'first-case') {
        await page.goto(`${BASE_URL}/cases`);
        // The queue opens a case by clicking its row.
        await page.locator('.ant-table-row').first().click();
        await page.waitForURL(/\/cases\/[0-9a-f-]{36}/);
        problems += await audit(page, `${user} case detail`);
        continue;
      }
      await page.goto(`${BASE_URL}${path}`);
      problems += await audit(page, `${user} ${path}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(problems ? `${problems} serious or critical violation(s)` : 'no serious or critical violations');
process.exit(problems ? 1 : 0);
