import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../lib/paths.js';

/**
 * `npm run eval:duplicates -- --sample` on the fixed sample written for CI: the evaluation script
 * runs wherever the tests run (the real data set may be absent), and fails below its floors.
 */
describe('npm run eval:duplicates -- --sample', () => {
  it('runs on the fixed sample and separates the same matters from the different ones', {
    timeout: 120_000,
  }, () => {
    const root = packageRoot();
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/tsx/dist/cli.mjs'),
        path.join(root, 'scripts/eval-duplicates.ts'),
        '--sample',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).not.toContain('below the floors');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('fixed sample');
    expect(r.stdout).toMatch(/\| 0\.30 \(chosen\) \| 100\.0 % \|/);
    expect(r.stdout).toMatch(/Keyword net .* reaches 7 of 7/);
  });
});
