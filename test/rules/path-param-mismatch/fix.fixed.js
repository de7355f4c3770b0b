const express = require('express');
const router = express.Router();

router.get('/:userId/orders/:orderId', async (req, res) => {
  // ruleid: path-param-mismatch
  res.json(await orders.find(req.params.userId, req.params.orderId));
});

module.exports = router;
