import { hash, verify } from '@node-rs/argon2';

// The library default is argon2id with OWASP's recommended cost (19 MiB, t=2, p=1).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verifies against a throwaway hash so unknown usernames take as long as known ones. */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hash('not-a-real-password-0');
  await verifyPassword(await dummyHash, password);
}
