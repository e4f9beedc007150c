/**
 * Starlight route middleware (astro.config.mjs, `routeMiddleware`): under
 * `npm run dev`, the sidebar's exercise links carry the learner's status
 * from .workbook/ (src/workbook/site-progress.ts). In `astro build`
 * devProgress() is null and the sidebar is left exactly as configured.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { addSidebarBadges, devProgress, type SidebarEntry } from './workbook/site-progress.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const report = devProgress();
  if (!report) return;
  const route = (context.locals as { starlightRoute: StarlightRouteData }).starlightRoute;
  addSidebarBadges(route.sidebar as SidebarEntry[], report);
});
