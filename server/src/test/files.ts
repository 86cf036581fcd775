import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { TEST_PASSWORD, type TestUser } from './factories.js';
import { testApp } from './test-app.js';

/** A signed-in browser's raw requests: the workbooks are binary, so the JSON test client will not do. */
export async function browserOf(user: TestUser) {
  const app = await testApp();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: TEST_PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const csrf = login.json().csrfToken as string;
  return {
    async download(url: string) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, json: () => res.json() };
    },
    async upload(content: Buffer, name = 'ledger.xlsx') {
      const boundary = `----laiban${crypto.randomBytes(6).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
            'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await app.inject({
        method: 'POST',
        url: '/api/ledger/import',
        headers: {
          cookie,
          'x-csrf-token': csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
      return { status: res.statusCode, body: res.json() };
    },
  };
}

export async function readBook(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  return wb;
}

/** The rows of a sheet as header → text objects. */
export function sheetRows(ws: ExcelJS.Worksheet): Record<string, string>[] {
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const rec: Record<string, string> = {};
    headers.forEach((h, i) => {
      const v = row.getCell(i + 1).value;
      rec[h] = v === null || v === undefined ? '' : String(v);
    });
    out.push(rec);
  });
  return out;
}
