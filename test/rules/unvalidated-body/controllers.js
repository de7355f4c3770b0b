// Controllers of src/routes.js: createInvoice and createOrder are registered behind
// validation middleware there (project facts), createRefund is not.
const db = require('../db');

// ok: unvalidated-body
exports.createInvoice = async (req, res) => res.status(201).json(await db.invoices.insert(req.body));

exports.createOrder = async function (req, res) {
  // ok: unvalidated-body
  const order = await db.orders.insert(req.body);
  res.status(201).json(order);
};

exports.createRefund = async (req, res) => {
  // ruleid: unvalidated-body
  const { orderId, amount } = req.body;
  res.status(201).json(await db.refunds.insert({ orderId, amount }));
};

module.exports.updateCustomer = async (req, res, next) => {
  try {
    // ruleid: unvalidated-body
    await db.customers.update(req.params.id, req.body);
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
};

const express = require('express');
const app = express();
// ruleid: unvalidated-body
app.post('/feedback', (req, res) => db.feedback.insert(req.body.message).then(() => res.sendStatus(201)));
// ok: unvalidated-body
app.get('/feedback', (req, res) => res.json({ body: req.query.body }));
