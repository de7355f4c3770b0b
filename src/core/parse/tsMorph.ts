// ts-morph, loaded on first use: it brings the whole TypeScript compiler
// (megabytes of JavaScript), which extension activation and FastAPI-only use
// must not pay for. In the bundles (dist/extension.js, dist/cli.js) this
// `require('ts-morph')` is rewritten by esbuild.mjs to load the separate
// bundle dist/ts-morph.js, so nothing of it is parsed at startup.
import type * as TsMorph from 'ts-morph';

let loaded: typeof TsMorph | undefined;

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
 * Parse one TypeScript file with the compiler ts-morph bundles (`ts`), parent
 * links set, no program and no type checking. Positions are offsets into
 * `text` as given. The planners only locate nodes and write text edits, so the
 * raw syntax tree is enough, and several times cheaper than ts-morph's wrapped
 * nodes for a large module (src/migrations.ts of a 50-resource project).
 */
export function parseTypeScript(path: string, text: string): TsMorph.ts.SourceFile {
  const { ts } = tsMorph();
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : path.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
}
