/**
 * Small real files built from bytes for the attachment tests: images that decode, a PDF with a
 * correct xref table, a WAV with samples, DOCX/XLSX packages written as genuine ZIP files, and
 * OLE2 compound files with real FAT/DIFAT/directory structures. Test-only (imported by *.test.ts).
 */
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');

function u16le(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

// --- Images -------------------------------------------------------------------------------------

/** A real 1×1 RGB PNG (signature, IHDR, zlib IDAT, IEND, all CRCs correct). */
export function png1x1(rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const chunk = (type: string, data: Buffer) =>
    Buffer.concat([u32be(data.length), ascii(type), data, u32be(crc32(Buffer.concat([ascii(type), data])))]);
  const ihdr = Buffer.concat([u32be(1), u32be(1), Buffer.from([8, 2, 0, 0, 0])]);
  const idat = deflateSync(Buffer.from([0, ...rgb])); // filter byte 0, then one pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A real 1×1 grey baseline JPEG: JFIF APP0, a flat quantisation table, one-symbol Huffman tables
 * (DC category 0 and AC end-of-block, each coded '0'), and one block coded as bits `00` + padding.
 */
export function jpeg1x1(): Buffer {
  const segment = (marker: number, body: Buffer) =>
    Buffer.concat([
      Buffer.from([0xff, marker]),
      Buffer.from([(body.length + 2) >> 8, (body.length + 2) & 0xff]),
      body,
    ]);
  const oneSymbolTable = (tableClassAndId: number) =>
    Buffer.concat([Buffer.from([tableClassAndId, 1]), Buffer.alloc(15), Buffer.from([0x00])]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    segment(0xc4, oneSymbolTable(0x00)),
    segment(0xc4, oneSymbolTable(0x10)),
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The classic 1×1 transparent GIF89a. */
export function gif1x1(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
}

/** A 1×1 lossless WebP (RIFF/WEBP/VP8L). */
export function webp1x1(): Buffer {
  const vp8l = Buffer.from([
    0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00,
  ]);
  const chunk = Buffer.concat([ascii('VP8L'), u32le(13), vp8l]);
  return Buffer.concat([ascii('RIFF'), u32le(4 + chunk.length), ascii('WEBP'), chunk]);
}

/** A little-endian TIFF header with an empty IFD, as scanners' files start. */
export function tiffHeader(order: 'II' | 'MM' = 'II'): Buffer {
  return order === 'II'
    ? Buffer.concat([ascii('II'), u16le(42), u32le(8), u16le(0), u32le(0)])
    : Buffer.concat([ascii('MM'), Buffer.from([0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0])]);
}

/** An ISO-BMFF `ftyp` box (MP4/MOV/M4A/3GP/HEIF) followed by an empty `mdat`. */
export function ftyp(major: string, compatible: string[]): Buffer {
  const body = Buffer.concat([ascii(major), u32le(0), ...compatible.map(ascii)]);
  return Buffer.concat([u32be(8 + body.length), ascii('ftyp'), body, u32be(8), ascii('mdat')]);
}

// --- Documents ----------------------------------------------------------------------------------

/** A minimal one-page PDF with a correct cross-reference table. */
export function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii(out);
}

export interface ZipEntry {
  name: string;
  data: string | Uint8Array;
  /** Deflate the entry (as Office does) instead of storing it. */
  deflate?: boolean;
}

/** A genuine ZIP archive: local headers, data, central directory and end record, CRCs correct. */
export function buildZip(entries: readonly ZipEntry[], comment = ''): Buffer {
  const dosTime = 0;
  const dosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const data = entry.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.deflate ? 8 : 0;
    const common = Buffer.concat([
      u16le(20), // version needed
      u16le(0x0800), // UTF-8 names
      u16le(method),
      u16le(dosTime),
      u16le(dosDate),
      u32le(crc32(raw)),
      u32le(data.length),
      u32le(raw.length),
      u16le(name.length),
      u16le(0), // extra length
    ]);
    const local = Buffer.concat([u32le(0x04034b50), common, name, data]);
    centrals.push(
      Buffer.concat([
        u32le(0x02014b50),
        u16le(20), // version made by
        common,
        u16le(0), // comment length
        u16le(0), // disk
        u16le(0), // internal attributes
        u32le(0), // external attributes
        u32le(offset),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32le(0x06054b50),
    u16le(0),
    u16le(0),
    u16le(entries.length),
    u16le(entries.length),
    u32le(cd.length),
    u32le(offset),
    u16le(Buffer.byteLength(comment)),
    Buffer.from(comment),
  ]);
  return Buffer.concat([...locals, cd, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

function contentTypes(overrides: Record<string, string>): string {
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${Object.entries(
    overrides,
  )
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join('')}</Types>`;
}

/** The parts of a minimal Word document that Word opens (one paragraph). */
export function docxEntries(text = '信访材料'): ZipEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      deflate: true,
      data: contentTypes({
        '/word/document.xml':
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      }),
    },
    {
      name: '_rels/.rels',
      deflate: true,
      data: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_DOCUMENT}" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: 'word/document.xml',
      deflate: true,
      data: `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    },
  ];
}

/** The parts of a minimal Excel workbook with one empty sheet. */
export function xlsxEntries(): ZipEntry[] {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return [
    {
      name: '[Content_Types].xml',
      deflate: true,
      data: contentTypes({
        '/xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        '/xl/worksheets/sheet1.xml':
          'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
      }),
    },
    {
      name: '_rels/.rels',
      deflate: true,
      data: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_DOCUMENT}" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      deflate: true,
      data: `${XML}<workbook xmlns="${main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      deflate: true,
      data: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      deflate: true,
      data: `${XML}<worksheet xmlns="${main}"><sheetData/></worksheet>`,
    },
  ];
}

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const DIFSECT = 0xfffffffc;
const NOSTREAM = 0xffffffff;

export interface CfbOptions {
  /** Sector ids holding the directory, in chain order (default: right after the FAT). */
  directorySectors?: number[];
  /** Make the file at least this many sectors long (forces more FAT sectors, and DIFAT past 109). */
  minSectors?: number;
  /** Point the last directory sector's FAT entry back at the first (a crafted loop). */
  loop?: boolean;
}

/**
 * An OLE2 compound file (version 3, 512-byte sectors) whose directory holds a root entry and the
 * given storage/stream names (empty streams). FAT, DIFAT and directory chain are laid out as in
 * [MS-CFB]; `directorySectors` can scatter the directory to exercise chain-following.
 */
export function buildCfb(names: readonly string[], options: CfbOptions = {}): Buffer {
  const SECTOR = 512;
  const PER = SECTOR / 4;
  const entryCount = names.length + 1;
  const dirSectorCount = Math.ceil(entryCount / 4);
  // FAT sectors first, then DIFAT sectors, then (by default) the directory.
  const sizeFor = (fat: number, difat: number) =>
    Math.max(
      options.minSectors ?? 0,
      fat + difat + dirSectorCount,
      ...(options.directorySectors ?? []).map((s) => s + 1),
    );
  let fatCount = 1;
  let difatCount = 0;
  for (;;) {
    const total = sizeFor(fatCount, difatCount);
    const needFat = Math.ceil(total / PER);
    const needDifat = Math.max(0, Math.ceil((needFat - 109) / (PER - 1)));
    if (needFat === fatCount && needDifat === difatCount) break;
    fatCount = needFat;
    difatCount = needDifat;
  }
  const total = sizeFor(fatCount, difatCount);
  const fatIds = Array.from({ length: fatCount }, (_, i) => i);
  const difatIds = Array.from({ length: difatCount }, (_, i) => fatCount + i);
  const dirIds =
    options.directorySectors ?? Array.from({ length: dirSectorCount }, (_, i) => fatCount + difatCount + i);
  if (dirIds.length !== dirSectorCount) throw new Error(`need ${dirSectorCount} directory sectors`);

  const fat = new Array<number>(fatCount * PER).fill(FREESECT);
  for (const id of fatIds) fat[id] = FATSECT;
  for (const id of difatIds) fat[id] = DIFSECT;
  dirIds.forEach((id, i) => {
    fat[id] = dirIds[i + 1] ?? (options.loop ? (dirIds[0] as number) : ENDOFCHAIN);
  });

  const file = Buffer.alloc((total + 1) * SECTOR);
  const sectorOffset = (id: number) => (id + 1) * SECTOR;

  // Header
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 0x18); // minor version
  file.writeUInt16LE(3, 0x1a); // major version
  file.writeUInt16LE(0xfffe, 0x1c); // byte order
  file.writeUInt16LE(9, 0x1e); // sector shift
  file.writeUInt16LE(6, 0x20); // mini sector shift
  file.writeUInt32LE(fatCount, 0x2c);
  file.writeUInt32LE(dirIds[0] as number, 0x30);
  file.writeUInt32LE(4096, 0x38); // mini stream cut-off
  file.writeUInt32LE(ENDOFCHAIN, 0x3c); // no mini FAT
  file.writeUInt32LE(difatIds[0] ?? ENDOFCHAIN, 0x44);
  file.writeUInt32LE(difatCount, 0x48);
  for (let i = 0; i < 109; i++) file.writeUInt32LE(fatIds[i] ?? FREESECT, 0x4c + 4 * i);

  // DIFAT sectors: FAT sector ids past the first 109, then the next DIFAT sector.
  const rest = fatIds.slice(109);
  difatIds.forEach((id, d) => {
    const o = sectorOffset(id);
    for (let j = 0; j < PER - 1; j++) file.writeUInt32LE(rest[d * (PER - 1) + j] ?? FREESECT, o + 4 * j);
    file.writeUInt32LE(difatIds[d + 1] ?? ENDOFCHAIN, o + SECTOR - 4);
  });

  // FAT sectors
  fatIds.forEach((id, f) => {
    for (let j = 0; j < PER; j++) file.writeUInt32LE(fat[f * PER + j] ?? FREESECT, sectorOffset(id) + 4 * j);
  });

  // Directory: root (type 5) with the others as a right-sibling chain under it.
  const all = ['Root Entry', ...names];
  all.forEach((name, i) => {
    const o = sectorOffset(dirIds[Math.floor(i / 4)] as number) + (i % 4) * 128;
    file.write(`${name}\0`, o, 'utf16le');
    file.writeUInt16LE((name.length + 1) * 2, o + 0x40);
    const isStorage = i === 0 || ['Macros', '_VBA_PROJECT_CUR', 'VBA', 'ObjectPool'].includes(name);
    file.writeUInt8(i === 0 ? 5 : isStorage ? 1 : 2, o + 0x42);
    file.writeUInt8(1, o + 0x43); // black
    file.writeUInt32LE(NOSTREAM, o + 0x44); // left
    file.writeUInt32LE(i > 0 && i + 1 < all.length ? i + 1 : NOSTREAM, o + 0x48); // right
    file.writeUInt32LE(i === 0 && all.length > 1 ? 1 : NOSTREAM, o + 0x4c); // child
    file.writeUInt32LE(ENDOFCHAIN, o + 0x74); // start sector
  });
  // Unused slots in the last directory sector: empty entries with no siblings.
  for (let i = all.length; i < dirSectorCount * 4; i++) {
    const o = sectorOffset(dirIds[Math.floor(i / 4)] as number) + (i % 4) * 128;
    file.writeUInt32LE(NOSTREAM, o + 0x44);
    file.writeUInt32LE(NOSTREAM, o + 0x48);
    file.writeUInt32LE(NOSTREAM, o + 0x4c);
  }
  return file;
}

// --- Audio and video ----------------------------------------------------------------------------

/** A real PCM WAV: 16-bit mono 8 kHz, `samples` samples of silence. */
export function wav(samples = 800): Buffer {
  const data = Buffer.alloc(samples * 2);
  const fmt = Buffer.concat([u16le(1), u16le(1), u32le(8000), u32le(16000), u16le(2), u16le(16)]);
  return Buffer.concat([
    ascii('RIFF'),
    u32le(4 + 8 + fmt.length + 8 + data.length),
    ascii('WAVE'),
    ascii('fmt '),
    u32le(fmt.length),
    fmt,
    ascii('data'),
    u32le(data.length),
    data,
  ]);
}

/** Three silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each), optionally ID3-tagged. */
export function mp3(withId3 = false): Buffer {
  const frame = Buffer.alloc(417);
  Buffer.from([0xff, 0xfb, 0x90, 0x64]).copy(frame);
  const frames = Buffer.concat([frame, frame, frame]);
  if (!withId3) return frames;
  const id3 = Buffer.concat([ascii('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 0])]); // empty ID3v2.4 tag
  return Buffer.concat([id3, frames]);
}

/** An AMR-NB file: the magic line then two 12.2 kbit/s frames of silence. */
export function amr(): Buffer {
  const frame = Buffer.alloc(32);
  frame[0] = 0x3c;
  return Buffer.concat([ascii('#!AMR\n'), frame, frame]);
}

/** The first Ogg page header (capture pattern, version, BOS flag). */
export function oggHeader(): Buffer {
  return Buffer.concat([ascii('OggS'), Buffer.from([0, 0x02]), Buffer.alloc(22)]);
}

/** An EBML header with the given DocType (`webm` or `matroska`), then a Segment ID. */
export function ebml(docType: string): Buffer {
  const element = (id: number[], data: Buffer) =>
    Buffer.concat([Buffer.from(id), Buffer.from([0x80 | data.length]), data]);
  const body = Buffer.concat([
    element([0x42, 0x86], Buffer.from([1])),
    element([0x42, 0xf7], Buffer.from([1])),
    element([0x42, 0xf2], Buffer.from([4])),
    element([0x42, 0xf3], Buffer.from([8])),
    element([0x42, 0x82], ascii(docType)),
    element([0x42, 0x87], Buffer.from([2])),
    element([0x42, 0x85], Buffer.from([2])),
  ]);
  return Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length]),
    body,
    Buffer.from([0x18, 0x53, 0x80, 0x67]),
  ]);
}

// --- Things that must be refused ----------------------------------------------------------------

/** The start of a Windows program: DOS header with the PE offset and the DOS stub message. */
export function exe(): Buffer {
  const dos = Buffer.alloc(128);
  ascii('MZ').copy(dos, 0);
  dos.writeUInt32LE(0x80, 0x3c);
  ascii('This program cannot be run in DOS mode.\r\r\n$').copy(dos, 0x4e);
  return Buffer.concat([dos, ascii('PE\0\0'), Buffer.alloc(256)]);
}

export function html(): Buffer {
  return Buffer.from(
    '\ufeff\n  <!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>',
    'utf8',
  );
}

export function svg(withXmlDeclaration = false): Buffer {
  const body = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>';
  return Buffer.from(withXmlDeclaration ? `<?xml version="1.0"?>\n${body}` : body, 'utf8');
}
