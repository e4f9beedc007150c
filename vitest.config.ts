/**
 * One config, three audiences, chosen by WORKBOOK_TARGET:
 *   (unset)    the learner: graders run against exercises/
 *   solutions  graders against the reference solutions
 *   verify     one project per expectation: solutions on the declared
 *              engine and on PGlite, the untouched starters, and every
 *              known-wrong variant (see src/workbook/vitest-projects.ts)
 */
import { defineConfig } from 'vitest/config';
import { projectsFor } from './src/workbook/vitest-projects.ts';

export default defineConfig({
  test: {
    projects: projectsFor(process.env.WORKBOOK_TARGET ?? 'exercises'),
  },
});
