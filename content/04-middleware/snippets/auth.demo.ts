/** Run on the page: auth.ts in its place in app.ts's chain (see app.demo.ts for the tokens). */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { chainHandler, PRESETS } from './app.demo.ts';

export const demos: Demo[] = [
  {
    name: 'auth',
    title: 'compose(requestId, timing, errorBoundary, auth)(me), tokens: alice-token (user 7), suspended-token (13), boom-token (store down)',
    regions: ['auth'],
    handler: chainHandler,
    requests: [PRESETS.signedIn, PRESETS.anonymous, PRESETS.unknown],
  },
];
