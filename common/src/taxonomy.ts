/**
 * Matter categories (内容分类, DOMAIN.md §4): the constants both the server's schemas and the web
 * forms use. The categories themselves are configuration stored in the database (table
 * `categories`, one versioned `category_sets` row active at a time), not code.
 */

/**
 * Handling hints carried by a leaf (DOMAIN.md §4.2):
 * M = suitable for 人民调解 / 多元化解; L = usually routes 1–4 of 第31条 (litigation, arbitration,
 * review, 政法); J = usually 检举控告, handled by 纪检监察 or 公安.
 */
export const CATEGORY_FLAGS = ['M', 'L', 'J'] as const;
export type CategoryFlag = (typeof CATEGORY_FLAGS)[number];

export const CATEGORY_FLAG_LABELS: Record<CategoryFlag, { zh: string; en: string }> = {
  M: { zh: '适宜调解', en: 'Suitable for mediation' },
  L: { zh: '依法定途径', en: 'Usually a statutory procedure' },
  J: { zh: '检举控告', en: 'Usually an accusation (discipline / police)' },
};

// The petition's nature (建议意见 / 检举控告 / 申诉求决) is common/src/cases.ts NATURES: a leaf only
// suggests a default the clerk can change.

/** Codes are two digits for a top-level category ('04') and four for a leaf ('0401'); 00 is never used. */
export const CATEGORY_LIMITS = {
  topLevelCodePattern: /^(0[1-9]|[1-9]\d)$/,
  leafCodePattern: /^(0[1-9]|[1-9]\d)(0[1-9]|[1-9]\d)$/,
  codePattern: /^(0[1-9]|[1-9]\d)((0[1-9]|[1-9]\d))?$/,
  nameMax: 60,
  nameEnMax: 120,
  nationalCategoryMax: 60,
} as const;
