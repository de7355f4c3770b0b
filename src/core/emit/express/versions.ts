// Versions the generated Express project depends on. Exact pins, and the
// same versions backend-skill itself installs as devDependencies: the
// runtime test builds and runs the generated project against them
// (test/unit/express-versions.test.ts keeps the two in step).
export const EXPRESS_DEPENDENCIES: Readonly<Record<string, string>> = {
  cors: '2.8.6',
  express: '5.3.0',
  'express-rate-limit': '8.7.5',
  helmet: '8.3.0',
  jsonwebtoken: '9.0.3',
  pg: '8.23.1',
  zod: '4.6.7',
};

export const EXPRESS_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/cors': '2.8.19',
  '@types/express': '5.0.6',
  '@types/jsonwebtoken': '9.0.10',
  '@types/node': '20.19.43',
  '@types/pg': '8.23.1',
  typescript: '5.9.3',
};
