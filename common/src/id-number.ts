/**
 * Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence,
 * 1 check character computed mod 11 over weighted digits.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function isValidDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Converts a legacy 15-digit number to 18 digits (century 19, recomputed check character). */
export function upgradeIdNumber15(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/**
 * Normalises and validates: accepts 18 digits (last may be x/X) or a legacy 15-digit number.
 * Returns the canonical 18-character form, or null when invalid.
 */
export function normalizeIdNumber(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(s)) {
    const up = upgradeIdNumber15(s);
    return isValidDate(up.slice(6, 14)) ? up : null;
  }
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  if (!isValidDate(s.slice(6, 14))) return null;
  return idCheckChar(s.slice(0, 17)) === s[17] ? s : null;
}

export function isValidIdNumber(raw: string): boolean {
  return normalizeIdNumber(raw) !== null;
}
