import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * A PostgreSQL 15 cluster of the benchmark's own, started the way scripts/with-postgres.sh does
 * (C.UTF-8 so pg_trgm works on Chinese, as the postgres user when running as root, loopback only),
 * but kept in a directory of its own so `--keep` can reuse a loaded database, and with settings for
 * this 2-core / 24 GB machine. Durability stays on: fsync and synchronous_commit are not relaxed for
 * the measured runs.
 */

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: '8GB',
  effective_cache_size: '16GB',
  work_mem: '16MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  checkpoint_completion_target: '0.9',
  wal_buffers: '64MB',
  random_page_cost: '1.1',
  effective_io_concurrency: '200',
  max_connections: '100',
  max_parallel_maintenance_workers: '2',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'top',
  listen_addresses: '127.0.0.1',
};

export interface Cluster {
  dir: string;
  port: number;
  url: (db: string, options?: string) => string;
  /** The same database through the cluster's Unix socket (no TCP stack on the way). */
  socketUrl: (db: string) => string;
  stop: () => void;
  version: string;
}

const asPostgres = () => process.getuid?.() === 0;

function run(cmd: string, args: string[], opts: { allowFail?: boolean } = {}): string {
  const full = asPostgres() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0] as string, full[1] as string[], { encoding: 'utf8' });
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
  return `${r.stdout}${r.stderr}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Creates (fresh) or reuses (keep) the cluster in `dir`, starts it and returns how to reach it. */
export async function startCluster(dir: string, opts: { fresh: boolean }): Promise<Cluster> {
  if (!fs.existsSync(path.join(PGBIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 not found in ${PGBIN} (apt-get install postgresql, or set PGBIN)`);
  }
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  if (opts.fresh) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(sock, { recursive: true });
    if (asPostgres()) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    run(path.join(PGBIN, 'initdb'), [
      '-D',
      data,
      '--locale=C.UTF-8',
      '--encoding=UTF8',
      '-A',
      'trust',
      '-U',
      'postgres',
    ]);
  } else if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    throw new Error(`--keep: no cluster in ${dir}; run once without --keep`);
  }
  // A cluster left running by an interrupted run is stopped first.
  run(path.join(PGBIN, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop'], { allowFail: true });
  const port = await freePort();
  const settings = Object.entries(PG_SETTINGS)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  run(path.join(PGBIN, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-t',
    '120',
    '-o',
    `-p ${port} -k ${sock} ${settings}`,
    'start',
  ]);
  const stop = () => {
    run(path.join(PGBIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { allowFail: true });
  };
  try {
    if (opts.fresh) {
      run(path.join(PGBIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'laiban']);
    }
    const version = /(\d+\.\d+)/.exec(run(path.join(PGBIN, 'postgres'), ['--version']))?.[1] ?? '';
    return {
      dir,
      port,
      version,
      url: (db, options) =>
        `postgres://postgres@127.0.0.1:${port}/${db}${options ? `?options=${encodeURIComponent(options)}` : ''}`,
      socketUrl: (db) => `postgresql://postgres@/${db}?host=${encodeURIComponent(sock)}&port=${port}`,
      stop,
    };
  } catch (err) {
    stop();
    throw err;
  }
}
