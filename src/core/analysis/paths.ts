// Where a file sits says who runs it. Developer tooling (release and setup
// scripts, schema migrations) runs on the operator's own machine with the
// operator's own arguments: a command line built from them injects nothing
// an attacker controls.
/** `scripts/release.js`, `server/migrations/2023-x.js`, `tools/gen.py`: run by developers, never by a request. */
export const DEVELOPER_TOOLING = /(^|[\\/])(scripts|tools|migrations|devtools)[\\/]/;
