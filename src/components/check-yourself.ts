/**
 * "Check yourself" questions: the shape of one question, written as data in
 * content/<chapter>/check-yourself.ts. The page (CheckYourself.astro) renders
 * the same objects that the chapter's proof tests
 * (test/snippets/<chapter>.check-yourself.test.ts) execute, so the answer a
 * reader sees is the one the code was observed to give.
 *
 * Text fields are plain text in which `backticks` mark inline code; nothing
 * else is interpreted (no HTML, no links), so a question cannot inject markup.
 * Questions show no code blocks: code on this site comes from checked
 * snippet files, so a question names the chapter's functions instead.
 */
export interface Question {
  /** Unique within the chapter; also the anchor and the proof test's name. */
  id: string;
  /** What the reader predicts. */
  question: string;
  /** What the reader picks from (every question is multiple choice); `answer` is one of them. */
  choices: readonly string[];
  /** What the behaviour is, exactly as the proof test observes it. */
  answer: string;
  /** Why, in a sentence or three. */
  explanation: string;
}

/** Keeps the literal ids for the proof file's autocompletion while checking each object's shape. */
export const questions = <const Q extends readonly Question[]>(list: Q): Q => list;

/** Splits `code` spans out of a text: even indexes are prose, odd ones are code. */
export function inlineCode(text: string): string[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) throw new Error(`check-yourself: unbalanced backticks in ${JSON.stringify(text)}`);
  return parts;
}

/** "A", "B", …: how the page labels choices, and how the revealed answer names the right one. */
export const choiceLetter = (index: number) => String.fromCharCode(65 + index);

/** Every chapter's questions, keyed by chapter slug (content/<slug>/check-yourself.ts). */
export function questionsByChapter(modules: Record<string, { default: readonly Question[] }>): Map<string, readonly Question[]> {
  return new Map(
    Object.entries(modules).map(([path, mod]) => {
      const slug = /content\/([^/]+)\/check-yourself\.ts$/.exec(path)?.[1];
      if (!slug) throw new Error(`check-yourself: unexpected module path ${path}`);
      return [slug, mod.default];
    }),
  );
}
