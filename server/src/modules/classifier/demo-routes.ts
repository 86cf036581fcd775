import type { Conn } from '../../db/database.js';
import { upsertRoute } from './classifier.repository.js';

/**
 * The demo district's routing table (category → usual handling unit), keyed by demo unit keys.
 * Categories without a matching department in the demo (health, education, environment) have no
 * route: the suggestion then names only the category.
 */
export const DEMO_CATEGORY_ROUTES: [string, string][] = [
  ['01', 'zjw'],
  ['02', 'zjw'],
  ['05', 'rsj'],
  ['09', 'mzj'],
  ['11', 'glj'],
  ['12', 'jjfw'],
  ['13', 'jjfw'],
  ['14', 'cgw'],
  ['15', 'zfw'],
  ['16', 'jw'],
  ['19', 'mzj'],
  ['20', 'tjzx'],
];

export async function seedDemoCategoryRoutes(conn: Conn, unitIds: Map<string, string>): Promise<void> {
  const district = unitIds.get('district');
  if (!district) return;
  for (const [code, key] of DEMO_CATEGORY_ROUTES) {
    const unit = unitIds.get(key);
    if (unit) await upsertRoute(conn, district, code, unit);
  }
}
