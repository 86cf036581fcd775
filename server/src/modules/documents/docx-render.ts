/**
 * DOCX after GB/T 9704-2012 《党政机关公文格式》 (DOMAIN.md §5.5): A4; 天头 37 mm, 订口 28 mm, 版心
 * 156 × 225 mm; title 2号方正小标宋简体; body 3号仿宋_GB2312, 22 lines of 28 characters; headings
 * "一、" in 黑体 and "（一）" in 楷体; 文号 with 六角括号; date in Arabic numerals; seal placeholder;
 * page numbers "— 1 —" in 4号宋体, odd pages right and even pages left.
 *
 * Fonts are named as the standard names them. Each one also carries an alternative name in the
 * font table (w:altName: 仿宋_GB2312 → 仿宋, 方正小标宋简体 → 华文中宋, 楷体_GB2312 → 楷体), which
 * Word uses where the first is not installed; `npm run docs:render` maps all of them to installed
 * CJK fonts for LibreOffice.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import type { FilledDocument, FilledParagraph } from './template-fill.js';

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  kai: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Alternative names written into the font table (one per font, as OOXML allows). */
export const FONT_FALLBACKS: Record<string, string> = {
  方正小标宋简体: '华文中宋',
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  黑体: 'SimHei',
  宋体: 'SimSun',
};

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
export const SIZES = { erHao: 44, sanHao: 32, siHao: 28, xiaoSi: 24 } as const;

/** Twips (1 mm ≈ 56.7). Top 37 mm, left 28 mm, bottom 35 mm, right 26 mm. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 2098, left: 1588, right: 1474, bottom: 1984 },
  /** The page-number line sits 7 mm below the text block. */
  footer: 1304,
} as const;

/** 22 lines in 225 mm: an exact line pitch of 28.9 pt. */
const LINE = 578;
/** One 3号 character is 320 twips; two of them indent a paragraph. */
const CHAR = 320;
const RED = 'E60012';

/** Width in 3号 characters: CJK and full-width forms count one, ASCII digits and letters half. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x100 ? 0.5 : 1;
  return w;
}

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

function run(text: string, opts: { font?: string; size?: number; bold?: boolean; color?: string } = {}) {
  return new TextRun({
    text,
    font: font(opts.font ?? FONTS.body),
    size: opts.size ?? SIZES.sanHao,
    ...(opts.bold && { bold: true }),
    ...(opts.color && { color: opts.color }),
  });
}

const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function blank(): Paragraph {
  return new Paragraph({ spacing: bodySpacing, children: [run('')] });
}

/** "一、" headings in 黑体, "（一）" in 楷体, anything else 仿宋; all with a two-character indent. */
function bodyParagraph({ text, heading }: FilledParagraph): Paragraph {
  const f = heading === 1 ? FONTS.heading : heading === 2 ? FONTS.kai : FONTS.body;
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: 2 * CHAR },
    spacing: bodySpacing,
    children: [run(text, { font: f })],
  });
}

function pageNumberFooter(align: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: CHAR } : { left: CHAR },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONTS.pageNumber),
            size: SIZES.siHao,
          }),
        ],
      }),
    ],
  });
}

function titleParagraphs(title: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(title, { font: FONTS.title, size: SIZES.erHao })],
    }),
  ];
}

