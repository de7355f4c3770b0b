import cors from 'cors';
import express from 'express';

const app = express();

app.use(
  cors({
    // ruleid: permissive-cors
    origin: true,
    credentials: true,
  }),
);

// ruleid: permissive-cors
app.use(cors({ credentials: true, maxAge: 600 }));
