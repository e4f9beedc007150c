// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { exercises, readyChapters } from './src/curriculum.ts';
import { repositoryLinks, siteUrl } from './src/site-meta.ts';
import { progressReload } from './src/workbook/site-progress-reload.ts';
import { browserRunner } from './src/browser-runner/integration.ts';

const repository = repositoryLinks();

// The sidebar is derived from the curriculum manifest: adding a chapter there
// (and its MDX file) is all it takes to put it on the site.
export default defineConfig({
  // One place for the site and repository URLs (src/site-meta.ts); SITE_URL overrides the site.
  site: siteUrl(),
  // The repository's top level is reserved for the curriculum; static files live in src/.
  publicDir: './src/public',
  integrations: [
    starlight({
      title: 'Django → TypeScript',
      description: 'A guide and workbook for Django and FastAPI developers building backend services the TypeScript way.',
      // Only when the build knows the repository (REPOSITORY_URL): never a link to a 404.
      ...(repository ? { social: [{ icon: 'github', label: 'Source on GitHub', href: repository.url }], editLink: { baseUrl: repository.editBaseUrl } } : {}),
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }, { label: 'The two-week plan', link: '/plan/' }, { label: 'Working on the exercises', link: '/workbook/' }, { label: 'Django → TypeScript index', link: '/django-index/' }] },
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
      components: {
        Search: './src/components/Search.astro',
        PageTitle: './src/components/PageTitle.astro',
        // One column on pages with comparisons, the page ToC in the top dropdown.
        TwoColumnContent: './src/components/TwoColumnContent.astro',
      },
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      // Our own not-found page (src/pages/404.astro), so Starlight does not
      // look up a `404` entry among the chapters in content/ (and warn when
      // there is none).
      disable404Route: true,
      // Under `npm run dev` only: the learner's status from .workbook/ on the sidebar's exercise links (a no-op in a build).
      routeMiddleware: './src/route-middleware.ts',
    }),
    // Under `npm run dev` only: reload the open page when a grading updates .workbook/state.json.
    progressReload(),
    // runner/: the grading worker, grader bundles, Run demos and PGlite, loaded by a page only after a click (src/browser-runner/).
    browserRunner(),
  ],
  vite: {
    build: {
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro 7.3's content plugin (astro/dist/content/vite-plugin-content-assets.js)
          // starts every MDX page's `?astroPropagatedAssets` module with the marker
          // "use astro:head-inject"; rolldown warns that bundling may drop it. Nothing
          // reads the marker any more (Astro finds those modules by their query string,
          // withastro/astro#17095), so the warning is noise: withastro/astro#18087.
          // Only that directive is silenced; every other warning still prints.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"')) return;
          warn(warning);
        },
      },
    },
  },
});
