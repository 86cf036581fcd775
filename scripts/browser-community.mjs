#!/usr/bin/env node
/**
 * Browser test of community governance against a running server with the demo data (seed --demo):
 * S9, a grid worker on a phone reports a blocked fire lane with a photo and the browser's position,
 * and finds it on the operations map (挂图作战) in the own grid; a leader sees the demo grids with
 * the district's cases in the right grids, filters by colour and opens a case from the map page;
 * the workstation sees its grids, courtyard unit and roster, and a bad boundary file is refused.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-community.mjs
 *
 * Env: BASE_URL (default http://localhost:3000), DEMO_PASSWORD (default Laiban@2026),
 * CHROMIUM_PATH (default /usr/bin/chromium). Screenshots go to screenshots/community-*.png.
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
/** A position inside 杏林社区 第一网格 as the demo boundaries draw it. */
const POSITION = { latitude: 39.74, longitude: 116.157 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1366, height: 900 } };

let passed = 0;
let failed = 0;
let browser;
let currentPage;
const pageErrors = [];

fs.mkdirSync(SHOTS, { recursive: true });

const budget = setTimeout(() => {
  console.error(`\n✗ community test exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
budget.unref();

async function shot(page, name, { fullPage = true } = {}) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}community-${name}.png`, fullPage });
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
      console.error(`  screenshot: screenshots/community-failure.png (at ${currentPage.url()})`);
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

/** An API session of a demo user (for setting up data and reading it back). */
async function apiAs(username) {
  const context = await browser.newContext();
  const login = await context.request.post(`${BASE_URL}/api/auth/login`, {
    data: { username, password: PASSWORD },
  });
  assert(login.ok(), `${username} sign-in answered HTTP ${login.status()}`);
  const { csrfToken } = await login.json();
  return {
    context,
    get: async (url) => {
      const r = await context.request.get(`${BASE_URL}${url}`);
      assert(r.ok(), `GET ${url} answered HTTP ${r.status()}`);
      return r.json();
    },
    post: (url, data) =>
      context.request.post(`${BASE_URL}${url}`, { headers: { 'x-csrf-token': csrfToken }, data }),
  };
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

  const grids = (await (await apiAs('qu_xfb')).get('/api/community/grids')).items;
  const gridOf = (community, name) => grids.find((g) => g.communityName === community && g.name === name);
  const xlG1 = gridOf('杏林社区', '第一网格');
  const nhG2 = gridOf('南湖社区', '第二网格');
  assert(xlG1?.boundary && nhG2?.boundary, 'the demo grids have no boundaries');

  // The district's matters: a red one reported in 南湖社区 第二网格 (no position, by grid), a yellow
  // one with a position inside 杏林社区 第一网格.
  const ws = await apiAs('qu_xfb');
  const stamp = Date.now().toString(36);
  const register = async (over) => {
    const r = await ws.post('/api/cases?view=summary', {
      channel: 'visit',
      petitioners: [{ partyType: 'person', name: '居民甲', address: '南湖社区5栋' }],
      facts: '情况说明',
      demands: '尽快处理',
      categoryCode: '0107',
      address: '南湖社区5栋',
      ...over,
    });
    assert(r.status() === 201, `registering answered HTTP ${r.status()}: ${await r.text()}`);
    return r.json();
  };
  const red = await register({
    title: `小区围墙开裂 ${stamp}`,
    riskColour: 'red',
    riskReason: '围墙随时可能倒塌',
    locationUnitId: nhG2.id,
  });
  const yellow = await register({
    title: `楼道私拉电线 ${stamp}`,
    riskColour: 'yellow',
    riskReason: '火灾隐患',
    latitude: 39.7415,
    longitude: 116.1575,
  });
  await ws.context.close();

  const grid = await signIn('xl_grid1', PHONE, { geolocation: POSITION, permissions: ['geolocation'] });
  const p = grid.page;
  const title = `消防通道被堵 ${stamp}`;
  let caseNo;

  await check(
    'S9 grid worker: reports a blocked fire lane from a phone with photo and position',
    async () => {
      await p.goto(`${BASE_URL}/report`);
      const input = p.getByTestId('report-photo').locator('input[type=file]');
      await Promise.all([
        p.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST'),
        input.setInputFiles({ name: '消防通道.png', mimeType: 'image/png', buffer: photoPng() }),
      ]);
      await p.locator('.ant-upload-list-item-uploading').waitFor({ state: 'detached' });
      await p.getByTestId('report-locate').click();
      await p
        .getByTestId('report-location-status')
        .filter({ hasText: `纬度 ${POSITION.latitude}` })
        .waitFor();
      const form = p.locator('form#report');
      await field(form, '地址或位置描述').locator('input').fill('杏林社区1栋北侧消防通道');
      await chooseCategory(p, form, '问题分类', '0107');
      await field(form, '简要标题').locator('input').fill(title);
      await field(form, '发现的情况')
        .locator('textarea')
        .fill('消防通道被私家车和杂物堵塞，消防车无法通行。');
      await field(form, '群众诉求或处理建议').locator('textarea').fill('清理通道，设置禁停标识');
      const [response] = await Promise.all([
        p.waitForResponse((r) => /\/api\/cases(\?|$)/.test(r.url()) && r.request().method() === 'POST'),
        p.getByTestId('report-submit').click(),
      ]);
      assert(response.status() === 201, `registration answered HTTP ${response.status()}`);
      caseNo = (await response.json()).caseNo;
      await p.getByTestId('report-done').waitFor();
    },
  );

  await check(
    'S9 grid worker: the operations map on the phone shows the report in the own grid',
    async () => {
      await p.goto(`${BASE_URL}/community/map`);
      await p.getByTestId('grid-map').locator('canvas').first().waitFor();
      const row = p.getByTestId('map-cases').locator('tr').filter({ hasText: caseNo });
      await row.waitFor();
      // The phone hides the grid column (the grid worker sees the own grid): ask the API where it lies.
      const map = await (await p.request.get(`${BASE_URL}/api/community/map`)).json();
      const placed = map.cases.find((c) => c.caseNo === caseNo);
      assert(placed?.gridId === xlG1.id, `the report is placed in grid ${placed?.gridId}`);
      // The grid worker sees the own grid (and its courtyard), not the rest of the district.
      const gridRows = await p.getByTestId('map-grids').locator('tbody tr.ant-table-row').count();
      assert(gridRows === 2, `the grid worker sees ${gridRows} grids`);
      await expectNoSidewaysScroll(p, 'map on a phone');
      await p.waitForTimeout(400);
      await shot(p, 'phone-01-map');
    },
  );
  await check(
    'S9 grid worker: a patrol on the phone, its hidden danger reported as a case in one step',
    async () => {
      await p.goto(`${BASE_URL}/community/visits`);
      await p.getByTestId('visit-point').click();
      await p.getByTestId('visit-route-count').filter({ hasText: '已记录 1 个位置' }).waitFor();
      const form = p.locator('form#visit');
      await field(form, '听到的诉求 / 发现的情况')
        .locator('textarea')
        .fill('2栋楼道私拉电线给电动车充电，存在火灾隐患。');
      await form.getByText('风险隐患').click();
      await p.getByTestId('visit-report').click();
      await chooseCategory(p, form, '问题分类', '1401');
      await field(form, '简要标题').locator('input').fill(`楼道飞线充电 ${stamp}`);
      await field(form, '群众诉求或处理建议').locator('input').fill('拆除飞线，引导到集中充电桩');
      await field(form, '地址或位置描述').locator('input').fill('杏林社区2栋');
      await shot(p, 'phone-02-visit-form');
      const [res] = await Promise.all([
        p.waitForResponse(
          (r) => r.url().endsWith('/api/community/visits') && r.request().method() === 'POST',
        ),
        p.getByTestId('visit-submit').click(),
      ]);
      assert(res.status() === 201, `recording the patrol answered HTTP ${res.status()}`);
      const made = (await res.json()).case;
      assert(made?.caseNo, 'no case was made from the patrol');
      await p.getByTestId('visit-case-link').filter({ hasText: made.caseNo }).waitFor();
      const c = await (await p.request.get(`${BASE_URL}/api/cases/${made.id}`)).json();
      assert(
        c.channel === 'grid' && c.latitude === POSITION.latitude,
        `the case is ${c.channel} at ${c.latitude}`,
      );
      await p.getByTestId('coverage-cadres').getByText('孙刚（杏林社区第一网格）').waitFor();
      await expectNoSidewaysScroll(p, 'visits on a phone');
      await shot(p, 'phone-03-visits');
    },
  );

  await grid.context.close();

  const leader = await signIn('leader', DESKTOP);
  const l = leader.page;
  await check('leader: the demo grids with the cases in the right grids, coloured', async () => {
    await l.goto(`${BASE_URL}/community/map`);
    await l.getByTestId('grid-map').locator('canvas').first().waitFor();
    const cases = l.getByTestId('map-cases');
    const redRow = cases.locator('tr').filter({ hasText: red.caseNo });
    await redRow.waitFor();
    assert(
      (await redRow.innerText()).includes('南湖社区 第二网格'),
      'the red case is not in 南湖社区 第二网格',
    );
    const yellowRow = cases.locator('tr').filter({ hasText: yellow.caseNo });
    assert(
      (await yellowRow.innerText()).includes('杏林社区 第一网格'),
      'the yellow case is not in 杏林社区 第一网格',
    );
    const counts = await l.getByTestId(`grid-counts-${nhG2.id}`).innerText();
    assert(/^1\s*\/\s*\d+\s*\/\s*\d+$/.test(counts.trim()), `南湖社区 第二网格 counts ${counts}`);
    await l.waitForTimeout(500);
    await shot(l, 'desktop-01-map');
  });

  await check('leader: filtering to red leaves only red cases; a case opens from the map page', async () => {
    await l.getByTestId('colour-yellow').click();
    await l.getByTestId('colour-green').click();
    const cases = l.getByTestId('map-cases');
    await cases.locator('tr').filter({ hasText: yellow.caseNo }).waitFor({ state: 'detached' });
    await cases.locator('tr').filter({ hasText: red.caseNo }).waitFor();
    await l.waitForTimeout(300);
    await shot(l, 'desktop-02-map-red');
    await cases.getByRole('link', { name: red.caseNo }).click();
    await l.waitForURL((url) => url.pathname === `/cases/${red.id}`);
    await l.getByTestId('case-detail').waitFor();
  });

  await check(
    'leader: 三事分流 on the case (category default), reclassified with a reason, on the timeline',
    async () => {
      const card = l.getByTestId('matter-scope-card');
      await card.getByTestId('matter-scope').filter({ hasText: '小事（村社办）' }).waitFor();
      await card.getByText('按问题分类默认').waitFor();
      await card.getByRole('button', { name: '调整分流' }).click();
      const modal = l.locator('.ant-modal');
      await modal.getByText('大事（政府/部门办）').click();
      await modal.locator('textarea').fill('围墙属危房，须住建部门鉴定');
      const [res] = await Promise.all([
        l.waitForResponse((r) => r.url().endsWith('/matter-scope') && r.request().method() === 'POST'),
        modal.locator('.ant-modal-footer .ant-btn-primary').click(),
      ]);
      assert(res.ok(), `reclassifying answered HTTP ${res.status()}`);
      await card.getByTestId('matter-scope').filter({ hasText: '大事（政府/部门办）' }).waitFor();
      await l.getByText('调整为“大事”，理由：围墙属危房，须住建部门鉴定').waitFor();
      await shot(l, 'desktop-03-case-scope');
    },
  );

  await check('leader: the map filters by scope and counts the scopes', async () => {
    await l.goto(`${BASE_URL}/community/map`);
    const figures = l.getByTestId('scope-figures');
    await figures.getByText('大事（政府/部门办）').waitFor();
    await l.getByTestId('scope-filter').getByText('大事').click();
    const cases = l.getByTestId('map-cases');
    await cases.locator('tr').filter({ hasText: red.caseNo }).waitFor();
    await cases.locator('tr').filter({ hasText: yellow.caseNo }).waitFor({ state: 'detached' });
  });
  await leader.context.close();

  const staff = await signIn('xl_staff', DESKTOP);
  const s = staff.page;
  await check(
    'workstation: grids with heads, members and the courtyard unit; a bad boundary file is refused',
    async () => {
      await s.goto(`${BASE_URL}/community/grids`);
      const table = s.locator('.ant-table');
      await table.getByText('3号院（和美院落）').waitFor();
      await table.getByText('孙刚（杏林社区第一网格）').waitFor();
      const bad = JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { community: '杏林社区', name: '第九网格' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [116.1, 39.7],
                  [116.2, 39.7],
                  [116.2, 39.8],
                  [116.1, 39.7],
                ],
              ],
            },
          },
        ],
      });
      await s.locator('input[type=file]').setInputFiles({
        name: 'grids.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(bad),
      });
      await s.getByText('找不到该名称的网格').waitFor();
      await shot(s, 'desktop-04-grids');
    },
  );
  await staff.context.close();

  await check('no uncaught errors in the pages', async () => {
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);
  });
}

try {
  await main();
  console.log(`\n${passed} passed, ${failed} failed`);
  await browser?.close();
  process.exit(0);
} catch (err) {
  if (failed === 0) console.error(err);
  console.log(`\n${passed} passed, ${failed} failed`);
  await browser?.close().catch(() => undefined);
  process.exit(1);
}
