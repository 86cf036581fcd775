import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../common/src/errors.js';
import { FIELD_MESSAGES, type FieldMessageKey } from '../../../common/src/field-messages.js';
import { ROLE_LABELS, type Role, UNIT_KIND_LABELS, type UnitKind } from '../../../common/src/roles.js';
import { labelLang } from '../app/i18n';
import { shanghai } from './shanghai-time';

/** Tag colours per unit kind, so a kind looks the same in the tree, tables and pickers. */
export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  district: 'red',
  town: 'orange',
  community: 'green',
  grid: 'cyan',
  department: 'blue',
  service_centre: 'purple',
  court: 'geekblue',
  discipline: 'volcano',
};

/**
 * Labels from the common label tables (roles, unit kinds, field and error messages) in the current
 * UI language, plus date formatting.
 */
export function useLabels() {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return {
    lang,
    role: (role: Role) => ROLE_LABELS[role]?.[lang] ?? role,
    unitKind: (kind: UnitKind) => UNIT_KIND_LABELS[kind]?.[lang] ?? kind,
    field: (key: FieldMessageKey) => FIELD_MESSAGES[key][lang],
    error: (code: ErrorCode) => ERROR_CODES[code][lang],
    // Times in China Standard Time, as on every paper of the case, whatever the browser's zone.
    dateTime: (iso: string | null | undefined) => (iso ? shanghai(iso).format('YYYY-MM-DD HH:mm') : null),
  };
}
