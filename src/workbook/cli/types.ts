/**
 * The type check as the CLI needs it: never throws, so a grade is never
 * lost because tsc could not run; `failed` says why instead, and the
 * caller tells the learner that "solved" then means only that tests pass.
 */
import type { Exercise } from '../../curriculum.ts';
import { TscFailed, typecheckExercises, type TypeCheckResult } from '../grading/typecheck.ts';

export interface TypeCheckOutcome {
  results: Map<string, TypeCheckResult>;
  /** Why tsc could not judge the exercises. */
  failed?: string;
  /** Wall time of the check, when it ran. */
  ms?: number;
}

export async function checkTypes(list: readonly Exercise[]): Promise<TypeCheckOutcome> {
  if (list.length === 0) return { results: new Map() };
  const started = performance.now();
  try {
    const results = await typecheckExercises(list);
    return { results, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof TscFailed)) throw error;
    return { results: new Map(), failed: error.message };
  }
}
