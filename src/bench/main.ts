/**
 * `npm run bench` — the product's own performance, printed as tables and
 * written to src/bench/results/loop.json. It never asserts: it measures.
 *
 *   grading  the full reference suite (WORKBOOK_TARGET=solutions, every
 *            grader) with the manifest's engines (pg-mem) and with
 *            WORKBOOK_DB=pglite (cold and warm template cache); the
 *            per-test database reset on each engine
 *   watch    save → result in watch mode for one exercise on each engine
 *            (invoice-detail on pg-mem; on PGlite, one exercise per vitest
 *            pool the manifest uses, worker threads and forked processes
 *            for graders that move the time zone, each with and without
 *            the watch-mode PGlite host), and the type-check of one
 *            exercise that a re-grade adds
 *   site     astro build time; per chapter page, eager JS and gzip
 *            transfer bytes; the largest page
 *   django   the same grader as a Django TestCase under manage.py test
 *            (SQLite, and PostgreSQL when it can start one) vs vitest
 *   runner   the browser runner in headless Chromium: click → first
 *            result on a cold cache (PGlite included) and a re-grade,
 *            median of 5 whatever --runs says (the issue's measure)
 *
 * Options: --only grading,watch,site,django,runner   --runs 3 (suite medians)
 * A partial run (--only) prints its tables but does not write loop.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exercises, paths, type Exercise } from '../curriculum.ts';
import { describeMachine, machine } from './lib/machine.ts';
import { findPostgres, startPostgres } from '../lib-dev/postgres.ts';
import { installSignalHandlers, stopAll } from '../lib-dev/procs.ts';
import { projectPython } from '../lib-dev/python.ts';
import { leftovers } from './lib/procs.ts';
import { bytes, heading, median, ms, range, ratio, table } from './lib/stats.ts';
import { djangoTest, graderChoice, vitestOne, type TimedRun } from './loop/django.ts';
import { PGLITE_CACHE, SAVE_PAUSE_MS, clearPgliteCache, referenceSuite, resetTiming, watchRegrade, type SuiteRun } from './loop/grading.ts';
import { typecheckTiming } from './loop/typecheck.ts';
import { siteBench, type SiteResult } from './loop/site.ts';
import { FIRST_RESULT_TARGET_MS, REGRADE_TARGET_MS, runnerBench } from './loop/runner.ts';
import { SITE_BUDGETS } from './loop/site-budgets.ts';

const root = resolve(import.meta.dirname, '../..');
const began = Date.now();
const { values: opts } = parseArgs({
  options: { only: { type: 'string' }, runs: { type: 'string', default: '3' } },
});
const ALL = ['grading', 'watch', 'site', 'django', 'runner'] as const;
const sections = new Set(opts.only ? opts.only.split(',').map((s) => s.trim()) : ALL);
for (const s of sections) if (!(ALL as readonly string[]).includes(s)) throw new Error(`--only: unknown section ${s} (${ALL.join(', ')})`);
const RUNS = Number(opts.runs);
const WATCH_SAVES = 5;
const RESETS = 100;
/**
 * One exercise per engine, each on the engine the manifest gives it, with
 * the targets of issue 11 (save → result, median). PGlite once per vitest
 * pool the manifest puts a PGlite grader in (src/workbook/vitest-projects.ts:
 * graders of exercises with `dates: true` run in forked processes, which
 * reach the PGlite host through its socket; the others in worker threads),
 * scoped-invoice where it is in that pool; each again without the
 * watch-mode PGlite host, to show what the host buys.
 */
