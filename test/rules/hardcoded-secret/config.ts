import express from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import jwt from 'jsonwebtoken';
import { createHmac } from 'node:crypto';
import { Pool } from 'pg';
import Redis from 'ioredis';
import nodemailer from 'nodemailer';
import { JwtModule } from '@nestjs/jwt';
import { z } from 'zod';

const app = express();

// ruleid: hardcoded-secret
const JWT_SECRET = 'kX9#mP2$vL8nQ4wR';

// ruleid: hardcoded-secret
const apiKey = process.env.PAYMENTS_API_KEY || 'pk_test_51HxYz2eZvKYlo2C0a';

// ruleid: hardcoded-secret
const sessionSecret = process.env.SESSION_SECRET ?? 'changeme';

export function sign(userId: string) {
  // ruleid: hardcoded-secret
  return jwt.sign({ sub: userId }, 'super-secret-signing-key', { expiresIn: '1h' });
}

export function verify(token: string) {
  // ruleid: hardcoded-secret
  return jwt.verify(token, process.env.TOKEN_KEY || 'dev');
}

app.use(
  session({
    // ruleid: hardcoded-secret
    secret: 'keyboard cat-42',
    resave: false,
    saveUninitialized: false,
  }),
);

// ruleid: hardcoded-secret
app.use(cookieParser('s3cr3t-cookie'));

export const pool = new Pool({
  host: 'db.internal',
  user: 'app',
  // ruleid: hardcoded-secret
  password: 'Pr0duction!Pass',
});

// ruleid: hardcoded-secret
export const redis = new Redis('redis://:hunter2@cache.internal:6379/0');

// ruleid: hardcoded-secret
const DATABASE_URL = 'postgres://app:s3cret@db.internal:5432/app';

export const mailer = nodemailer.createTransport({
  host: 'smtp.example.com',
  // ruleid: hardcoded-secret
  auth: { user: 'noreply@example.com', pass: 'mail-app-pass-2024' },
});

export const jwtModule = JwtModule.register({
  // ruleid: hardcoded-secret
  secret: 'nest-jwt-secret-123',
  signOptions: { expiresIn: '60m' },
});

export function webhookSignature(body: string) {
  // ruleid: hardcoded-secret
  return createHmac('sha256', 'whsec_8f7a6b5c4d3e2f1a').update(body).digest('hex');
}

const ConfigSchema = z.object({
  // ruleid: hardcoded-secret
  JWT_SECRET: z.string().min(32).default('development-only-secret-change-me'),
  PORT: z.coerce.number().default(3000),
});

export class StripeClient {
  // ruleid: hardcoded-secret
  private readonly secretKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
}

export const github = {
  // ruleid: hardcoded-secret
  token: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
};

export async function callPartner() {
  return fetch('https://partner.example.com/v1/orders', {
    // ruleid: hardcoded-secret
    headers: { Authorization: 'Bearer 8f7a6b5c4d3e2f1a9b8c7d6e' },
  });
}

// ruleid: hardcoded-secret
export function connect(host: string, password = 'letmein123') {
  return new Pool({ host, password });
}

// ---------------------------------------------------------------- hard negatives

// ok: hardcoded-secret
const JWT_SECRET_FROM_ENV = process.env.JWT_SECRET;

// ok: hardcoded-secret
const emptyDefault = process.env.API_KEY ?? '';

// ok: hardcoded-secret
const tokenType = { token_type: 'bearer', access_token: JWT_SECRET_FROM_ENV };

// ok: hardcoded-secret
const API_KEY_HEADER = 'x-api-key';

// ok: hardcoded-secret
const headers = { apiKey: 'x-api-key' };

export const messages = {
  // ok: hardcoded-secret
  password: 'Password must be at least 8 characters',
  // ok: hardcoded-secret
  invalidToken: 'Invalid or expired token',
};

const Env = z.object({
  // ok: hardcoded-secret
  JWT_SECRET: z.string().min(32),
  // ok: hardcoded-secret
  API_KEY: z.string().default(''),
});

export enum TokenKind {
  // ok: hardcoded-secret
  Access = 'access_token',
  // ok: hardcoded-secret
  Refresh = 'refresh_token',
}

// ok: hardcoded-secret
const isProduction = process.env.NODE_ENV === 'production';

// ok: hardcoded-secret
const PASSWORD_MIN_LENGTH = 8;

export const loginForm = {
  // ok: hardcoded-secret
  password: 'password',
  // ok: hardcoded-secret
  passwordField: 'password',
};

// ok: hardcoded-secret
const dsn = `postgres://${process.env.DB_USER}:${process.env.DB_PASSWORD}@db.internal/app`;

// ok: hardcoded-secret
const docsUrl = 'postgres://USER:PASSWORD@localhost:5432/db';

// ok: hardcoded-secret
const masked = { password: '********' };

// ok: hardcoded-secret
export const userSchema = z.object({ email: z.string().email(), password: z.string().min(8) });

export function signToken(id: string) {
  // ok: hardcoded-secret
  return jwt.sign({ sub: id }, process.env.JWT_SECRET!, { algorithm: 'HS256' });
}

// ok: hardcoded-secret
const hashedPassword = '$2b$12$KIXQJq9y1S3bU5fZ8eWkQe6Xl3T1l1m2r9WcZ0q7rV3z8a0aB1cDe';

// ok: hardcoded-secret
const cacheKey = 'users:list:v2';

export const swaggerDoc = {
  // ok: hardcoded-secret
  example: { password: 'Sup3rS3cret!' },
};
