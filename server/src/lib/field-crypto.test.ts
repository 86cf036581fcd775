import { describe, expect, it } from 'vitest';
import { FieldCrypto, normalizePhone } from './field-crypto.js';

const fc = new FieldCrypto(Buffer.alloc(32, 7), Buffer.alloc(32, 9));

describe('FieldCrypto', () => {
  it('round-trips and never stores the plain value, with a fresh nonce each time', () => {
    const a = fc.encrypt('11010519491231002X');
    const b = fc.encrypt('11010519491231002X');
    expect(a).not.toContain('11010519491231002X');
    expect(a).not.toBe(b);
    expect(fc.decrypt(a)).toBe('11010519491231002X');
  });

  it('detects a tampered ciphertext', () => {
    const parts = fc.encrypt('13812345678').split('.');
    parts[2] = Buffer.from('00000000000').toString('base64url');
    expect(() => fc.decrypt(parts.join('.'))).toThrow();
  });

  it('gives the same blind index for the same value and a different one under another key', () => {
    expect(fc.blindIndex('13812345678')).toBe(fc.blindIndex('13812345678'));
    const other = new FieldCrypto(Buffer.alloc(32, 7), Buffer.alloc(32, 8));
    expect(other.blindIndex('13812345678')).not.toBe(fc.blindIndex('13812345678'));
  });

  it('normalises phones before hashing', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('010-69901234')).toBe('01069901234');
  });
});
