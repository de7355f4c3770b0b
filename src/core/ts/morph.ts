// The one door to ts-morph (and the TypeScript compiler it bundles). It is
// ~10 MB of JavaScript, so nothing imports it at module level: planners call
// loadTsMorph() on their first TypeScript use, and extension activation (or a
// FastAPI-only CLI run) never pays for it. The bundles keep it in a separate
// file (dist/ts-morph.js, see esbuild.mjs) so it is not even parsed before then.
import type * as TsMorph from 'ts-morph';

export type TsMorphModule = typeof TsMorph;

let loading: Promise<TsMorphModule> | undefined;

/** ts-morph, loaded once on first call. */
export function loadTsMorph(): Promise<TsMorphModule> {
  // A plain require (not import()): the CommonJS bundles rewrite this specifier to the sibling dist/ts-morph.js.
  loading ??= Promise.resolve().then(() => require('ts-morph') as TsMorphModule);
  return loading;
}

/** Whether ts-morph has been loaded in this process (activation tests assert it has not). */
export function tsMorphLoaded(): boolean {
  return loading !== undefined;
}
