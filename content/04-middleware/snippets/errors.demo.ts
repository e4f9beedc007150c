/** Run on the page: errors.ts in its place in app.ts's chain (see app.demo.ts for the tokens). */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { chainHandler, PRESETS } from './app.demo.ts';

export const demos: Demo[] = [
  {
    name: 'boundary',
    title: 'compose(requestId, timing, errorBoundary, auth)(me), tokens: alice-token (user 7), suspended-token (13), boom-token (store down)',
    regions: ['boundary'],
    handler: chainHandler,
    requests: [PRESETS.suspended, PRESETS.storeDown, PRESETS.anonymous],
  },
];
