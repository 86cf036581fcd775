import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentError } from './attachment-errors.js';
import { ATTACHMENT_POLICY, type AttachmentPolicy } from './attachment-types.js';
import { checkAndStore, sanitizeOriginalName, type UploadInput } from './check-upload.js';
import {
  type AttachmentStorage,
  LocalDiskStorage,
  type PutBody,
  type PutOptions,
  readRange,
} from './storage.js';
import {
  buildCfb,
  buildZip,
  docxEntries,
  exe,
  ftyp,
  html,
  jpeg1x1,
  minimalPdf,
  png1x1,
  svg,
  wav,
  xlsxEntries,
} from './test-fixtures.js';

let dir: string;
let storage: LocalDiskStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laiban-upload-'));
  storage = LocalDiskStorage.inDataDir(dir);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A Node stream delivering `bytes` in chunks of `size`, as a slow upload would. */
function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let o = 0; o < bytes.length; o += size) parts.push(bytes.subarray(o, o + size));
  return Readable.from(parts);
}

async function refusal(input: UploadInput, policy?: AttachmentPolicy): Promise<AttachmentError> {
  const err = await checkAndStore(storage, input, policy ? { policy } : {}).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AttachmentError);
  return err as AttachmentError;
}

/** Records puts, to prove that refused files never reach storage. */
class SpyStorage implements AttachmentStorage {
  puts = 0;
  constructor(private readonly inner: AttachmentStorage) {}
  put(key: string, body: PutBody, options?: PutOptions) {
    this.puts++;
    return this.inner.put(key, body, options);
  }
  get: AttachmentStorage['get'] = (key, range) => this.inner.get(key, range);
  exists = (key: string) => this.inner.exists(key);
  delete = (key: string) => this.inner.delete(key);
}

const small: AttachmentPolicy = {
  allowedKinds: ATTACHMENT_POLICY.allowedKinds,
  maxBytes: { image: 2048, document: 8192, audio: 4096, video: 4096 },
};

