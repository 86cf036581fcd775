import { describe, expect, it } from 'vitest';
import { idCheckChar, isValidIdNumber, normalizeIdNumber } from './id-number.js';
import { maskIdNumber, maskName, maskPhone } from './masking.js';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a number whose check character matches, including X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });
  it('computes the check character by the weighted mod-11 rule', () => {
    expect(idCheckChar('44052419800101001')).toBe('3');
    expect(isValidIdNumber('440524198001010013')).toBe(true);
    expect(isValidIdNumber('440524198001010014')).toBe(false);
  });
  it('rejects impossible birth dates and wrong lengths', () => {
    const first17 = '11010519490230002';
    expect(isValidIdNumber(first17 + idCheckChar(first17))).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });
  it('upgrades a legacy 15-digit number', () => {
    expect(normalizeIdNumber('110105491231002')).toBe('11010519491231002X');
  });
});

describe('masking', () => {
  it('masks ID numbers, phones and names as DOMAIN.md §7.6 shows', () => {
    expect(maskIdNumber('110105194912310021')).toBe('110***********0021');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('010-69901234')).toBe('010-****1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
  });
});
