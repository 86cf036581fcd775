/**
 * Community governance vocabularies shared by the server and the web app.
 *
 * 三事分流 (matter scope): who should handle a matter. 大事 goes to the government and its
 * departments, 小事 to the village or community committee, 私事 stays with the residents
 * themselves, with guidance (mediation, legal advice). Every case carries one.
 */
type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const MATTER_SCOPES = ['big', 'small', 'private'] as const;
export type MatterScope = (typeof MATTER_SCOPES)[number];
export const MATTER_SCOPE_LABELS: Labels<MatterScope> = {
  big: { zh: '大事（政府/部门办）', en: 'Big matter (government, departments)' },
  small: { zh: '小事（村社办）', en: 'Small matter (village/community committee)' },
  private: { zh: '私事（群众自己办）', en: 'Private matter (residents, with guidance)' },
};
export const MATTER_SCOPE_SHORT: Labels<MatterScope> = {
  big: { zh: '大事', en: 'Big' },
  small: { zh: '小事', en: 'Small' },
  private: { zh: '私事', en: 'Private' },
};

/**
 * The routing each scope suggests: which level handles it and the case commands that take it
 * there. The suggestion is shown with the case; the clerk still decides.
 */
export const MATTER_SCOPE_ROUTING = {
  big: { handledBy: 'department', commands: ['transfer', 'assign'] },
  small: { handledBy: 'community', commands: ['accept', 'start-handling'] },
  private: { handledBy: 'residents', commands: ['accept', 'start-mediation'] },
} as const satisfies Record<MatterScope, { handledBy: string; commands: readonly string[] }>;
export const HANDLED_BY_LABELS: Labels<(typeof MATTER_SCOPE_ROUTING)[MatterScope]['handledBy']> = {
  department: {
    zh: '转送或交办职能部门、乡镇（街道）办理',
    en: 'Transfer or assign to a department or town',
  },
  community: { zh: '村（居）委会受理办理', en: 'Accepted and handled by the village/community committee' },
  residents: {
    zh: '引导群众自行协商解决，必要时人民调解',
    en: 'Residents settle it themselves with guidance; mediation if needed',
  },
};
