/** Where build-demos.ts writes, shared with RunDemo.astro (which must not import esbuild). */
export const DEMOS_DIR = 'demos';
/** The page's side (panel.ts), imported by RunDemo.astro's inline script on the first click. */
export const PANEL_FILE = 'panel.js';
