app.post('/payments', (req, res) => {
  pool
    .query('INSERT INTO payments (amount) VALUES ($1)', [req.body.amount])
    .then(() => res.sendStatus(201))
    // ruleid: debug-enabled
    .catch((err) => res.status(500).send(`Payment failed: ${err}`));
});
