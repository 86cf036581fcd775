import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_POLICY,
  classifyBytes,
  classifyContainer,
  classifyHead,
  classifyZipEntries,
  detectType,
  SNIFF_BYTES,
  videoReferenceSchema,
} from './attachment-types.js';
import {
  amr,
  buildCfb,
  buildZip,
  docxEntries,
  ebml,
  exe,
  ftyp,
  gif1x1,
  html,
  jpeg1x1,
  minimalPdf,
  mp3,
  oggHeader,
  png1x1,
  svg,
  tiffHeader,
  wav,
  webp1x1,
  xlsxEntries,
} from './test-fixtures.js';

const MB = 1024 * 1024;

describe('detectType: accepted formats by their bytes', () => {
  const cases: [string, Buffer, string, string, string][] = [
    ['JPEG', jpeg1x1(), 'image/jpeg', 'jpg', 'image'],
    ['PNG', png1x1(), 'image/png', 'png', 'image'],
    ['GIF', gif1x1(), 'image/gif', 'gif', 'image'],
    ['WebP', webp1x1(), 'image/webp', 'webp', 'image'],
    ['HEIC', ftyp('heic', ['mif1', 'heic']), 'image/heic', 'heic', 'image'],
    ['HEIC (heix)', ftyp('heix', ['mif1', 'heix']), 'image/heic', 'heic', 'image'],
    ['HEIF (mif1 + heic)', ftyp('mif1', ['mif1', 'heic']), 'image/heic', 'heic', 'image'],
    ['HEIF (mif1)', ftyp('mif1', ['mif1']), 'image/heif', 'heif', 'image'],
    ['HEIF sequence (msf1)', ftyp('msf1', ['msf1', 'iso8']), 'image/heif', 'heif', 'image'],
    ['TIFF little-endian', tiffHeader('II'), 'image/tiff', 'tif', 'image'],
    ['TIFF big-endian', tiffHeader('MM'), 'image/tiff', 'tif', 'image'],
    ['PDF', minimalPdf(), 'application/pdf', 'pdf', 'document'],
    [
      'DOCX',
      buildZip(docxEntries()),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
      'document',
    ],
    [
      'XLSX',
      buildZip(xlsxEntries()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'xlsx',
      'document',
    ],
    [
      'DOC',
      buildCfb(['WordDocument', '1Table', '\u0005SummaryInformation']),
      'application/msword',
      'doc',
      'document',
    ],
    [
      'XLS',
      buildCfb(['Workbook', '\u0005SummaryInformation']),
      'application/vnd.ms-excel',
      'xls',
      'document',
    ],
    ['XLS (Excel 5 "Book")', buildCfb(['Book']), 'application/vnd.ms-excel', 'xls', 'document'],
    ['MP3 (frame sync)', mp3(), 'audio/mpeg', 'mp3', 'audio'],
    ['MP3 (ID3)', mp3(true), 'audio/mpeg', 'mp3', 'audio'],
    ['AAC (ADTS)', Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), 'audio/aac', 'aac', 'audio'],
    ['M4A', ftyp('M4A ', ['M4A ', 'mp42', 'isom']), 'audio/mp4', 'm4a', 'audio'],
    ['WAV', wav(), 'audio/wav', 'wav', 'audio'],
    ['AMR', amr(), 'audio/amr', 'amr', 'audio'],
    ['AMR-WB', Buffer.from('#!AMR-WB\n\x04', 'latin1'), 'audio/amr-wb', 'awb', 'audio'],
    ['OGG', oggHeader(), 'audio/ogg', 'ogg', 'audio'],
    ['MP4 (isom)', ftyp('isom', ['isom', 'iso2', 'avc1', 'mp41']), 'video/mp4', 'mp4', 'video'],
    ['MP4 (mp42)', ftyp('mp42', ['mp42', 'isom']), 'video/mp4', 'mp4', 'video'],
    ['MP4 (camera brand XAVC)', ftyp('XAVC', ['XAVC', 'mp42', 'iso2']), 'video/mp4', 'mp4', 'video'],
    ['MOV', ftyp('qt  ', ['qt  ']), 'video/quicktime', 'mov', 'video'],
    ['3GP', ftyp('3gp4', ['isom', '3gp4']), 'video/3gpp', '3gp', 'video'],
    ['WebM', ebml('webm'), 'video/webm', 'webm', 'video'],
    ['MKV', ebml('matroska'), 'video/x-matroska', 'mkv', 'video'],
  ];
  it.each(cases)('%s', (_name, bytes, mime, ext, kind) => {
    expect(detectType(bytes)).toEqual({ mime, ext, kind });
  });

  it('needs only the first SNIFF_BYTES for simple formats', () => {
    const bigPdf = Buffer.concat([minimalPdf(), Buffer.alloc(MB)]);
    expect(detectType(bigPdf.subarray(0, SNIFF_BYTES))?.mime).toBe('application/pdf');
    expect(detectType(jpeg1x1().subarray(0, 3))?.mime).toBe('image/jpeg');
  });
});

