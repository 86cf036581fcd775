import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvRecords } from './csv.js';
import type { TrainingExample } from './linear-model.js';

/**
 * The seven first-level classes of the labelled message files (a provincial 问政 board) and the
 * top-level category of the platform taxonomy (DOMAIN.md §4.2) each one means. The model is trained
 * on taxonomy codes directly, so a suggestion is always a category of the active set.
 */
export const TEDDY_CLASS_TO_CATEGORY: Record<string, string> = {
  城乡建设: '01',
  劳动和社会保障: '05',
  教育文体: '07',
  商贸旅游: '12',
  环境保护: '10',
  卫生计生: '06',
  交通运输: '11',
};

export interface LabelledMessage extends TrainingExample {
  /** Which file it came from: details (title + text) or topics (title only). */
  source: 'details' | 'topics';
}

/** Reads train_details.csv and train_topics.csv from a directory (or CSV texts given directly). */
export function loadLabelledMessages(dir: string): LabelledMessage[] {
  return parseLabelledMessages(
    readFileSync(join(dir, 'train_details.csv'), 'utf8'),
    readFileSync(join(dir, 'train_topics.csv'), 'utf8'),
  );
}

export function parseLabelledMessages(detailsCsv: string, topicsCsv: string): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  for (const r of readCsvRecords(detailsCsv)) {
    const label = TEDDY_CLASS_TO_CATEGORY[(r.label ?? '').trim()];
    if (!label) continue;
    out.push({ source: 'details', title: r.topic?.trim() || null, body: r.detail?.trim() || null, label });
  }
  for (const r of readCsvRecords(topicsCsv)) {
    const label = TEDDY_CLASS_TO_CATEGORY[(r.label ?? '').trim()];
    if (!label) continue;
    out.push({ source: 'topics', title: r.topic?.trim() || null, body: null, label });
  }
  return out;
}
