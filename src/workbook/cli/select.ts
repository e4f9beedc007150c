/**
 * Turns what the learner typed (`npm test -- greet router`, `npm run hint
 * GREET`, `npm test -- 08`) into exercises, or into one sentence that says
 * why nothing matched and what probably was meant. Every command selects
 * the same way: src/curriculum.ts's findExercises decides what a query
 * names; this module explains the misses.
 */
import { chapters, exercises, findChapter, findExercises, type Chapter, type Exercise } from '../../curriculum.ts';
import { closest } from './edit-distance.ts';

export type Selection = { exercises: Exercise[]; problem?: never } | { exercises?: never; problem: string };

/** Every exercise any of the queries names, each once, in manifest order. No query: all of them. */
export function selectExercises(queries: readonly string[]): Selection {
  if (queries.length === 0) return { exercises: [...exercises] };
  const chosen = new Set<Exercise>();
  const misses: string[] = [];
  for (const query of queries) {
    const found = findExercises(query);
    if (found.length === 0) misses.push(whyNothingMatches(query));
    for (const exercise of found) chosen.add(exercise);
  }
  // One unknown name among several is still a typo to fix: grading the rest would look like a complete run.
  if (misses.length > 0) return { problem: misses.join('\n') };
  return { exercises: exercises.filter((e) => chosen.has(e)) };
}

export type Pick = { exercise: Exercise; problem?: never } | { exercise?: never; problem: string };

/** The one exercise a command such as `npm run hint <exercise>` is about. */
export function pickOne(query: string | undefined, command: string): Pick {
  const usage = `Usage: npm run ${command} <exercise>`;
  if (!query) return { problem: `Which exercise? ${usage}\n\n${listing()}` };
  const found = findExercises(query);
  if (found.length === 1) return { exercise: found[0]! };
  if (found.length > 1) {
    return {
      problem: `"${query}" names ${found.length} exercises: ${found.map((e) => e.name).join(', ')}. Pick one, e.g. npm run ${command} ${found[0]!.name}`,
    };
  }
  return { problem: `${whyNothingMatches(query)}\n${usage}` };
}

/** One or two lines: a chapter without exercises, a chapter that does not exist, or the nearest names. */
export function whyNothingMatches(query: string): string {
  const chapter = findChapter(query);
  if (chapter) return `${chapterLabel(chapter)} has no exercises: ${chapter.status === 'planned' ? 'it is still being written' : 'it is a reading chapter'}. ${nearestWithExercises(chapter)}`;
  if (/^\d+$/.test(query)) return `There is no chapter ${query}: chapters go from 1 to ${chapters.length}.`;
  const candidates = [...exercises.map((e) => e.name), ...chapters.map((c) => c.slug.slice(3))];
  const near = closest(query, candidates);
  if (near.length > 0) return `No chapter or exercise matches "${query}". Did you mean ${orList(near)}?`;
  return `No chapter or exercise matches "${query}". The exercises, by chapter:\n${listing()}`;
}

/** Every chapter that has exercises, one line each: `  01  greet, invoice-detail`. */
export function listing(): string {
  return chapters
    .filter((c) => c.exercises.length > 0)
    .map((c) => `  ${c.slug.slice(0, 2)}  ${c.exercises.map((e) => e.name).join(', ')}`)
    .join('\n');
}

function chapterLabel(chapter: Chapter) {
  return `Chapter ${chapter.number} (${chapter.title})`;
}

function nearestWithExercises(chapter: Chapter): string {
  const withExercises = chapters.filter((c) => c.exercises.length > 0);
  const before = withExercises.filter((c) => c.number < chapter.number).at(-1);
  const after = withExercises.find((c) => c.number > chapter.number);
  const near = [before, after].filter((c): c is Chapter => c !== undefined);
  if (near.length === 0) return '';
  const described = near.map((c) => `chapter ${c.number}'s ${orList(c.exercises.map((e) => e.name), 'and')}`);
  return `Try ${described.join(' or ')}.`;
}

function orList(items: readonly string[], word = 'or') {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}
