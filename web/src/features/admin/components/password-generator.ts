import { checkPasswordPolicy } from '../../../../../common/src/limits.js';

// No look-alikes (0/O, 1/l/I) so the password can be read out over the phone.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

/**
 * The shared policy check. While the username field is still empty the policy's "must not contain
 * the username" rule would match every password (every string contains ''), so it is skipped.
 */
export function passwordMeetsPolicy(password: string, username: string | undefined): boolean {
  return checkPasswordPolicy(password, username?.trim() || '\u0000');
}

/** A random password that meets the shared policy (12 characters, letters and digits). */
export function generatePassword(username: string | undefined, length = 12): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint32Array(length));
    const pw = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
    if (passwordMeetsPolicy(pw, username)) return pw;
  }
}
