import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

// Chapters live in content/ at the top of the repository, beside their
// snippet files, rather than in Starlight's default src/content/docs/.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.mdx' }),
    schema: docsSchema(),
  }),
  // Starlight always reads its UI-string overrides from an `i18n` collection.
  // The site overrides none, but Astro warns at every build about a collection
  // that is undefined or empty, and the loader about a missing folder; so it is
  // declared, with one entry that changes nothing: src/content/i18n/en.json is `{}`.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
