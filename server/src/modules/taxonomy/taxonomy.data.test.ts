import { describe, expect, it } from 'vitest';
import { CATEGORY_LIMITS } from '../../../../common/src/taxonomy.js';
import { isLeaf, isTopLevel, leafOf, nextCode, normalizeFlags, suggestedNature } from './category-code.js';
import { DEFAULT_TAXONOMY } from './taxonomy.data.js';

const leaves = DEFAULT_TAXONOMY.flatMap((t) => t.leaves.map((l) => ({ ...l, parent: t })));
const byCode = new Map(leaves.map((l) => [l.code, l]));

describe('the default taxonomy (DOMAIN.md §4.2)', () => {
  it('has 21 top levels, 01 to 21, and 155 leaves with the per-group counts of the table', () => {
    expect(DEFAULT_TAXONOMY.map((t) => t.code)).toEqual(
      Array.from({ length: 21 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(DEFAULT_TAXONOMY.map((t) => t.leaves.length)).toEqual([
      8, 9, 8, 10, 9, 6, 6, 4, 9, 7, 5, 8, 8, 9, 10, 5, 5, 6, 4, 13, 6,
    ]);
    expect(leaves).toHaveLength(155);
  });

  it('numbers the leaves of each group 01, 02, … under the group code, every code unique', () => {
    for (const top of DEFAULT_TAXONOMY) {
      expect(isTopLevel(top.code)).toBe(true);
      expect(top.leaves.map((l) => l.code)).toEqual(
        top.leaves.map((_, i) => `${top.code}${String(i + 1).padStart(2, '0')}`),
      );
      for (const l of top.leaves) expect(leafOf(l.code)?.parentCode).toBe(top.code);
    }
    const all = [...DEFAULT_TAXONOMY.map((t) => t.code), ...leaves.map((l) => l.code)];
    expect(new Set(all).size).toBe(176);
  });

  it('keeps the Chinese names exactly as written, and gives every category an English name', () => {
    expect(DEFAULT_TAXONOMY.map((t) => t.name)).toContain('国土资源与征地拆迁');
    expect(byCode.get('0104')?.name).toBe('施工扰民（噪声、扬尘、夜间施工）');
    expect(byCode.get('1603')?.name).toBe('基层"微腐败"（侵占集体资金、优亲厚友）');
    expect(byCode.get('1602')?.name).toBe('公职人员职务违法犯罪（贪污贿赂、滥用职权、玩忽职守）');
    expect(byCode.get('2106')?.name).toBe('其他');
    expect(DEFAULT_TAXONOMY.find((t) => t.code === '08')?.nameEn).toBe('Culture, tourism & sports');
    for (const c of [...DEFAULT_TAXONOMY, ...leaves]) {
      expect(c.name.trim()).toBe(c.name);
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(CATEGORY_LIMITS.nameMax);
      expect(c.nameEn.length).toBeGreaterThan(0);
      expect(c.nameEn.length).toBeLessThanOrEqual(CATEGORY_LIMITS.nameEnMax);
    }
    for (const top of DEFAULT_TAXONOMY)
      expect(new Set(top.leaves.map((l) => l.name)).size).toBe(top.leaves.length);
  });

  it('carries exactly the flags the table marks, category 16 all J and category 20 all M', () => {
    const marked = Object.fromEntries(
      leaves.filter((l) => l.flags.length > 0).map((l) => [l.code, l.flags.join('')]),
    );
    const category20 = Object.fromEntries(
      Array.from({ length: 13 }, (_, i) => [`20${String(i + 1).padStart(2, '0')}`, 'M']),
    );
    expect(marked).toEqual({
      '0104': 'M',
      '0105': 'L',
      '0201': 'M',
      '0205': 'L',
      '0208': 'M',
      '0209': 'M',
      '0303': 'L',
      '0305': 'L',
      '0306': 'J',
      '0401': 'ML',
      '0405': 'L',
      '0501': 'L',
      '0502': 'ML',
      '0503': 'L',
      '0508': 'L',
      '0509': 'M',
      '0602': 'ML',
      '0605': 'J',
      '0705': 'M',
      '0802': 'M',
      '1003': 'M',
      '1101': 'ML',
      '1201': 'M',
      '1202': 'J',
      '1206': 'M',
      '1301': 'LJ',
      '1502': 'L',
      '1505': 'L',
      '1506': 'L',
      '1509': 'LJ',
      '1510': 'J',
      '1601': 'J',
      '1602': 'J',
      '1603': 'J',
      '1604': 'J',
      '1605': 'J',
      '1803': 'L',
      ...category20,
    });
    for (const l of leaves) expect(l.flags).toEqual(normalizeFlags(l.flags));
    for (const l of leaves.filter((x) => x.code.startsWith('16'))) expect(l.flags).toContain('J');
  });

  it('suggests accusation for the J-only leaves except the 1605 appeal, suggestion for 1805/1806, claim otherwise', () => {
    const by = (nature: string) =>
      leaves
        .filter((l) => l.defaultNature === nature)
        .map((l) => l.code)
        .sort();
    expect(by('accusation')).toEqual(['0306', '0605', '1202', '1510', '1601', '1602', '1603', '1604']);
    expect(by('suggestion')).toEqual(['1805', '1806']);
    expect(by('claim')).toHaveLength(155 - 10);
    expect(byCode.get('1605')?.defaultNature).toBe('claim');
  });

  it('offers every leaf to citizens and maps it to one of its parent national categories', () => {
    expect(leaves.every((l) => l.isPublic)).toBe(true);
    for (const l of leaves) expect(l.parent.nationalCategory.split(' / ')).toContain(l.nationalCategory);
    expect(byCode.get('0802')?.nationalCategory).toBe('商贸旅游');
    expect(byCode.get('1303')?.nationalCategory).toBe('企业改制');
    expect(byCode.get('1307')?.nationalCategory).toBe('科技与信息产业');
    expect(byCode.get('1601')?.nationalCategory).toBe('纪检监察');
  });
});

describe('category codes', () => {
  it('tells top levels from leaves and splits a leaf code', () => {
    expect(['01', '21', '99'].map(isTopLevel)).toEqual([true, true, true]);
    expect(['00', '1', '001', '0101', 'ab'].map(isTopLevel)).toEqual([false, false, false, false, false]);
    expect(['0101', '2106', '9999'].map(isLeaf)).toEqual([true, true, true]);
    expect(['0100', '0001', '01', '01011', '01a1', ''].map(isLeaf)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(leafOf('0410')).toEqual({ code: '0410', parentCode: '04', index: 10 });
    expect(leafOf('04')).toBeNull();
  });

  it('picks the next code after the highest used one in the group, and none after 99', () => {
    const used = ['01', '0101', '0102', '0105', '02', '0201', '21'];
    expect(nextCode(used, '01')).toBe('0106');
    expect(nextCode(used, '02')).toBe('0202');
    expect(nextCode(used, '03')).toBe('0301');
    expect(nextCode(used, null)).toBe('22');
    expect(nextCode(['05', '0599'], '05')).toBeNull();
    expect(nextCode(['99'], null)).toBeNull();
  });

  it('orders flags M, L, J without duplicates and suggests a nature from them', () => {
    expect(normalizeFlags(['J', 'M', 'J'])).toEqual(['M', 'J']);
    expect(suggestedNature(['J'])).toBe('accusation');
    expect(suggestedNature(['L', 'J'])).toBe('claim');
    expect(suggestedNature([])).toBe('claim');
  });
});
