#!/usr/bin/env node
/**
 * Browser test of the resolution-mechanism screens against a running server with the demo data
 * (seed --demo): the mediation screens (S3: start a mediation on the case page, the mediator's own
 * view with a session and the agreement, the 30-day confirmation window, ending the mediation,
 * judicial confirmation) and the expert-review screens (S4: 点单式 picker with recusal shown, the
 * expert's read-only view and opinion, the panel conclusion), and the roster admin page.
 * Cases are set up through the API; the mechanism steps are driven through the pages.
 *
 *   BASE_URL=http://localhost:3000 node scripts/browser-mechanisms.mjs
 *
 * Env: BASE_URL (default http://localhost:3000), DEMO_PASSWORD (default Laiban@2026),
 * CHROMIUM_PATH (default /usr/bin/chromium). Screenshots go to screenshots/mechanisms-*.png.
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
const TOTAL_BUDGET_MS = 240_000;
const STEP_TIMEOUT_MS = 15_000;

let passed = 0;
let failed = 0;
let browser;
let currentPage;
const pageErrors = [];

fs.mkdirSync(SHOTS, { recursive: true });

const budget = setTimeout(() => {
  console.error(`\n✗ mechanisms test exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);
budget.unref();

async function shot(page, name, { fullPage = true } = {}) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}mechanisms-${name}.png`, fullPage });
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
      console.error(`  screenshot: screenshots/mechanisms-failure.png (at ${currentPage.url()})`);
    }
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
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `110101${year}${month}${day}${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}
const freshPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/* --- The API, for setting cases up (what the case workbench tests already drive through pages). --- */
async function apiSession(username) {
  const r = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert(r.ok, `API sign-in of ${username}: HTTP ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await r.json();
  const call = async (method, path, body) => {
    const res = await fetch(`${BASE_URL}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b = {}) => call('POST', p, b),
    cmd: async (id, name, body = {}) => {
      const c = await call('GET', `/api/cases/${id}`);
      return call('POST', `/api/cases/${id}/${name}`, { version: c.version, ...body });
    },
  };
}

async function registerCase(api, over) {
  const created = await api.post('/api/cases', {
    channel: 'visit',
    petitioners: [
      { name: over.petitioner, idNumber: freshIdNumber(), phone: freshPhone(), address: '示范区' },
    ],
    facts: over.facts,
    demands: over.demands,
    reasons: '请求依法处理',
    categoryCode: '0501',
    title: over.title,
    address: '示范区',
    ...(over.unitId && { unitId: over.unitId }),
  });
  return created;
}

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

function field(scope, label) {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) });
}
async function fill(scope, label, text) {
  await field(scope, label).locator('textarea, input').first().fill(text);
}
async function choose(page, scope, label, optionText) {
  const select = field(scope, label).locator('.ant-select').first();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: optionText })
      .first();
    await option.waitFor();
    await page.waitForTimeout(150);
    await option.click();
    try {
      await select.filter({ hasText: optionText }).waitFor({ timeout: 2_000 });
      await page.keyboard.press('Escape');
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** Submits the open mechanism form and waits for the server's answer and the form to close. */
async function submit(page, testId = 'mechanism-submit') {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/mechanisms\//.test(r.url())),
    page.getByTestId(testId).click(),
  ]);
  const body = await response.json().catch(() => ({}));
  assert(response.ok(), `${response.url()} answered HTTP ${response.status()}: ${JSON.stringify(body)}`);
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
}

