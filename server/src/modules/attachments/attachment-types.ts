/**
 * What an attachment is, decided from its bytes alone.
 *
 * The file name and the MIME type a browser declares are whatever the sender's machine says: a
 * petitioner's phone may call a HEIC photo `.jpg`, and an attacker may call a program `.pdf`. So the
 * type comes from the content (magic bytes), the allow-list is closed (anything not recognised is
 * refused), and the stored `ext`/`mime` are ours, never the sender's.
 *
 * Two formats are containers whose decisive information is not at the start of the file:
 * - DOCX/XLSX are ZIP packages; what they contain is listed in the central directory at the END of
 *   the file. A plain ZIP (or a JAR/APK, or a macro-enabled DOCM) must not pass as a document.
 * - DOC/XLS are OLE2 compound files; the stream names (WordDocument, Workbook) sit in directory
 *   sectors that can be anywhere in the file. An MSI installer is an OLE2 file too.
 * So `classifyHead` only says "this is a ZIP/OLE2 container" and the container parsers then read
 * the few byte ranges they need. They are written as generators that *ask* for byte ranges, so the
 * same parser runs over an in-memory buffer (`detectType`) and over a stored file read back by
 * range (`classifyContainer`, used by check-upload after streaming to storage) without buffering
 * a 50 MB document in memory.
 *
 * This file imports nothing from Node (bytes are `Uint8Array`), so the web app can run the same
 * detection before uploading if it wants to.
 */
import { z } from 'zod';

export type AttachmentKind = 'image' | 'document' | 'audio' | 'video';

export const ATTACHMENT_KINDS = [
  'image',
  'document',
  'audio',
  'video',
] as const satisfies readonly AttachmentKind[];

export interface DetectedType {
  /** The MIME type we serve the file with. */
  mime: string;
  /** The extension we give the file on download (no dot). */
  ext: string;
  kind: AttachmentKind;
}

/** Why a file was refused; carried in the error details so the UI can say something useful. */
export type RefusalReason =
  /** Programs and scripts: PE (MZ), ELF, Mach-O, WebAssembly, shebang scripts, JAR/APK. */
  | 'executable'
  /** HTML, SVG, XML: markup a browser may run scripts from. */
  | 'markup'
  /** ZIP/RAR/7z/gzip/… that is not an accepted Office document. */
  | 'archive'
  /** DOCM/XLSM or DOC/XLS carrying VBA macros. */
  | 'macro'
  /** Anything else we do not recognise (including formats we recognise but do not accept). */
  | 'unrecognised';

const MB = 1024 * 1024;

export interface AttachmentPolicy {
  allowedKinds: readonly AttachmentKind[];
  /** Per-kind size limits in bytes, enforced while the file is streamed to storage. */
  maxBytes: Readonly<Record<AttachmentKind, number>>;
}

/**
 * The default policy. Video is accepted up to 500 MB, but long recordings (执法记录仪, 监控录像) are
 * usually better referenced by link to where they are kept: see `VideoReference`.
 */
export const ATTACHMENT_POLICY = {
  allowedKinds: ATTACHMENT_KINDS,
  maxBytes: { image: 20 * MB, document: 50 * MB, audio: 100 * MB, video: 500 * MB },
} as const satisfies AttachmentPolicy;

/** A recording kept elsewhere (a video platform, a netdisk share, another department's system). */
export interface VideoReference {
  url: string;
  /** What the recording shows and how to get it (e.g. the share's 提取码). */
  description: string;
}

/** Only http(s) links: no `javascript:`, `file:` or `data:` URLs that a clerk could be tricked into opening. */
export const videoReferenceSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  description: z.string().trim().min(1).max(500),
}) satisfies z.ZodType<VideoReference>;

// ---------------------------------------------------------------------------------------------
// The accepted types

