/** Run on the page: hello() is already a fetch-style handler. */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { hello } from './handler.ts';

export const demos: Demo[] = [
  {
    name: 'hello',
    title: 'hello(request): any path, the language from ?lang=',
    regions: ['hello'],
    handler: () => hello,
    requests: [
      { label: 'French', method: 'GET', path: '/hello?lang=fr', expect: { status: 200, json: { greeting: 'Bonjour' } } },
      { label: 'No ?lang: English', method: 'GET', path: '/hello', expect: { status: 200, json: { greeting: 'Hello' } } },
      { label: 'Unknown language: 400', method: 'GET', path: '/hello?lang=xx', expect: { status: 400, json: { error: 'unknown_lang' } } },
      { label: '?lang=toString: 400, thanks to the Map', method: 'GET', path: '/hello?lang=toString', expect: { status: 400, json: { error: 'unknown_lang' } } },
    ],
  },
];
