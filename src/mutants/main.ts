/**
 * `npm run mutants [exercise|chapter …] [--concurrency N]` — mutation
 * testing of the graders. For each selected exercise, StrykerJS mutates the
 * reference solution and runs only that exercise's grader against every
 * mutant; a mutant the grader does not notice is a mistake a learner could
 * make and still get a green tick. Writes test/<chapter>/mutants/<name>.json
 * (commit it: verify checks it is current), prints a table per exercise and
 * `mutation score: N%`, and exits 1 when any exercise scores below 90%.
 * How it works and how to read a report: src/mutants/README.md.
 */
import { availableParallelism, loadavg } from 'node:os';
import { findExercises, paths, type Exercise } from '../curriculum.ts';
import { bold, red } from '../workbook/cli/style.ts';
import { fingerprint } from './inputs.ts';
import { buildReport, readReport, reportPath, writeReport, type MutationReport } from './report.ts';
import { runStryker, stopStryker, strykerVersion } from './run-stryker.ts';
import { filesToMutate } from './stryker-options.ts';
import { exerciseTable, summary, TARGET } from './table.ts';
import { findChecker } from './typescript-checker.ts';
import { createWorkspace } from './workspace.ts';

const USAGE = 'Usage: npm run mutants [exercise|chapter …] [--concurrency N]';

function parseArgs(argv: string[]): { exercises: Exercise[]; concurrency: number } | { problem: string } {
  let concurrency = 2;
  const queries: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--concurrency') {
      concurrency = Number(argv[++i]);
      if (!Number.isInteger(concurrency) || concurrency < 1) return { problem: `--concurrency needs a whole number of workers.\n${USAGE}` };
    } else if (arg.startsWith('-')) return { problem: `Unknown option ${arg}.\n${USAGE}` };
    else queries.push(arg);
  }
  if (queries.length === 0) return { exercises: findExercises(undefined), concurrency };
  const chosen = new Set<Exercise>();
  for (const query of queries) {
    const found = findExercises(query);
    if (found.length === 0) return { problem: `No chapter or exercise matches "${query}".\n${USAGE}` };
    found.forEach((e) => chosen.add(e));
  }
  return { exercises: findExercises(undefined).filter((e) => chosen.has(e)), concurrency };
}

const root = process.cwd();
const args = parseArgs(process.argv.slice(2));
if ('problem' in args) {
  console.error(args.problem);
  process.exit(2);
}
const checker = findChecker(root);
if ('problem' in checker) {
  console.error(checker.problem);
  process.exit(2);
}

// An interrupt stops Stryker and lets the loop remove the copy once Stryker
// has let go of it. The same Ctrl-C can arrive twice within milliseconds
// (from the terminal and relayed by tsx); only a second one a moment later
// means "give up waiting" (the next run then removes the copy: workspace.ts).
let interrupted: { signal: NodeJS.Signals; at: number } | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) {
      if (Date.now() - interrupted.at > 1_000) process.exit(130);
      return;
    }
    interrupted = { signal, at: Date.now() };
    console.error(`\n${signal}: stopping Stryker and removing its temporary copy (the working tree is never mutated)…`);
    stopStryker();
  });
}

const reports: MutationReport[] = [];
const failures: string[] = [];
for (const exercise of args.exercises) {
  if (interrupted) break;
  console.log(`\n${bold(exercise.name)} — mutating ${paths.solution(exercise)}, graded by ${paths.grader(exercise)}`);
  const started = Date.now();
  const workspace = createWorkspace(root);
  try {
    // Fingerprint the copy: it is exactly what Stryker tests, even if the working tree changes meanwhile.
    const print = fingerprint({ grader: paths.grader(exercise), reference: paths.solution(exercise), engine: exercise.engine }, workspace.dir);
    const mutate = filesToMutate(exercise, Object.keys(print.inputs));
    const result = await runStryker(exercise, mutate, workspace.dir, {
      concurrency: args.concurrency,
      checkerPlugin: checker.plugin,
      interactive: Boolean(process.stdout.isTTY),
    });
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const report = buildReport(exercise.name, print, result, {
      stryker: strykerVersion,
      typescriptChecker: checker.typescript,
      concurrency: args.concurrency,
      seconds,
      secondsPerMutant: 0,
      load: `load ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`,
    }, previousReport(exercise));
    report.measured.secondsPerMutant = report.counts.total ? Math.round((seconds / report.counts.total) * 100) / 100 : 0;
    writeReport(root, exercise, report);
    reports.push(report);
    console.log(`\n${exerciseTable(report)}\n  → ${reportPath(exercise)}`);
  } catch (error) {
    if (interrupted) break;
    failures.push(`${exercise.name}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(red(failures.at(-1)!));
  } finally {
    workspace.remove();
  }
}

/** The committed report's reasons for equivalent mutants carry over; an unreadable one is simply replaced. */
function previousReport(exercise: Exercise): MutationReport | undefined {
  try {
    return readReport(root, exercise);
  } catch {
    return undefined;
  }
}

if (interrupted) {
  console.error(`stopped by ${interrupted.signal}; reports written before it are kept.`);
  process.exit(130);
}

const { text, score } = summary(reports);
if (reports.length > 1) console.log(`\n${text}`);
const below = reports.filter((r) => r.score < TARGET).map((r) => `${r.exercise} (${r.score}%)`);
for (const failure of failures) console.error(red(failure));
if (below.length) console.error(red(`below ${TARGET}%: ${below.join(', ')}`));
console.log(`\nmutation score: ${reports.length ? `${score}%` : 'none measured'}`);
process.exitCode = failures.length || below.length ? 1 : 0;