const TYPES = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg', kind: 'image' },
  png: { mime: 'image/png', ext: 'png', kind: 'image' },
  gif: { mime: 'image/gif', ext: 'gif', kind: 'image' },
  webp: { mime: 'image/webp', ext: 'webp', kind: 'image' },
  heic: { mime: 'image/heic', ext: 'heic', kind: 'image' },
  heif: { mime: 'image/heif', ext: 'heif', kind: 'image' },
  tiff: { mime: 'image/tiff', ext: 'tif', kind: 'image' },
  pdf: { mime: 'application/pdf', ext: 'pdf', kind: 'document' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    kind: 'document',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    kind: 'document',
  },
  doc: { mime: 'application/msword', ext: 'doc', kind: 'document' },
  xls: { mime: 'application/vnd.ms-excel', ext: 'xls', kind: 'document' },
  mp3: { mime: 'audio/mpeg', ext: 'mp3', kind: 'audio' },
  aac: { mime: 'audio/aac', ext: 'aac', kind: 'audio' },
  m4a: { mime: 'audio/mp4', ext: 'm4a', kind: 'audio' },
  wav: { mime: 'audio/wav', ext: 'wav', kind: 'audio' },
  amr: { mime: 'audio/amr', ext: 'amr', kind: 'audio' },
  amrWb: { mime: 'audio/amr-wb', ext: 'awb', kind: 'audio' },
  ogg: { mime: 'audio/ogg', ext: 'ogg', kind: 'audio' },
  mp4: { mime: 'video/mp4', ext: 'mp4', kind: 'video' },
  mov: { mime: 'video/quicktime', ext: 'mov', kind: 'video' },
  threeGp: { mime: 'video/3gpp', ext: '3gp', kind: 'video' },
  threeG2: { mime: 'video/3gpp2', ext: '3g2', kind: 'video' },
  webm: { mime: 'video/webm', ext: 'webm', kind: 'video' },
  mkv: { mime: 'video/x-matroska', ext: 'mkv', kind: 'video' },
} as const satisfies Record<string, DetectedType>;

/** Every type we accept, e.g. for an upload control's `accept` list or an error's details. */
export const ACCEPTED_TYPES: readonly DetectedType[] = Object.values(TYPES);

// ---------------------------------------------------------------------------------------------
// Byte helpers (bounds are checked by the callers; out-of-range reads yield 0)

function byteAt(b: Uint8Array, o: number): number {
  return b[o] ?? 0;
}
function u16le(b: Uint8Array, o: number): number {
  return byteAt(b, o) | (byteAt(b, o + 1) << 8);
}
function u32le(b: Uint8Array, o: number): number {
  return (byteAt(b, o) | (byteAt(b, o + 1) << 8) | (byteAt(b, o + 2) << 16)) + byteAt(b, o + 3) * 0x1000000;
}
function u32be(b: Uint8Array, o: number): number {
  return byteAt(b, o) * 0x1000000 + ((byteAt(b, o + 1) << 16) | (byteAt(b, o + 2) << 8) | byteAt(b, o + 3));
}
/** Bytes as Latin-1 characters: enough for magic strings and ZIP entry names we compare to ASCII. */
function latin1(b: Uint8Array, o: number, len: number): string {
  let s = '';
  for (let i = o; i < o + len && i < b.length; i++) s += String.fromCharCode(byteAt(b, i));
  return s;
}
function has(b: Uint8Array, magic: readonly number[] | string, offset = 0): boolean {
  const bytes = typeof magic === 'string' ? Array.from(magic, (c) => c.charCodeAt(0)) : magic;
  if (b.length < offset + bytes.length) return false;
  return bytes.every((v, i) => b[offset + i] === v);
}

// ---------------------------------------------------------------------------------------------
// Head classification

export type ContainerFormat = 'zip' | 'ole2';

export type Detection =
  | { status: 'detected'; type: DetectedType }
  | { status: 'refused'; reason: RefusalReason };

export type HeadClassification = Detection | { status: 'container'; container: ContainerFormat };

/** How many leading bytes `classifyHead` wants (fewer is fine when the file is shorter). */
export const SNIFF_BYTES = 4100;

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const detected = (type: DetectedType): Detection => ({ status: 'detected', type });
const refused = (reason: RefusalReason): Detection => ({ status: 'refused', reason });

/**
 * Classifies a file from its first bytes (`SNIFF_BYTES` are enough). Returns the type for simple
 * formats, `container` for ZIP and OLE2 (finish with `classifyContainer`), or a refusal.
 */
