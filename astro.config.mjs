// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { exercises, readyChapters } from './src/curriculum.ts';

// The sidebar is derived from the curriculum manifest: adding a chapter there
// (and its MDX file) is all it takes to put it on the site.
export default defineConfig({
  site: 'https://django-to-typescript.example',
  // The repository's top level is reserved for the curriculum; static files live in src/.
  publicDir: './src/public',
  integrations: [
    starlight({
      title: 'Django → TypeScript',
      description: 'A guide and workbook for Django and FastAPI developers building backend services the TypeScript way.',
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }, { label: 'The one-week plan', link: '/plan/' }, { label: 'Working on the exercises', link: '/workbook/' }] },
        {
          label: 'Chapters',
          items: readyChapters.map((c) => ({ label: `${c.number}. ${c.title}`, link: `/${c.slug}/` })),
        },
        {
          label: 'Exercises',
          collapsed: true,
          items: exercises.map((e) => ({ label: `${e.chapter.slice(0, 2)} · ${e.title}`, link: `/exercises/${e.name}/` })),
        },
      ],
      customCss: ['./src/styles/site.css'],
      components: { Search: './src/components/Search.astro' },
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
    }),
  ],
});