describe('checkAndStore: the content decides, not the name', () => {
  it('stores a PNG named .pdf as a PNG, with the sha256 and size of its bytes', async () => {
    const png = png1x1();
    const result = await checkAndStore(storage, {
      buffer: png,
      declaredName: '身份证正面.pdf',
      declaredMime: 'application/pdf',
    });
    expect(result).toMatchObject({
      mime: 'image/png',
      ext: 'png',
      kind: 'image',
      size: png.length,
      sha256: sha256(png),
      originalName: '身份证正面.pdf',
    });
    expect(await readRange(storage, result.key, 0, png.length)).toEqual(png);
    expect(filesUnder(storage.rootDir)).toEqual([path.join(result.key.slice(0, 2), result.key)]);
  });

  it('detects from a stream that arrives a few bytes at a time', async () => {
    const jpeg = Buffer.concat([jpeg1x1(), randomBytes(10_000)]); // trailing bytes after EOI, as cameras write
    const result = await checkAndStore(storage, { stream: chunked(jpeg, 7), declaredName: 'IMG_0001.JPG' });
    expect(result).toMatchObject({ mime: 'image/jpeg', size: jpeg.length, sha256: sha256(jpeg) });
  });

  it('stores PDF, WAV and a video when the policy allows them', async () => {
    for (const [bytes, mime] of [
      [minimalPdf(), 'application/pdf'],
      [wav(), 'audio/wav'],
      [ftyp('mp42', ['mp42', 'isom']), 'video/mp4'],
    ] as const) {
      expect((await checkAndStore(storage, { stream: chunked(bytes, 1000), declaredName: 'x' })).mime).toBe(
        mime,
      );
    }
  });

  it('refuses a program named .jpg before writing anything', async () => {
    const spy = new SpyStorage(storage);
    const err = await checkAndStore(spy, {
      buffer: exe(),
      declaredName: 'photo.jpg',
      declaredMime: 'image/jpeg',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      status: 415,
      details: { reason: 'executable' },
    });
    expect((err as AttachmentError).messages.zh).toBe('不能上传可执行程序或脚本文件');
    expect(spy.puts).toBe(0);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses HTML named .pdf and SVG images', async () => {
    expect((await refusal({ buffer: html(), declaredName: '材料.pdf' })).details).toMatchObject({
      reason: 'markup',
    });
    expect((await refusal({ stream: chunked(svg(), 16), declaredName: 'logo.svg' })).code).toBe(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expect((await refusal({ buffer: svg(true), declaredName: 'logo.png' })).details).toMatchObject({
      reason: 'markup',
      allowedExtensions: expect.arrayContaining(['jpg', 'pdf', 'docx', 'mp3', 'mp4']),
    });
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses an empty file', async () => {
    expect((await refusal({ buffer: Buffer.alloc(0), declaredName: 'a.jpg' })).code).toBe('ATTACHMENT_EMPTY');
    expect((await refusal({ stream: Readable.from([]), declaredName: 'a.jpg' })).code).toBe(
      'ATTACHMENT_EMPTY',
    );
    const err = await refusal({
      stream: Readable.from([Buffer.alloc(0), Buffer.alloc(0)]),
      declaredName: 'a',
    });
    expect(err).toMatchObject({ code: 'ATTACHMENT_EMPTY', status: 400 });
  });

  it('refuses a kind the policy does not take, saying what it was', async () => {
    const noVideo: AttachmentPolicy = { ...ATTACHMENT_POLICY, allowedKinds: ['image', 'document', 'audio'] };
    const err = await refusal({ buffer: ftyp('qt  ', ['qt  ']), declaredName: 'IMG_0002.MOV' }, noVideo);
    expect(err.details).toMatchObject({ reason: 'kind_not_allowed', detectedMime: 'video/quicktime' });
    expect(err.details).not.toMatchObject({ allowedExtensions: expect.arrayContaining(['mp4']) });
    expect(err.messages.zh).toBe('此处不接受视频附件');
  });
});

describe('checkAndStore: size limits while streaming', () => {
  it('stops a too-large image early, keeps nothing, and leaves the caller’s stream alone', async () => {
    let pulled = 0;
    async function* upload() {
      yield png1x1();
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield Buffer.alloc(1024);
      }
    }
    const stream = Readable.from(upload());
    const err = await refusal({ stream, declaredName: 'big.png' }, small);
    expect(err).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      status: 413,
      details: { kind: 'image', maxBytes: 2048 },
    });
    expect(err.messages).toEqual({ zh: '图片文件不能超过2KB', en: 'Image files may not exceed 2KB' });
    expect(pulled).toBeLessThan(20); // Readable.from reads a little ahead, but nowhere near 1000
    expect(filesUnder(dir)).toEqual([]); // neither the object nor a temp file
    expect(stream.destroyed).toBe(false); // the route decides whether to drain or drop it
  });

  it('uses the limit of the detected kind', async () => {
    const wavFile = wav(1500); // 3044 bytes: over the image limit, under the audio limit
    expect(
      (await checkAndStore(storage, { buffer: wavFile, declaredName: 'a.wav' }, { policy: small })).size,
    ).toBe(wavFile.length);
    const bigWav = wav(3000);
    const err = await refusal({ buffer: bigWav, declaredName: 'a.wav' }, small);
    expect(err.details).toEqual({ kind: 'audio', maxBytes: 4096 });
  });

  it('mentions links for videos over the limit', async () => {
    const video = Buffer.concat([ftyp('isom', ['isom']), Buffer.alloc(5000)]);
    const err = await refusal({ buffer: video, declaredName: 'a.mp4' }, small);
    expect(err.messages.zh).toBe('视频文件不能超过4KB，较长的录像请提供存放链接');
  });
});

