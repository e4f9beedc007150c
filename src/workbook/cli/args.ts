/**
 * `npm test -- [chapter|exercise …] [--db=pg-mem|pglite] [--strict]`
 *
 * npm keeps options written before `--` for itself: `npm test --strict`
 * reaches us only as npm_config_strict=true, `npm test --db=pglite` as
 * npm_config_db=pglite. Ignoring them would let a CI job that forgot the
 * `--` pass with nothing enforced, so they are read too, with a note that
 * says how to write them.
 */
import { Engine } from '../../curriculum.ts';

export interface GradeArgs {
  /** Exercise names, chapter numbers or slugs; empty means every exercise. */
  queries: string[];
  db?: Engine;
  strict: boolean;
  /** Things worth saying once before grading (options recovered from npm's environment). */
  notes: string[];
}

/** A mistake on the command line: one line for the learner, never a stack. */
export class UsageError extends Error {}

const ENGINES = Engine.options.join(' or ');

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): GradeArgs {
  const args: GradeArgs = { queries: [], strict: false, notes: [] };
  let db: string | undefined;
  for (const arg of argv) {
    if (arg === '--strict') args.strict = true;
    else if (arg.startsWith('--db=')) db = arg.slice('--db='.length);
    else if (arg === '--db') throw new UsageError(`--db needs a value: --db=pg-mem or --db=pglite`);
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}. Options: --db=pg-mem, --db=pglite, --strict`);
    else args.queries.push(arg);
  }
  if (db !== undefined) args.db = engine(db, '--db');

  if (!args.strict && isTrue(env.npm_config_strict)) {
    args.strict = true;
    args.notes.push('npm kept --strict for itself; grading strictly anyway. Write it after --: npm test -- --strict');
  }
  const npmDb = env.npm_config_db;
  if (args.db === undefined && npmDb) {
    // `npm test --db pglite` (a space, not =) leaves npm_config_db=true and "pglite" as an exercise name.
    if (npmDb === 'true') throw new UsageError('npm kept --db for itself and lost its value. Write: npm test -- --db=pglite');
    args.db = engine(npmDb, '--db');
    args.notes.push(`npm kept --db=${npmDb} for itself; grading on ${npmDb} anyway. Write it after --: npm test -- --db=${npmDb}`);
  }
  args.db ??= engineFromEnvironment(env);
  return args;
}

/** WORKBOOK_DB, checked here so a typo is one line and not a ZodError from inside every grader (which would also count as a failed attempt). */
export function engineFromEnvironment(env: NodeJS.ProcessEnv = process.env): Engine | undefined {
  return env.WORKBOOK_DB ? engine(env.WORKBOOK_DB, 'WORKBOOK_DB') : undefined;
}

function engine(value: string, source: string): Engine {
  const parsed = Engine.safeParse(value);
  if (!parsed.success) throw new UsageError(`${source} must be ${ENGINES}, not "${value}".`);
  return parsed.data;
}

/** npm sets a flag given without a value to "true"; `--no-strict` gives "". */
const isTrue = (value: string | undefined) => value !== undefined && value !== '' && value !== 'false';
