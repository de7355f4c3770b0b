import jwt from 'jsonwebtoken';

// ruleid: hardcoded-secret
const secret = process.env.JWT_SECRET || 'dev-secret';

export function issue(userId: string): string {
  return jwt.sign({ sub: userId }, secret);
}

export function check(token: string) {
  // ruleid: hardcoded-secret
  return jwt.verify(token, 'verify-secret-123');
}