async function status(page, expected) {
  await page
    .getByTestId('case-detail')
    .getByTestId('status-tag')
    .first()
    .filter({ hasText: expected })
    .waitFor();
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
  const office = await apiSession('qu_xfb');
  const directory = await office.get('/api/org-units/directory');
  const unitId = (name) => directory.items.find((u) => u.name === name)?.id;

  // --- S3: mediation ---------------------------------------------------------------------------
  const s3 = await registerCase(office, {
    petitioner: `冯${Math.floor(Math.random() * 1000)}`,
    title: '路边树木倒伏致人死亡请求赔偿',
    facts: '外来务工人员骑电动车途经镇道，路边大树倒伏将其砸中身亡，树木管护责任不清。',
    demands: '请求赔偿',
  });
  await office.cmd(s3.id, 'accept', { note: '组织多元调解' });

  const clerk = await signIn('qu_xfb');
  const page = clerk.page;
  await check('the case page shows the 化解机制 card with the start buttons', async () => {
    await page.goto(`${BASE_URL}/cases/${s3.id}`);
    await page.getByTestId('mechanisms-card').waitFor();
    await page.getByTestId('start-mediation').waitFor();
    await page.getByTestId('start-taskForce').waitFor();
  });
  await check('starting a mediation with a mediator from the roster moves the case to 调解中', async () => {
    await page.getByTestId('start-mediation').click();
    const form = page.getByTestId('mechanism-form-mediation');
    await form.waitFor();
    await fill(form, '调解组织', '区矛盾纠纷多元调解中心');
    await choose(page, form, '调解员', '吴调解');
    await submit(page);
    await status(page, '调解中');
    await page.getByTestId('mechanism-mediation').filter({ hasText: '吴调解' }).waitFor();
  });

  const mediator = await signIn('mediator');
  const mp = mediator.page;
  await check('the mediator finds the mediation under 我的调解与评审 and opens it read-only', async () => {
    await mp.getByRole('menuitem', { name: '我的调解与评审' }).click();
    await mp.getByTestId('my-records').getByTestId('open-record').first().waitFor();
    const row = mp.getByTestId('my-records').locator('tr').filter({ hasText: s3.caseNo });
    await row.getByTestId('open-record').click();
    await mp.getByTestId('member-view').waitFor();
    await mp.getByText('只读：您通过本次多元调解查看本案').waitFor();
  });
  await check('the mediator records a session and the agreement', async () => {
    await mp.getByTestId('action-sessions').click();
    let form = mp.getByTestId('mechanism-form-sessions');
    await form.waitFor();
    await fill(form, '地点', '区矛盾纠纷多元调解中心第一调解室');
    await fill(form, '参加人员', '家属三人、镇政府代表、调解员');
    await fill(form, '记录内容', '双方陈述事实，家属认可死者无证驾驶未戴头盔负有部分责任。');
    await submit(mp);
    await mp
      .getByTestId('mechanism-mediation')
      .locator('.ant-timeline-item')
      .filter({ hasText: '调解笔录' })
      .first()
      .waitFor();
    await mp.getByTestId('action-agreement').click();
    form = mp.getByTestId('mechanism-form-agreement');
    await form.waitFor();
    await fill(form, '申请方', '冯大姐');
    await fill(form, '申请方基本情况', '死者之妻，家属代表');
    await fill(form, '被申请方', '东城镇人民政府');
    await fill(form, '被申请方基本情况', '路段树木管护单位');
    await fill(form, '纠纷主要事实', '镇道路边树木倒伏致骑车人死亡。');
    await fill(form, '争议事项', '管护责任与赔偿数额');
    await fill(form, '各方责任', '镇政府承担主要责任，死者承担次要责任。');
    await fill(form, '协议内容', '东城镇人民政府一次性补偿家属人民币四十二万元。');
    await fill(form, '履行方式', '银行转账');
    await fill(form, '金额（元）', '420000');
    await submit(mp);
    await mp
      .getByTestId('mechanism-mediation')
      .getByText('东城镇人民政府一次性补偿家属人民币四十二万元。')
      .first()
      .waitFor();
    await shot(mp, 'mediator-view');
  });

  currentPage = page;
  await check(
    'the clerk sees the agreement with its 30-day confirmation window in green and ends the mediation',
    async () => {
      await page.reload();
      const card = page.getByTestId('mechanism-mediation');
      const tag = card.getByTestId('confirm-window');
      await tag.waitFor();
      assert((await tag.getAttribute('class'))?.includes('success'), 'the window should be green');
      await card.getByTestId('action-end').click();
      await page.getByTestId('mechanism-form-end').waitFor();
      await submit(page);
      await status(page, '办理中');
    },
  );
  await check('judicial confirmation: the joint application and the court ruling', async () => {
    const card = page.getByTestId('mechanism-mediation');
    await card.getByTestId('action-judicialConfirmation').click();
    let form = page.getByTestId('mechanism-form-judicial-confirmation');
    await form.waitFor();
    await fill(form, '受理法院', '示范区人民法院');
    await fill(form, '立案号', '（2026）司确字第12号');
    await submit(page);
    const jc = page.getByTestId('mechanism-judicial_confirmation');
    await jc.getByTestId('action-ruling').click();
    form = page.getByTestId('mechanism-form-ruling');
    await form.waitFor();
    await fill(form, '裁定书文号', '（2026）司确字第12号民事裁定书');
    await submit(page);
    await jc.getByText('裁定确认有效').first().waitFor();
    await page.getByTestId('mechanism-mediation').getByText('已在期限内申请').waitFor();
    await shot(page, 'mediation-case');
  });
  await check('the timeline tells the mediation in sentences', async () => {
    const text = await page.locator('body').innerText();
    for (const s of ['登记调解协议', '登记司法确认申请', '登记法院裁定'])
      assert(text.includes(s), `timeline lacks ${s}`);
  });

  // --- S4: expert review (南湖街道 follows the Changyi practice) --------------------------------
  const nh = unitId('南湖街道');
  assert(nh, 'demo unit 南湖街道 not found');
  const s4 = await registerCase(office, {
    petitioner: `褚${Math.floor(Math.random() * 1000)}`,
    title: '征地青苗补偿标准异议',
    facts: '承包地被征收，认为青苗补偿标准偏低。',
    demands: '按新标准补偿青苗费',
    unitId: nh,
  });
  await office.cmd(s4.id, 'accept');
  await office.cmd(s4.id, 'issue-opinion', {
    outcome: 'explain',
    text: '经核实，青苗补偿按省定标准执行，现予以解释说明。',
    legalBasis: '《土地管理法》第48条',
  });
  await office.cmd(s4.id, 'deliver', { method: 'in_person', deliveredOn: today(), proof: '送达回证' });

  await check('the 点单式 picker groups the experts and shows who must stand aside', async () => {
    await page.goto(`${BASE_URL}/cases/${s4.id}`);
    await page.getByTestId('start-expertReview').click();
    const table = page.getByTestId('expert-candidates');
    await table.locator('tr').filter({ hasText: '梁老师' }).waitFor();
    const recused = table.locator('tr').filter({ hasText: '谢主任' });
    await recused.getByTestId('recusal').filter({ hasText: '须回避' }).waitFor();
    assert(
      await recused.locator('input[type=checkbox]').isDisabled(),
      'a recused expert must not be selectable',
    );
    await page.getByText('本镇（街道）名库').first().waitFor();
    await page.getByText('市级专家库').first().waitFor();
    await page.getByText(/申请期限截至/).waitFor();
  });
  await check('choosing five experts requests the review: 专家评审中', async () => {
    const table = page.getByTestId('expert-candidates');
    for (const name of ['梁老师', '郑律师', '马代表', '林委员', '高顾问']) {
      await table.locator('tr').filter({ hasText: name }).locator('input[type=checkbox]').check();
    }
    await page.getByTestId('picker-count').filter({ hasText: '已选 5' }).waitFor();
    await page.getByTestId('picker-reasons').fill('对青苗补偿标准的答复不满意');
    await shot(page, 'expert-picker', { fullPage: false });
    await submit(page, 'picker-submit');
    await status(page, '专家评审中');
    await page.getByTestId('mechanism-expert_review').filter({ hasText: '郑律师' }).waitFor();
  });

  const expert = await signIn('expert');
  const ep = expert.page;
  await check('the expert sees the case read-only with the reply and records an opinion', async () => {
    await ep.goto(`${BASE_URL}/mechanisms/mine`);
    const row = ep.getByTestId('my-records').locator('tr').filter({ hasText: s4.caseNo });
    await row.getByText('待提交意见').waitFor();
    await row.getByTestId('open-record').click();
    await ep.getByTestId('member-reply').filter({ hasText: '现予以解释说明' }).waitFor();
    const text = await ep.getByTestId('member-view').innerText();
    assert(!text.includes('褚'), 'the petitioner’s name must not show to the expert');
    await ep.getByTestId('action-opinions').click();
    const form = ep.getByTestId('mechanism-form-opinions');
    await form.waitFor();
    await fill(form, '合法性意见', '程序合法，依据《土地管理法》及省定标准。');
    await fill(form, '合理性意见', '补偿标准与同期项目一致，合理。');
    await fill(form, '评审意见', '维持原答复，建议补充说明标准来源。');
    await submit(ep);
    await ep.getByTestId('my-opinion').waitFor();
    await shot(ep, 'expert-view');
  });

  await check('the office records the paper opinions and concludes: the reply is upheld', async () => {
    const list = await office.get(`/api/cases/${s4.id}/mechanisms`);
    const review = list.items.find((m) => m.kind === 'expert_review');
    const paper = review.members.filter((m) => !m.opinion && !m.hasAccount);
    assert(paper.length === 4, `expected 4 paper opinions to record, got ${paper.length}`);
    for (const m of paper.slice(1)) {
      await office.post(`/api/cases/${s4.id}/mechanisms/${review.id}/opinions`, {
        memberId: m.id,
        legality: '合法',
        reasonableness: '合理',
        upholdsReply: true,
        opinion: '维持原答复',
      });
    }
    currentPage = page;
    await page.reload();
    const card = page.getByTestId('mechanism-expert_review');
    await card.getByTestId('action-officeOpinion').click();
    const form = page.getByTestId('mechanism-form-opinions');
    await form.waitFor();
    await choose(page, form, '评审专家', paper[0].name);
    await fill(form, '合法性意见', '合法');
    await fill(form, '合理性意见', '合理');
    await fill(form, '评审意见', '维持原答复');
    await submit(page);
    await card.getByTestId('action-concludeReview').click();
    const conclude = page.getByTestId('mechanism-form-conclude-review');
    await conclude.waitFor();
    await fill(conclude, '评审意见', '原答复认定事实清楚，适用标准正确，予以维持，并补充说明补偿标准依据。');
    await submit(page);
    await status(page, '已送达');
    await card.getByText('维持原答复').first().waitFor();
    await shot(page, 'expert-review-case');
  });

  // --- Rosters -----------------------------------------------------------------------------------
  const admin = await signIn('admin');
  await check('the administrator keeps the rosters and sees who sat on what', async () => {
    const ap = admin.page;
    await ap.goto(`${BASE_URL}/admin/mechanism-roster`);
    const pageEl = ap.getByTestId('roster-page');
    await pageEl.locator('tr').filter({ hasText: '郑律师' }).waitFor();
    await pageEl.locator('tr').filter({ hasText: '郑律师' }).getByText('参与记录').click();
    await ap.locator('.ant-drawer').getByText(s4.caseNo).waitFor();
    await shot(ap, 'roster', { fullPage: false });
  });

  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
}

main()
  .then(async () => {
    await browser?.close();
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  })
  .catch(async (err) => {
    if (!failed) console.error(err);
    await browser?.close().catch(() => undefined);
    console.log(`${passed} passed, ${failed || 1} failed`);
    process.exit(1);
  });
