import { describe, expect, it } from 'vitest';
import { indexText, keywords, tokenize, tokenizeForIndex, userDictionaryLines } from './zh-tokenize.js';

describe('zh-tokenize', () => {
  it('keeps the domain words of the user dictionary whole', () => {
    expect(userDictionaryLines().map((l) => l.split(' ')[0])).toEqual(
      expect.arrayContaining(['不作为', '鸽子粪', '物业费', '拖欠工资']),
    );
    expect(tokenize('村干部不作为，鸽子粪满阳台，物业费乱收，老板拖欠工资')).toEqual([
      '村干部',
      '不作为',
      '鸽子粪',
      '满',
      '阳台',
      '物业费',
      '乱收',
      '老板',
      '拖欠工资',
    ]);
  });

  it('drops punctuation and the stop words of petitions, and folds width and case', () => {
    expect(tokenize('您好！请问，我们小区的路灯是否能修？')).toEqual(['小区', '路灯', '能修']);
    expect(tokenize('Ａ３区')).toEqual(tokenize('a3区'));
  });

  it('indexes the parts of long words too, so a query for a part finds the whole', () => {
    const parts = tokenizeForIndex('征地补偿款至今未发');
    expect(parts).toEqual(expect.arrayContaining(['征地', '补偿', '补偿款', '征地补偿款']));
    expect(indexText('井盖丢失', null, undefined, '甲一村')).toBe('井盖 丢失 甲 一村');
  });

  it('extracts distinctive keywords, not filler', () => {
    const k = keywords(
      '您好，2019年村东地块被征收，我家应得征地补偿款八万元，至今只发放五万元。希望领导尽快解决',
      4,
    );
    expect(k).toHaveLength(4);
    expect(k).toContain('征地补偿款');
    expect(k).not.toContain('希望');
    expect(k).not.toContain('领导');
  });
});
