import { describe, expect, it } from 'vitest';
import { segmentsOf, snippetOf } from './highlight.js';
import { bigrams, jaccard, matterTokens, scoreCandidate, THRESHOLDS } from './similarity.js';

describe('similarity', () => {
  it('Jaccard of token sets', () => {
    expect(jaccard(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
    expect(jaccard([], [])).toBe(0);
    expect(jaccard(['a'], ['a'])).toBe(1);
  });

  it('separates a reworded repeat from a different matter of the same place at the calibrated threshold', () => {
    const first = matterTokens({
      title: '幸福小区地下车库长期积水',
      facts: '幸福小区地下车库一到下雨就积水，深的地方没过脚踝，物业一直不处理。',
    });
    const again = matterTokens({
      title: '再次反映幸福小区车库积水',
      facts: '上月反映的幸福小区地下车库积水问题至今没有处理，下雨后积水没过脚踝，物业不管。',
    });
    const other = matterTokens({
      title: '幸福小区物业费上涨',
      facts: '物业公司未经业主大会同意将物业费从每平米一元涨到一元八角。',
    });
    expect(jaccard(first, again)).toBeGreaterThanOrEqual(THRESHOLDS.similarText);
    expect(jaccard(first, other)).toBeLessThan(THRESHOLDS.similarText / 2);
  });

  it('addresses compare by character bigrams, ignoring spaces and punctuation', () => {
    expect(jaccard(bigrams('甲一村 文化广场'), bigrams('甲一村文化广场。'))).toBe(1);
    expect(jaccard(bigrams('甲一村文化广场'), bigrams('乙镇卫生院'))).toBe(0);
  });

  it('gives each proposal its reasons, and proposes nothing on an address alone', () => {
    expect(scoreCandidate({ samePerson: false, addressScore: 1, textScore: 0 })).toBeNull();
    expect(scoreCandidate({ samePerson: true, addressScore: 0, textScore: 0 })?.reasons).toEqual([
      { code: 'same_person' },
    ]);
    expect(scoreCandidate({ samePerson: false, addressScore: 0.9, textScore: 0.2 })?.reasons).toEqual([
      { code: 'same_address', score: 0.9 },
      { code: 'similar_text', score: 0.2 },
    ]);
    expect(scoreCandidate({ samePerson: false, addressScore: 0, textScore: 0.2 })).toBeNull();
    const terminated = scoreCandidate({
      samePerson: true,
      addressScore: 0,
      textScore: 0.9,
      terminatedSameFacts: true,
    });
    expect(terminated?.reasons.map((r) => r.code)).toEqual([
      'terminated_same_facts',
      'same_person',
      'similar_text',
    ]);
    expect(terminated!.score).toBeGreaterThan(2);
  });
});

describe('highlight', () => {
  it('marks every occurrence, longest term first, as plain runs', () => {
    expect(segmentsOf('鸽子粪和鸽子', ['鸽子', '鸽子粪'])).toEqual([
      { text: '鸽子粪', hit: true },
      { text: '和', hit: false },
      { text: '鸽子', hit: true },
    ]);
    expect(segmentsOf('<b>x</b>', ['x'])).toEqual([
      { text: '<b>', hit: false },
      { text: 'x', hit: true },
      { text: '</b>', hit: false },
    ]);
  });

  it('cuts a window around the first hit', () => {
    const text = `${'无关内容'.repeat(30)}路灯坏了${'其他'.repeat(40)}`;
    const s = snippetOf(text, ['路灯'], 40);
    expect(s[0]).toEqual({ text: '…', hit: false });
    expect(s.at(-1)).toEqual({ text: '…', hit: false });
    expect(s.filter((x) => x.hit).map((x) => x.text)).toEqual(['路灯']);
  });
});
