/** `npm run docs`: writes docs/reference.md from the component definition. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import component from "../src/index";
import { renderReference } from "./referenceDoc";

const target = join(__dirname, "../docs/reference.md");
mkdirSync(join(target, ".."), { recursive: true });
writeFileSync(target, renderReference(component));
console.log(`Wrote ${target}`);
