/**
 * What type-checking adds to a re-grade: the grading CLI's own
 * typecheckExercises() on one exercise (its reference solution, so the
 * check passes and the figure is the cost of a clean file), timed from the
 * call to its answer.
 */
import { performance } from 'node:perf_hooks';
import { exercises } from '../../curriculum.ts';
import { typecheckExercises } from '../../workbook/grading/typecheck.ts';
import { root } from './grading.ts';

export async function typecheckTiming(name: string, count: number): Promise<number[]> {
  const exercise = exercises.find((e) => e.name === name);
  if (!exercise) throw new Error(`bench: no exercise named ${name} in src/curriculum.ts`);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const result = (await typecheckExercises([exercise], { root, dir: 'solutions' })).get(name);
    samples.push(performance.now() - t0);
    if (!result?.ok) throw new Error(`bench: the reference ${name} does not type-check: ${result?.problems[0]?.message ?? 'no result'}`);
  }
  return samples;
}
