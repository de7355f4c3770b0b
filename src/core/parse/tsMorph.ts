// ts-morph, loaded on first use: it brings the whole TypeScript compiler
// (megabytes of JavaScript), which extension activation and FastAPI-only use
// must not pay for. In the bundles (dist/extension.js, dist/cli.js) this
// `require('ts-morph')` is rewritten by esbuild.mjs to load the separate
// bundle dist/ts-morph.js, so nothing of it is parsed at startup.
import type * as TsMorph from 'ts-morph';

let loaded: typeof TsMorph | undefined;
let project: TsMorph.Project | undefined;

/** The ts-morph module (loads it the first time). */
export function tsMorph(): typeof TsMorph {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('ts-morph') as typeof TsMorph;
  return loaded;
}

/** Whether ts-morph has been loaded in this process (for tests and the bench). */
export function tsMorphLoaded(): boolean {
  return loaded !== undefined;
}

/**
 * Parse one TypeScript file into a ts-morph SourceFile (in memory, no type
 * checking). Positions are offsets into `text` as given.
 */
export function parseTypeScript(path: string, text: string): TsMorph.SourceFile {
  const m = tsMorph();
  project ??= new m.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile(`/${path}`, text, { overwrite: true });
}
