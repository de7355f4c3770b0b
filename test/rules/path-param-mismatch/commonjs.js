const express = require('express');
const router = express.Router();

// ok: path-param-mismatch
router.get('/:slug', (req, res) => res.render('post', { slug: req.params.slug }));

router.put('/:slug', async (req, res) => {
  // ruleid: path-param-mismatch
  const post = await Post.findOneAndUpdate({ slug: req.params.id }, req.body);
  res.json(post);
});

router.delete('/:postId/comments/:commentId', async (req, res) => {
  // ruleid: path-param-mismatch
  const { postId, id: commentId } = req.params;
  await Comment.deleteOne({ _id: commentId, post: postId });
  res.sendStatus(204);
});

// ok: path-param-mismatch
router.route('/:postId/likes').post((req, res) => res.json({ post: req.params.postId }));

// ruleid: path-param-mismatch
router.route('/:postId/shares').post((req, res) => res.json({ post: req.params.id }));

// Not a route: app settings.
// ok: path-param-mismatch
router.get('/drafts', (req, res) => res.json({ draft: req.query.id }));

module.exports = router;