export function classifyHead(head: Uint8Array): HeadClassification {
  if (has(head, [0xff, 0xd8, 0xff])) return detected(TYPES.jpeg);
  if (has(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return detected(TYPES.png);
  if (has(head, 'GIF87a') || has(head, 'GIF89a')) return detected(TYPES.gif);
  if (has(head, 'RIFF')) {
    if (has(head, 'WEBP', 8)) return detected(TYPES.webp);
    if (has(head, 'WAVE', 8)) return detected(TYPES.wav);
    return refused('unrecognised'); // AVI and other RIFF forms are not on the list
  }
  if (has(head, 'ftyp', 4)) return classifyFtyp(head);
  if (has(head, '%PDF-')) return detected(TYPES.pdf);
  if (has(head, 'ID3')) return detected(TYPES.mp3);
  const frame = classifyMpegAudioFrame(head);
  if (frame) return detected(frame);
  if (has(head, '#!AMR-WB\n')) return detected(TYPES.amrWb);
  if (has(head, '#!AMR\n')) return detected(TYPES.amr);
  if (has(head, 'OggS')) return detected(TYPES.ogg);
  if (has(head, [0x1a, 0x45, 0xdf, 0xa3])) return classifyEbml(head);
  if (has(head, [0x49, 0x49, 0x2a, 0x00]) || has(head, [0x4d, 0x4d, 0x00, 0x2a])) return detected(TYPES.tiff);
  if (has(head, [0x49, 0x49, 0x2b, 0x00]) || has(head, [0x4d, 0x4d, 0x00, 0x2b])) return detected(TYPES.tiff); // BigTIFF
  if (has(head, ZIP_LOCAL)) return { status: 'container', container: 'zip' };
  if (has(head, OLE2)) return { status: 'container', container: 'ole2' };
  return refused(refusalFor(head));
}

/** ISO base media (MP4/MOV/M4A/3GP) and HEIF share the `ftyp` box; its brands say which it is. */
const FTYP_BRANDS: Record<string, DetectedType> = {
  heic: TYPES.heic,
  heix: TYPES.heic,
  hevc: TYPES.heic,
  hevx: TYPES.heic,
  heim: TYPES.heic,
  heis: TYPES.heic,
  mif1: TYPES.heif,
  msf1: TYPES.heif,
  'M4A ': TYPES.m4a,
  'M4B ': TYPES.m4a,
  'qt  ': TYPES.mov,
  '3gp4': TYPES.threeGp,
  '3gp5': TYPES.threeGp,
  '3gp6': TYPES.threeGp,
  '3gp7': TYPES.threeGp,
  '3gg6': TYPES.threeGp,
  '3ge6': TYPES.threeGp,
  '3ge7': TYPES.threeGp,
  '3g2a': TYPES.threeG2,
  '3g2b': TYPES.threeG2,
  '3g2c': TYPES.threeG2,
  isom: TYPES.mp4,
  iso2: TYPES.mp4,
  iso4: TYPES.mp4,
  iso5: TYPES.mp4,
  iso6: TYPES.mp4,
  mp41: TYPES.mp4,
  mp42: TYPES.mp4,
  avc1: TYPES.mp4,
  mmp4: TYPES.mp4,
  dash: TYPES.mp4,
  MSNV: TYPES.mp4,
  'M4V ': TYPES.mp4,
};

function classifyFtyp(head: Uint8Array): Detection {
  const boxSize = u32be(head, 0);
  const major = latin1(head, 8, 4);
  const compatible: string[] = [];
  for (let o = 16; o + 4 <= Math.min(boxSize, head.length); o += 4) compatible.push(latin1(head, o, 4));
  // AVIF shares HEIF's generic brands (mif1/msf1) but is not on the list.
  if (compatible.includes('avif') || compatible.includes('avis') || major === 'avif' || major === 'avis') {
    if (!compatible.some((b) => FTYP_BRANDS[b] === TYPES.heic)) return refused('unrecognised');
  }
  // The major brand decides; generic HEIF brands defer to a more specific compatible one.
  const byMajor = FTYP_BRANDS[major];
  if (byMajor && byMajor !== TYPES.heif) return detected(byMajor);
  if (byMajor === TYPES.heif) {
    return detected(compatible.some((b) => FTYP_BRANDS[b] === TYPES.heic) ? TYPES.heic : TYPES.heif);
  }
  // Unknown major brand (cameras write their own, e.g. Sony's XAVC): the first known compatible one.
  for (const brand of compatible) {
    const t = FTYP_BRANDS[brand];
    if (t) return detected(t);
  }
  return refused('unrecognised');
}

/** An MPEG audio frame header (MP3 = MPEG-1/2/2.5 Layer III) or an AAC ADTS header. */
function classifyMpegAudioFrame(head: Uint8Array): DetectedType | null {
  if (head.length < 4 || head[0] !== 0xff) return null;
  const b1 = byteAt(head, 1);
  const b2 = byteAt(head, 2);
  if ((b1 & 0xf6) === 0xf0) {
    // ADTS: 12-bit sync, layer 00; sampling-frequency index 13–15 is reserved.
    return ((b2 >> 2) & 0x0f) < 13 ? TYPES.aac : null;
  }
  if ((b1 & 0xe0) !== 0xe0) return null; // 11-bit frame sync
  const version = (b1 >> 3) & 0x03; // 01 reserved
  const layer = (b1 >> 1) & 0x03; // 01 = Layer III
  const bitrate = b2 >> 4; // 1111 invalid
  const sampleRate = (b2 >> 2) & 0x03; // 11 reserved
  if (version === 1 || layer !== 1 || bitrate === 0x0f || sampleRate === 3) return null;
  return TYPES.mp3;
}

/** EBML (Matroska/WebM): the DocType element (ID 0x4282) in the header says which. */
function classifyEbml(head: Uint8Array): Detection {
  const end = Math.min(head.length - 3, 64);
  for (let i = 4; i < end; i++) {
    if (head[i] !== 0x42 || head[i + 1] !== 0x82) continue;
    const sizeByte = byteAt(head, i + 2);
    if ((sizeByte & 0x80) === 0) continue; // only the one-byte size form is used for DocType
    const docType = latin1(head, i + 3, sizeByte & 0x7f);
    if (docType === 'webm') return detected(TYPES.webm);
    if (docType === 'matroska') return detected(TYPES.mkv);
    return refused('unrecognised');
  }
  return refused('unrecognised');
}

/** Not on the list: say why when we can (it makes the error message useful). */
function refusalFor(head: Uint8Array): RefusalReason {
  const executables: readonly (readonly number[] | string)[] = [
    'MZ', // Windows PE / DOS
    [0x7f, 0x45, 0x4c, 0x46], // ELF
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
    [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal / Java class
    [0x00, 0x61, 0x73, 0x6d], // WebAssembly
    [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00], // Windows shortcut (.lnk)
    'dex\n', // Android
    '#!', // scripts (checked after #!AMR)
  ];
  if (executables.some((m) => has(head, m))) return 'executable';
  const archives: readonly (readonly number[] | string)[] = [
    [0x50, 0x4b, 0x05, 0x06], // empty ZIP
    [0x50, 0x4b, 0x07, 0x08], // spanned ZIP
    'Rar!\x1a\x07',
    [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
    [0x1f, 0x8b], // gzip
    'BZh',
    [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
    [0x28, 0xb5, 0x2f, 0xfd], // zstd
    'MSCF', // cabinet
  ];
  if (archives.some((m) => has(head, m)) || has(head, 'ustar', 257)) return 'archive';
  if (startsWithMarkup(head)) return 'markup';
  return 'unrecognised';
}

/** HTML, SVG and XML start with `<` after an optional BOM and white space. */
function startsWithMarkup(head: Uint8Array): boolean {
  if (has(head, [0xff, 0xfe, 0x3c, 0x00]) || has(head, [0xfe, 0xff, 0x00, 0x3c])) return true; // UTF-16
  let i = has(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < head.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(byteAt(head, i))) i++;
  return head[i] === 0x3c;
}

// ---------------------------------------------------------------------------------------------
// Containers: parsers that ask for byte ranges

/** A byte range a container parser needs; the answer may be shorter at the end of the file. */
export interface ReadRequest {
  offset: number;
  length: number;
}

type ContainerParser = Generator<ReadRequest, Detection, Uint8Array>;

function containerParser(format: ContainerFormat, size: number): ContainerParser {
  switch (format) {
    case 'zip':
      return parseZip(size);
    case 'ole2':
      return parseOle2(size);
  }
}

/**
 * Finishes the classification of a ZIP or OLE2 file of `size` bytes, reading what it needs through
 * `read` (a few small ranges: the ZIP tail and central directory, or the OLE2 header, FAT and
 * directory sectors). Reads are bounded (at most a few MB for a pathological central directory).
 */
export async function classifyContainer(
  format: ContainerFormat,
  size: number,
  read: (offset: number, length: number) => Promise<Uint8Array>,
): Promise<Detection> {
  const parser = containerParser(format, size);
  let step = parser.next();
  while (!step.done) step = parser.next(await read(step.value.offset, step.value.length));
  return step.value;
}

function classifyContainerInBuffer(format: ContainerFormat, file: Uint8Array): Detection {
  const parser = containerParser(format, file.length);
  let step = parser.next();
  while (!step.done) {
    const { offset, length } = step.value;
    step = parser.next(file.subarray(offset, offset + length));
  }
  return step.value;
}

/**
 * Classifies a whole file held in memory, with the reason when it is refused. For ZIP and OLE2 the
 * buffer must be the complete file (the ZIP central directory is at its end).
 */
export function classifyBytes(file: Uint8Array): Detection {
  const head = classifyHead(file);
  return head.status === 'container' ? classifyContainerInBuffer(head.container, file) : head;
}

/**
 * The accepted type of a file from its content, or null when it must be refused. Simple formats
 * need only the first `SNIFF_BYTES`; for DOCX/XLSX/DOC/XLS pass the whole file (or use
 * `classifyHead` + `classifyContainer`, as `checkAndStore` does, to avoid holding it in memory).
 */
export function detectType(head: Uint8Array): DetectedType | null {
  const result = classifyBytes(head);
  return result.status === 'detected' ? result.type : null;
}

/** Office central directories are a few KB; anything near this is not a document we want. */
const MAX_ZIP_CENTRAL_DIRECTORY = 4 * MB;

function* parseZip(size: number): ContainerParser {
  const EOCD_SIZE = 22;
  if (size < EOCD_SIZE) return refused('archive');
  const tailLength = Math.min(size, EOCD_SIZE + 0xffff); // the record plus the longest comment
  const tailStart = size - tailLength;
  const tail = yield { offset: tailStart, length: tailLength };
  if (tail.length !== tailLength) return refused('unrecognised');
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    // The comment length must reach exactly to the end: a stray signature inside data does not.
    if (u32le(tail, i) === 0x06054b50 && i + EOCD_SIZE + u16le(tail, i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return refused('archive');
  const entries = u16le(tail, eocd + 10);
  const cdSize = u32le(tail, eocd + 12);
  const cdOffset = u32le(tail, eocd + 16);
  const multiDisk = u16le(tail, eocd + 4) !== 0 || u16le(tail, eocd + 6) !== 0;
  // ZIP64 markers: not needed for documents of at most 50 MB, and Office does not write them there.
  const zip64 = entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  if (multiDisk || zip64) return refused('archive');
  if (cdOffset + cdSize > tailStart + eocd || cdSize > MAX_ZIP_CENTRAL_DIRECTORY) return refused('archive');
  let cd: Uint8Array;
  if (cdOffset >= tailStart) {
    cd = tail.subarray(cdOffset - tailStart, cdOffset - tailStart + cdSize);
  } else {
    cd = yield { offset: cdOffset, length: cdSize };
    if (cd.length !== cdSize) return refused('unrecognised');
  }
  const names: string[] = [];
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cd.length || u32le(cd, p) !== 0x02014b50) return refused('archive');
    const nameLength = u16le(cd, p + 28);
    if (p + 46 + nameLength > cd.length) return refused('archive');
    names.push(latin1(cd, p + 46, nameLength));
    p += 46 + nameLength + u16le(cd, p + 30) + u16le(cd, p + 32);
  }
  return classifyZipEntries(names);
}

/** Exported for tests: what a ZIP is, given its entry names. */
export function classifyZipEntries(names: readonly string[]): Detection {
  const lower = names.map((n) => n.toLowerCase());
  if (lower.some((n) => n === 'vbaproject.bin' || n.endsWith('/vbaproject.bin'))) return refused('macro');
  if (lower.some((n) => n === 'androidmanifest.xml' || n === 'classes.dex' || n === 'meta-inf/manifest.mf')) {
    return refused('executable');
  }
  if (names.includes('[Content_Types].xml')) {
    const word = lower.some((n) => n.startsWith('word/'));
    const excel = lower.some((n) => n.startsWith('xl/'));
    if (word && !excel) return detected(TYPES.docx);
    if (excel && !word) return detected(TYPES.xlsx);
    return refused('unrecognised'); // PPTX, XPS, or something odd: an Office package we do not take
  }
  if (names.includes('mimetype')) return refused('unrecognised'); // ODF (ODT/ODS) and EPUB
  return refused('archive');
}

const OLE_MAX_REGULAR_SECTOR = 0xfffffffa;
const OLE_END_OF_CHAIN = 0xfffffffe;
/** Directory sectors we are willing to walk: 4 entries each (512-byte sectors), far beyond any DOC/XLS. */
const OLE_MAX_DIRECTORY_SECTORS = 1024;

/**
 * OLE2 / Compound File Binary ([MS-CFB]): read the header, the FAT sector list (109 entries in the
 * header, the rest in the DIFAT chain), then walk the directory chain through the FAT, collecting
 * entry names. Every step is bounded, so a crafted file with loops or absurd counts is refused.
 */
function* parseOle2(size: number): ContainerParser {
  const header = yield { offset: 0, length: 512 };
  if (header.length < 512 || u16le(header, 0x1c) !== 0xfffe) return refused('unrecognised');
  const shift = u16le(header, 0x1e);
  if (shift !== 9 && shift !== 12) return refused('unrecognised');
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.ceil(size / sectorSize);
  const readSector = (sid: number): ReadRequest => ({ offset: (sid + 1) * sectorSize, length: sectorSize });

  const fatCount = u32le(header, 0x2c);
  if (fatCount > sectorCount) return refused('unrecognised');
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(fatCount, 109); i++) fatSectors.push(u32le(header, 0x4c + 4 * i));
  let difat = u32le(header, 0x44);
  for (let guard = 0; fatSectors.length < fatCount; guard++) {
    if (difat > OLE_MAX_REGULAR_SECTOR || guard > sectorCount) return refused('unrecognised');
    const s = yield readSector(difat);
    if (s.length !== sectorSize) return refused('unrecognised');
    for (let j = 0; j < perSector - 1 && fatSectors.length < fatCount; j++) fatSectors.push(u32le(s, 4 * j));
    difat = u32le(s, sectorSize - 4);
  }

  const fatCache = new Map<number, Uint8Array>();
  const names = new Set<string>();
  let sid = u32le(header, 0x30);
  for (let walked = 0; sid !== OLE_END_OF_CHAIN; walked++) {
    if (sid > OLE_MAX_REGULAR_SECTOR || walked >= OLE_MAX_DIRECTORY_SECTORS) return refused('unrecognised');
    const dir = yield readSector(sid);
    if (dir.length !== sectorSize) return refused('unrecognised');
    for (let e = 0; e < sectorSize; e += 128) {
      const type = byteAt(dir, e + 0x42); // 1 storage, 2 stream, 5 root
      const nameBytes = u16le(dir, e + 0x40); // UTF-16LE, including the terminating NUL
      if ((type === 1 || type === 2 || type === 5) && nameBytes >= 2 && nameBytes <= 64) {
        let name = '';
        for (let c = 0; c < nameBytes - 2; c += 2) name += String.fromCharCode(u16le(dir, e + c));
        names.add(name);
      }
    }
    const fatIndex = Math.floor(sid / perSector);
    const fatSector = fatSectors[fatIndex];
    if (fatSector === undefined || fatSector > OLE_MAX_REGULAR_SECTOR) return refused('unrecognised');
    let fat = fatCache.get(fatIndex);
    if (!fat) {
      fat = yield readSector(fatSector);
      if (fat.length !== sectorSize) return refused('unrecognised');
      fatCache.set(fatIndex, fat);
    }
    sid = u32le(fat, (sid % perSector) * 4);
  }
  return classifyOle2Entries(names);
}

/** Exported for tests: what an OLE2 file is, given its directory entry names. */
export function classifyOle2Entries(names: ReadonlySet<string>): Detection {
  if (names.has('Macros') || names.has('_VBA_PROJECT_CUR') || names.has('VBA')) return refused('macro');
  const word = names.has('WordDocument');
  const excel = names.has('Workbook') || names.has('Book');
  if (word && !excel) return detected(TYPES.doc);
  if (excel && !word) return detected(TYPES.xls);
  // PowerPoint, Outlook .msg, MSI installers, encrypted OOXML, …
  return refused('unrecognised');
}
