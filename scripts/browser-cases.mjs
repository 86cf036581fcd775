#!/usr/bin/env node
/**
 * Browser test of the case workbench against a running server with the demo data (seed --demo):
 * S1 (a small matter solved on the spot) and S2 (community as agent, town blows the whistle)
 * driven entirely through the web pages, as clerks use them.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-cases.mjs
 *
 * Env: BASE_URL (default http://localhost:3000), DEMO_PASSWORD (default Laiban@2026),
 * CHROMIUM_PATH (default /usr/bin/chromium). Screenshots go to screenshots/cases-*.png.
 * Prints "N passed, 0 failed" and exits 0 on success; stops at the first failed check, exits 1.
 * Each run registers new cases with fresh identities, so it can run again on the same data.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const TOTAL_BUDGET_MS = 180_000;
const STEP_TIMEOUT_MS = 15_000;

let passed = 0;
let failed = 0;
let browser;
let currentPage;
const pageErrors = [];

fs.mkdirSync(SHOTS, { recursive: true });

const budget = setTimeout(() => {
  console.error(`\n✗ case workbench test exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
budget.unref();

/**
 * Full pages from the top; with a drawer or modal open, the viewport (the mask does not stretch to
 * the full page). Toasts of earlier steps are hidden so they do not cover the page.
 */
async function shot(page, name, { fullPage = true } = {}) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}cases-${name}.png`, fullPage });
  await hide.evaluate((el) => el.remove());
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
      await shot(currentPage, 'failure').catch(() => undefined);
      console.error(`  screenshot: screenshots/cases-failure.png (at ${currentPage.url()})`);
    }
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/* Fresh identities per run: a valid GB 11643 number and a mobile number nobody else uses. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function freshIdNumber() {
  const year = 1950 + Math.floor(Math.random() * 50);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `110101${year}${month}${day}${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}
const freshPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

async function signIn(username) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
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

/** The form item whose label reads exactly `label`, inside `scope`. */
function field(scope, label) {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) });
}

/**
 * Chooses an option of an antd Select and checks that it took: a click that lands while the
 * dropdown is still opening is lost, so the choice is retried.
 */
async function chooseOption(page, select, optionText, { search = false } = {}) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    // Long lists are virtual: only what is scrolled into view exists, so search narrows them.
    if (search) await page.keyboard.type(optionText);
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: optionText })
      .first();
    await option.waitFor();
    await page.waitForTimeout(150); // the opening animation
    await option.click();
    try {
      await select.filter({ hasText: optionText }).waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

async function pick(page, scope, label, optionText) {
  await chooseOption(page, field(scope, label).locator('.ant-select').first(), optionText);
}

async function pickIn(page, select, optionText, options) {
  await chooseOption(page, select, optionText, options);
}

async function radio(scope, label, optionText) {
  await field(scope, label)
    .locator('label.ant-radio-button-wrapper, label.ant-radio-wrapper')
    .filter({ hasText: new RegExp(`^${optionText}$`) })
    .first()
    .click();
}

async function fill(scope, label, text) {
  await field(scope, label).locator('textarea, input').first().fill(text);
}

/** A person row of the intake form (labels show on the first row only; inputs carry aria-labels). */
async function fillParty(row, values) {
  for (const [label, text] of Object.entries(values)) {
    await row.getByRole('textbox', { name: label }).fill(text);
  }
}

async function status(page) {
  return (
    (await page.getByTestId('case-detail').getByTestId('status-tag').first().textContent()) ?? ''
  ).trim();
}

async function waitStatus(page, expected) {
  const tag = page.getByTestId('case-detail').getByTestId('status-tag').first();
  await tag.filter({ hasText: expected }).waitFor();
}

/**
 * Opens a command's form from the case's buttons (or from 更多操作), fills it, submits, and waits for
 * the server's answer and the form to close.
 */
async function runCommand(page, name, fillForm) {
  const button = page.getByTestId('case-actions').getByTestId(`cmd-${name}`);
  if (await button.count()) await button.click();
  else {
    await page.getByTestId('more-actions').click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByTestId(`cmd-${name}`).click();
  }
  const form = page.getByTestId('command-form');
  await form.waitFor();
  if (fillForm) await fillForm(form);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/cases\/[^/]+\//.test(r.url())),
    page.getByTestId('command-submit').click(),
  ]);
  if (!response.ok()) {
    const body = await response.json().catch(() => null);
    throw new Error(`${name} answered HTTP ${response.status()}: ${JSON.stringify(body?.error ?? body)}`);
  }
  await form.waitFor({ state: 'detached' });
}

