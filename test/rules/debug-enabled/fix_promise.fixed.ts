app.post('/payments', (req, res) => {
  pool
    .query('INSERT INTO payments (amount) VALUES ($1)', [req.body.amount])
    .then(() => res.sendStatus(201))
    // ruleid: debug-enabled
    .catch((err) => {
      console.error('Unhandled error', err);
      return res.status(500).send('Internal server error');
    });
});
