import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crossValidate, score, stratifiedGroupFolds } from './cross-validation.js';
import { parseCsv } from './csv.js';
import { chooseLeaf } from './leaf-choice.js';
import { LinearModel, trainLinearModel } from './linear-model.js';
import { loadShippedModel } from './shipped-model.js';
import { parseLabelledMessages } from './teddy-data.js';
import { extractFeatures, normaliseText } from './text-features.js';
import { trainWithRecipe } from './training-recipe.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const sample = parseLabelledMessages(fixture('sample-details.csv'), fixture('sample-topics.csv'));

describe('text features', () => {
  it('folds digits and Latin letters, and never lets an n-gram cross punctuation', () => {
    expect(normaliseText('A3区 2019年５月')).toBe('a0区 0年0月');
    const f = extractFeatures({ title: '停车难，收费高' }, 2, 1);
    expect(f.get('停车')).toBe(1);
    expect(f.has('难收')).toBe(false);
    expect(extractFeatures({ title: '物业', body: '物业' }, 2, 2).get('物业')).toBe(3);
  });

  it('reads quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, ""y""","line1\nline2"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
    ]);
  });
});

describe('the shipped model', () => {
  const model = loadShippedModel();

  it('suggests the right top-level category for plain messages of each class', () => {
    const cases: [string, string][] = [
      ['小区旁边的工地晚上施工，噪音很大，住户没法睡觉', '01'],
      ['公司拖欠我们三个月工资，老板不接电话', '05'],
      ['医院医生态度恶劣，看病挂号难', '06'],
      ['孩子入学没有分到学区内的学校学位', '07'],
      ['化工厂夜里偷排废水，河水发黑发臭', '10'],
      ['出租车司机拒载绕路，乱收费', '11'],
      ['超市卖过期食品，拒绝退货', '12'],
    ];
    for (const [text, code] of cases) expect(model.predict({ title: text })[0]?.label, text).toBe(code);
  });

  it('gives probabilities that sum to one, highest first', () => {
    const p = model.predict({ title: '物业公司乱收停车费' });
    expect(p.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 5);
    expect(p[0]?.probability).toBeGreaterThanOrEqual(p[1]?.probability ?? 0);
  });

  it('answers within 5 ms per message on long texts', () => {
    const long = `${'我们小区的物业公司长期不作为，电梯经常坏，停车收费混乱，'.repeat(40)}请有关部门处理。`;
    for (let i = 0; i < 20; i++) model.predict({ title: '物业问题', body: long });
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      model.predict({ title: '物业问题', body: long });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    expect(times[25]).toBeLessThan(5);
  });

  it('survives serialisation: the same predictions after a round trip', () => {
    const again = LinearModel.deserialise(model.serialise());
    for (const e of sample.slice(0, 10)) expect(again.predict(e)[0]?.label).toBe(model.predict(e)[0]?.label);
  });
});

describe('training and cross-validation', () => {
  it('keeps copies of one message in one fold and every class in every fold', () => {
    const rows = [...sample, ...sample.slice(0, 5)];
    const folds = stratifiedGroupFolds(rows, 5);
    for (let i = 0; i < 5; i++) expect(folds[sample.length + i]).toBe(folds[i]);
    for (let f = 0; f < 5; f++) {
      const labels = new Set(rows.filter((_, i) => folds[i] === f).map((r) => r.label));
      expect(labels.size).toBe(7);
    }
  });

  it('scores macro-F1 as the mean of per-class F1', () => {
    const s = score(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(s.accuracy).toBe(0.75);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 6);
  });

  it('learns the hand-written sample well above chance (what eval:classifier runs in CI)', () => {
    const cv = crossValidate(sample, 5, (rows) => trainWithRecipe(rows));
    expect(score(cv.truth, cv.predicted).accuracy).toBeGreaterThan(0.5);
  });

  it('a warm start keeps what the model knew and learns a new category', () => {
    const base = trainLinearModel(sample, { epochs: 10 });
    const newCategory = [
      { title: '邻居家狗半夜狂叫', body: '楼上邻居养狗不拴绳，半夜狂叫', label: '20' },
      { title: '邻居装修占用楼道', body: '邻居纠纷多次协商无果', label: '20' },
      { title: '邻居漏水到我家', body: '邻居家卫生间漏水，拒绝维修', label: '20' },
    ];
    const warm = trainLinearModel(newCategory, { epochs: 10, warmStart: base, minDf: 1 });
    expect(warm.labels).toContain('20');
    expect(warm.predict({ title: '邻居家狗叫扰民' })[0]?.label).toBe('20');
    expect(warm.predict({ title: '公司拖欠工资' })[0]?.label).toBe('05');
  });
});

describe('from the predicted class to a leaf', () => {
  const taxonomy = [
    { code: '01', name: '城乡建设', level: 1, parentCode: null, nationalCategory: '城乡建设' },
    {
      code: '0104',
      name: '施工扰民（噪声、扬尘、夜间施工）',
      level: 2,
      parentCode: '01',
      nationalCategory: '城乡建设',
    },
    { code: '02', name: '住房与物业', level: 1, parentCode: null, nationalCategory: '城乡建设' },
    { code: '0209', name: '小区停车与车位', level: 2, parentCode: '02', nationalCategory: '城乡建设' },
    { code: '05', name: '劳动和社会保障', level: 1, parentCode: null, nationalCategory: '劳动和社会保障' },
    {
      code: '0501',
      name: '拖欠工资（含农民工工资）',
      level: 2,
      parentCode: '05',
      nationalCategory: '劳动和社会保障',
    },
  ];

  it('looks across top levels of the same national category for the leaf the text names', () => {
    expect(chooseLeaf('01', '小区停车位被外来车辆占用', taxonomy).leaf?.code).toBe('0209');
    expect(chooseLeaf('01', '夜间施工噪声扰民', taxonomy).leaf?.code).toBe('0104');
    expect(chooseLeaf('05', '小区停车位被占用', taxonomy).leaf).toBeUndefined();
  });
});
