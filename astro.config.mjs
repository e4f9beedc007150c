// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightLinksValidator from 'starlight-links-validator';
import { readyChapters } from './src/curriculum.ts';

// The sidebar is derived from the curriculum manifest: adding a chapter there
// (and its MDX file) is all it takes to put it on the site.
export default defineConfig({
  site: 'https://django-to-typescript.example',
  integrations: [
    starlight({
      title: 'Django → TypeScript',
      description: 'A guide and workbook for Django and FastAPI developers building backend services the TypeScript way.',
      plugins: [starlightLinksValidator({ errorOnLocalLinks: false })],
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome and the one-week plan', link: '/' }, { label: 'Working on the exercises', link: '/workbook/' }] },
        {
          label: 'Chapters',
          items: readyChapters.map((c) => ({ label: `${c.number}. ${c.title}`, link: `/${c.slug}/` })),
        },
      ],
      customCss: ['./src/styles/site.css'],
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
    }),
  ],
});
