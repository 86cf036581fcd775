/**
 * Checks an uploaded file and stores it: the one entry point the upload route calls.
 *
 * 1. Read the first bytes (at least `SNIFF_BYTES`, or the whole file if shorter).
 * 2. Decide the type from them; refuse unknown, executable, markup and archive content before
 *    anything is written.
 * 3. Stream the file to storage under a fresh key with the size limit of its kind (for ZIP/OLE2
 *    containers, the document limit), hashing as it goes.
 * 4. Containers (DOCX/XLSX/DOC/XLS) are then confirmed from the stored file's central directory /
 *    directory sectors, read back by range; if refused, the stored file is deleted. A container
 *    that fitted in the first read is confirmed in memory before anything is written.
 *
 * The declared name is kept only for display (sanitised); the declared MIME type is not used for
 * any decision.
 */
import type { Readable } from 'node:stream';
import { emptyAttachment, tooLarge, typeNotAllowed } from './attachment-errors.js';
import {
  ATTACHMENT_POLICY,
  type AttachmentKind,
  type AttachmentPolicy,
  classifyBytes,
  classifyContainer,
  classifyHead,
  type DetectedType,
  type Detection,
  SNIFF_BYTES,
} from './attachment-types.js';
import {
  type AttachmentStorage,
  newAttachmentKey,
  type PutResult,
  readRange,
  StorageSizeLimitError,
} from './storage.js';

interface DeclaredFile {
  /** The file name the client sent; only shown back to people, never used as a path or a type. */
  declaredName: string;
  /** The MIME type the client sent. Accepted so routes can pass it along; never trusted. */
  declaredMime?: string;
}

export type UploadInput = DeclaredFile &
  ({ stream: Readable; buffer?: undefined } | { buffer: Uint8Array; stream?: undefined });

export interface CheckAndStoreOptions {
  /** Defaults to `ATTACHMENT_POLICY`; tests pass small limits. */
  policy?: AttachmentPolicy;
  /** Defaults to a new uuid. */
  key?: string;
}

export interface StoredAttachment {
  key: string;
  sha256: string;
  size: number;
  mime: string;
  ext: string;
  kind: AttachmentKind;
  /** The declared name, sanitised for display and for a download's file name. */
  originalName: string;
}

/**
 * Checks the content of an upload and stores it. Throws `AttachmentError` with code
 * `ATTACHMENT_EMPTY`, `ATTACHMENT_TYPE_NOT_ALLOWED` or `ATTACHMENT_TOO_LARGE`; on any failure
 * nothing is left in storage.
 *
 * `input.stream` is never destroyed here: on refusal reading just stops and the stream is left to
 * the caller, who knows the transport (destroying an HTTP request stream would close the socket
 * before the error response is sent; a multipart file part should be drained or skipped).
 */
