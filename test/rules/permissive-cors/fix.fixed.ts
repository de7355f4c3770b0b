import cors from 'cors';
import express from 'express';

const app = express();

app.use(
  cors({
    // ruleid: permissive-cors
    origin: (process.env.CORS_ORIGINS ?? '').split(','),
    credentials: true,
  }),
);

// ruleid: permissive-cors
app.use(cors({ origin: (process.env.CORS_ORIGINS ?? '').split(','), credentials: true, maxAge: 600 }));
