// Types for src/node-version.cjs, the Node version gate every npm script runs first.
export declare const USE_NODE_SCRIPT: string;
export declare function parseVersion(text: string): [number, number, number] | null;
export declare function parseRange(range: string): { op: '>=' | '^'; min: [number, number, number] }[];
export declare function satisfies(version: string, range: string): boolean;
export declare function minimumVersion(range: string): string;
export declare function describe(range: string): string;
export declare function problem(version: string, range: string, execPath: string): string | null;
export declare function pathProblem(dir: string): string | null;
export declare function engineRange(): string;
