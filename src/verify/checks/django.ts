/**
 * Every Django snippet is executed by real Django, not just compiled: see
 * test/django/. `manage.py check` alone lets field typos and APIs the
 * pinned Django lacks through; running the views does not.
 *
 * Django, Python and everything else Python come from the project
 * virtualenv (.venv/, pinned by test/django/requirements.txt); the database
 * is a throwaway PostgreSQL cluster on a unix socket, started for this stage
 * and always stopped (src/lib-dev/postgres.ts). Each part prints its time.
 * The manage.py commands run against it are the list MANAGE_STEPS below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareExecutedWith, differsOnlyByMachine, executedWith, EXECUTED_WITH_FILE, formatExecutedWith, writeExecutedWith } from '../../lib-dev/executed-with.ts';
import { createDatabase, findPostgres, withPostgres, type LocalPostgres } from '../../lib-dev/postgres.ts';
import { projectPython, ROOT, SETUP, type PythonSide } from '../../lib-dev/python.ts';
import type { Report } from '../report.ts';
import { run, seconds, tail, type Ran } from '../run.ts';

const MANAGE = 'test/django/manage.py';

/** One `manage.py` command run against the stage's cluster, reported as one line with its time. */
export interface ManageStep {
  /** What the report line says when it passes. */
  name: string;
  /** manage.py arguments. */
  args: string[];
  /** Decides from the command's exit code and output; default: exit code 0. Returns a note for the line. */
  judge?(ran: Ran): { ok: boolean; note?: string };
}

export const MANAGE_STEPS: ManageStep[] = [
  {
    name: 'Django test suite executes the snippets (test database migrated, every test run)',
    args: ['test', 'tests', 'billing', '--noinput', '-v', '1'],
    judge(ran) {
      const tests = /Ran (\d+) tests?/.exec(ran.output)?.[1] ?? '0';
      return { ok: ran.code === 0 && Number(tests) > 0, note: `${tests} tests` };
    },
  },
  {
    // The schema every grader, sqlgen and the capstone load is Django's own
    // DDL, committed; a model or migration change without regenerating it
    // fails here, naming the app.
    name: 'committed schema (test/fixtures/schema/) is what the migrations create',
    args: ['workbook_schema', '--check'],
    judge: (ran) => ({ ok: ran.code === 0, note: ran.code === 0 ? 'billing, expenses, sessions' : undefined }),
  },
];

function pySnippets(): string[] {
  return readdirSync(join(ROOT, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py')).sort();
}

/**
 * What the stage needs and lacks, as one line naming the command that
 * installs it (null when everything is there).
 */
export function missingForDjango(side: PythonSide | { missing: string }, postgres: { bin: string } | { missing: string }): string | null {
  const lacking = ['missing' in side ? side.missing : null, 'missing' in postgres ? postgres.missing : null].filter((m): m is string => m !== null);
  if (lacking.length === 0) return null;
  if (lacking.length === 1) return lacking[0]!;
  return `no project virtualenv and no PostgreSQL server: run \`${SETUP}\` (installs postgresql and creates .venv from test/django/requirements.txt)`;
}

export async function checkDjango(report: Report, steps: readonly ManageStep[] = MANAGE_STEPS) {
  const side = projectPython();
  const missing = missingForDjango(side, findPostgres());
  if (missing || 'missing' in side) {
    report.add(missing ?? 'project virtualenv', false);
    return;
  }
  const snippets = pySnippets();
  if (snippets.length === 0) {
    report.add('Django snippets exist under content/', false, 'no .py files found under content/');
    return;
  }
  const compiled = await run(side.python, ['-m', 'py_compile', ...snippets.map((f) => join('content', f))], { cwd: ROOT });
  report.add(
    `${snippets.length} Django snippet files compile (Django ${side.django}, Python ${side.pythonVersion}, .venv)`,
    compiled.code === 0,
    compiled.code === 0 ? undefined : tail(compiled.output),
  );

  const testsDir = join(ROOT, 'test/django/tests');
  const tests = readdirSync(testsDir).filter((f) => f.endsWith('.py')).map((f) => readFileSync(join(testsDir, f), 'utf8')).join('\n');
  const unrun = snippets.filter((f) => !tests.includes(`load_snippet("${f}")`) && !tests.includes(`load_snippet('${f}')`));
  report.add('every Django snippet is loaded and run by a test in test/django/tests', unrun.length === 0, unrun.map((f) => `content/${f} is never load_snippet()-ed`).join('\n') || undefined);

  let allPassed = true;
  let postgresMajor = '';
  try {
    await withPostgres(
      async (pg: LocalPostgres) => {
        postgresMajor = pg.major;
        // An empty `djcheck` (settings' NAME) for steps that work on a database rather than a test database.
        await createDatabase(pg, 'djcheck');
        for (const step of steps) {
          const ran = await run(side.python, [MANAGE, ...step.args], { cwd: ROOT, env: { ...pg.env, PYTHONDONTWRITEBYTECODE: '1' } });
          const { ok, note } = step.judge ? step.judge(ran) : { ok: ran.code === 0 };
          allPassed &&= ok;
          const detail = [note, seconds(ran.ms)].filter(Boolean).join(', ');
          report.add(step.name, ok, ok ? detail : `${detail}: manage.py ${step.args.join(' ')}\n${tail(ran.output, 40)}`);
        }
      },
      { name: 'djts-verify-pg' },
      {
        started: (ms, pg) => report.add(`throwaway PostgreSQL ${pg.major} cluster started on a unix socket`, true, seconds(ms)),
        stopped: (ms) => report.add('cluster stopped and its data dir removed', true, seconds(ms)),
      },
    );
  } catch (error) {
    report.add('throwaway PostgreSQL cluster for the Django tests', false, (error as Error).message);
    return;
  }

  const versions = executedWith({ django: side.django, pythonVersion: side.pythonVersion, postgresMajor });
  if (process.env.VERIFY_WRITE_VERSIONS === '1') {
    // Only versions the snippets really passed on may be shown on the site.
    if (allPassed) writeExecutedWith(versions, ROOT);
    report.add(`${EXECUTED_WITH_FILE} written: ${formatExecutedWith(versions)}`, allPassed, allPassed ? undefined : 'not written: a Django step failed on these versions');
    return;
  }
  const differs = compareExecutedWith(versions, ROOT);
  const name = `${EXECUTED_WITH_FILE} states this run's versions (${formatExecutedWith(versions)})`;
  if (differs !== null && allPassed && differsOnlyByMachine(versions, ROOT)) {
    // Same pinned Django, another Python/PostgreSQL/Node: the site this
    // verify builds next says what really ran; committing it is a choice.
    writeExecutedWith(versions, ROOT);
    report.add(name, true, `${differs.replace(/: run `.*`$/, '')}; rewritten for this run (commit it to publish these versions)`);
    return;
  }
  report.add(name, differs === null, differs ?? undefined);
}
