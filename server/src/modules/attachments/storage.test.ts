import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ByteMeter,
  isValidKey,
  LocalDiskStorage,
  newAttachmentKey,
  readRange,
  StorageError,
  StorageSizeLimitError,
} from './storage.js';

let dir: string;
let storage: LocalDiskStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laiban-attachments-'));
  storage = LocalDiskStorage.inDataDir(dir);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root`, relative, sorted. */
function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** `toEqual` walks large buffers element by element (seconds for 300 kB); compare bytes directly. */
function expectSameBytes(actual: Buffer, expected: Buffer): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.equals(expected)).toBe(true);
}

/** A source of `count` chunks of `size` bytes that records how many it handed out. */
function countingSource(count: number, size: number) {
  const state = { pulled: 0 };
  async function* chunks() {
    for (let i = 0; i < count; i++) {
      state.pulled++;
      yield randomBytes(size);
    }
  }
  return { state, body: chunks() };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('LocalDiskStorage', () => {
  it('stores under DATA_DIR/attachments/<prefix>/<key> and returns size and sha256 of the content', async () => {
    const key = newAttachmentKey();
    const body = randomBytes(300_000);
    const result = await storage.put(key, body);
    expect(result).toEqual({ size: body.length, sha256: sha256(body) });
    expect(filesUnder(dir)).toEqual([path.join('attachments', key.slice(0, 2), key)]);
    expectSameBytes(fs.readFileSync(path.join(dir, 'attachments', key.slice(0, 2), key)), body);
    expect(await storage.exists(key)).toBe(true);
    expectSameBytes(await readAll(await storage.get(key)), body);
  });

  it('streams a Node Readable in, hashing across chunks', async () => {
    const parts = [randomBytes(70_000), randomBytes(1), randomBytes(65_536)];
    const key = newAttachmentKey();
    const result = await storage.put(key, Readable.from(parts));
    const whole = Buffer.concat(parts);
    expect(result).toEqual({ size: whole.length, sha256: sha256(whole) });
    expectSameBytes(await readAll(await storage.get(key)), whole);
  });

  it('stores an empty body (the empty check belongs to check-upload)', async () => {
    const key = newAttachmentKey();
    expect(await storage.put(key, Buffer.alloc(0))).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)) });
  });

  it('reads byte ranges (inclusive end), shorter at the end of the file', async () => {
    const key = newAttachmentKey();
    const body = Buffer.from('0123456789');
    await storage.put(key, body);
    expect((await readAll(await storage.get(key, { start: 2, end: 4 }))).toString()).toBe('234');
    expect((await readAll(await storage.get(key, { start: 7 }))).toString()).toBe('789');
    expect((await readRange(storage, key, 8, 100)).toString()).toBe('89');
    expect((await readRange(storage, key, 20, 4)).length).toBe(0);
    await expect(storage.get(key, { start: 5, end: 4 })).rejects.toThrow(RangeError);
    await expect(storage.get(key, { start: -1 })).rejects.toThrow(RangeError);
  });

  it('answers NOT_FOUND for a missing key; delete is idempotent', async () => {
    const key = newAttachmentKey();
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await storage.put(key, Buffer.from('x'));
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
  });

  it('never overwrites: putting an existing key fails and keeps the original', async () => {
    const key = newAttachmentKey();
    await storage.put(key, Buffer.from('original'));
    await expect(storage.put(key, Buffer.from('replacement'))).rejects.toMatchObject({ code: 'KEY_EXISTS' });
    expect((await readAll(await storage.get(key))).toString()).toBe('original');
  });

  it('enforces the size limit while streaming: stops reading, stores nothing, leaves no temp file', async () => {
    const key = newAttachmentKey();
    const { state, body } = countingSource(160, 64 * 1024); // 10 MB on offer
    const err = await storage.put(key, body, { maxBytes: 100 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageSizeLimitError);
    expect(err).toMatchObject({
      code: 'SIZE_LIMIT_EXCEEDED',
      maxBytes: 100 * 1024,
      receivedBytes: 128 * 1024,
    });
    expect(state.pulled).toBe(2); // aborted on the chunk that crossed the limit, not at the end
    expect(await storage.exists(key)).toBe(false);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const body = randomBytes(4096);
    expect((await storage.put(newAttachmentKey(), body, { maxBytes: 4096 })).size).toBe(4096);
    await expect(storage.put(newAttachmentKey(), body, { maxBytes: 4095 })).rejects.toBeInstanceOf(
      StorageSizeLimitError,
    );
  });

  it('leaves no temp file and no object when the source fails mid-stream', async () => {
    const key = newAttachmentKey();
    async function* failing() {
      yield randomBytes(50_000);
      throw new Error('client went away');
    }
    await expect(storage.put(key, failing())).rejects.toThrow('client went away');
    expect(await storage.exists(key)).toBe(false);
    expect(filesUnder(dir)).toEqual([]);
    // and a Node stream that errors
    // The error comes from the stream's own read, after a first chunk, so it is always delivered to
    // the consumer (a timer could fire after put() had already given up on the stream).
    let reads = 0;
    const stream = new Readable({
      read() {
        reads += 1;
        if (reads === 1) this.push(randomBytes(1000));
        else this.destroy(new Error('socket hang up'));
      },
    });
    await expect(storage.put(key, stream)).rejects.toThrow('socket hang up');
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses text chunks (a stream with an encoding set)', async () => {
    const stream = Readable.from(['not', 'bytes'], { objectMode: true });
    await expect(storage.put(newAttachmentKey(), stream)).rejects.toThrow(TypeError);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('rejects keys that could escape the root or are not ours', async () => {
    const bad = [
      '../../etc/passwd',
      '..',
      'ab/../../x',
      'abcd/efgh',
      'abcd\\efgh',
      '.hidden-file',
      'abcdefgh\0',
      'ABCDEF-1234',
      'short',
      '',
      `${'a'.repeat(129)}`,
      '/etc/passwd',
    ];
    for (const key of bad) {
      expect(isValidKey(key)).toBe(false);
      await expect(storage.put(key, Buffer.from('x'))).rejects.toMatchObject({ code: 'INVALID_KEY' });
      await expect(storage.get(key)).rejects.toBeInstanceOf(StorageError);
      await expect(storage.exists(key)).rejects.toMatchObject({ code: 'INVALID_KEY' });
      await expect(storage.delete(key)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    }
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(isValidKey(newAttachmentKey())).toBe(true);
  });

  it('handles concurrent puts', async () => {
    const bodies = Array.from({ length: 8 }, () => randomBytes(20_000));
    const keys = bodies.map(() => newAttachmentKey());
    const results = await Promise.all(bodies.map((b, i) => storage.put(keys[i]!, b)));
    expect(results.map((r) => r.sha256)).toEqual(bodies.map(sha256));
    expect(filesUnder(path.join(dir, 'attachments'))).toHaveLength(8);
  });

  it('removes stale temp files left by a crash, and only those', async () => {
    const tempDir = path.join(dir, 'attachments', '.tmp');
    fs.mkdirSync(tempDir, { recursive: true });
    const stale = path.join(tempDir, 'dead.tmp');
    const fresh = path.join(tempDir, 'uploading.tmp');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'y');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(stale, twoDaysAgo, twoDaysAgo);
    expect(await storage.removeStaleTempFiles()).toBe(1);
    expect(fs.readdirSync(tempDir)).toEqual(['uploading.tmp']);
    expect(await new LocalDiskStorage(path.join(dir, 'nowhere')).removeStaleTempFiles()).toBe(0);
  });
});

describe('ByteMeter', () => {
  it('hashes and counts like crypto over the whole content', () => {
    const meter = new ByteMeter(10);
    meter.update(Buffer.from('hello'));
    meter.update(Buffer.from('world'));
    expect(meter.result()).toEqual({ size: 10, sha256: sha256(Buffer.from('helloworld')) });
    expect(() => new ByteMeter(3).update(Buffer.from('four'))).toThrow(StorageSizeLimitError);
  });
});
