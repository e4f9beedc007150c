/**
 * The vitest config StrykerJS runs: the graders' own "solutions" project
 * (same aliases, timeouts, pool and environment as `npm test` against the
 * references), narrowed to the one grader named by MUTANTS_GRADER.
 *
 * Narrowing here rather than with Stryker's `testFiles` option matters:
 * with `testFiles`, mutants that run while a module loads ("static"
 * mutants) silently survive (stryker-js #6144).
 */
import { defineConfig } from 'vitest/config';
import { projectsFor } from '../workbook/vitest-projects.ts';

const grader = process.env.MUTANTS_GRADER;
if (!grader) throw new Error('MUTANTS_GRADER must name the one grader to run, e.g. test/01-shape-of-a-service/greet.test.ts');

export default defineConfig({
  test: {
    projects: projectsFor('solutions').map((project) => ({ ...project, test: { ...project.test, include: [grader] } })),
  },
});
