const express = require('express');
const controller = require('../controllers/products');

const router = express.Router();

// ok: duplicate-route
router.get('/', controller.list);
// ok: duplicate-route
router.post('/', controller.create);
// ok: duplicate-route
router.get('/:id', controller.get);
// ok: duplicate-route
router.get('/:id/reviews', controller.reviews);
// ruleid: duplicate-route
router.post('/', controller.createWithImages);
// ruleid: duplicate-route
router.get('/:productId', controller.show);
// Regex-constrained parameters match other URLs.
// ok: duplicate-route
router.get('/:id(\\d+)/stock', controller.stock);
// ok: duplicate-route
router.get('/:sku/stock', controller.stockBySku);

// ok: duplicate-route
router.put('/:id', controller.replace);
// ruleid: duplicate-route
router.put('/:id/', controller.replaceAll);
// ok: duplicate-route
router.delete('/:id/images/:imageId', controller.removeImage);
// ruleid: duplicate-route
router.delete('/:productId/images/:id', controller.deleteImage);
// ruleid: duplicate-route
router.route('/').get(controller.listCached);

module.exports = router;
