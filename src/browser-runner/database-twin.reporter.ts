/**
 * Reporter for database-twin.vitest.config.ts: writes, to the file named by
 * DATABASE_TWIN_REPORT, each project's passed and failed test names (the
 * JSON reporter has no project names, and every project here runs the same
 * grader file). test/runtime/browser-database-twin.test.ts reads it.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export const REPORT_ENV = 'DATABASE_TWIN_REPORT';

export interface ProjectOutcome {
  passed: string[];
  failed: { name: string; message: string }[];
  /** The file failed outside any test (did not load, a hook threw). */
  errors: string[];
}

export default class DatabaseTwinReporter implements Reporter {
  private outcomes: Record<string, ProjectOutcome> = {};

  onTestModuleEnd(module: TestModule) {
    const outcome: ProjectOutcome = (this.outcomes[module.project.name] ??= { passed: [], failed: [], errors: [] });
    outcome.errors.push(...module.errors().map((e) => String(e.message)));
    for (const test of module.children.allTests()) {
      const result = test.result();
      if (result.state === 'passed') outcome.passed.push(test.fullName);
      if (result.state === 'failed') outcome.failed.push({ name: test.fullName, message: String(result.errors?.[0]?.message ?? '').slice(0, 300) });
    }
  }

  onTestRunEnd() {
    const file = process.env[REPORT_ENV];
    if (file) writeFileSync(file, JSON.stringify(this.outcomes, null, 1));
  }
}
