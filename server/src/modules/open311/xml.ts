/**
 * A tiny XML writer for the GeoReport v2 documents: elements, text and nothing else. Every text is
 * escaped, and characters XML 1.0 cannot carry at all (most control characters) are dropped, so text
 * a citizen typed (markup, script, quotes) always arrives as text.
 */

export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlValue[];
export interface XmlNode {
  [element: string]: XmlValue;
}

// Tab, newline and carriage return are the only characters below U+0020 that XML 1.0 allows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to drop.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NAME = /^[A-Za-z_][\w.-]*$/;

function element(name: string, value: XmlValue): string {
  if (!NAME.test(name)) throw new Error(`invalid XML element name: ${name}`);
  // An array under a name repeats the element: { format: ['a', 'b'] } → <format>a</format><format>b</format>.
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (typeof value === 'object') return `<${name}>${children(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function children(node: XmlNode): string {
  return Object.entries(node)
    .map(([k, v]) => element(k, v))
    .join('');
}

/** A whole document with one root element. */
export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
