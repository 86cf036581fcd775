/** Test-only helpers of the documents tests: binary downloads, DOCX text and ZIP contents. */
import JSZip from 'jszip';
import { expect } from 'vitest';
import { TEST_PASSWORD, type TestUser } from '../../test/factories.js';
import { type Client, clientFor, testApp } from '../../test/test-app.js';

export interface Session {
  client: Client;
  cookie: string;
  /** GET returning the raw bytes (the JSON client would decode them as text). */
  bytes(url: string): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>;
}

export async function sessionOf(user: TestUser): Promise<Session> {
  const app = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: TEST_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const setCookie = res.headers['set-cookie'];
  const cookie = ((Array.isArray(setCookie) ? setCookie[0] : setCookie) ?? '').split(';')[0] ?? '';
  const client = clientFor(app, { cookie, csrfToken: res.json().csrfToken });
  return {
    client,
    cookie,
    bytes: async (url) => {
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: r.statusCode, body: r.rawPayload, headers: r.headers };
    },
  };
}

export interface DocxView {
  /** The visible text of the body, paragraphs joined by new lines. */
  text: string;
  documentXml: string;
  stylesXml: string;
  fontTableXml: string;
  footerXml: string;
}

/** Opens a DOCX and returns its XML parts and plain text. */
export async function openDocx(bytes: Buffer): Promise<DocxView> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const documentXml = await read('word/document.xml');
  const text = documentXml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1])
        .join('')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
    )
    .filter((t) => t.length > 0)
    .join('\n');
  return {
    text,
    documentXml,
    stylesXml: await read('word/styles.xml'),
    fontTableXml: await read('word/fontTable.xml'),
    footerXml: (await read('word/footer1.xml')) + (await read('word/footer2.xml')),
  };
}

/** The files of a ZIP, in the order they were written. */
export async function openZip(
  bytes: Buffer,
): Promise<{ names: string[]; file(name: string): Promise<Buffer> }> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  return {
    names,
    file: async (name) => {
      const f = zip.file(name);
      if (!f) throw new Error(`no ${name} in the zip: ${names.join(', ')}`);
      return f.async('nodebuffer');
    },
  };
}
