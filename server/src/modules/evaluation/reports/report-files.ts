/**
 * Writes a report as XLSX (one sheet per table, for those who go on calculating) and as DOCX (the
 * paper sent to the joint-conference office: A4, GB/T 9704 margins, 方正小标宋简体 title, 仿宋 body).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { chineseDate, type TextTable } from './report-text.js';

export interface ReportDocument {
  title: string;
  subtitle: string;
  paragraphs: string[];
  tables: TextTable[];
  notes: string[];
  /** The unit issuing it, printed above the date at the end. */
  issuer: string;
  date: string;
  fileBase: string;
}

// Word substitutes the next font the machine has when the first is missing: the official faces
// first, then those on most Windows and Linux desktops.
const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

/** Points to half-points, docx's unit for sizes: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt. */
const pt = (n: number) => n * 2;
const mm = (n: number) => Math.round((n / 25.4) * 1440);

function textParagraph(text: string, opts: { size?: number; indent?: boolean; bold?: boolean } = {}) {
  return new Paragraph({
    spacing: { line: 560, lineRule: 'exact' as never },
    indent: opts.indent === false ? undefined : { firstLine: mm(11) },
    children: [new TextRun({ text, font: font(BODY_FONT), size: pt(opts.size ?? 16), bold: opts.bold })],
  });
}

function docxTable(t: TextTable): Table {
  const cell = (text: string, header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              text,
              font: font(header ? HEADING_FONT : BODY_FONT),
              size: pt(10.5),
              bold: header,
            }),
          ],
        }),
      ],
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true)) }),
      ...t.rows.map((r) => new TableRow({ children: r.map((c) => cell(String(c), false)) })),
    ],
  });
}

export async function reportDocx(r: ReportDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: r.title, font: font(TITLE_FONT), size: pt(22) })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [new TextRun({ text: r.subtitle, font: font(BODY_FONT), size: pt(16) })],
    }),
    ...r.paragraphs.map((p) => textParagraph(p)),
  ];
  for (const t of r.tables) {
    body.push(
      new Paragraph({
        spacing: { before: 240, after: 120 },
        children: [new TextRun({ text: t.title, font: font(HEADING_FONT), size: pt(16) })],
      }),
      t.rows.length ? docxTable(t) : textParagraph('（无）'),
    );
  }
  body.push(
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    ...r.notes.map((n) => textParagraph(`注：${n}`, { size: 12 })),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 480 },
      children: [new TextRun({ text: r.issuer, font: font(BODY_FONT), size: pt(16) })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: chineseDate(r.date), font: font(BODY_FONT), size: pt(16) })],
    }),
  );
  const doc = new Document({
    creator: 'Laiban',
    title: `${r.title}${r.subtitle}`,
    sections: [
      {
        properties: {
          // GB/T 9704: A4, top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function reportXlsx(r: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Laiban';
  const overview = wb.addWorksheet('概况');
  overview.addRow([r.title]).font = { bold: true, size: 16 };
  overview.addRow([r.subtitle]);
  overview.addRow([]);
  for (const p of r.paragraphs) overview.addRow([p]);
  overview.addRow([]);
  for (const n of r.notes) overview.addRow([`注：${n}`]);
  overview.addRow([`${r.issuer}  ${chineseDate(r.date)}`]);
  overview.getColumn(1).width = 120;
  overview.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  for (const t of r.tables) {
    // Sheet names: the table title without its ordinal (一、), at most 31 characters.
    const ws = wb.addWorksheet(t.title.replace(/^[一二三四五六七八九十]+、/, '').slice(0, 31));
    ws.addRow(t.header).font = { bold: true };
    for (const row of t.rows) ws.addRow(row);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    t.header.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.max(10, h.length * 2 + 4, i === 0 ? 18 : 0);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
