/** Placeholders in templates are `{{name}}`: letters and digits, starting with a letter. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export interface TemplateText {
  title: string;
  addressee: string | null;
  body: string;
  signature: string | null;
  note: string | null;
}

/** Every placeholder name used by the template, in order of first use. */
export function placeholdersOf(t: TemplateText): string[] {
  const names: string[] = [];
  for (const text of [t.title, t.addressee, t.body, t.signature, t.note]) {
    if (!text) continue;
    for (const m of text.matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!);
  }
  return names;
}

/** Placeholders the fields do not give a value for (empty strings count as given). */
export function missingFields(t: TemplateText, fields: Record<string, string>): string[] {
  return placeholdersOf(t).filter((n) => fields[n] === undefined);
}

function fill(text: string, fields: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => fields[name] ?? '＿＿＿＿');
}

export interface FilledParagraph {
  text: string;
  /** 1 for an "一、" heading (黑体), 2 for "（一）" (楷体): only lines written so in the template. */
  heading?: 1 | 2;
}

export interface FilledDocument {
  title: string;
  addressee: string | null;
  /** One entry per paragraph; lines that only held empty fields are dropped. */
  paragraphs: FilledParagraph[];
  signature: string | null;
  note: string | null;
}

/**
 * Fills the template. A field with line breaks becomes several paragraphs. Headings are the
 * template's own lines starting "一、" or "（一）"; text from a field is never set as a heading.
 */
export function fillTemplate(t: TemplateText, fields: Record<string, string>): FilledDocument {
  const paragraphs: FilledParagraph[] = [];
  for (const line of t.body.split('\n')) {
    const heading = /^[一二三四五六七八九十]+、/.test(line)
      ? 1
      : /^（[一二三四五六七八九十]+）/.test(line)
        ? 2
        : undefined;
    const filled = fill(line, fields);
    filled.split(/\r?\n/).forEach((p, i) => {
      if (!p.trim()) return;
      paragraphs.push(heading && i === 0 ? { text: p.trim(), heading } : { text: p.trim() });
    });
  }
  const opt = (s: string | null) => {
    const v = s ? fill(s, fields).trim() : '';
    return v || null;
  };
  return {
    title: fill(t.title, fields).trim(),
    addressee: opt(t.addressee),
    paragraphs,
    signature: opt(t.signature),
    note: opt(t.note),
  };
}
