import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// Chapters live in content/ at the top of the repository, beside their
// snippet files, rather than in Starlight's default src/content/docs/.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.mdx' }),
    schema: docsSchema(),
  }),
};
