/**
 * What every browser test script needs: Debian's Chromium launched for a closed network, named
 * checks that stop at the first failure with a screenshot, sign-in as a demo user, downloads, and
 * the exit code CI reads. A script calls `kit(name)` and then `run(main)`.
 *
 * Env: BASE_URL (default http://localhost:3000), DEMO_PASSWORD (default Laiban@2026),
 * CHROMIUM_PATH (default /usr/bin/chromium). Screenshots go to screenshots/<name>-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
export const PASSWORD = process.env.DEMO_PASSWORD || 'Laiban@2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function kit(name, { budgetMs = 120_000, stepTimeoutMs = 15_000 } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `laiban-${name}-`));
  const pageErrors = [];
  let passed = 0;
  let failed = 0;
  let browser;
  let currentPage;
  fs.mkdirSync(SHOTS, { recursive: true });

  const budget = setTimeout(() => {
    console.error(`\n✗ ${name} test exceeded ${budgetMs / 1000} s`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  }, budgetMs);
  budget.unref();

  async function shot(page, shotName, { fullPage = true } = {}) {
    const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}${name}-${shotName}.png`, fullPage });
    await hide.evaluate((el) => el.remove());
  }

  async function check(title, fn) {
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`✓ ${title} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.error(`✗ ${title}\n  ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      if (currentPage) {
        await shot(currentPage, 'failure', { fullPage: false }).catch(() => undefined);
        console.error(`  screenshot: screenshots/${name}-failure.png (at ${currentPage.url()})`);
      }
      throw err;
    }
  }

  async function signIn(username, { viewport = { width: 1440, height: 900 } } = {}) {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(stepTimeoutMs);
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
    const { csrfToken } = await response.json();
    await page.waitForURL((url) => url.pathname === '/');
    /** A JSON call as this user, for setting a scene the test is not about. */
    const call = async (method, url, body) => {
      const res = await page.request.fetch(`${BASE_URL}${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        data: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json().catch(() => undefined);
      assert(res.ok(), `${method} ${url} answered HTTP ${res.status()}: ${JSON.stringify(json)}`);
      return json;
    };
    return { context, page, call };
  }

  /** A signed-out visitor (the citizen portal), by default on a phone. */
  async function visit(path, { viewport = { width: 390, height: 844 } } = {}) {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport,
      isMobile: viewport.width < 768,
      hasTouch: viewport.width < 768,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(stepTimeoutMs);
    page.on('pageerror', (err) => pageErrors.push(`visitor: ${err.message}`));
    currentPage = page;
    await page.goto(`${BASE_URL}${path}`, { waitUntil: 'networkidle' });
    return { context, page };
  }

  /** Clicks something that starts a download; returns the saved file's path and suggested name. */
  async function downloadBy(page, click) {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const file = path.join(tmp, `${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    return { file, name: download.suggestedFilename() };
  }

  /** A sheet of a saved workbook as header → text records. */
  async function readSheet(file, sheetName) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(sheetName);
    assert(ws, `the workbook has no sheet ${sheetName}`);
    const headers = ws.getRow(1).values.slice(1).map(String);
    const rows = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const rec = {};
      headers.forEach((h, i) => {
        const v = row.getCell(i + 1).value;
        rec[h] = v === null || v === undefined ? '' : String(v);
      });
      rows.push(rec);
    });
    return { wb, ws, headers, rows };
  }

  /** Launches Chromium, runs the checks, prints the tally and exits 0 or 1. */
  async function run(main) {
    try {
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
      await main();
      await check('no uncaught errors in the pages', async () => {
        assert(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);
      });
      console.log(`\n${passed} passed, ${failed} failed`);
      await browser.close();
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(0);
    } catch (err) {
      if (passed + failed === 0) console.error(err);
      console.log(`\n${passed} passed, ${failed} failed`);
      await browser?.close().catch(() => undefined);
      process.exit(1);
    }
  }

  return { check, shot, signIn, visit, downloadBy, readSheet, run, tmp };
}
