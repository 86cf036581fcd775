#!/usr/bin/env node
/**
 * The citizen portal on a phone: submit a petition online (picture code, SMS code, consent), keep the
 * tracking code and query password, then follow the case with them; a wrong password is refused.
 *
 *   BASE_URL=http://localhost:3000 SERVER_LOG=data/server.log node scripts/browser-portal.mjs
 *
 * The SMS code is read from the server's log, where the development transport writes it (the server
 * must run its timers so the outbox is sent: TIMERS=on, LOG_LEVEL=info).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const SERVER_LOG = process.env.SERVER_LOG;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
fs.mkdirSync(SHOTS, { recursive: true });

let passed = 0;
let failed = 0;
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`✓ ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    console.log(
      `✗ ${name}\n    ${String(err?.stack ?? err)
        .split('\n')
        .slice(0, 4)
        .join('\n    ')}`,
    );
    throw err;
  }
}
function assert(ok, message) {
  if (!ok) throw new Error(message);
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function freshIdNumber() {
  const birth = `19${50 + Math.floor(Math.random() * 40)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
  const first17 = `110105${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}
const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** The code the development transport logged for this phone's masked form, newest first. */
async function smsCodeFromLog() {
  const tail = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  for (let i = 0; i < 60; i++) {
    const lines = fs.readFileSync(SERVER_LOG, 'utf8').split('\n').reverse();
    for (const line of lines) {
      if (!line.includes(tail) && !line.includes(phone)) continue;
      const m = /(\d{6})/.exec(JSON.parse(line).text ?? '');
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no SMS code for ${tail} in ${SERVER_LOG}`);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
});
const page = await context.newPage();
page.setDefaultTimeout(15_000);
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
const field = (label) =>
  page.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
let credentials;
try {
  await check('the portal opens on a phone without signing in', async () => {
    await page.goto(`${BASE_URL}/portal`, { waitUntil: 'networkidle' });
    await page.getByText('个人信息保护告知').waitFor();
    await page.screenshot({ path: `${SHOTS}portal-01-form.png`, fullPage: true });
  });

  await check('a citizen submits a petition with picture code, SMS code and consent', async () => {
    await field('姓名').locator('input').fill('林小红');
    await field('身份证号').locator('input').fill(freshIdNumber());
    await field('手机号').locator('input').fill(phone);
    await field('联系地址').locator('input').fill('东城镇东关村5组');
    await field('事项所在地（乡镇/街道、社区/村）').locator('.ant-select').click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '示范区' }).first().click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '东城镇' }).first().click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '东关村' }).first().click();
    await page.keyboard.press('Escape');
    await field('问题类别').locator('.ant-select').click();
    await page.keyboard.type('市政道路');
    await page.locator('.ant-select-item-option').first().click();
    await field('事发地点').locator('input').fill('东关村主路');
    await field('标题').locator('input').fill('<b>东关村</b>主路路灯不亮');
    await field('事实和理由').locator('textarea').fill('主路路灯坏了一个多月，晚上走路看不见。');
    await field('您的诉求').locator('textarea').fill('尽快修好路灯');
    const src = await page.getByAltText('图形验证码（计算结果）').getAttribute('src');
    const svg = decodeURIComponent(src.split(',')[1]);
    const glyphs = [...svg.matchAll(/>([^<])<\/text>/g)].map((m) => m[1]).join('');
    const [a, b] = glyphs.split(/[+=]/).map(Number);
    await field('图形验证码（计算结果）')
      .locator('input')
      .fill(String(a + b));
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/验证码已发送至/).waitFor();
    await field('短信验证码')
      .locator('input')
      .fill(await smsCodeFromLog());
    await page.getByText('我已阅读并同意上述个人信息处理规则').click();
    await page.screenshot({ path: `${SHOTS}portal-02-filled.png`, fullPage: true });
    await page
      .getByRole('button', { name: /提\s*交/ })
      .last()
      .click();
    await page.getByText('提交成功').waitFor();
    const text = await page.locator('body').innerText();
    const code = /查询码\s*\n?\s*([A-Z0-9-]{6,})/.exec(text)?.[1];
    const password = /查询密码\s*\n?\s*(\S{6,})/.exec(text.replace(/查询密码只显示这一次[^\n]*/, ''))?.[1];
    assert(code && password, `credentials not shown: ${text.slice(0, 400)}`);
    credentials = { code, password };
    await page.screenshot({ path: `${SHOTS}portal-03-credentials.png`, fullPage: true });
  });

  await check('the tracking code with a wrong password reveals nothing', async () => {
    const res = await page.evaluate(
      async (code) =>
        (
          await fetch('/api/portal/track', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ trackingCode: code, password: 'wrong-password-123' }),
          })
        ).status,
      credentials.code,
    );
    assert(res >= 400 && res < 500, `a wrong password answered ${res}`);
  });

  await check('the citizen follows the case with code and password; the title stays text', async () => {
    await page.getByRole('tab', { name: '查询进度' }).click();
    await field('查询码').locator('input').fill(credentials.code);
    await field('查询密码').locator('input').fill(credentials.password);
    await page
      .getByRole('button', { name: /查\s*询/ })
      .last()
      .click();
    await page.getByText('办理经过').waitFor();
    const text = await page.locator('body').innerText();
    assert(text.includes('<b>东关村</b>主路路灯不亮'), 'the title should show its markup as text');
    await page.screenshot({ path: `${SHOTS}portal-04-track.png`, fullPage: true });
  });

  await check('no uncaught errors in the pages', async () => {
    assert(errors.length === 0, errors.join(' | '));
  });
} catch {
  // reported above
} finally {
  console.log(`\n${passed} passed, ${failed} failed`);
  await browser.close();
  process.exit(failed ? 1 : 0);
}
