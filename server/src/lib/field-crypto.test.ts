import { describe, expect, it } from 'vitest';
import { FieldCrypto, normalizePhone } from './field-crypto.js';

const aes = new FieldCrypto(Buffer.alloc(32, 7), Buffer.alloc(32, 9));
const sm4 = new FieldCrypto(Buffer.alloc(32, 7), Buffer.alloc(32, 9), 'sm4');

describe.each([
  ['AES-256-GCM', aes, 'v1'],
  ['SM4 + HMAC-SM3', sm4, 's1'],
])('FieldCrypto with %s', (_name, fc, prefix) => {
  it('round-trips and never stores the plain value, with a fresh nonce each time', () => {
    const a = fc.encrypt('11010519491231002X');
    const b = fc.encrypt('11010519491231002X');
    expect(a.startsWith(`${prefix}.`)).toBe(true);
    expect(a).not.toContain('11010519491231002X');
    expect(a).not.toBe(b);
    expect(fc.decrypt(a)).toBe('11010519491231002X');
    expect(fc.decrypt(fc.encrypt('张三 13812345678'))).toBe('张三 13812345678');
  });

  it('detects a tampered ciphertext, nonce or tag', () => {
    for (const i of [1, 2, 3]) {
      const parts = fc.encrypt('13812345678').split('.');
      const bytes = Buffer.from(parts[i] as string, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      parts[i] = bytes.toString('base64url');
      expect(() => fc.decrypt(parts.join('.'))).toThrow();
    }
  });

  it('refuses a value encrypted under another key', () => {
    const other = new FieldCrypto(Buffer.alloc(32, 6), Buffer.alloc(32, 9), fc.cipher);
    expect(() => other.decrypt(fc.encrypt('13812345678'))).toThrow();
  });

  it('gives the same blind index for the same value and a different one under another key', () => {
    expect(fc.blindIndex('13812345678')).toBe(fc.blindIndex('13812345678'));
    expect(fc.blindIndex('13812345678')).not.toBe(fc.blindIndex('13812345679'));
    const other = new FieldCrypto(Buffer.alloc(32, 7), Buffer.alloc(32, 8), fc.cipher);
    expect(other.blindIndex('13812345678')).not.toBe(fc.blindIndex('13812345678'));
  });
});

describe('switching the field cipher', () => {
  it('reads values written under either cipher', () => {
    expect(sm4.decrypt(aes.encrypt('13812345678'))).toBe('13812345678');
    expect(aes.decrypt(sm4.encrypt('13812345678'))).toBe('13812345678');
  });

  it('indexes with SM3 under SM4 and looks up both forms, the current one first', () => {
    expect(sm4.blindIndex('13812345678')).not.toBe(aes.blindIndex('13812345678'));
    expect(sm4.blindIndex('13812345678').startsWith('s3.')).toBe(true);
    expect(aes.blindIndexes('13812345678')).toEqual([
      aes.blindIndex('13812345678'),
      sm4.blindIndex('13812345678'),
    ]);
    expect(sm4.blindIndexes('13812345678')).toEqual([
      sm4.blindIndex('13812345678'),
      aes.blindIndex('13812345678'),
    ]);
  });

  it('rejects unknown formats', () => {
    expect(() => aes.decrypt('v9.a.b.c')).toThrow('unknown field cipher format');
    expect(() => aes.decrypt('13812345678')).toThrow('unknown field cipher format');
  });
});

describe('normalizePhone', () => {
  it('normalises phones before hashing', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('010-69901234')).toBe('01069901234');
  });
});
