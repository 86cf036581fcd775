/** Display masking of personal data (DOMAIN.md §7.6). Masked values are what lists and logs show. */

export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const m = /^(0\d{2,3})-?(\d+)$/.exec(digits);
  if (m?.[1] && m[2]) return `${m[1]}-****${m[2].slice(-4)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '澹台',
  '百里',
  '呼延',
  '万俟',
  '申屠',
  '太史',
  '闻人',
];

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  const head = chars.slice(0, 2).join('');
  const surnameLen = chars.length > 2 && COMPOUND_SURNAMES.includes(head) ? 2 : 1;
  return chars.slice(0, surnameLen).join('') + '*'.repeat(chars.length - surnameLen);
}
