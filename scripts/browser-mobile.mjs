#!/usr/bin/env node
/**
 * Browser test of the phone and tablet layouts against a running server with the demo data
 * (seed --demo): a grid worker reports a matter from a phone (camera photo, browser position), the
 * case is checked through the API, the workbench pages are looked at on a phone, and a leader's
 * home page draws the area charts on a tablet and on a phone.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-mobile.mjs
 *
 * Env: BASE_URL (default http://localhost:3000), DEMO_PASSWORD (default Laiban@2026),
 * CHROMIUM_PATH (default /usr/bin/chromium). Screenshots go to screenshots/mobile-*.png.
 * Prints "N passed, 0 failed" and exits 0 on success; stops at the first failed check, exits 1.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const TOTAL_BUDGET_MS = 120_000;
const STEP_TIMEOUT_MS = 15_000;
/** A fixed position the phone reports (杏林社区, as the demo district places it). */
const POSITION = { latitude: 30.658601, longitude: 104.064799 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true };

let passed = 0;
let failed = 0;
let browser;
let currentPage;
const pageErrors = [];

fs.mkdirSync(SHOTS, { recursive: true });

const budget = setTimeout(() => {
  console.error(`\n✗ mobile test exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
budget.unref();

async function shot(page, name, { fullPage = true } = {}) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}mobile-${name}.png`, fullPage });
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
      await shot(currentPage, 'failure').catch(() => undefined);
      console.error(`  screenshot: screenshots/mobile-failure.png (at ${currentPage.url()})`);
    }
    if (pageErrors.length) console.error(`  page errors: ${pageErrors.join(' | ')}`);
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * A real 64×48 RGB PNG (a sky-and-road picture in two bands), built from bytes: the server checks
 * uploads by their content, so the photo must decode as an image.
 */
function photoPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const u32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
  };
  const chunk = (type, data) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([u32(data.length), td, u32(crc(td))]);
  };
  const w = 64;
  const h = 48;
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = [0];
    for (let x = 0; x < w; x++) row.push(...(y < h / 2 ? [120, 170, 230] : [90, 90, 95]));
    rows.push(Buffer.from(row));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32(w), u32(h), Buffer.from([8, 2, 0, 0, 0])])),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function signIn(username, device, extra = {}) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...device,
    ...extra,
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

