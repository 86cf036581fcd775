import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { can, scopeRoots } from './policy.js';

const actor = (grants: Actor['grants']): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  unitId: 'x',
  via: 'session',
  mustChangePassword: false,
  grants,
});

describe('can', () => {
  const townAdmin = actor([{ role: 'system_admin', unitId: 't', unitPath: 'd.t' }]);
  it('grants inside the subtree and refuses outside and on siblings with a common prefix', () => {
    expect(can(townAdmin, 'org.manage', { unitPath: 'd.t' })).toBe(true);
    expect(can(townAdmin, 'org.manage', { unitPath: 'd.t.c.g' })).toBe(true);
    expect(can(townAdmin, 'org.manage', { unitPath: 'd' })).toBe(false);
    expect(can(townAdmin, 'org.manage', { unitPath: 'd.t2' })).toBe(false);
  });
  it('follows the role: a grid worker reads units but manages nothing', () => {
    const grid = actor([{ role: 'grid_worker', unitId: 'g', unitPath: 'd.t.c.g' }]);
    expect(can(grid, 'org.read', { unitPath: 'd.t.c.g' })).toBe(true);
    expect(can(grid, 'user.read')).toBe(false);
    expect(can(grid, 'org.manage')).toBe(false);
  });
  it('collapses nested scope roots', () => {
    const a = actor([
      { role: 'petition_clerk', unitId: 't', unitPath: 'd.t' },
      { role: 'leader', unitId: 'd', unitPath: 'd' },
      { role: 'petition_clerk', unitId: 't', unitPath: 'd.t' },
    ]);
    expect(scopeRoots(a, 'org.read')).toEqual(['d']);
    expect(scopeRoots(a, 'audit.read')).toEqual(['d']);
  });
});
