/**
 * Where attachment bytes live. Rows in the database describe attachments (case, name, type, hash);
 * this layer only stores and returns bytes by an opaque key.
 *
 * The interface is shaped so an S3-compatible object store can implement it later without changing
 * callers (not implemented here):
 * - keys are flat, opaque, server-generated (uuids); the local layout `<2-char prefix>/<key>` maps
 *   to an object name `attachments/<prefix>/<key>`;
 * - `put` is all-or-nothing: on disk a temp file renamed into place, on S3 a (multipart) upload that
 *   only becomes visible when completed and is aborted on error. Both stream through `ByteMeter`,
 *   which hashes, counts and enforces the size limit as bytes arrive;
 * - `get` is async (S3 must wait for the response before it knows the object exists) and takes a
 *   byte range (an HTTP `Range` header on S3; also what audio/video seeking needs);
 * - `delete` is idempotent, like S3 DeleteObject; `exists` is HeadObject.
 * There is no `list`: the database is the index of what exists.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Bytes to store: a buffer, or a stream / async iterable of byte chunks. */
export type PutBody = Uint8Array | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** Abort with `StorageSizeLimitError` as soon as more than this many bytes have arrived. */
  maxBytes?: number;
}

export interface PutResult {
  size: number;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
}

/** Inclusive byte range, as in HTTP `Range: bytes=start-end` and `fs.createReadStream`. */
export interface ByteRange {
  start: number;
  /** Inclusive; omit to read to the end. */
  end?: number;
}

export interface AttachmentStorage {
  /**
   * Stores `body` under `key`, atomically: readers see nothing until the whole body is stored.
   * Refuses an existing key (attachments are evidence and never overwritten). When `body` is a
   * Node stream and the put fails, the stream is destroyed (as `stream.pipeline` does).
   */
  put(key: string, body: PutBody, options?: PutOptions): Promise<PutResult>;
  /** The stored bytes, or a byte range of them. Throws `StorageError('NOT_FOUND')` if absent. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
}

export type StorageErrorCode = 'INVALID_KEY' | 'KEY_EXISTS' | 'NOT_FOUND' | 'SIZE_LIMIT_EXCEEDED';

/** Storage failures callers may want to tell apart. Not user-facing: check-upload maps what is. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** The body grew past `maxBytes`; nothing was stored. `receivedBytes` is where it stopped reading. */
export class StorageSizeLimitError extends StorageError {
  constructor(
    readonly maxBytes: number,
    readonly receivedBytes: number,
  ) {
    super('SIZE_LIMIT_EXCEEDED', `body exceeds ${maxBytes} bytes`);
    this.name = 'StorageSizeLimitError';
  }
}

/**
 * Keys are ours (uuids), never user file names. The pattern is an allow-list: lower-case letters,
 * digits and '-', so no '/', '\\', '.', '..' or NUL can reach a path or an object name, and no two
 * keys differ only in case (which would collide on case-insensitive file systems).
 */
const KEY_PATTERN = /^[0-9a-z][0-9a-z-]{7,127}$/;

export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key))
    throw new StorageError('INVALID_KEY', `invalid attachment key: ${JSON.stringify(key)}`);
}

export function newAttachmentKey(): string {
  return randomUUID();
}

/** Hashes, counts and limits bytes as they pass; shared by every storage implementation. */
export class ByteMeter {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(readonly maxBytes = Number.POSITIVE_INFINITY) {}