type WatchTarget = { exercise: string; grader: string; solution: string; engine: string; note?: string; targetMs: number | null; env: Record<string, string> };
const byName = (name: string) => exercises.find((e) => e.name === name)!;
const poolOf = (e: Exercise) => (e.dates ? 'forks' : 'threads');
const POOL_NOTE = { threads: 'in a worker thread', forks: 'in a forked process (time zones)' } as const;
const watchTarget = (e: Exercise, engine: string, targetMs: number | null, note: string, env: Record<string, string> = {}): WatchTarget => ({
  exercise: e.name,
  grader: paths.grader(e),
  solution: paths.solution(e),
  engine,
  note,
  targetMs,
  env,
});
const pgliteGraders = exercises.filter((e) => e.engine === 'pglite');
const WATCH_TARGETS: WatchTarget[] = [watchTarget(byName('invoice-detail'), 'pg-mem', 500, POOL_NOTE[poolOf(byName('invoice-detail'))])];
const WATCH_UNCOVERED: (keyof typeof POOL_NOTE)[] = [];
for (const pool of ['threads', 'forks'] as const) {
  const inPool = pgliteGraders.filter((e) => poolOf(e) === pool);
  const e = inPool.find((x) => x.name === 'scoped-invoice') ?? inPool[0];
  if (!e) {
    WATCH_UNCOVERED.push(pool);
    continue;
  }
  WATCH_TARGETS.push(watchTarget(e, 'PGlite', 1000, POOL_NOTE[pool]));
  WATCH_TARGETS.push(watchTarget(e, 'PGlite', null, `${POOL_NOTE[pool]}, without the watch-mode PGlite host`, { WORKBOOK_PGLITE_HOST: 'off' }));
}
const TYPECHECKED = ['greet', 'scoped-invoice'];

installSignalHandlers();
const info = machine();
const pkg = (name: string) => {
  try {
    return spawnSync(process.execPath, ['-p', `require('${name}/package.json').version`], { cwd: root, encoding: 'utf8' }).stdout.trim();
  } catch {
    return '';
  }
};
const versions = { node: process.version, vitest: pkg('vitest'), 'pg-mem': pkg('pg-mem'), pglite: '', astro: pkg('astro'), lighthouse: pkg('lighthouse'), django: '', python: '', postgres: '' };
const skipped: { what: string; reason: string }[] = [];
const skip = (what: string, reason: string) => {
  skipped.push({ what, reason });
  console.log(`  skipped: ${what} — ${reason}`);
};

console.log(heading('npm run bench — grading loop, site weight, feedback loop vs Django'));
console.log(describeMachine(info));
console.log('Timings are wall-clock on this machine; other work on it shows up in them.');

const pgliteDeclared = exercises.filter((e) => e.engine === 'pglite').map((e) => e.name);
const results: Record<string, unknown> = {};
let failure: unknown;

