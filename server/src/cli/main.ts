import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { sendReminders } from '../modules/appointments/use-cases/book.js';
import { sealAnchor, verifyAll } from '../modules/cases/case-events.js';
import { runSupervisionSweep, runWindowSweep } from '../modules/cases/timers.js';
import { trainModel } from '../modules/classifier/use-cases/train-model.js';
import { evaluationSettings, foldEvaluationPending } from '../modules/evaluation/evaluation.repository.js';
import { rebuildEvaluationSet } from '../modules/evaluation/rebuild-sql.js';
import { runHotIssueSweep } from '../modules/hot-issues/sweep.js';
import { reindexSearch } from '../modules/search/reindex.js';
import { createAdmin } from '../seed/create-admin.js';
import { demoAccountsTable, demoLoaded, seedDemo } from '../seed/demo.js';
import { openConfiguredDatabase, startServer } from '../server.js';

/** The `laiban` command: start, migrate, seed --demo, create-admin. */
function config() {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error('配置有误，无法启动 / Invalid configuration:');
      for (const p of err.problems) console.error(`  - ${p}`);
      process.exit(1);
    }
    throw err;
  }
}

const program = new Command('laiban').description('来办 Laiban — 信访与矛盾纠纷多元化解平台');

program
  .command('start')
  .description('Start the server (applies pending migrations first)')
  .action(async () => {
    const running = await startServer(config());
    console.log(`\n来办 Laiban is running: ${running.url}`);
    console.log(`API docs: ${running.url}/api/docs  (database: ${running.database.kind})`);
    if (await demoLoaded(running.database.db)) console.log(`\n${demoAccountsTable()}\n`);
    const shutdown = () => {
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const database = await openConfiguredDatabase(config());
    const applied = await migrate(database);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    await database.close();
  });

program
  .command('seed')
  .description('Load data')
  .option('--demo', 'the demo district of SCENARIOS.md, with one account per role')
  .action(async (opts: { demo?: boolean }) => {
    if (!opts.demo) {
      console.error('Nothing to seed: pass --demo');
      process.exit(2);
    }
    const database = await openConfiguredDatabase(config());
    await migrate(database);
    const { created } = await seedDemo(database.db);
    console.log(created ? 'Demo district loaded.' : 'Demo district already present; nothing changed.');
    console.log(demoAccountsTable());
    await database.close();
  });

program
  .command('create-admin')
  .description('Create a system administrator (and the root district on an empty installation)')
  .requiredOption('--username <name>', 'login name')
  .option('--password <password>', 'password (generated when omitted; must then be changed at first sign-in)')
  .option('--name <displayName>', 'display name')
  .option('--district <name>', 'name of the root district when the installation is empty')
  .action(async (opts: { username: string; password?: string; name?: string; district?: string }) => {
    const database = await openConfiguredDatabase(config());
    await migrate(database);
    try {
      const r = await createAdmin(database.db, {
        username: opts.username,
        password: opts.password,
        displayName: opts.name,
        district: opts.district,
      });
      console.log(`Administrator ${opts.username} created at ${r.districtName}.`);
      if (!opts.password) console.log(`Temporary password (shown once): ${r.password}`);
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

const audit = program.command('audit').description('The tamper-evident case record');

audit
  .command('verify')
  .description('Check every case hash chain and the anchor chain; name the first broken link')
  .action(async () => {
    const database = await openConfiguredDatabase(config());
    try {
      const r = await verifyAll(database.db);
      console.log(`Checked ${r.cases} cases, ${r.events} events, ${r.anchors} anchors.`);
      if (r.breaks.length === 0) {
        console.log('OK: every chain is intact. 审计链完整。');
      } else {
        console.error(`BROKEN: ${r.breaks.length} problem(s). 审计链被破坏：`);
        for (const b of r.breaks) {
          console.error(`  case ${b.caseNo ?? b.caseId} event #${b.seq}: ${b.problem}`);
        }
        process.exitCode = 1;
      }
    } finally {
      await database.close();
    }
  });

audit
  .command('seal')
  .description('Seal the chain heads of changed cases into the global anchor chain now')
  .action(async () => {
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    let total = 0;
    for (
      let n = await sealAnchor(database.db, cfg.auditHash);
      n > 0;
      n = await sealAnchor(database.db, cfg.auditHash)
    ) {
      total += n;
    }
    console.log(`Sealed ${total} case chain head(s).`);
    await database.close();
  });

program
  .command('timers')
  .description(
    'Run the supervision and review-window sweeps and the evaluation fold once (the server runs them on its own beat)',
  )
  .action(async () => {
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    const raised = await runSupervisionSweep(database.db, cfg);
    const closed = await runWindowSweep(database.db, cfg);
    const reminded = await sendReminders(database.db);
    let folded = 0;
    for (let n = 1; n > 0; folded += n) n = await foldEvaluationPending(database.db);
    console.log(
      `Supervision orders raised: ${raised}; cases closed after the review window: ${closed}; appointment reminders: ${reminded}; evaluation changes folded: ${folded}.`,
    );
    await database.close();
  });

program
  .command('evaluation-rebuild')
  .description(
    'Recompute the evaluation counters from every case (cases older than the counters, a moved unit)',
  )
  .action(async () => {
    const database = await openConfiguredDatabase(config());
    const { repeatWindowDays } = await evaluationSettings(database.db);
    await database.db.transaction().execute((trx) => rebuildEvaluationSet(trx, repeatWindowDays));
    console.log('Evaluation counters recomputed from every case.');
    await database.close();
  });

// --- category suggestion and hot issues ---
program
  .command('model')
  .description('The category-suggestion model (智能分拨)')
  .command('train')
  .description(
    "Retrain from the platform's own cases and clerks' corrections, store the result as a new version and activate it if it does no worse on held-out cases",
  )
  .option('--force', 'activate the new version even if it scores lower than the active one')
  .action(async (opts: { force?: boolean }) => {
    const database = await openConfiguredDatabase(config());
    try {
      await migrate(database);
      const r = await trainModel(database.db, { force: opts.force });
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      console.log(
        `Model ${r.version} trained on ${r.examples} cases (${r.corrections} corrected suggestions), starting from ${r.warmStartFrom}.`,
      );
      console.log(
        `Held-out cases: ${r.heldOut.n}; accuracy ${pct(r.heldOut.newAccuracy)} (was ${pct(r.heldOut.previousAccuracy)}), macro-F1 ${r.heldOut.newMacroF1.toFixed(3)} (was ${r.heldOut.previousMacroF1.toFixed(3)}).`,
      );
      console.log(
        r.activated
          ? `Version ${r.version} is now active.`
          : `Stored ${r.version} but kept the active model (it did better).`,
      );
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

program
  .command('hot-issues')
  .description('Hot issues (热点发现)')
  .command('sweep')
  .description(
    'Cluster open and recent cases now and raise alerts over the configured size (the server does it daily)',
  )
  .action(async () => {
    const database = await openConfiguredDatabase(config());
    try {
      const raised = await runHotIssueSweep(database.db, { force: true });
      console.log(`Hot-issue alerts raised: ${raised}.`);
    } finally {
      await database.close();
    }
  });
// --- end category suggestion and hot issues ---

// ── Search ──
program
  .command('search-reindex')
  .description(
    'Compute the search tokens of cases that have none (older cases, bulk loads); --all for every case',
  )
  .option('--all', 'every case (after a change of the user dictionary)')
  .action(async (opts: { all?: boolean }) => {
    const database = await openConfiguredDatabase(config());
    const n = await reindexSearch(database.db, {
      all: !!opts.all,
      onProgress: (done) => {
        if (done % 50_000 === 0) console.log(`  ${done} …`);
      },
    });
    console.log(`Search tokens written for ${n} cases.`);
    await database.close();
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
