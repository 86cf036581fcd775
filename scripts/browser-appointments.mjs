#!/usr/bin/env node
/**
 * Browser test of 预约接访 (S13) against a running server with the demo data and its timers on
 * (the SMS code is read from the development transport's log): the town office publishes a
 * leader-reception session, a citizen on a phone finds it in the portal and books it with a picture
 * code and an SMS code, the office sees the booking (phone masked) and records that the citizen
 * came; the workstation directory finds a village by name.
 *
 *   BASE_URL=http://localhost:3000 SERVER_LOG=data/server.log node scripts/browser-appointments.mjs
 */
import fs from 'node:fs';
import { assert, BASE_URL, kit } from './lib/browser-kit.mjs';

const SERVER_LOG = process.env.SERVER_LOG;
const { check, shot, signIn, visit, run } = kit('appointments');
const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const host = `接访${Date.now().toString(36).slice(-4)}`;

async function smsCodeFromLog() {
  for (let i = 0; i < 60; i++) {
    const lines = fs.readFileSync(SERVER_LOG, 'utf8').split('\n').reverse();
    for (const line of lines) {
      if (!line.includes(masked)) continue;
      const m = /(\d{6})/.exec(JSON.parse(line).text ?? '');
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no SMS code for ${masked} in ${SERVER_LOG}`);
}

await run(async () => {
  assert(SERVER_LOG, 'SERVER_LOG must name the server log');
  const office = await signIn('dc_xfb');
  const towns = await office.call('GET', '/api/org-units');
  const town = (towns.items ?? towns).find((u) => u.name === '东城镇');
  assert(town, 'no 东城镇 in the demo district');
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCHours(1, 0, 0, 0); // 09:00 in Beijing
  const { id } = await office.call('POST', '/api/reception-sessions', {
    unitId: town.id,
    kind: 'leader_reception',
    hostName: host,
    hostTitle: '镇长',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2.5 * 3600_000).toISOString(),
    place: '东城镇综治中心接访室',
    topics: '征地拆迁、劳资纠纷',
    capacity: 10,
  });

  const citizen = await visit('/portal');
  const page = citizen.page;
  // The submit tab's form stays in the page: look inside the booking form only.
  const field = (label) =>
    page
      .getByTestId('booking-form')
      .locator('.ant-form-item')
      .filter({ has: page.locator(`label[title="${label}"]`) });

  await check('a citizen on a phone finds the published session in the portal', async () => {
    await page.getByRole('tab', { name: '预约接访' }).click();
    await page.getByTestId(`book-${id}`).waitFor();
    const row = page.locator('.ant-list-item').filter({ hasText: host });
    const text = await row.innerText();
    assert(text.includes('剩余名额 10 / 10') && text.includes('领导接访'), `session shows: ${text}`);
    await shot(page, 'schedule');
  });

  await check('books it with a picture code and an SMS code, and gets a booking code', async () => {
    await page.getByTestId(`book-${id}`).click();
    await field('姓名').locator('input').fill('陈大伯');
    await field('手机号').locator('input').fill(phone);
    await field('反映事项（简要）').locator('textarea').fill('承包地被邻村占用，要求镇里协调');
    const src = await page
      .getByTestId('booking-form')
      .getByAltText('图形验证码（计算结果）')
      .getAttribute('src');
    const svg = decodeURIComponent(src.split(',')[1]);
    const glyphs = [...svg.matchAll(/>([^<])<\/text>/g)].map((m) => m[1]).join('');
    const [a, b] = glyphs.split(/[+=]/).map(Number);
    await field('图形验证码（计算结果）')
      .locator('input')
      .fill(String(a + b));
    await page.getByTestId('booking-form').getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/验证码已发送至/).waitFor();
    await field('短信验证码')
      .locator('input')
      .fill(await smsCodeFromLog());
    await page.getByRole('button', { name: /确认预约/ }).click();
    const code = await page.getByTestId('booking-code').innerText();
    assert(/^YY[A-Z2-9]{8}/.test(code), `booking code ${code}`);
    await shot(page, 'booked');
  });

  await check('the office sees the booking with the phone masked and records the visit', async () => {
    const p = office.page;
    await p.goto(`${BASE_URL}/reception`);
    await p.getByTestId(`booked-${id}`).filter({ hasText: '1 / 10' }).waitFor();
    await p.getByTestId(`booked-${id}`).click();
    const bookings = p.getByTestId('bookings');
    await bookings.getByText('陈大伯').waitFor();
    const text = await bookings.innerText();
    assert(text.includes(masked) && !text.includes(phone), `bookings show: ${text}`);
    await bookings.getByRole('button', { name: /已到场/ }).click();
    await bookings.locator('.ant-tag').filter({ hasText: '已到场' }).waitFor();
    await shot(p, 'office');
  });

  await check('the workstation directory finds a village by name', async () => {
    await page.goto(`${BASE_URL}/portal`);
    await page.getByRole('tab', { name: '我来办工作室' }).click();
    await page.getByLabel('按村（社区）、街道或地址查找').fill('东关');
    await page.keyboard.press('Enter');
    await page.getByTestId('directory').getByText('东城镇东关村村委会一层').waitFor();
    await shot(page, 'directory');
  });
});
