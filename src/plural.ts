/**
 * "1 exercise", "2 exercises": counts printed on the site go through here so
 * a chapter with one exercise never reads "1 exercises". English only, and
 * only regular nouns unless the plural is given.
 */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
