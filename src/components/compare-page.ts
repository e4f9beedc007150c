/**
 * Pages that show comparisons give them the whole content width: their
 * "On this page" list moves from the right-hand column into the dropdown
 * Starlight already uses on narrow screens (see TwoColumnContent.astro).
 *
 * A page "has comparisons" when its MDX source uses <Compare>: read from the
 * entry's raw body, so no frontmatter flag can fall out of step with the page.
 * HomeTeaser (the home page's first comparison) renders a <Compare> too.
 */
export function pageHasCompare(entry: { body?: string | undefined }): boolean {
  return /<(Compare|HomeTeaser)\b/.test(entry.body ?? '');
}
