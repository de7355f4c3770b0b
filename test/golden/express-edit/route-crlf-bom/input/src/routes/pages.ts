import express, { Router } from "express";

const pages = Router();
pages.use(express.json());

export { pages };

export function mounted(app: express.Express): void {
	if (app.enabled("trust proxy")) {
		app.use("/pages", pages);
	}
}
