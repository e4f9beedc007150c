import { describe, expect, it } from 'vitest';
import { exercises } from '../../src/curriculum.ts';
import { decideExit } from '../../src/workbook/cli/exit-code.ts';
import type { ExerciseReport, Status } from '../../src/workbook/grading/status.ts';

const as = (...statuses: Status[]): ExerciseReport[] => statuses.map((status, i) => ({ exercise: exercises[i]!, status, passed: 0, total: 1 }));

describe('the exit code of npm test', () => {
  it('is 0 when everything selected was graded, whatever the grades, without --strict', () => {
    expect(decideExit(as('solved', 'failing', 'not started', 'does not type-check', 'timeout'), { strict: false })).toEqual({ code: 0 });
  });

  it('is never 0 when something selected was not graded, or nothing was', () => {
    expect(decideExit(as('solved', 'not graded'), { strict: false })).toEqual({ code: 1, reason: '1 of 2 selected exercises was not graded: invoice-detail (not graded).' });
    expect(decideExit(as('file missing'), { strict: false }).code).toBe(1);
    expect(decideExit([], { strict: false }).code).toBe(1);
  });

  it('with --strict is 0 only when every selected exercise is graded and solved', () => {
    expect(decideExit(as('solved', 'solved'), { strict: true })).toEqual({ code: 0 });
    expect(decideExit(as('solved', 'does not type-check'), { strict: true })).toEqual({
      code: 1,
      reason: '--strict: 1 of 2 selected exercises is not solved: invoice-detail (does not type-check).',
    });
    expect(decideExit(as('solved', 'solved'), { strict: true, typecheckFailed: 'tsc exited with 3' }).code).toBe(1);
  });

  it('keeps the reason to one line when many are unsolved', () => {
    const { reason } = decideExit(as(...Array<Status>(21).fill('not started')), { strict: true });
    expect(reason).toMatch(/greet \(not started\), invoice-detail \(not started\), router \(not started\), hono-urlconf \(not started\) and 17 more\.$/);
  });
});
