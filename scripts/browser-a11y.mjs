#!/usr/bin/env node
/**
 * Accessibility check: injects axe-core into the main pages, signed in as a few roles, and fails on
 * any serious or critical violation, printing each with the elements it found (and, for colour
 * contrast, the colours and the ratio). Also signs in with the keyboard only.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-a11y.mjs
 *
 * Env: BASE_URL, DEMO_PASSWORD (default Laiban@2026), CHROMIUM_PATH (default /usr/bin/chromium).
 * A screenshot of each page checked goes to screenshots/a11y-*.png, to see what the colours look like.
 * Needs the demo data (seed --demo); registers one case as xl_staff, so it can run again on the
 * same data.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
fs.mkdirSync(SHOTS, { recursive: true });
const AXE = fs.readFileSync(
  fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
);

/**
 * Pages per role. 'case' registers a case through the API and audits its page, then the page with
 * the accept form open; the xl_staff pages are seen empty (fresh demo data) and again with that case.
 */
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
      '/admin/outbox',
      '/admin/open311-clients',
      '/admin/api-tokens',
    ],
  },
  { user: 'xl_staff', paths: ['/', '/cases', '/ledger', '/cases/new', 'case', '/', '/cases', '/ledger'] },
  { user: 'leader', paths: ['/'] },
  { user: 'xl_grid1', paths: ['/'] },
];

async function audit(page, label) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    console.error(`✗ ${label}: [${v.impact}] ${v.id} — ${v.help}`);
    for (const n of v.nodes.slice(0, 6)) {
      const d = n.any[0]?.data;
      const colours = d?.contrastRatio ? `  (${d.fgColor} on ${d.bgColor}: ${d.contrastRatio}:1)` : '';
      console.error(`    ${n.target.join(' ')}${colours}`);
    }
    if (v.nodes.length > 6) console.error(`    … ${v.nodes.length - 6} more`);
  }
  if (!bad.length) console.log(`✓ ${label}`);
  const name = label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  await page.screenshot({ path: `${SHOTS}a11y-${name}.png` });
  return bad.length;
}

/** Signs in with the keyboard only: Tab into the fields, type, Enter. */
async function signInByKeyboard(page, user) {
  await page.goto(`${BASE_URL}/login`);
  await page.locator('#login_username').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  // Tab from the top of the page until the user-name field has the focus.
  for (let i = 0; i < 15 && (await focused()) !== 'login_username'; i++) await page.keyboard.press('Tab');
  if ((await focused()) !== 'login_username') throw new Error('Tab never reaches the user-name field');
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  if ((await focused()) !== 'login_password')
    throw new Error('Tab from the user name does not reach the password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');
}

async function signIn(page, user) {
  await page.goto(`${BASE_URL}/login`);
  await page.locator('#login_username').fill(user);
  await page.locator('#login_password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Registers a case as the signed-in user through the API (the same body the intake form sends). */
async function registerCase(page) {
  const answer = await page.evaluate(async () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const first17 = `110101${1950 + Math.floor(Math.random() * 50)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 10)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
    const me = await (await fetch('/api/auth/me')).json();
    const res = await fetch('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({
        channel: 'visit',
        petitioners: [
          {
            name: '张三',
            idNumber: first17 + '10X98765432'[sum % 11],
            phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
            address: '甲一村3组',
          },
        ],
        title: '戏台台阶无扶手',
        facts: '村戏台院台阶没有扶手，老人上下很不方便，已有人摔倒。',
        demands: '安装扶手',
        reasons: '保障老人安全',
        categoryCode: '0107',
        address: '甲一村戏台院',
      }),
    });
    return { status: res.status, body: await res.json() };
  });
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(`POST /api/cases answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body.id;
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
  for (const [index, { user, paths }] of PLAN.entries()) {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (index === 0) {
      await page.goto(`${BASE_URL}/login`);
      problems += await audit(page, 'login');
      await signInByKeyboard(page, user);
      console.log(`✓ ${user} signed in with the keyboard only`);
    } else {
      await signIn(page, user);
    }
    let seen = '';
    for (const path of paths) {
      if (path === 'case') {
        seen = ' (with a case)';
        const id = await registerCase(page);
        await page.goto(`${BASE_URL}/cases/${id}`);
        await page.getByTestId('case-detail').waitFor();
        problems += await audit(page, `${user} case detail`);
        await page.getByTestId('case-actions').getByTestId('cmd-accept').click();
        await page.getByTestId('command-form').waitFor();
        await page.waitForTimeout(400); // the opening animation
        problems += await audit(page, `${user} case detail, accept form open`);
        continue;
      }
      await page.goto(`${BASE_URL}${path}`);
      problems += await audit(page, `${user} ${path}${seen}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(problems ? `${problems} serious or critical violation(s)` : 'no serious or critical violations');
process.exit(problems ? 1 : 0);
