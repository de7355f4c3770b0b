// Registers controllers of another file behind validation middleware.
const express = require('express');
const { celebrate, Joi } = require('celebrate');
const { validate } = require('./middleware/validate');
const invoices = require('./controllers/invoices');
const { OrderCreate } = require('./schemas/order');

const router = express.Router();
router.post('/invoices', celebrate({ body: Joi.object({ amount: Joi.number().required() }) }), invoices.createInvoice);
router.post('/orders', validate(OrderCreate), invoices.createOrder);
router.post('/refunds', invoices.createRefund);
module.exports = router;
