/**
 * `checkProperty()`: a grader checks a rule against many generated inputs
 * (fast-check) instead of a handful of literals, and a failure tells the
 * learner which input broke it, in plain words, before any diff:
 *
 *   a malformed page is a 400: `page=1e1` was accepted; expected 400
 *
 * The seed is fixed, so every run (and every learner) sees the same inputs
 * and the same first counterexample; fast-check shrinks it to the simplest
 * input that still fails before it is shown.
 */
import fc from 'fast-check';

/** One seed for every grader: a failure is reproducible from the message alone. */
export const PROPERTY_SEED = 20_261_201;
/** Enough to meet every family of the shared arbitraries (boundaries.ts) a few times; 10–20 ms for a pure parser. */
export const DEFAULT_RUNS = 200;

/**
 * What a property body says about one input: nothing (or true) when the
 * rule holds; a sentence ("was accepted; expected 400") when it does not.
 * A body may also throw, e.g. with expect(): the assertion's own message
 * and diff follow the counterexample.
 */
export type Verdict = string | void | undefined | true;

export interface PropertyOptions<T> {
  /** How the input reads in the message, put in backticks (e.g. \`page=${t}\`); default showInput. */
  show?: (input: T) => string;
  numRuns?: number;
  /** Runs before every input (also while shrinking): e.g. clear `db.queries`. */
  before?: () => void | Promise<void>;
}

/** An input as a learner would type it: 1e1, or " 1" in quotes when whitespace, nothing or non-ASCII would hide in plain text. */
export function showInput(input: unknown): string {
  if (typeof input !== 'string') return fc.stringify(input);
  if (input !== '' && /^[\x21-\x7e]*$/.test(input)) return input;
  return JSON.stringify(input).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The error a failing property throws: the sentence first, the assertion's details kept for vitest's diff. */
export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
  constructor(
    message: string,
    readonly input: unknown,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    // vitest prints an expected/actual diff for errors that carry them.
    if (cause && typeof cause === 'object') {
      for (const key of ['actual', 'expected', 'showDiff'] as const) {
        if (key in cause) (this as any)[key] = (cause as any)[key];
      }
    }
  }
}

class Rejected extends Error {}

/**
 * Checks `body` on `numRuns` inputs drawn from `arbitrary` with the fixed
 * seed. Throws a PropertyFailure naming the shrunk counterexample:
 *   `${rule}: ${show(input)} ${sentence}` (or the thrown assertion's message).
 */
export async function checkProperty<T>(
  rule: string,
  arbitrary: fc.Arbitrary<T>,
  body: (input: T) => Verdict | Promise<Verdict>,
  options: PropertyOptions<T> = {},
): Promise<void> {
  const property = fc.asyncProperty(arbitrary, async (input) => {
    await options.before?.();
    const verdict = await body(input);
    if (typeof verdict === 'string') throw new Rejected(verdict);
  });
  const details = await fc.check(property, { seed: PROPERTY_SEED, numRuns: options.numRuns ?? DEFAULT_RUNS });
  if (!details.failed) return;
  if (!details.counterexample) throw new Error(`${rule}: ${details.interrupted ? 'interrupted' : 'fast-check gave up'} (seed ${PROPERTY_SEED})`);
  const [input] = details.counterexample;
  const shown = `\`${(options.show ?? showInput)(input)}\``;
  const error = details.errorInstance;
  const sentence = error instanceof Rejected ? error.message : `fails: ${error instanceof Error ? error.message : String(error)}`;
  throw new PropertyFailure(`${rule}: ${shown} ${sentence}`, input, error instanceof Rejected ? undefined : error);
}