function buildDocument(children: (Paragraph | Table)[], title: string): Document {
  return new Document({
    creator: 'Laiban',
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          // About −0.2 pt between characters so 28 of them fill the 156 mm line.
          run: { font: font(FONTS.body), size: SIZES.sanHao, characterSpacing: -4 },
          paragraph: { spacing: bodySpacing },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...PAGE.margin, footer: PAGE.footer, header: 851 },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
}

export interface RenderInput {
  doc: FilledDocument;
  /** The 文号, e.g. "示范区信访办信受〔2026〕3号"; none for papers the parties sign. */
  docNo: string | null;
  /** 成文日期 in Chinese form, e.g. "2026年11月21日". */
  date: string;
  hasSeal: boolean;
}

/** An issued document as DOCX bytes. */
export async function renderDocumentDocx(input: RenderInput): Promise<Buffer> {
  const { doc } = input;
  const children: Paragraph[] = [];
  if (input.docNo) {
    children.push(
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: bodySpacing, children: [run(input.docNo)] }),
    );
  }
  children.push(blank(), ...titleParagraphs(doc.title), blank());
  if (doc.addressee) {
    const a = /[：:]$/.test(doc.addressee) ? doc.addressee : `${doc.addressee}：`;
    children.push(new Paragraph({ spacing: bodySpacing, children: [run(a)] }));
  }
  for (const p of doc.paragraphs) children.push(bodyParagraph(p));
  // The signature block (GB/T 9704 §7.3.5.1): the date right-indented 4 characters, the issuer
  // centred over the date, the seal placeholder centred over both.
  const dateWidth = textWidth(input.date);
  const centredOverDate = (text: string) => ({
    right: Math.max(0, Math.round((4 + (dateWidth - textWidth(text)) / 2) * CHAR)),
  });
  const right = (text: string, indent: { right: number }, color?: string) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent,
      spacing: bodySpacing,
      children: [run(text, color ? { color } : {})],
    });
  children.push(blank());
  children.push(input.hasSeal ? right('（印章）', centredOverDate('（印章）'), RED) : blank());
  if (doc.signature) children.push(right(doc.signature, centredOverDate(doc.signature)));
  children.push(right(input.date, { right: 4 * CHAR }));
  if (doc.note)
    children.push(bodyParagraph({ text: /^（.*）$/.test(doc.note) ? doc.note : `（${doc.note}）` }));
  return withFontFallbacks(await Packer.toBuffer(buildDocument(children, doc.title)));
}

export interface TableDocInput {
  title: string;
  subtitle?: string;
  columns: { header: string; width: number }[];
  rows: string[][];
  footnote?: string;
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A listing on the same page (卷内目录, 办理过程记录): title and one table in 小四 仿宋. */
export async function renderTableDocx(input: TableDocInput): Promise<Buffer> {
  const cellPara = (text: string, bold = false) =>
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      children: [run(text, { size: SIZES.xiaoSi, bold, font: bold ? FONTS.heading : FONTS.body })],
    });
  const total = input.columns.reduce((s, c) => s + c.width, 0);
  const table = new Table({
    width: { size: 8844, type: WidthType.DXA },
    columnWidths: input.columns.map((c) => Math.round((c.width / total) * 8844)),
    rows: [
      new TableRow({
        tableHeader: true,
        children: input.columns.map(
          (c) =>
            new TableCell({
              borders: { top: thin, bottom: thin, left: thin, right: thin },
              children: [cellPara(c.header, true)],
            }),
        ),
      }),
      ...input.rows.map(
        (r) =>
          new TableRow({
            children: r.map(
              (text) =>
                new TableCell({
                  borders: { top: thin, bottom: thin, left: thin, right: thin },
                  children: text.split('\n').map((t) => cellPara(t)),
                }),
            ),
          }),
      ),
    ],
  });
  const children: (Paragraph | Table)[] = [...titleParagraphs(input.title)];
  if (input.subtitle) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: bodySpacing,
        children: [run(input.subtitle)],
      }),
    );
  }
  children.push(blank(), table);
  if (input.footnote) {
    children.push(
      new Paragraph({ spacing: bodySpacing, children: [run(input.footnote, { size: SIZES.xiaoSi })] }),
    );
  }
  return withFontFallbacks(await Packer.toBuffer(buildDocument(children, input.title)));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Rewrites word/fontTable.xml so every font the document uses is declared with its GB 2312
 * character set and an alternative name: Word substitutes the alternative where the font itself
 * is missing (common: 方正小标宋简体 and 仿宋_GB2312 are not installed with Windows).
 */
async function withFontFallbacks(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const entries = Object.entries(FONT_FALLBACKS)
    .map(
      ([name, alt]) =>
        `<w:font w:name="${escapeXml(name)}"><w:altName w:val="${escapeXml(alt)}"/><w:charset w:val="86"/>` +
        `<w:family w:val="${name === FONTS.heading ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${entries}</w:fonts>`;
  zip.file('word/fontTable.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