describe('detectType: refusals', () => {
  const reason = (bytes: Uint8Array) => {
    const r = classifyBytes(bytes);
    return r.status === 'refused' ? r.reason : `detected ${r.type.mime}`;
  };

  it('refuses programs and scripts', () => {
    expect(detectType(exe())).toBeNull();
    expect(reason(exe())).toBe('executable');
    expect(reason(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toBe('executable'); // ELF
    expect(reason(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe('executable'); // Mach-O
    expect(reason(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('executable');
    expect(reason(Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).toBe('executable'); // wasm
  });

  it('refuses HTML, SVG and XML, with or without BOM and leading white space', () => {
    expect(reason(html())).toBe('markup');
    expect(reason(svg())).toBe('markup');
    expect(reason(svg(true))).toBe('markup');
    expect(reason(Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-16"?>', 'utf16le'))).toBe('markup');
    expect(detectType(svg())).toBeNull();
  });

  it('refuses archives, including a plain ZIP', () => {
    expect(reason(buildZip([{ name: 'a.txt', data: 'hello' }]))).toBe('archive');
    expect(reason(Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'))).toBe('archive');
    expect(reason(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]))).toBe('archive');
    expect(reason(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('archive');
    expect(reason(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]))).toBe('archive');
  });

  it('refuses text, unknown bytes, AVI, AVIF and an EBML file that is neither WebM nor Matroska', () => {
    expect(reason(Buffer.from('投诉材料：见附件'))).toBe('unrecognised');
    expect(reason(Buffer.from([0, 1, 2, 3, 4, 5]))).toBe('unrecognised');
    expect(reason(Buffer.concat([Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1')]))).toBe('unrecognised');
    expect(reason(ftyp('avif', ['avif', 'mif1', 'miaf']))).toBe('unrecognised');
    expect(reason(ftyp('mif1', ['mif1', 'avif']))).toBe('unrecognised');
    expect(reason(ebml('other'))).toBe('unrecognised');
    expect(reason(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toBe('unrecognised'); // not an MPEG frame
  });
});

describe('DOCX/XLSX: decided from the ZIP central directory', () => {
  it('finds the entries wherever they are and however they are compressed', () => {
    const entries = docxEntries();
    const reordered = [...entries.slice(1), entries[0]!].map((e) => ({ ...e, deflate: false }));
    expect(detectType(buildZip(reordered))?.ext).toBe('docx');
    expect(detectType(buildZip(xlsxEntries(), 'made by a test'))?.ext).toBe('xlsx'); // with an archive comment
  });

  it('refuses macro-enabled documents, programs packed as ZIP, and other packages', () => {
    const docm = buildZip([...docxEntries(), { name: 'word/vbaProject.bin', data: 'VBA' }]);
    expect(classifyBytes(docm)).toEqual({ status: 'refused', reason: 'macro' });
    const xlsm = buildZip([...xlsxEntries(), { name: 'xl/vbaProject.bin', data: 'VBA' }]);
    expect(classifyBytes(xlsm)).toEqual({ status: 'refused', reason: 'macro' });
    const jar = buildZip([
      { name: 'META-INF/MANIFEST.MF', data: 'Main-Class: X' },
      { name: 'X.class', data: '' },
    ]);
    expect(classifyBytes(jar)).toEqual({ status: 'refused', reason: 'executable' });
    expect(classifyZipEntries(['AndroidManifest.xml', 'classes.dex'])).toEqual({
      status: 'refused',
      reason: 'executable',
    });
    expect(classifyZipEntries(['[Content_Types].xml', 'ppt/presentation.xml'])).toMatchObject({
      status: 'refused',
    });
    expect(classifyZipEntries(['mimetype', 'content.xml'])).toMatchObject({ status: 'refused' }); // ODT
    // Word entries without [Content_Types].xml are not a package: just an archive.
    expect(classifyZipEntries(['word/document.xml'])).toEqual({ status: 'refused', reason: 'archive' });
  });

  it('does not accept a DOCX from its head alone: the central directory is at the end', () => {
    const docx = buildZip([
      ...docxEntries(),
      { name: 'word/media/image1.png', data: Buffer.alloc(64 * 1024) },
    ]);
    const head = docx.subarray(0, SNIFF_BYTES);
    expect(classifyHead(head)).toEqual({ status: 'container', container: 'zip' });
    expect(detectType(head)).toBeNull();
  });

  it('classifyContainer reads only small ranges of a large file', async () => {
    const docx = buildZip([...docxEntries(), { name: 'word/media/video.mp4', data: Buffer.alloc(5 * MB) }]);
    const reads: { offset: number; length: number }[] = [];
    const verdict = await classifyContainer('zip', docx.length, async (offset, length) => {
      reads.push({ offset, length });
      return docx.subarray(offset, offset + length);
    });
    expect(verdict).toMatchObject({ status: 'detected', type: { ext: 'docx' } });
    expect(reads.reduce((n, r) => n + r.length, 0)).toBeLessThan(100 * 1024);
  });

  it('refuses a truncated or corrupt ZIP', () => {
    const docx = buildZip(docxEntries());
    expect(detectType(docx.subarray(0, docx.length - 10))).toBeNull();
    const corrupt = Buffer.from(docx);
    corrupt.writeUInt32LE(0xdeadbeef, docx.length - 22 + 16); // central directory offset
    expect(detectType(corrupt)).toBeNull();
  });
});

describe('DOC/XLS: decided from the OLE2 directory', () => {
  it('follows a directory chain scattered through the file', () => {
    const names = ['WordDocument', '1Table', 'Data', '\u0005SummaryInformation', 'CompObj', 'ObjectPool'];
    const doc = buildCfb(names, { directorySectors: [9, 4] });
    expect(detectType(doc)?.ext).toBe('doc');
  });

  it('reads FAT sectors listed in the DIFAT chain (files over ~7 MB and ~15 MB)', () => {
    const doc = buildCfb(['WordDocument'], { directorySectors: [14_000] });
    expect(doc.readUInt32LE(0x48)).toBe(1); // one DIFAT sector really is in use
    expect(detectType(doc)?.ext).toBe('doc');
    const larger = buildCfb(['Workbook'], { directorySectors: [31_000] }); // ~16 MB: two chained DIFAT sectors
    expect(larger.readUInt32LE(0x48)).toBe(2);
    expect(detectType(larger)?.ext).toBe('xls');
  });

  it('refuses macros, installers and other compound files', () => {
    expect(classifyBytes(buildCfb(['WordDocument', 'Macros']))).toEqual({
      status: 'refused',
      reason: 'macro',
    });
    expect(classifyBytes(buildCfb(['Workbook', '_VBA_PROJECT_CUR']))).toEqual({
      status: 'refused',
      reason: 'macro',
    });
    // An MSI installer: its tables are streams with encoded names, none of them WordDocument/Workbook.
    expect(
      detectType(buildCfb(['\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824', '\u0005SummaryInformation'])),
    ).toBeNull();
    expect(detectType(buildCfb(['PowerPoint Document', 'Current User']))).toBeNull();
    expect(detectType(buildCfb(['EncryptionInfo', 'EncryptedPackage']))).toBeNull();
  });

  it('refuses a directory chain that loops, and a truncated file', () => {
    expect(detectType(buildCfb(['WordDocument', 'a', 'b', 'c', 'd'], { loop: true }))).toBeNull();
    const doc = buildCfb(['WordDocument'], { directorySectors: [30] });
    expect(detectType(doc.subarray(0, 512 * 20))).toBeNull();
  });
});

describe('policy and video references', () => {
  it('has the agreed per-kind limits', () => {
    expect(ATTACHMENT_POLICY.maxBytes).toEqual({
      image: 20 * MB,
      document: 50 * MB,
      audio: 100 * MB,
      video: 500 * MB,
    });
    expect(ATTACHMENT_POLICY.allowedKinds).toEqual(['image', 'document', 'audio', 'video']);
  });

  it('accepts http(s) links with a description and nothing else', () => {
    expect(
      videoReferenceSchema.parse({
        url: 'https://pan.baidu.com/s/1abc',
        description: ' 执法记录仪录像，提取码 x1y2 ',
      }),
    ).toEqual({ url: 'https://pan.baidu.com/s/1abc', description: '执法记录仪录像，提取码 x1y2' });
    expect(videoReferenceSchema.safeParse({ url: 'http://10.0.0.5/v/9', description: '监控' }).success).toBe(
      true,
    );
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'ftp://a.cn/v']) {
      expect(videoReferenceSchema.safeParse({ url, description: '录像' }).success).toBe(false);
    }
    expect(videoReferenceSchema.safeParse({ url: 'https://a.cn/v', description: '   ' }).success).toBe(false);
  });
});
