/**
 * The graders are honest: one vitest run with a project per expectation
 * (see src/workbook/vitest-projects.ts), judged file by file.
 *   snippets          the guide's own TypeScript samples pass
 *   runtime           the workbook's own unit tests pass
 *   solutions         every reference passes on its declared engine
 *   solutions@pglite  every database exercise also passes on real Postgres
 *   starters          every untouched starter fails
 *   wrong:<x>         every known-wrong variant fails
 */
import { exercises as allExercises, findExercises, paths } from '../../curriculum.ts';
import { runVitest, type ModuleResult } from '../../workbook/grading/run-vitest.ts';
import { wrongVariants } from '../../workbook/variants.ts';
import type { Report } from '../report.ts';
import { seconds } from '../run.ts';
import { buildRuntimeSite } from '../runtime-site.ts';
import { cliReferenceNames } from '../cli-names.ts';

const failures = (m: ModuleResult) => m.moduleErrors.length + m.tests.filter((t) => t.state === 'failed').length;

function firstProblem(m: ModuleResult): string {
  const moduleError = m.moduleErrors[0];
  if (moduleError) return moduleError.message;
  const failed = m.tests.find((t) => t.state === 'failed');
  return failed ? `${failed.name}: ${failed.failure?.message ?? ''}` : 'no tests ran';
}

export async function checkGraders(report: Report) {
  const started = Date.now();
  // VERIFY_CHAPTER=<chapter or exercise> narrows the stage while a chapter
  // is being written; CI never sets it.
  const only = process.env.VERIFY_CHAPTER;
  const exercises = only ? findExercises(only) : allExercises;
  const files = only ? [...exercises.map(paths.grader), `test/snippets/${exercises[0]?.chapter ?? only}`] : undefined;
  if (only) report.add(`VERIFY_CHAPTER=${only} selects exercises`, exercises.length > 0, exercises.map((e) => e.name).join(', ') || 'none');
  // The runtime tests that read a built site share one build (runtime-site.ts); a narrowed run has no runtime tests.
  const site = only ? undefined : await buildRuntimeSite();
  if (site) report.add('one site build for the runtime tests that read it', !site.problem, site.problem ?? seconds(site.ms));
  let run: Awaited<ReturnType<typeof runVitest>>;
  try {
    run = await runVitest({ target: 'verify', files, env: site?.env });
  } finally {
    site?.remove();
  }
  if (run.crash) {
    report.add('vitest ran', false, run.crash);
    return;
  }
  const find = (project: string, file: string) => run.modules.find((m) => m.project === project && m.file === file);

  const expectPass = (label: string, project: string, file: string) => {
    const m = find(project, file);
    const ok = !!m && failures(m) === 0 && m.tests.length > 0;
    report.add(label, ok, ok ? `${m!.tests.length} tests` : m ? firstProblem(m) : 'not run (timed out or missing)');
  };
  const expectFail = (label: string, project: string, file: string) => {
    const m = find(project, file);
    const ok = !!m && failures(m) > 0;
    report.add(label, ok, ok ? `${failures(m!)} of ${m!.tests.length} tests fail` : m ? 'every test passed: the grader cannot tell' : 'not run');
  };

  for (const m of run.modules.filter((m) => m.project === 'snippets' || m.project === 'runtime')) expectPass(`${m.project}: ${m.file}`, m.project, m.file);
  for (const e of exercises) {
    const grader = paths.grader(e);
    expectPass(`${e.name}: reference passes on ${e.engine ?? 'no database'}`, 'solutions', grader);
    // The runner stage compares the browser's test names with these.
    const reference = find('solutions', grader);
    if (reference) cliReferenceNames.set(e.name, reference.tests.map((t) => t.name));
    if (e.engine) expectPass(`${e.name}: reference passes on PGlite (real Postgres)`, 'solutions@pglite', grader);
    expectFail(`${e.name}: untouched starter fails`, 'starters', grader);
    for (const v of wrongVariants(e)) expectFail(`${e.name}: fails the wrong variant "${v.name}"`, `wrong:${e.name}.${v.name}`, grader);
  }
  for (const t of run.timedOut) report.add(`${t.project} ${t.file} finished`, false, [t.reason ?? 'stopped', t.detail].filter(Boolean).join(': '));
  console.log(`  (graders ran in ${seconds(Date.now() - started)})`);
}
