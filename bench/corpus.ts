import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Realistic case text from the teddy2020 data set (real messages to a provincial government board,
 * places masked). Read in place from ../shared/data/teddy2020/ next to the repository: the data is
 * third-party and never copied into the project.
 */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'teddy2020');

/** RFC 4180: comma separated, fields optionally in double quotes, "" inside quotes, newlines in quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      const q = text.indexOf('"', i);
      if (q < 0) {
        field += text.slice(i);
        i = n;
        continue;
      }
      field += text.slice(i, q);
      if (text[q + 1] === '"') {
        field += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readTable(file: string): Record<string, string>[] {
  const p = path.join(DATA_DIR, file);
  if (!fs.existsSync(p)) {
    throw new Error(
      `Data set not found: ${p}. The benchmark reads ../shared/data/teddy2020/ next to the repo.`,
    );
  }
  const [header, ...rows] = parseCsv(fs.readFileSync(p, 'utf8'));
  if (!header) throw new Error(`${file} is empty`);
  return rows
    .filter((r) => r.length === header.length)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export interface Message {
  title: string;
  facts: string;
  demands: string;
  /** First-level label of train_details.csv (城乡建设 …), when the message has one. */
  label: string | null;
}

const clean = (s: string) =>
  s
    .replace(/\r/g, '')
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(/\n[ \n]*/g, '\n')
    .trim();

const cut = (s: string, max: number) =>
  Array.from(s).length > max ? Array.from(s).slice(0, max).join('') : s;

const GENERIC_DEMANDS = [
  '请有关部门尽快调查处理，并给予答复。',
  '希望政府相关部门重视，尽快解决。',
  '请求依法依规处理，维护群众合法权益。',
  '恳请领导过问，督促相关单位落实整改。',
  '希望尽快核实情况，给出明确处理意见。',
];

/** The demand: the sentence that asks for something (希望/请求/要求…), else a common formula. */
function demandsOf(facts: string, seed: number): string {
  const sentences = facts.split(/(?<=[。！？!?])/);
  for (let i = sentences.length - 1; i >= 0; i--) {
    const s = sentences[i]!.trim();
    if (s.length >= 6 && /希望|请求|要求|恳请|建议|请.{0,6}(部门|政府|领导|相关)/.test(s)) return cut(s, 500);
  }
  return GENERIC_DEMANDS[seed % GENERIC_DEMANDS.length]!;
}

function titleOf(topic: string, facts: string): string {
  const t = clean(topic);
  if (t) return cut(t, 100);
  const first = facts.split(/[。！？!?\n]/)[0] ?? facts;
  return cut(first.trim() || facts, 40);
}

let cached: { messages: Message[]; replies: string[] } | undefined;

/** All messages with a title, facts and demands; replies are the official answers of answers.csv. */
export function loadCorpus(): { messages: Message[]; replies: string[] } {
  if (cached) return cached;
  const messages: Message[] = [];
  const replies: string[] = [];
  const add = (topic: string, detail: string, label: string | null) => {
    const facts = cut(clean(detail), 5000);
    if (facts.length < 5) return;
    messages.push({
      title: titleOf(topic, facts),
      facts,
      demands: demandsOf(facts, messages.length),
      label: label || null,
    });
  };
  for (const r of readTable('train_details.csv')) add(r.topic ?? '', r.detail ?? '', r.label ?? null);
  const [TOPIC, DETAIL, REPLY] = ['留言主题', '留言详情', '答复意见'] as const;
  for (const r of readTable('hot.csv')) add(r[TOPIC] ?? '', r[DETAIL] ?? '', null);
  for (const r of readTable('answers.csv')) {
    add(r[TOPIC] ?? '', r[DETAIL] ?? '', null);
    const reply = cut(clean(r[REPLY] ?? ''), 10000);
    if (reply.length > 10) replies.push(reply);
  }
  cached = { messages, replies };
  return cached;
}
