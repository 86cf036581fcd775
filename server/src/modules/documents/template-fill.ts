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

export interface FilledDocument {
  title: string;
  addressee: string | null;
  /** One entry per paragraph; lines that only held empty fields are dropped. */
  paragraphs: string[];
  signature: string | null;
  note: string | null;
}

/** Fills the template. A field with line breaks becomes several paragraphs. */
export function fillTemplate(t: TemplateText, fields: Record<string, string>): FilledDocument {
  const paragraphs: string[] = [];
  for (const line of t.body.split('\n')) {
    const filled = fill(line, fields);
    for (const p of filled.split(/\r?\n/)) {
      if (p.trim()) paragraphs.push(p.trim());
    }
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