describe('checkAndStore: Office documents', () => {
  /** A DOCX whose central directory is far beyond the first read, with [Content_Types].xml last. */
  function largeDocx(extra: { name: string; data: string }[] = []): Buffer {
    const [types, ...rest] = docxEntries();
    return buildZip([
      ...rest,
      { name: 'word/media/image1.png', data: randomBytes(200_000) },
      ...extra,
      types!,
    ]);
  }

  it('confirms a large DOCX from the stored file’s central directory', async () => {
    const docx = largeDocx();
    const result = await checkAndStore(storage, {
      stream: chunked(docx, 16 * 1024),
      declaredName: '答复意见书.docx',
    });
    expect(result).toMatchObject({ ext: 'docx', kind: 'document', size: docx.length, sha256: sha256(docx) });
    expect(await storage.exists(result.key)).toBe(true);
    // The same file handed over as a buffer is judged in memory before it is written.
    const spy = new SpyStorage(storage);
    expect((await checkAndStore(spy, { buffer: docx, declaredName: 'b.docx' })).ext).toBe('docx');
    const docm = largeDocx([{ name: 'word/vbaProject.bin', data: 'VBA' }]);
    await expect(checkAndStore(spy, { buffer: docm, declaredName: 'c.docx' })).rejects.toMatchObject({
      details: { reason: 'macro' },
    });
    expect(spy.puts).toBe(1);
  });

  it('refuses Office files when the policy takes no documents', async () => {
    const imagesOnly: AttachmentPolicy = { ...ATTACHMENT_POLICY, allowedKinds: ['image'] };
    const err = await refusal({ stream: chunked(largeDocx(), 4096), declaredName: 'a.docx' }, imagesOnly);
    expect(err.details).toMatchObject({
      reason: 'kind_not_allowed',
      allowedExtensions: expect.not.arrayContaining(['docx']),
    });
    expect(filesUnder(dir)).toEqual([]);
  });

  it('stores XLSX, DOC and XLS', async () => {
    const cases = [
      [buildZip(xlsxEntries()), 'xlsx'],
      [buildCfb(['WordDocument', '1Table']), 'doc'],
      [buildCfb(['Workbook'], { directorySectors: [40] }), 'xls'],
    ] as const;
    for (const [bytes, ext] of cases) {
      expect((await checkAndStore(storage, { stream: chunked(bytes, 4096), declaredName: 'f' })).ext).toBe(
        ext,
      );
    }
  });

  it('refuses a large plain ZIP and a macro document after storing, and deletes what it stored', async () => {
    const zip = buildZip([
      { name: 'evidence/a.txt', data: 'x'.repeat(50_000) },
      { name: 'b.txt', data: 'y' },
    ]);
    expect((await refusal({ stream: chunked(zip, 8192), declaredName: '材料.docx' })).details).toMatchObject({
      reason: 'archive',
    });
    const docm = largeDocx([{ name: 'word/vbaProject.bin', data: 'VBA' }]);
    expect((await refusal({ stream: chunked(docm, 8192), declaredName: 'a.docx' })).details).toMatchObject({
      reason: 'macro',
    });
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses a small plain ZIP without writing it', async () => {
    const spy = new SpyStorage(storage);
    const zip = buildZip([{ name: 'a.txt', data: 'hello' }]);
    const err = await checkAndStore(spy, { buffer: zip, declaredName: 'a.zip' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED', details: { reason: 'archive' } });
    expect(spy.puts).toBe(0);
  });

  it('applies the document limit to containers while streaming', async () => {
    const err = await refusal({ stream: chunked(largeDocx(), 4096), declaredName: 'a.docx' }, small);
    expect(err.details).toEqual({ kind: 'document', maxBytes: 8192 });
    expect(filesUnder(dir)).toEqual([]);
  });
});

describe('checkAndStore: keys and names', () => {
  it('uses a fresh uuid key, or the one given; refuses a key that could escape the root', async () => {
    const a = await checkAndStore(storage, { buffer: png1x1(), declaredName: 'a.png' });
    expect(a.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const key = '0f3c9a4e-1111-4222-8333-444455556666';
    expect((await checkAndStore(storage, { buffer: png1x1(), declaredName: 'b.png' }, { key })).key).toBe(
      key,
    );
    await expect(
      checkAndStore(storage, { buffer: png1x1(), declaredName: 'c.png' }, { key: '../../escape' }),
    ).rejects.toMatchObject({ code: 'INVALID_KEY' });
    expect(filesUnder(dir)).toHaveLength(2);
  });

  it('keeps only a safe display name', async () => {
    const result = await checkAndStore(storage, {
      buffer: png1x1(),
      declaredName: 'C:\\Users\\张三\\Desktop\\现场照片\u0000\u0007.png',
    });
    expect(result.originalName).toBe('现场照片.png');
  });

  it('sanitises names: path segments, control and bidi characters, length', () => {
    expect(sanitizeOriginalName('../../etc/passwd', 'pdf')).toBe('passwd');
    expect(sanitizeOriginalName('a/b\\c.jpg', 'jpg')).toBe('c.jpg');
    expect(sanitizeOriginalName('  信访\r\n事项\t.pdf  ', 'pdf')).toBe('信访事项.pdf');
    // U+202E (right-to-left override) would show "photo\u202Egpj.exe" as "photoexe.jpg".
    expect(sanitizeOriginalName('photo\u202egpj.exe', 'jpg')).toBe('photogpj.exe');
    expect(sanitizeOriginalName('a\u200bb\ufeff.png', 'png')).toBe('ab.png');
    expect(sanitizeOriginalName('', 'png')).toBe('附件.png');
    expect(sanitizeOriginalName('..', 'pdf')).toBe('附件.pdf');
    expect(sanitizeOriginalName('dir/', 'pdf')).toBe('附件.pdf');
    expect(sanitizeOriginalName('e\u0301.txt', 'pdf')).toBe('\u00e9.txt'); // NFC
    const long = `${'长'.repeat(300)}.docx`;
    const cut = sanitizeOriginalName(long, 'docx');
    expect(Array.from(cut)).toHaveLength(200);
    expect(cut.endsWith('.docx')).toBe(true);
    const emoji = sanitizeOriginalName('😀'.repeat(250), 'png'); // never splits a surrogate pair
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji).toBe('😀'.repeat(200));
  });
});
