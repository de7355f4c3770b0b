"""HTTP routers, included by app.main."""
