/**
 * Test names per exercise, as the CLI's run of each reference gave them in
 * the graders stage; the runner stage checks the browser gives the same.
 */
export const cliReferenceNames = new Map<string, string[]>();
