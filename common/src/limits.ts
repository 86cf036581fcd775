/**
 * Field limits used by both the server's zod schemas and the web forms, so the two never disagree.
 */
export const LIMITS = {
  usernameMin: 3,
  usernameMax: 32,
  usernamePattern: /^[a-zA-Z0-9_.-]+$/,
  passwordMin: 10,
  passwordMax: 128,
  displayNameMax: 50,
  unitNameMax: 100,
  divisionCodePattern: /^\d{12}$/,
  phonePattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/,
  mobilePattern: /^1[3-9]\d{9}$/,
  addressMax: 200,
  openingHoursMax: 200,
  pageSizeMax: 200,
  pageSizeDefault: 20,
} as const;

/** Minimum password rules: length, at least one letter and one digit, not the username. */
export function checkPasswordPolicy(password: string, username: string): boolean {
  if (password.length < LIMITS.passwordMin || password.length > LIMITS.passwordMax) return false;
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return false;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return false;
  return true;
}