try {
  // ── grading loop ───────────────────────────────────────────────────────
  if (sections.has('grading')) {
    console.log(heading(`Grading loop: the full reference suite (median of ${RUNS})`));
    const suites: { label: string; engine: string; cache: string; runs: SuiteRun[] }[] = [];
    const suite = async (label: string, engine: string, cache: string, env: Record<string, string>, before?: () => void) => {
      const runs: SuiteRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        before?.();
        runs.push(await referenceSuite(env));
        process.stdout.write(`  ${label}: run ${i + 1}/${RUNS} ${ms(runs.at(-1)!.ms)}\n`);
      }
      suites.push({ label, engine, cache, runs });
    };
    await suite('PGlite, cold cache', 'WORKBOOK_DB=pglite', `cold (${PGLITE_CACHE.replace(root + '/', '')} cleared before each run)`, { WORKBOOK_DB: 'pglite' }, clearPgliteCache);
    await suite('PGlite, warm cache', 'WORKBOOK_DB=pglite', 'warm (data-dir templates from the previous run)', { WORKBOOK_DB: 'pglite' });
    await suite(
      'manifest engines (pg-mem)',
      `manifest: pg-mem${pgliteDeclared.length ? `; PGlite only for ${pgliteDeclared.join(', ')}` : ''}`,
      'warm',
      {},
    );
    console.log('');
    console.log(
      table([
        ['suite', 'median', 'range', 'files', 'tests', 'failures'],
        ...suites.map((s) => {
          const times = s.runs.map((r) => r.ms);
          const [lo, hi] = range(times);
          return [s.label, ms(median(times)), `${ms(lo)} – ${ms(hi)}`, String(s.runs[0]!.files), String(s.runs[0]!.tests), String(Math.max(...s.runs.map((r) => r.failed)))];
        }),
      ]),
    );
    console.log('  (wall clock from spawning vitest to its exit, the grading CLI\'s own runner: src/workbook/grading/run-vitest.ts)');
    if (pgliteDeclared.length) console.log(`  manifest engines: pg-mem, except ${pgliteDeclared.join(', ')}, which the manifest grades on PGlite (warm cache)`);

    console.log(heading(`Per-test database reset (startEngine() directly, median of ${RESETS}, after one INSERT each)`));
    const resets = [await resetTiming('pg-mem', RESETS), await resetTiming('pglite', RESETS)];
    console.log(table([['engine', 'reset', 'median', 'p90'], ...resets.map((r) => [r.engine, r.what, ms(r.medianMs), ms(r.p90Ms)])]));
    results.grading = {
      suites: suites.map((s) => ({
        label: s.label,
        engine: s.engine,
        cache: s.cache,
        medianMs: Math.round(median(s.runs.map((r) => r.ms))),
        runsMs: s.runs.map((r) => Math.round(r.ms)),
        files: s.runs[0]!.files,
        tests: s.runs[0]!.tests,
        failures: Math.max(...s.runs.map((r) => r.failed)),
      })),
      reset: resets.map((r) => ({ ...r, medianMs: Number(r.medianMs.toFixed(4)), p90Ms: Number(r.p90Ms.toFixed(4)) })),
    };
  }

  // ── watch-mode re-grade and type-check ─────────────────────────────────
  if (sections.has('watch')) {
    console.log(heading(`One exercise re-graded in watch mode (median of ${WATCH_SAVES} saves)`));
    for (const pool of WATCH_UNCOVERED) skip(`watch re-grade of a PGlite grader ${POOL_NOTE[pool]}`, `no PGlite exercise in the manifest runs in ${pool}`);
    const rows: ((typeof WATCH_TARGETS)[number] & { run: Awaited<ReturnType<typeof watchRegrade>> })[] = [];
    for (const target of WATCH_TARGETS) {
      const run = await watchRegrade(target.grader, target.solution, WATCH_SAVES, target.env);
      rows.push({ ...target, run });
      process.stdout.write(`  ${target.exercise} (${target.engine}${target.note ? `, ${target.note}` : ''}): ${run.samplesMs.map((v) => Math.round(v)).join(' / ')} ms\n`);
    }
    console.log(heading(`Type-checking one exercise (typecheckExercises, reference solution, median of ${WATCH_SAVES})`));
    const checks: { exercise: string; samples: number[] }[] = [];
    for (const exercise of TYPECHECKED) {
      const samples = await typecheckTiming(exercise, WATCH_SAVES);
      checks.push({ exercise, samples });
      process.stdout.write(`  ${exercise}: ${samples.map((v) => Math.round(v)).join(' / ')} ms\n`);
    }
    const checkMedian = median(checks.map((c) => median(c.samples)));
    console.log('');
    console.log(
      table([
        ['exercise', 'engine', 'save → result (median)', 'target', 'save → vitest noticed', '+ type-check', 'vitest RSS idle / peak'],
        ...rows.map((r) => {
          const own = checks.find((c) => c.exercise === r.exercise);
          const memory = r.run.memory ? `${r.run.memory.idleRssMiB} / ${r.run.memory.peakRssMiB} MiB` : '–';
          return [r.exercise, r.note ? `${r.engine}, ${r.note}` : r.engine, ms(r.run.medianMs), r.targetMs ? `≤ ${ms(r.targetMs)}` : '', ms(median(r.run.noticedMs)), `+${ms(median(own?.samples ?? [checkMedian]))}`, memory];
        }),
      ]),
    );
    for (const c of checks) console.log(`  type-check adds ${ms(median(c.samples))} (${c.exercise}; one tsc run over the exercise's own files and what they import)`);
    console.log(
      "  (vitest watch with the workbook's event reporter on the reference solution; the file is touched and the clock stops at the run-end event;\n" +
        `  saves ${SAVE_PAUSE_MS / 1000} s apart, as a learner reads the result first; RSS of the whole vitest process, worker threads and PGlite host thread included,\n` +
        '  a forked test process not: without the host its PGlite lives there)',
    );
    results.watch = {
      regrade: rows.map((r) => ({
        exercise: r.exercise,
        engine: r.engine,
        note: r.note,
        targetMs: r.targetMs,
        medianMs: Math.round(r.run.medianMs),
        samplesMs: r.run.samplesMs.map(Math.round),
        noticedMedianMs: Math.round(median(r.run.noticedMs)),
        savePauseMs: SAVE_PAUSE_MS,
        memory: r.run.memory,
      })),
      typecheck: checks.map((c) => ({ exercise: c.exercise, medianMs: Math.round(median(c.samples)), samplesMs: c.samples.map(Math.round) })),
    };
  }

  // ── site ───────────────────────────────────────────────────────────────
  if (sections.has('site')) {
    console.log(heading('Site: astro build and page weight'));
    const site: SiteResult = await siteBench(RUNS);
    console.log(`  astro build: ${ms(site.buildMs)} (${site.pages} pages, into a temp outDir; one run)`);
    console.log('');
    const budgetJs = SITE_BUDGETS.ownEagerJsGzipBytes;
    const row = (p: SiteResult['largest'], label: string, own?: number) => [
      label,
      bytes(p.htmlBytes),
      `${bytes(p.eagerJsBytes)} (${p.eagerJsFiles} files)`,
      bytes(p.eagerJsGzipBytes),
      own === undefined ? '' : `${bytes(own)} ${own <= budgetJs ? '✔' : '✘'}`,
      bytes(p.transferGzipBytes),
    ];
    console.log(
      table([
        ['page', 'HTML', 'eager JS', 'eager JS (gzip)', `own JS (gzip) ≤ ${bytes(budgetJs)}`, 'transfer (gzip)'],
        ...site.chapters.map((p) => row(p, p.page, p.ownEagerJsGzipBytes)),
        row(site.starlight, 'plain Starlight page (baseline)'),
        row(site.largest, `largest page: ${site.largest.page}`),
      ]),
    );
    console.log(
      '  own JS = the page\'s eager JS (gzip, each script on its own) minus a plain Starlight page\'s of the same versions (src/bench/loop/starlight-baseline.ts).\n' +
      '  eager JS = inline <script>s + <script type=module src> + modulepreloads + their static import graph (dynamic import() chunks such as the search UI are lazy, not counted).\n' +
        '  transfer = HTML + stylesheets + eager JS + fonts/images the page or its CSS reference (an upper bound for fonts); text gzip -6, fonts/images raw.',
    );
    console.log('');
    const minScore = SITE_BUDGETS.lighthouseMobilePerformance;
    console.log(`  Lighthouse ${versions.lighthouse}, mobile (default throttling), median of ${site.lighthouseRuns}; Debian Chromium:`);
    console.log(
      table([
        ['page', `performance ≥ ${minScore}`, 'runs', 'accessibility', 'best practices', 'SEO'],
        ...site.lighthouse.map((l) => [l.page, `${l.median.performance} ${l.median.performance >= minScore ? '✔' : '✘'}`, l.performanceRuns.join(' '), String(l.median.accessibility), String(l.median['best-practices']), String(l.median.seo)]),
      ]),
    );
    results.site = { ...site, buildMs: Math.round(site.buildMs) };
  }

  // ── browser runner ─────────────────────────────────────────────────────
  if (sections.has('runner')) {
    const RUNNER_RUNS = 5;
    console.log(heading(`Browser runner: grading on the exercise page in headless Chromium (median of ${RUNNER_RUNS})`));
    const timings = await runnerBench(RUNNER_RUNS);
    console.log(
      table([
        ['exercise', `first result ≤ ${ms(FIRST_RESULT_TARGET_MS)} (cold cache)`, 'runs', `re-grade ≤ ${ms(REGRADE_TARGET_MS)}`, 'runs'],
        ...timings.map((t) => [
          `${t.exercise}${t.database ? ' (PGlite in the page)' : ''}`,
          `${ms(t.firstResultMs)} ${t.firstResultMs <= FIRST_RESULT_TARGET_MS ? '✔' : '✘'}`,
          t.firstResultRuns.map(ms).join(' '),
          `${ms(t.regradeMs)} ${t.regradeMs <= REGRADE_TARGET_MS ? '✔' : '✘'}`,
          t.regradeRuns.map(ms).join(' '),
        ]),
      ]),
    );
    console.log('  first result = from the click that opens the editor to the results panel, in a new browser context (empty HTTP cache): editor, worker, grader bundle and, for a database exercise, PGlite and its seeded snapshot all load after that click.');
    console.log('  re-grade = Grade clicked again on the same page, to the results panel.');
    results.runner = timings;
    // Its own file as well, so `--only runner` (the one section a runner change needs) records its figures.
    writeFileSync(join(root, 'src/bench/results/runner.json'), JSON.stringify({ date: new Date().toISOString(), machine: info, runs: RUNNER_RUNS, timings }, null, 2) + '\n');
    console.log('  wrote src/bench/results/runner.json');
  }

  // ── Django feedback loop ───────────────────────────────────────────────
  if (sections.has('django')) {
    const choice = graderChoice();
    const manifestEngine = exercises.find((e) => e.name === choice.exercise)?.engine ?? 'pg-mem';
    const otherEngine = manifestEngine === 'pglite' ? 'pg-mem' : 'pglite';
    console.log(heading(`Feedback loop: one grader in vitest vs its Django TestCase twin (median of ${RUNS})`));
    console.log(`  grader: ${choice.grader} — ${choice.note}; the manifest grades it on ${manifestEngine}`);
    console.log(`  Django twin: ${choice.twinFile} (same rows, same tests, same assertions)`);
    type Row = { runner: string; database: string; run: TimedRun[] | null; reason?: string };
    const rows: Row[] = [];
    const times = async (f: () => Promise<TimedRun>) => {
      const out: TimedRun[] = [];
      for (let i = 0; i < RUNS; i++) out.push(await f());
      return out;
    };
    const engineLabel = (e: string) => (e === 'pglite' ? 'PGlite (warm template cache)' : 'pg-mem');
    rows.push({ runner: 'vitest', database: `${engineLabel(manifestEngine)}, the manifest's engine`, run: await times(() => vitestOne(choice.grader)) });
    try {
      rows.push({ runner: 'vitest', database: `${engineLabel(otherEngine)}, forced (WORKBOOK_DB=${otherEngine})`, run: await times(() => vitestOne(choice.grader, { WORKBOOK_DB: otherEngine })) });
    } catch (error) {
      const reason = `${otherEngine} cannot grade ${choice.exercise}: ${(error as Error).message.split('\n')[0]}`;
      skip(`vitest on ${otherEngine}`, reason);
      rows.push({ runner: 'vitest', database: `${engineLabel(otherEngine)}, forced`, run: null, reason });
    }
    const pythonSide = projectPython();
    if ('missing' in pythonSide) {
      const reason = pythonSide.missing;
      skip('Django on SQLite', reason);
      skip('Django on PostgreSQL', reason);
      rows.push({ runner: 'manage.py test', database: 'SQLite (in memory)', run: null, reason }, { runner: 'manage.py test', database: 'PostgreSQL', run: null, reason });
    } else {
      [versions.django, versions.python] = [pythonSide.django, pythonSide.pythonVersion];
      rows.push({ runner: 'manage.py test', database: 'SQLite (in memory)', run: await times(() => djangoTest(choice.twinModule)) });
      const pgFound = findPostgres();
      const pgReason = 'missing' in pgFound ? pgFound.missing : null;
      if (pgReason) {
        skip('Django on PostgreSQL', pgReason);
        rows.push({ runner: 'manage.py test', database: 'PostgreSQL', run: null, reason: pgReason });
      } else {
        const pg = await startPostgres({ tcp: true, name: 'djts-bench-pg' });
        try {
          versions.postgres = pg.version;
          rows.push({ runner: 'manage.py test', database: `PostgreSQL ${pg.version.replace(/^.*\) /, '').split(' ')[0]} (local server, fsync=off)`, run: await times(() => djangoTest(choice.twinModule, pg)) });
        } finally {
          await pg.stop();
        }
      }
    }
    const base = median(rows[0]!.run!.map((r) => r.ms));
    console.log('');
    console.log(
      table([
        ['runner', 'database', 'wall (median)', 'tests alone', 'tests', `÷ vitest on ${manifestEngine}`],
        ...rows.map((r) => {
          if (!r.run) return [r.runner, r.database, 'skipped', '', '', ''];
          const wall = median(r.run.map((x) => x.ms));
          const inner = r.run[0]!.innerMs === undefined ? '–' : ms(median(r.run.map((x) => x.innerMs!)));
          return [r.runner, r.database, ms(wall), inner, String(r.run[0]!.tests), ratio(wall, base)];
        }),
      ]),
    );
    console.log(
      '  wall = from starting the command to its exit (what a developer waits for); "tests alone" = Django\'s own "Ran N tests in X s"\n' +
        '  (test database already created) and, for vitest, the grader file from its start to its result (its imports and database start-up included).\n' +
        '  Ratios above 1× mean the row is slower than vitest on the manifest\'s engine.',
    );
    results.django = {
      grader: choice.grader,
      graderNote: choice.note,
      manifestEngine,
      twin: choice.twinFile,
      rows: rows.map((r) => ({
        runner: r.runner,
        database: r.database,
        skipped: r.run ? undefined : r.reason,
        medianMs: r.run ? Math.round(median(r.run.map((x) => x.ms))) : null,
        runsMs: r.run?.map((x) => Math.round(x.ms)),
        innerMedianMs: r.run?.[0]?.innerMs === undefined ? undefined : Math.round(median(r.run.map((x) => x.innerMs!))),
        tests: r.run?.[0]?.tests,
        ratioToVitest: r.run ? Number((median(r.run.map((x) => x.ms)) / base).toFixed(3)) : null,
      })),
    };
  }
} catch (error) {
  failure = error;
} finally {
  await stopAll();
}

try {
  versions.pglite = JSON.parse(spawnSync('cat', [join(root, 'node_modules/@electric-sql/pglite/package.json')], { encoding: 'utf8' }).stdout).version;
} catch {
  // not installed
}
const seconds = Math.round((Date.now() - began) / 1000);
if (failure) {
  console.error(`\nbench failed: ${(failure as Error).stack ?? failure}`);
} else if (!opts.only) {
  const file = join(root, 'src/bench/results/loop.json');
  mkdirSync(dirname(file), { recursive: true });
  const command = `npm run bench${process.argv.slice(2).length ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
  writeFileSync(file, JSON.stringify({ command, date: new Date().toISOString(), tookSeconds: seconds, machine: info, versions, runs: RUNS, skipped, ...results }, null, 2) + '\n');
  console.log('\nwrote src/bench/results/loop.json');
} else {
  console.log('\n(--only: partial run, src/bench/results/loop.json left as it was)');
}
const left = leftovers(['djts-bench-']).filter((l) => !l.startsWith(`${process.pid} `));
if (left.length) console.error(`left behind:\n${left.join('\n')}`);
console.log(`bench took ${seconds} s`);
process.exit(failure ? 1 : 0);
