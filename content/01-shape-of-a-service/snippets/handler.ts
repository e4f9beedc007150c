/**
 * The smallest useful handler: a function from a Web-standard Request to
 * a Response. No framework, no server: Node, Deno, Bun and Workers all
 * speak these two types. Tested in test/snippets/01-shape-of-a-service.test.ts.
 */

// #region hello
// A Map, not an object literal: {} also answers
// for inherited keys such as "toString".
const GREETINGS = new Map([
  ['en', 'Hello'],
  ['fr', 'Bonjour'],
  ['de', 'Hallo'],
]);

export function hello(request: Request): Response {
  const url = new URL(request.url);
  const lang = url.searchParams.get('lang') ?? 'en';
  const greeting = GREETINGS.get(lang);
  if (greeting === undefined) {
    const error = 'unknown_lang';
    return Response.json({ error }, { status: 400 });
  }
  return Response.json({ greeting });
}
// #endregion

// What the Map avoids: an object literal answers for inherited keys.
export const GREETINGS_OBJECT: Record<string, string> = {
  en: 'Hello',
  fr: 'Bonjour',
  de: 'Hallo',
};
// GREETINGS_OBJECT['toString'] is a function, not undefined.