  /** Call before writing `chunk`: throws (and the chunk must not be written) past the limit. */
  update(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) throw new StorageSizeLimitError(this.maxBytes, this.bytes);
    this.hash.update(chunk);
  }

  result(): PutResult {
    return { size: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** Reads `length` bytes at `offset` (fewer at the end of the object) into memory. */
export async function readRange(
  storage: AttachmentStorage,
  key: string,
  offset: number,
  length: number,
): Promise<Buffer> {
  if (length <= 0) return Buffer.alloc(0);
  const stream = await storage.get(key, { start: offset, end: offset + length - 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Temp files live under the root (same file system, so rename is atomic) in their own folder. */
const TEMP_DIR = '.tmp';

/**
 * Attachments on the local disk, under `<rootDir>/<first 2 chars of key>/<key>` (the prefix keeps
 * directories small). Use `LocalDiskStorage.inDataDir(config.dataDir)` for `DATA_DIR/attachments`.
 *
 * A put writes `<rootDir>/.tmp/<key>.<random>.tmp`, fsyncs it, renames it into place and fsyncs the
 * directory, so after a crash a key either has its complete file or none. Temp files left by a
 * crash are removed by `removeStaleTempFiles`.
 */
export class LocalDiskStorage implements AttachmentStorage {
  readonly rootDir: string;

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir);
  }

  static inDataDir(dataDir: string): LocalDiskStorage {
    return new LocalDiskStorage(path.join(dataDir, 'attachments'));
  }

  /** The file for `key`. Throws `StorageError('INVALID_KEY')` for anything but a well-formed key. */
  pathOf(key: string): string {
    assertValidKey(key);
    const file = path.join(this.rootDir, key.slice(0, 2), key);
    // Belt and braces: the pattern already rules out separators and dots.
    if (path.dirname(path.dirname(file)) !== this.rootDir) {
      throw new StorageError('INVALID_KEY', `invalid attachment key: ${JSON.stringify(key)}`);
    }
    return file;
  }

  async put(key: string, body: PutBody, options: PutOptions = {}): Promise<PutResult> {
    const file = this.pathOf(key);
    // Keys are fresh uuids, so the window between this check and the rename is not a real race;
    // the check is there to catch a caller reusing a key by mistake.
    if (await this.exists(key)) throw new StorageError('KEY_EXISTS', `attachment ${key} already exists`);
    const tempDir = path.join(this.rootDir, TEMP_DIR);
    // Attachments hold personal data (ID cards, medical records): no access for other users.
    await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o750 });
    await fsp.mkdir(tempDir, { recursive: true, mode: 0o750 });
    const temp = path.join(tempDir, `${key}.${randomBytes(6).toString('hex')}.tmp`);
    const meter = new ByteMeter(options.maxBytes);
    let handle: FileHandle | undefined = await fsp.open(temp, 'wx', 0o640);
    try {
      const chunks: AsyncIterable<unknown> | Iterable<unknown> = body instanceof Uint8Array ? [body] : body;
      for await (const chunk of chunks) {
        if (!(chunk instanceof Uint8Array)) {
          throw new TypeError('attachment body must yield bytes (is an encoding set on the stream?)');
        }
        meter.update(chunk);
        await writeAll(handle, chunk);
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      await fsp.rename(temp, file);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await fsp.rm(temp, { force: true });
      throw err;
    }
    await syncDirectory(path.dirname(file));
    return meter.result();
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    if (range) {
      const { start, end } = range;
      if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && !Number.isSafeInteger(end))) {
        throw new RangeError(`invalid byte range ${JSON.stringify(range)}`);
      }
      // An empty range (end < start) is the caller's to avoid: fs would read the whole file.
      if (end !== undefined && end < start) throw new RangeError(`empty byte range ${JSON.stringify(range)}`);
    }
    let handle: FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw new StorageError('NOT_FOUND', `attachment ${key} not found`);
      throw err;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async exists(key: string): Promise<boolean> {
    const file = this.pathOf(key);
    try {
      return (await fsp.stat(file)).isFile();
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  /**
   * Removes temp files older than `olderThanMs` (left by a crash or a killed process mid-upload).
   * Call at start-up and daily; the default of a day is far longer than any upload takes.
   * Returns how many were removed.
   */
  async removeStaleTempFiles(olderThanMs = 24 * 60 * 60 * 1000, now = Date.now()): Promise<number> {
    const tempDir = path.join(this.rootDir, TEMP_DIR);
    let names: string[];
    try {
      names = await fsp.readdir(tempDir);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.tmp')) continue;
      const temp = path.join(tempDir, name);
      const stat = await fsp.stat(temp).catch(() => undefined);
      if (stat && now - stat.mtimeMs > olderThanMs) {
        await fsp.rm(temp, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** `FileHandle.write` may write less than asked; loop until the chunk is on its way to disk. */
async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Makes the rename itself durable. Some platforms cannot fsync a directory (Windows: EPERM/EISDIR);
 * the rename is still atomic there, so that case is skipped; real I/O errors are raised.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!isErrno(err, 'EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EBADF')) throw err;
  } finally {
    await handle?.close();
  }
}

function isErrno(err: unknown, ...codes: string[]): boolean {
  return err instanceof Error && codes.includes((err as NodeJS.ErrnoException).code ?? '');
}
