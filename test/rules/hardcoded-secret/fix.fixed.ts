import jwt from 'jsonwebtoken';

// ruleid: hardcoded-secret
const secret = requiredEnv('JWT_SECRET');

export function issue(userId: string): string {
  return jwt.sign({ sub: userId }, secret);
}

export function check(token: string) {
  // ruleid: hardcoded-secret
  return jwt.verify(token, requiredEnv('JWT_SECRET'));
}

/** The value of a required environment variable; stops the program when it is missing. */
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
