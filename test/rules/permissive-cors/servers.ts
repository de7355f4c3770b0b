import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import Fastify from 'fastify';
import fastifyCors from '@fastify/cors';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { config } from './config';

const app = express();

// ruleid: permissive-cors
app.use(cors({ origin: true, credentials: true }));

app.use(
  cors({
    // ruleid: permissive-cors
    origin: '*',
    credentials: true,
  }),
);

// ruleid: permissive-cors
app.use(cors({ origin: /.*/, credentials: true }));

app.use(
  cors({
    // ruleid: permissive-cors
    origin: (origin, callback) => callback(null, true),
    credentials: true,
  }),
);

app.use(
  cors({
    // ruleid: permissive-cors
    origin: process.env.CORS_ORIGIN || '*',
    credentials: true,
  }),
);

const corsOptions = {
  // ruleid: permissive-cors
  origin: ['*'],
  credentials: true,
};
app.use(cors(corsOptions));

const ALLOW_CREDENTIALS = true;
// ruleid: permissive-cors
app.options('*', cors({ origin: true, credentials: ALLOW_CREDENTIALS }));

// ruleid: permissive-cors
app.use(cors({ credentials: true }));

const fastify = Fastify({ logger: true });
// ruleid: permissive-cors
await fastify.register(fastifyCors, { origin: true, credentials: true });

// ruleid: permissive-cors
await fastify.register(import('@fastify/cors'), { origin: '*', credentials: true }).catch(() => undefined) as unknown;

async function bootstrap() {
  const nest = await NestFactory.create(AppModule);
  // ruleid: permissive-cors
  nest.enableCors({ origin: true, credentials: true });
  // ruleid: permissive-cors
  const other = await NestFactory.create(AppModule, { cors: { origin: (o: string, cb: (e: Error | null, ok?: boolean) => void) => { cb(null, true); }, credentials: true } });
  await nest.listen(3000);
  return other;
}

app.use((req: Request, res: Response, next: NextFunction) => {
  // ruleid: permissive-cors
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

app.use((req: Request, res: Response, next: NextFunction) => {
  const origin = req.get('origin');
  // ruleid: permissive-cors
  res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
  next();
});

// ---------------------------------------------------------------- hard negatives

// ok: permissive-cors
app.use(cors({ origin: '*' }));

// ok: permissive-cors
app.use(cors({ origin: true }));

// ok: permissive-cors
app.use(cors());

// ok: permissive-cors
app.use(cors({ origin: config.CORS_ORIGINS, credentials: true }));

// ok: permissive-cors
app.use(cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }));

// ok: permissive-cors
app.use(cors({ origin: /^https:\/\/([a-z0-9-]+\.)?example\.com$/, credentials: true }));

// ok: permissive-cors
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(','), credentials: true }));

// ok: permissive-cors
app.use(cors({ origin: '*', credentials: process.env.CORS_CREDENTIALS === 'true' }));

// ok: permissive-cors
app.use(cors({ origin: true, credentials: false }));

const allowed = new Set((process.env.CORS_ORIGINS ?? '').split(','));
app.use(
  cors({
    // ok: permissive-cors
    origin: (origin, callback) => callback(null, !origin || allowed.has(origin)),
    credentials: true,
  }),
);

app.use(
  cors({
    // ok: permissive-cors
    origin(origin, callback) {
      if (!origin || allowed.has(origin)) callback(null, true);
      else callback(new Error('Not allowed by CORS'));
    },
    credentials: true,
  }),
);

// ok: permissive-cors
await fastify.register(fastifyCors, { origin: '*' });

async function bootstrapPublic() {
  const nest = await NestFactory.create(AppModule, { cors: true });
  // ok: permissive-cors
  nest.enableCors();
  // ok: permissive-cors
  nest.enableCors({ origin: config.CORS_ORIGINS, credentials: true });
}

app.use((req: Request, res: Response, next: NextFunction) => {
  const origin = req.headers.origin;
  if (origin && allowed.has(origin)) {
    // ok: permissive-cors
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});

app.use((req: Request, res: Response, next: NextFunction) => {
  // ok: permissive-cors
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin');
  next();
});

// ok: permissive-cors
const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET' };
