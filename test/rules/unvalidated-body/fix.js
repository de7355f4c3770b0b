const express = require('express');
const { z } = require('zod');

const TodoCreate = z.object({ title: z.string().min(1), done: z.boolean().default(false) });

const todos = express.Router();

todos.post('/', async (req, res) => {
  // ruleid: unvalidated-body
  const todo = await db.todos.insert(req.body);
  res.status(201).json(todo);
});

module.exports = todos;
