/** Deterministic generators for synthetic people and choices (seeded, so runs are comparable). */

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks a key of a weight table. */
  weighted<K extends string>(table: readonly (readonly [K, number])[]): K {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [k, w] of table) {
      r -= w;
      if (r < 0) return k;
    }
    return table[table.length - 1]![0];
  }
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** Region codes of the fictional demo district's neighbourhood (all real-format 6-digit codes). */
const REGIONS = ['110105', '110106', '110108', '110111', '110112', '110114', '130102', '130104', '370702'];

/** A valid 18-character resident ID number (GB 11643-1999 check character). */
export function idNumber(rng: Rng): string {
  const year = 1940 + rng.int(66);
  const month = 1 + rng.int(12);
  const day = 1 + rng.int(28);
  const first17 = `${rng.pick(REGIONS)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(rng.int(1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return first17 + CHECK[sum % 11];
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export function phone(rng: Rng): string {
  return `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(100_000_000)).padStart(8, '0')}`;
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建国建华志强晓东海燕红梅国强春花文博淑珍德明桂芝秀珍永明';

export function personName(rng: Rng): string {
  const s = SURNAMES[rng.int(SURNAMES.length)]!;
  const g1 = GIVEN[rng.int(GIVEN.length)]!;
  return rng.chance(0.35) ? s + g1 : s + g1 + GIVEN[rng.int(GIVEN.length)]!;
}

const ROADS = [
  '建设路',
  '人民路',
  '解放路',
  '幸福路',
  '和平街',
  '胜利路',
  '光明巷',
  '新华路',
  '中山路',
  '工农路',
];

export function streetAddress(rng: Rng, place: string): string {
  return rng.chance(0.5)
    ? `${place}${1 + rng.int(12)}组${1 + rng.int(80)}号`
    : `${place}${rng.pick(ROADS)}${1 + rng.int(200)}号${1 + rng.int(6)}单元${1 + rng.int(30)}0${1 + rng.int(4)}室`;
}

/** PostgreSQL array literal of text elements (NULL for null), for `$n::text[]` style parameters. */
export function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') out += String(v);
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else out += `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}
