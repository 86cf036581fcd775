import fs from 'node:fs';
import path from 'node:path';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { packageRoot } from './paths.js';

/**
 * Chinese tokenisation for search, repeat detection and anything else that reads petition text:
 * jieba (@node-rs/jieba) with its default dictionary plus the domain user dictionary kept in the
 * repository (`server/dict/zh-user-dict.txt`: 不作为, 鸽子粪, 物业费, 拖欠工资 …).
 *
 * Loading the dictionaries takes about half a second, so it happens once, on first use
 * (`warmTokenizer()` lets a server do it at start rather than on its first intake).
 */

let jieba: Jieba | undefined;
let tfidf: TfIdf | undefined;

/** The user dictionary's words, as loaded (comments and blank lines dropped). */
export function userDictionaryLines(): string[] {
  const file = path.join(packageRoot(), 'server', 'dict', 'zh-user-dict.txt');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function engine(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(dict);
    j.loadDict(Buffer.from(userDictionaryLines().join('\n')));
    jieba = j;
  }
  return jieba;
}

function keywordEngine(): TfIdf {
  if (!tfidf) {
    // Stop words are filtered after extraction: the binding's setConfig does not take a JS Set.
    tfidf = TfIdf.withDict(idf);
  }
  return tfidf;
}

export function warmTokenizer(): void {
  engine();
  keywordEngine();
}

/**
 * Words that carry no matter: function words and the politeness of petitions (您好, 希望, 请 …).
 * Kept short on purpose; a word that is frequent but meaningful (小区, 物业) stays.
 */
const STOP_WORDS = new Set(
  (
    '的 了 是 在 和 与 及 或 也 都 就 而 但 又 被 把 对 从 向 为 以 于 给 让 使 这 那 这个 那个 这些 那些 ' +
    '我 我们 你 你们 您 他 他们 她 它 其 自己 本人 大家 有 没有 无 不 没 很 非常 还 再 已 已经 ' +
    '一个 一些 什么 怎么 如何 为什么 哪里 吗 呢 吧 啊 呀 哦 嘛 等 等等 之 所 着 过 得 地 ' +
    '请 请问 希望 恳请 要求 反映 问题 情况 相关 有关 能否 是否 可以 能 会 要 应该 应当 进行 ' +
    '您好 你好 领导 谢谢 感谢 尊敬 现在 目前 一直 至今 如果 因为 所以 但是 然而 并且 而且 以及 ' +
    '上 下 中 里 内 外 前 后 年 月 日 号 时'
  ).split(' '),
);

const WORDISH = /[\p{L}\p{N}]/u;

function normalise(text: string): string {
  // Full-width letters and digits to ASCII, lower case: "Ａ３区" and "a3区" are the same place.
  return text.normalize('NFKC').toLowerCase();
}

function keep(t: string): boolean {
  return WORDISH.test(t) && !STOP_WORDS.has(t);
}

/** Precise-mode tokens (for queries and for similarity): stop words and punctuation dropped. */
export function tokenize(text: string): string[] {
  if (!text) return [];
  return engine()
    .cut(normalise(text), true)
    .map((t) => t.trim())
    .filter(keep);
}

/**
 * Search-mode tokens (for the index): long words also yield their parts (征地补偿款 → 征地, 补偿,
 * 补偿款, 征地补偿款), so a query for a part finds the whole.
 */
export function tokenizeForIndex(text: string): string[] {
  if (!text) return [];
  return engine()
    .cutForSearch(normalise(text), true)
    .map((t) => t.trim())
    .filter(keep);
}

/**
 * The text of a `tsvector('simple', …)` column: search-mode tokens joined by spaces. PostgreSQL's
 * parser then only splits on the spaces (and on the odd symbol inside a token, the same way for
 * the query), so the index holds jieba's words rather than runs of characters.
 */
export function indexText(...parts: (string | null | undefined)[]): string {
  return tokenizeForIndex(parts.filter(Boolean).join('\n')).join(' ');
}

/** The most distinctive words of a text by TF-IDF (jieba's IDF table), at most `topK`. */
export function keywords(text: string, topK: number): string[] {
  if (!text) return [];
  return keywordEngine()
    .extractKeywords(engine(), normalise(text), topK + 8)
    .map((k) => k.keyword)
    .filter((k) => k.length >= 2 && keep(k))
    .slice(0, topK);
}