export async function checkAndStore(
  storage: AttachmentStorage,
  input: UploadInput,
  options: CheckAndStoreOptions = {},
): Promise<StoredAttachment> {
  const policy = options.policy ?? ATTACHMENT_POLICY;
  const key = options.key ?? newAttachmentKey();
  const buffer = input.buffer;
  const source: AsyncIterator<unknown> = buffer
    ? emptyIterator()
    : (input.stream.iterator({ destroyOnReturn: false }) as AsyncIterator<unknown>);

  try {
    // A buffer is its own head, and complete: a small container in it is judged in memory.
    const { head, complete } = buffer ? { head: toBuffer(buffer), complete: true } : await readHead(source);
    if (head.length === 0) throw emptyAttachment();

    let sniff = classifyHead(head);
    // A container that arrived whole is judged before anything is written.
    if (sniff.status === 'container' && complete) sniff = classifyBytes(head);
    if (sniff.status === 'refused') throw typeNotAllowed(sniff.reason, policy.allowedKinds);
    // Containers are Office documents or nothing, so they get the document limit while streaming.
    const kind: AttachmentKind = sniff.status === 'detected' ? sniff.type.kind : 'document';
    if (sniff.status === 'detected') {
      assertAllowed(sniff.type, policy);
    } else if (!policy.allowedKinds.includes('document')) {
      throw typeNotAllowed('kind_not_allowed', policy.allowedKinds);
    }

    const maxBytes = policy.maxBytes[kind];
    let stored: PutResult;
    try {
      stored = await storage.put(key, chain(head, complete, source), { maxBytes });
    } catch (err) {
      if (err instanceof StorageSizeLimitError) throw tooLarge(kind, maxBytes);
      throw err;
    }

    let type: DetectedType;
    if (sniff.status === 'container') {
      const { container } = sniff;
      try {
        const verdict: Detection = await classifyContainer(container, stored.size, (offset, length) =>
          readRange(storage, key, offset, length),
        );
        if (verdict.status === 'refused') throw typeNotAllowed(verdict.reason, policy.allowedKinds);
        assertAllowed(verdict.type, policy);
        type = verdict.type;
      } catch (err) {
        await storage.delete(key);
        throw err;
      }
    } else {
      type = sniff.type;
    }

    return {
      key,
      sha256: stored.sha256,
      size: stored.size,
      mime: type.mime,
      ext: type.ext,
      kind: type.kind,
      originalName: sanitizeOriginalName(input.declaredName, type.ext),
    };
  } finally {
    // Stops reading without destroying the caller's stream (see above).
    await source.return?.();
  }
}

function assertAllowed(type: DetectedType, policy: AttachmentPolicy): void {
  if (!policy.allowedKinds.includes(type.kind)) {
    throw typeNotAllowed('kind_not_allowed', policy.allowedKinds, type);
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('upload stream must yield bytes (is an encoding set on the stream?)');
}

async function* emptyIterator(): AsyncGenerator<never> {}

/** Pulls chunks until `SNIFF_BYTES` have arrived or the input ends. */
async function readHead(source: AsyncIterator<unknown>): Promise<{ head: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) return { head: Buffer.concat(chunks), complete: true };
    const chunk = toBuffer(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  return { head: Buffer.concat(chunks), complete: false };
}

/** The head already read, then the rest of the input. */
async function* chain(head: Buffer, complete: boolean, rest: AsyncIterator<unknown>): AsyncGenerator<Buffer> {
  yield head;
  if (complete) return;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield toBuffer(next.value);
  }
}

const MAX_NAME_LENGTH = 200;
/** Longest extension kept whole when a long name is shortened. */
const MAX_KEPT_EXTENSION = 16;

/** C0/C1 controls, and invisible format characters used to disguise names (e.g. U+202E RLO turns "gpj.exe" into "exe.jpg" on screen). */
function isStripped(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x061c ||
    codePoint === 0x180e ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x2028 && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x206f) ||
    codePoint === 0xfeff
  );
}

/**
 * A declared file name made safe to show and to offer as a download name: Unicode NFC, control and
 * invisible formatting characters removed, only the last path segment kept (browsers on Windows
 * used to send `C:\Users\…\photo.jpg`), trimmed, at most 200 characters with the extension kept.
 * Falls back to `附件.<ext>` when nothing is left.
 */
export function sanitizeOriginalName(declaredName: string, fallbackExt: string): string {
  const visible = Array.from(declaredName.normalize('NFC'))
    .filter((ch) => !isStripped(ch.codePointAt(0) ?? 0))
    .join('');
  const segments = visible.split(/[/\\]/);
  let name = (segments[segments.length - 1] ?? '').trim();
  if (/^\.*$/.test(name)) return `附件.${fallbackExt}`;
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
    if (extension.length > 1 && extension.length <= MAX_KEPT_EXTENSION) {
      name =
        chars
          .slice(0, MAX_NAME_LENGTH - extension.length)
          .join('')
          .trimEnd() + extension.join('');
    } else {
      name = chars.slice(0, MAX_NAME_LENGTH).join('');
    }
  }
  return name;
}