/** The page must not be wider than the screen: wide content scrolls inside its own box. */
async function expectNoSidewaysScroll(page, what) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert(scrollWidth <= innerWidth + 1, `${what}: page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

function field(scope, label) {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) });
}

async function chooseCategory(page, scope, label, code) {
  const select = field(scope, label).locator('.ant-select').first();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.type(code);
    const node = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
      .filter({ hasText: code })
      .first();
    await node.waitFor();
    await page.waitForTimeout(150);
    await node.click();
    try {
      await select.filter({ hasText: code }).waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Matters spread over the last months, channels and categories, registered by the 杏林社区
 * workstation through the API, so the leader's charts have something to draw.
 */
async function registerSpread(count) {
  const context = await browser.newContext();
  const login = await context.request.post(`${BASE_URL}/api/auth/login`, {
    data: { username: 'xl_staff', password: PASSWORD },
  });
  assert(login.ok(), `xl_staff sign-in answered HTTP ${login.status()}`);
  const { csrfToken } = await login.json();
  const channels = ['visit', 'phone', 'letter', 'online', 'grid'];
  const categories = ['0107', '0204', '0302', '2012', '0501', '0107'];
  for (let i = 0; i < count; i++) {
    const res = await context.request.post(`${BASE_URL}/api/cases?view=summary`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        channel: channels[i % channels.length],
        receivedAt: new Date(Date.now() - ((i * 23) % 330) * 86_400_000 - 3_600_000).toISOString(),
        petitioners: [{ partyType: 'person', name: `居民${i + 1}`, address: '杏林社区2组' }],
        title: `楼道堆物影响通行 ${i + 1}`,
        facts: '楼道长期堆放杂物，影响通行和消防安全。',
        demands: '清理楼道',
        categoryCode: categories[i % categories.length],
        address: '杏林社区2栋',
      },
    });
    assert(res.status() === 201, `registering a spread case answered HTTP ${res.status()}`);
  }
  await context.close();
}

async function main() {
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

  await check('the sign-in page on a phone loads no chart code', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', ...PHONE });
    const page = await context.newPage();
    const scripts = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${BASE_URL}/login`, { waitUntil: 'networkidle' });
    await page.locator('#login_username').waitFor();
    assert(scripts.length > 0, 'no scripts seen');
    const charts = scripts.filter((s) => /area-overview|echarts/.test(s));
    assert(charts.length === 0, `the sign-in page loaded ${charts.join(', ')}`);
    await expectNoSidewaysScroll(page, 'sign-in');
    await context.close();
  });

  const grid = await signIn('xl_grid1', PHONE, {
    geolocation: POSITION,
    permissions: ['geolocation'],
  });
  const p = grid.page;
  const title = `井盖缺失 ${Date.now().toString(36)}`;
  let caseId;
  let caseNo;

  await check('grid worker: home on a phone offers 网格上报, the menu is a drawer', async () => {
    await p.getByTestId('report-shortcut').waitFor();
    await expectNoSidewaysScroll(p, 'home');
    await shot(p, 'phone-01-grid-home');
    assert(!(await p.locator('.ant-layout-sider').count()), 'the side menu shows on a phone');
    await p.getByTestId('menu-toggle').click();
    const drawer = p.locator('.ant-drawer-open');
    await drawer.getByText('网格上报').waitFor();
    await p.waitForTimeout(300); // the drawer's slide-in
    await shot(p, 'phone-02-drawer', { fullPage: false });
    await drawer.getByText('网格上报').click();
    await p.waitForURL((url) => url.pathname === '/report');
  });

  await check('grid worker: photo from the camera input, position from the browser', async () => {
    const input = p.getByTestId('report-photo').locator('input[type=file]');
    assert(
      (await input.getAttribute('capture')) === 'environment',
      'the photo input does not open the camera',
    );
    assert((await input.getAttribute('accept')) === 'image/*', 'the photo input does not ask for images');
    const [upload] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST'),
      input.setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: photoPng() }),
    ]);
    assert(upload.status() === 201, `photo upload answered HTTP ${upload.status()}`);
    await p.locator('.ant-upload-list-item-uploading').waitFor({ state: 'detached' });
    await p.getByTestId('report-locate').click();
    await p
      .getByTestId('report-location-status')
      .filter({ hasText: `纬度 ${POSITION.latitude}，经度 ${POSITION.longitude}` })
      .waitFor();
  });

  await check('grid worker: reports the matter and sees its number and a link to it', async () => {
    const form = p.locator('form#report');
    await field(form, '地址或位置描述').locator('input').fill('杏林社区3栋东侧路口');
    await chooseCategory(p, form, '问题分类', '0107');
    await field(form, '简要标题').locator('input').fill(title);
    await field(form, '发现的情况')
      .locator('textarea')
      .fill('路口雨水井盖缺失，夜间行人易踩空，已放置临时警示锥。');
    await field(form, '群众诉求或处理建议').locator('textarea').fill('尽快补装井盖');
    await shot(p, 'phone-03-report-form');
    const [response] = await Promise.all([
      p.waitForResponse((r) => /\/api\/cases(\?|$)/.test(r.url()) && r.request().method() === 'POST'),
      p.getByTestId('report-submit').click(),
    ]);
    assert(response.status() === 201, `registration answered HTTP ${response.status()}`);
    const body = await response.json();
    caseId = body.id;
    caseNo = body.caseNo;
    await p.getByTestId('report-done').waitFor();
    await p.getByTestId('report-case-no').filter({ hasText: caseNo }).waitFor();
    await p.getByTestId('my-reports').getByText(title).waitFor();
    await expectNoSidewaysScroll(p, 'report page');
    await shot(p, 'phone-04-report-done');
  });

  await check('the case holds the grid channel, the position and the photo', async () => {
    const res = await p.request.get(`${BASE_URL}/api/cases/${caseId}`);
    assert(res.ok(), `case detail answered HTTP ${res.status()}`);
    const c = await res.json();
    assert(c.channel === 'grid', `channel is ${c.channel}`);
    assert(
      c.latitude === POSITION.latitude && c.longitude === POSITION.longitude,
      `position is ${c.latitude}, ${c.longitude}`,
    );
    assert(
      c.attachments.length === 1 && c.attachments[0].name === '现场照片.png',
      'the photo is not attached',
    );
    assert(c.attachments[0].mime === 'image/png', `photo stored as ${c.attachments[0].mime}`);
  });

  await check('grid worker: the case page, the queue and the intake form fit a phone', async () => {
    await p.getByTestId('report-case-link').click();
    await p.getByTestId('case-detail').waitFor();
    await p.getByTestId('case-no').filter({ hasText: caseNo }).waitFor();
    await expectNoSidewaysScroll(p, 'case detail');
    await shot(p, 'phone-05-case-detail');
    await p.goto(`${BASE_URL}/cases?tab=all`);
    await p.getByTestId('queue-table').getByText(caseNo).waitFor();
    await expectNoSidewaysScroll(p, 'queue');
    await shot(p, 'phone-06-queue');
    await p.goto(`${BASE_URL}/cases/new`);
    await p.locator('form#intake').waitFor();
    await expectNoSidewaysScroll(p, 'intake form');
    await shot(p, 'phone-07-intake');
  });
  await grid.context.close();

  await check('grid worker: a refused position says so and how to go on', async () => {
    // No geolocation permission in this context: the browser refuses the position.
    const { context, page } = await signIn('xl_grid1', PHONE);
    await page.goto(`${BASE_URL}/report`);
    await page.getByTestId('report-locate').click();
    await page.getByTestId('report-location-status').filter({ hasText: '您未允许本页面获取位置' }).waitFor();
    await shot(page, 'phone-05b-location-denied', { fullPage: false });
    await context.close();
  });

  await check('workstation: the queue and the intake form fit a tablet at the village desk', async () => {
    const { context, page } = await signIn('xl_staff', TABLET);
    await page.locator('.ant-layout-sider').waitFor(); // a tablet keeps the side menu
    await page.goto(`${BASE_URL}/cases?tab=all`);
    await page.getByTestId('queue-table').waitFor();
    await expectNoSidewaysScroll(page, 'tablet queue');
    await shot(page, 'tablet-06-queue');
    await page.goto(`${BASE_URL}/cases/new`);
    await page.locator('form#intake').waitFor();
    await expectNoSidewaysScroll(page, 'tablet intake');
    await shot(page, 'tablet-07-intake');
    await context.close();
  });

  await check('the workstation registers a dozen matters over the last months (API)', async () => {
    await registerSpread(12);
  });

  for (const [device, name] of [
    [TABLET, 'tablet'],
    [PHONE, 'phone'],
  ]) {
    await check(`leader: home on a ${name} draws the area charts with their figures`, async () => {
      const { context, page } = await signIn('leader', device);
      const area = page.getByTestId('area-overview');
      await area.waitFor();
      const received = Number(
        (
          await area.getByTestId('area-received').locator('.ant-statistic-content-value').textContent()
        )?.replace(/\D/g, ''),
      );
      assert(received > 0, `the area received ${received} cases`);
      for (const id of ['chart-month', 'chart-category', 'chart-colour', 'chart-channel', 'chart-stage']) {
        const chart = area.getByTestId(id);
        const box = await chart.locator('canvas').first().boundingBox();
        assert(box && box.width > 100 && box.height > 100, `${id} drew no canvas`);
        const label = (await chart.getAttribute('aria-label')) ?? '';
        assert(/\d+件/.test(label), `${id} has no text alternative with figures: "${label}"`);
      }
      const monthLabel = (await area.getByTestId('chart-month').getAttribute('aria-label')) ?? '';
      const monthSum = [...monthLabel.matchAll(/(\d+)件/g)].reduce((s, m) => s + Number(m[1]), 0);
      assert(monthSum === received, `months add up to ${monthSum}, the period to ${received}`);
      await expectNoSidewaysScroll(page, `${name} home`);
      await page.waitForTimeout(600); // the charts' entry animation
      await shot(page, `${name}-08-leader-home`);
      if (name === 'tablet') {
        // The longest category bar is the first row: clicking it opens the queue on that category.
        const chart = area.getByTestId('chart-category');
        const box = await chart.boundingBox();
        await chart.scrollIntoViewIfNeeded();
        const rows = (await chart.getAttribute('aria-label')).split('，').length;
        const band = (box.height - 24) / rows;
        await chart.click({ position: { x: box.width * 0.75, y: 16 + band / 2 } });
        await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.has('category'));
        const url = new URL(page.url());
        assert(url.searchParams.get('tab') === 'all', 'the chart opened the to-do tab');
        await page.getByTestId('queue-table').waitFor();
        await shot(page, 'tablet-09-queue-from-chart');
      }
      await context.close();
    });
  }

  await check('no uncaught errors in the pages', async () => {
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);
  });
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
