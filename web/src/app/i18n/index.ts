import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../../../common/src/errors.js';
import { setApiLanguage } from '../../lib/api';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'laiban.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The common module's label tables are keyed `zh` / `en`. */
export function labelLang(language: string): Lang {
  return language.startsWith('en') ? 'en' : 'zh';
}

function applySideEffects(language: string): void {
  setApiLanguage(language);
  dayjs.locale(language.startsWith('en') ? 'en' : 'zh-cn');
  document.documentElement.lang = language.startsWith('en') ? 'en' : 'zh-CN';
  document.title = (language.startsWith('en') ? en : zhCN).app.fullName;
}

i18n.on('languageChanged', (language) => {
  applySideEffects(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this tab only.
  }
});

const initial = storedLanguage();
applySideEffects(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

export default i18n;