async function timelineText(page) {
  const timeline = page.getByTestId('case-timeline');
  await timeline.waitFor();
  return (await timeline.textContent()) ?? '';
}

async function expectTimeline(page, sentences) {
  // The record refreshes after each step; give it a moment to catch up with the last one.
  const deadline = Date.now() + 5_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await timelineText(page);
    if (sentences.every((s) => text.includes(s))) return;
    await page.waitForTimeout(200);
  }
  const missing = sentences.filter((s) => !text.includes(s));
  throw new Error(
    `timeline lacks ${missing.map((s) => `"${s}"`).join(', ')}; it reads: ${text.slice(0, 400)}`,
  );
}

async function openCase(page, caseNo) {
  await page.goto(`${BASE_URL}/cases?tab=all&q=${encodeURIComponent(caseNo)}`);
  await page.getByTestId('queue-table').getByText(caseNo, { exact: true }).click();
  await page.getByTestId('case-detail').waitFor();
  await page.getByTestId('case-no').filter({ hasText: caseNo }).waitFor();
}

async function chooseCategory(page, scope, code) {
  const select = field(scope, '问题分类').locator('.ant-select').first();
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

async function main() {
  await check(`server answers at ${BASE_URL}/api/health`, async () => {
    let res;
    try {
      res = await fetch(`${BASE_URL}/api/health`, { signal: AbortSignal.timeout(5_000) });
    } catch (err) {
      throw new Error(
        `cannot reach ${BASE_URL} (${err instanceof Error ? err.message : err}); is it running?`,
      );
    }
    assert(res.ok, `GET /api/health answered HTTP ${res.status}`);
  });

  await check('chromium starts', async () => {
    assert(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM} (set CHROMIUM_PATH)`);
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

  /* ───────────── S1: a small matter solved on the spot (小事不出村社区) ───────────── */
  const ws = await signIn('xl_staff');
  const { page } = ws;
  const s1 = { idNumber: freshIdNumber(), phone: freshPhone(), caseNo: '' };

  await check('S1 xl_staff sees the home figures and the menu 信访事项 / 登记事项', async () => {
    await page.getByTestId('summary-open').waitFor();
    await page.getByRole('menuitem', { name: '信访事项' }).waitFor();
    await page.getByRole('menuitem', { name: '登记事项' }).waitFor();
    await shot(page, '01-home');
  });

  await check('S1 the queue 我的待办 opens from the home card with its filters', async () => {
    await page.getByTestId('summary-open').click();
    await page.waitForURL((url) => url.pathname === '/cases');
    await page.getByRole('tab', { name: '我的待办' }).waitFor();
    await page.getByTestId('queue-filters').waitFor();
    await page.getByTestId('queue-table').waitFor();
    await shot(page, '02-queue');
  });

  await check(
    'S1 登记: a petition without a petitioner is refused by the server, on the right field',
    async () => {
      await page.getByRole('menuitem', { name: '登记事项' }).click();
      await page.waitForURL((url) => url.pathname === '/cases/new');
      const form = page.locator('form#intake');
      await fill(form, '标题', '村戏台院台阶无扶手，老人上下不便');
      await fill(
        form,
        '事实经过',
        '村戏台院的台阶没有扶手，来看戏的多是老年人，雨天湿滑，已有老人险些摔倒。',
      );
      await fill(form, '诉求', '在台阶两侧安装扶手');
      await chooseCategory(page, form, '0107');
      await fill(form, '事发地点', '杏林社区戏台院');
      await page.getByTestId('petitioner-0').getByRole('button', { name: '移除' }).click();
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/cases',
        ),
        page.getByTestId('intake-submit').click(),
      ]);
      assert(response.status() === 400, `POST /api/cases answered ${response.status()}, expected 400`);
      // On the petitioners list itself, not only in the toast.
      await form.locator('.ant-form-item-explain-error', { hasText: '请至少登记一名信访人' }).waitFor();
    },
  );

  await check('S1 登记: an invalid ID number is refused in place (GB 11643 check)', async () => {
    await page.getByTestId('petitioner-add').click();
    const row = page.getByTestId('petitioner-0');
    await fillParty(row, { 身份证号: '110101199001011234' });
    await row.getByText('身份证号码无效').waitFor();
  });

  await check('S1 登记: the petitioner’s history is looked up as the phone is typed', async () => {
    const row = page.getByTestId('petitioner-0');
    await fillParty(row, {
      姓名: '王大爷',
      身份证号: s1.idNumber,
      联系电话: s1.phone,
      住址: '杏林社区戏台院东侧3号',
    });
    await page.getByTestId('history-panel').getByText('未查到既往信访事项').waitFor();
  });

  await check('S1 登记 a visit (category 0107) with a photo and a PDF, then open the case', async () => {
    await page.locator('input[type=file]').setInputFiles([
      { name: '现场照片.png', mimeType: 'image/png', buffer: PNG },
      { name: '情况说明.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await page.locator('.ant-upload-list-item-done').nth(1).waitFor();
    await shot(page, '03-intake');
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/cases',
      ),
      page.getByTestId('intake-submit').click(),
    ]);
    const body = await response.json();
    assert(
      response.status() === 201,
      `POST /api/cases answered ${response.status()}: ${JSON.stringify(body)}`,
    );
    s1.caseNo = body.caseNo;
    await page.waitForURL((url) => url.pathname === `/cases/${body.id}`);
    await page.getByTestId('case-title').filter({ hasText: '村戏台院台阶无扶手' }).waitFor();
    assert((await status(page)) === '已登记', `status is ${await status(page)}`);
  });

  await check(
    'S1 the case shows its deadline, masked identity, attachments and the 登记 record',
    async () => {
      await page
        .getByTestId('due-tag')
        .first()
        .filter({ hasText: /剩余\d+天|今日到期/ })
        .waitFor();
      const parties = page.getByText(/^110\*+\d{3}[\dX]$/);
      await parties.first().waitFor();
      await page.getByRole('link', { name: '情况说明.pdf' }).waitFor();
      await page.locator('.ant-image img').first().waitFor();
      await expectTimeline(page, ['登记了此件（来访']);
      await shot(page, '04-detail-registered');
    },
  );

  await check('S1 查看 asks for a reason and shows the full ID number', async () => {
    await page.getByTestId('unmask-link').first().click();
    const modal = page.getByRole('dialog').filter({ hasText: '查看理由' });
    await modal.waitFor();
    await fill(modal, '查看理由', '电话回访前核实身份');
    await modal.getByRole('button', { name: /确认查看/ }).click();
    await page.getByTestId('plain-idNumber').filter({ hasText: s1.idNumber }).waitFor();
  });

  await check('S1 受理 → 已受理, with the handling deadline in the record', async () => {
    await runCommand(page, 'accept', async (form) => fill(form, '备注', '社区当场受理'));
    await waitStatus(page, '已受理');
    await expectTimeline(page, ['受理了此件，办理期限至']);
  });

  await check('S1 开始办理 → 办理中', async () => {
    await runCommand(page, 'startHandling');
    await waitStatus(page, '办理中');
  });

  await check('S1 出具处理意见 (予以支持, text, legal basis) → 已出具意见', async () => {
    await runCommand(page, 'issueOpinion', async (form) => {
      await radio(form, '处理结果', '予以支持');
      await fill(form, '处理意见', '经村党支部书记现场查看，同意在台阶两侧加装不锈钢扶手，一周内完成。');
      await fill(form, '法律政策依据', '《信访工作条例》第32条；村级公共设施管护办法');
      await shot(page, '05-issue-opinion-drawer', { fullPage: false });
    });
    await waitStatus(page, '已出具意见');
  });

  await check('S1 送达 (当场答复签收, today, proof, confirmed) → 已送达', async () => {
    await runCommand(page, 'deliver', async (form) => {
      await pick(page, form, '送达方式', '当场答复签收');
      await fill(form, '送达凭证', '信访人当场签字确认');
      await field(form, '信访人已签收').getByRole('switch').click();
    });
    await waitStatus(page, '已送达');
  });

  await check('S1 办结 (信访人表示满意) → 已办结', async () => {
    await runCommand(page, 'close', async (form) => radio(form, '办结依据', '信访人表示满意'));
    await waitStatus(page, '已办结');
  });

  await check('S1 回访 (电话回访, 满意, 问题已解决) → 已回访', async () => {
    await runCommand(page, 'followUp', async (form) => {
      await pick(page, form, '回访方式', '电话回访');
      await radio(form, '满意度', '满意');
      await fill(form, '回访记录', '扶手已安装，老人们很满意');
    });
    await waitStatus(page, '已回访');
  });

  await check('S1 归档 → 已归档; no more buttons', async () => {
    await runCommand(page, 'archive');
    await waitStatus(page, '已归档');
    assert((await page.getByTestId('case-actions').count()) === 0, 'an archived case still shows buttons');
  });

  await check('S1 the record tells every step in plain Chinese', async () => {
    await expectTimeline(page, [
      '登记了此件（来访',
      '受理了此件，办理期限至',
      '开始办理',
      '出具处理意见（予以支持）',
      '送达处理意见（当场答复签收）',
      '办结此件（信访人表示满意）',
      '电话回访，信访人满意，问题已解决',
      '将此件归档',
    ]);
    const text = await timelineText(page);
    assert(!/case\.[a-z_]+/.test(text), `the record shows raw event types: ${text.slice(0, 300)}`);
    await shot(page, '06-detail-archived');
  });

  await check('S1 the English switch translates the case page', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Record', { exact: true }).first().waitFor();
    await expectTimeline(page, ['accepted the case; handling due']);
    await shot(page, '07-detail-english');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('办理记录', { exact: true }).first().waitFor();
  });

  await check('an unknown case answers 事项不存在或您无权查看 (no white screen)', async () => {
    await page.goto(`${BASE_URL}/cases/00000000-0000-4000-8000-000000000000`);
    await page.getByText('事项不存在或您无权查看').waitFor();
    await page.getByRole('menuitem', { name: '信访事项' }).waitFor();
  });

  /* ───────────── S2: community as agent, town blows the whistle (吹哨报到) ───────────── */
  const s2 = { caseNo: '', id: '' };
  await check('S2 xl_staff registers a 12-person agent complaint (集体访)', async () => {
    await page.goto(`${BASE_URL}/cases/new`);
    const form = page.locator('form#intake');
    await pickIn(page, page.getByTestId('intake-channel'), '社区代理');
    await field(form, '代理人名称').waitFor();
    for (let i = 0; i < 12; i++) {
      if (i > 0) await page.getByTestId('petitioner-add').click();
      await fillParty(page.getByTestId(`petitioner-${i}`), {
        姓名: `居民${i + 1}`,
        住址: `幸福小区${1 + (i % 3)}号楼`,
        ...(i < 3 && { 联系电话: freshPhone() }),
      });
    }
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('representative-add').click();
      await fillParty(page.getByTestId(`representative-${i}`), { 姓名: `代表${'甲乙丙'[i]}` });
    }
    await field(form, '人数').locator('input').fill('12');
    await page.getByTestId('intake-group-tag').waitFor();
    await fill(form, '标题', '楼顶养鸽污染阳台');
    await fill(form, '事实经过', '小区楼顶有人私搭鸽棚养鸽，鸽粪污染多户阳台，气味难闻，居民多次协商无果。');
    await fill(form, '诉求', '拆除楼顶鸽棚，清理污染');
    await chooseCategory(page, form, '2012');
    await fill(form, '事发地点', '幸福小区2号楼楼顶');
    await shot(page, '08-intake-agent');
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/cases',
      ),
      page.getByTestId('intake-submit').click(),
    ]);
    const body = await response.json();
    assert(
      response.status() === 201,
      `POST /api/cases answered ${response.status()}: ${JSON.stringify(body)}`,
    );
    s2.caseNo = body.caseNo;
    s2.id = body.id;
    await page.waitForURL((url) => url.pathname === `/cases/${body.id}`);
    await page.getByTestId('case-detail').getByTestId('group-tag').waitFor();
  });

  await check('S2 受理, then 提级办理 to the town (东城镇 becomes the handling unit)', async () => {
    await runCommand(page, 'accept');
    await waitStatus(page, '已受理');
    await runCommand(page, 'escalate', async (form) =>
      fill(form, '理由', '涉及违法搭建，社区无力解决，提请街道办理'),
    );
    await page.getByTestId('owner-unit').filter({ hasText: '东城镇' }).waitFor();
    assert((await page.getByTestId('case-actions').count()) === 0, 'the community still has buttons');
    await expectTimeline(page, ['将此件提级至东城镇办理']);
  });
  await ws.context.close();

  const town = await signIn('dc_xfb');
  await check('S2 dc_xfb finds the case in the town queue', async () => {
    await town.page.goto(`${BASE_URL}/cases`);
    await town.page.getByTestId('queue-table').getByText(s2.caseNo, { exact: true }).waitFor();
    await shot(town.page, '09-queue-town');
    await openCase(town.page, s2.caseNo);
  });

  // The whistle needs departments outside the town: servers without the district-wide unit
  // directory (GET /api/org-units/directory) list only the town's own units: the whistle and the
  // departments' part are skipped there, the rest of S2 runs.
  const hasDirectory = await town.page.evaluate(
    async () => (await fetch('/api/org-units/directory')).status === 200,
  );
  if (!hasDirectory) {
    console.log(
      '- skipped: 吹哨 and the departments’ report-in (no /api/org-units/directory on this server)',
    );
  } else {
    await check('S2 dc_xfb blows the whistle: 区城管委 and 区住建委 as co-handlers', async () => {
      const p = town.page;
      await runCommand(p, 'whistle', async (form) => {
        await pickIn(p, form.getByTestId('task-unit-0'), '区城管委', { search: true });
        await form.locator('textarea').nth(0).fill('依法认定并拆除楼顶违法鸽棚');
        await form.getByRole('button', { name: /添加被召集单位/ }).click();
        await pickIn(p, form.getByTestId('task-unit-1'), '区住建委', { search: true });
        await form.locator('textarea').nth(1).fill('督促物业清理污染、加装防鸽设施');
        await shot(p, '10-whistle-drawer', { fullPage: false });
      });
      await p.getByTestId('assignment-区城管委').waitFor();
      await p.getByTestId('assignment-区住建委').waitFor();
      await expectTimeline(p, ['吹哨召集区城管委、区住建委报到办理']);
    });

    const dept = await signIn('zjw_handler');
    await check('S2 zjw_handler (区住建委) reports in and feeds back on its task', async () => {
      const p = dept.page;
      await openCase(p, s2.caseNo);
      const task = p.getByTestId('assignment-区住建委');
      assert((await p.getByTestId('case-actions').count()) === 0, 'a co-handler sees the lead’s buttons');
      await task.getByTestId('task-reportIn').click();
      await p.getByTestId('command-form').waitFor();
      await fill(p.getByTestId('command-form'), '备注', '已到场查看');
      await p.getByTestId('command-submit').click();
      await task.getByText('已报到').waitFor();
      await task.getByTestId('task-feedback').click();
      await fill(p.getByTestId('command-form'), '办理结果', '已督促物业清理阳台污染并加装防鸽网');
      await p.getByTestId('command-submit').click();
      await task.getByText('已反馈').waitFor();
      await expectTimeline(p, ['按时报到', '反馈办理结果：已督促物业清理阳台污染并加装防鸽网']);
      await shot(p, '11-detail-department');
    });
    await dept.context.close();
  }

  await check(
    'S2 a stale screen is refused: 该事项刚被他人处理，请刷新后再操作, and the case reloads',
    async () => {
      const p = town.page;
      await p.reload();
      await p.getByTestId('case-detail').waitFor();
      await p.getByTestId('case-actions').getByTestId('cmd-issueOpinion').click();
      const form = p.getByTestId('command-form');
      await form.waitFor();
      await radio(form, '处理结果', '予以支持');
      await fill(form, '处理意见', '先拟的意见');
      await fill(form, '法律政策依据', '有关规定');
      // Meanwhile the case changes (a progress report from another screen bumps its version).
      const bumped = await p.evaluate(async (id) => {
        const me = await (await fetch('/api/auth/me')).json();
        const c = await (await fetch(`/api/cases/${id}`)).json();
        const res = await fetch(`/api/cases/${id}/report-progress`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ version: c.version, text: '已约谈养鸽户，限期拆除' }),
        });
        return res.status;
      }, s2.id);
      assert(bumped === 200, `report-progress answered ${bumped}`);
      const [response] = await Promise.all([
        p.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/issue-opinion')),
        p.getByTestId('command-submit').click(),
      ]);
      assert(response.status() === 409, `a stale issue-opinion answered ${response.status()}, expected 409`);
      await p.locator('.ant-message').getByText('该事项刚被他人处理，请刷新后再操作').waitFor();
      await form.waitFor({ state: 'detached' });
      await expectTimeline(p, ['报告进展：已约谈养鸽户，限期拆除']);
    },
  );

  await check('S2 dc_xfb issues the opinion and delivers it', async () => {
    const p = town.page;
    await runCommand(p, 'issueOpinion', async (form) => {
      await radio(form, '处理结果', '予以支持');
      await fill(form, '处理意见', '城管委已拆除违法鸽棚，住建委督促物业完成清理并加装防鸽设施。');
      await fill(form, '法律政策依据', '《城市市容和环境卫生管理条例》');
    });
    await waitStatus(p, '已出具意见');
    await runCommand(p, 'deliver', async (form) => {
      await pick(p, form, '送达方式', '直接送达');
      await fill(form, '送达凭证', '送达回证 DC-2026-001');
    });
    await waitStatus(p, '已送达');
    await expectTimeline(p, ['出具处理意见（予以支持）', '送达处理意见（直接送达']);
    await shot(p, '12-detail-town-delivered');
  });
  await town.context.close();

  await check('qu_xfb assigns two new cases at once from the queue (批量交办) to 东城镇', async () => {
    const office = await signIn('qu_xfb');
    const p = office.page;
    // Two fresh registrations at the district office, made through the API to keep the test short.
    const created = await p.evaluate(
      async ({ ids, phones }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const out = [];
        for (let i = 0; i < 2; i++) {
          const res = await fetch('/api/cases', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({
              channel: 'letter',
              petitioners: [
                { name: `来信人${i + 1}`, idNumber: ids[i], phone: phones[i], address: '东城镇东关村' },
              ],
              title: `东关村路灯不亮（第${i + 1}封来信）`,
              facts: '东关村主路路灯已坏一个月，夜间出行不便。',
              demands: '尽快修复路灯',
              categoryCode: '0107',
              address: '东城镇东关村',
            }),
          });
          out.push(await res.json());
        }
        return out;
      },
      { ids: [freshIdNumber(), freshIdNumber()], phones: [freshPhone(), freshPhone()] },
    );
    assert(
      created.every((c) => c.caseNo),
      `registration failed: ${JSON.stringify(created)}`,
    );
    await p.goto(`${BASE_URL}/cases?tab=todo`, { waitUntil: 'domcontentloaded' });
    for (const c of created) await p.getByRole('checkbox', { name: `选择 ${c.caseNo}` }).check();
    await p.getByTestId('bulk-open').click();
    const modal = p.locator('.ant-modal').filter({ hasText: '批量交办/转送' });
    await modal.waitFor();
    await pickIn(p, modal.getByTestId('bulk-unit'), '东城镇', { search: true });
    await modal.getByTestId('bulk-reason').fill('属地办理，请东城镇核实后答复');
    await shot(p, '13-queue-bulk-assign', { fullPage: false });
    await p.locator('#bulk-submit').click();
    const results = modal.getByTestId('bulk-results');
    await results.waitFor();
    assert((await results.getByText('已办理').count()) === 2, 'both cases should be assigned');
    await shot(p, '14-queue-bulk-results', { fullPage: false });
    const statuses = await p.evaluate(
      async (ids) =>
        Promise.all(ids.map(async (id) => (await (await fetch(`/api/cases/${id}`)).json()).status)),
      created.map((c) => c.id),
    );
    assert(
      statuses.every((s) => s === 'assigned'),
      `statuses after bulk assignment: ${statuses}`,
    );
    await office.context.close();
  });

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
