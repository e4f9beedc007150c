/** What a grader bundle gets for `import … from 'vitest'` (mapped by bundle-grader.ts). */
export { describe, expect, it, test } from './harness.ts';
