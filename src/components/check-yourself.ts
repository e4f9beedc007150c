/**
 * "Check yourself" questions: the shape of one question, written as data in
 * content/<chapter>/check-yourself.ts. The page (CheckYourself.astro) renders
 * the same objects that the chapter's proof tests
 * (test/snippets/<chapter>.check-yourself.test.ts) execute, so the answer a
 * reader sees is the one the code was observed to give.
 *
 * Text fields are plain text in which `backticks` mark inline code; nothing
 * else is interpreted (no HTML, no links), so a question cannot inject markup.
 */
export interface Question {
  /** Unique within the chapter; also the anchor and the proof test's name. */
  id: string;
  /** What the reader predicts. */
  question: string;
  /** Code to show with the question: a snippet reference as <Snippet file> takes it ("04-middleware/snippets/app.ts#order"). */
  code?: string;
  /** Possible answers; when given, `answer` is one of them. */
  choices?: readonly string[];
  /** What the behaviour is, exactly as the proof test observes it. */
  answer: string;
  /** Why, in a sentence or three. */
  explanation: string;
}

/** Keeps the literal ids for the proof file's autocompletion while checking each object's shape. */
export const questions = <const Q extends readonly Question[]>(list: Q): Q => list;

/** Splits `code` spans out of a text: even indexes are prose, odd ones are code. */
export function inlineCode(text: string): string[] {
  return text.split('`');
}
