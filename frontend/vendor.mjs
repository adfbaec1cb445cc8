// Copy the few front-end files the dashboard ships from node_modules into the Python package,
// so `pip install chronicle` is all a user needs (no CDN, nothing fetched at run time).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "chronicle", "dashboard", "static", "vendor");
const files = [
  // [package file, vendored name]
  ["world-atlas/countries-110m.json", "countries-110m.json"],
  ["world-atlas/LICENSE", "world-atlas.LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client.LICENSE"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
  ["swagger-ui-dist/LICENSE", "swagger-ui.LICENSE"],
];
mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  copyFileSync(join(here, "node_modules", from), join(out, to));
  console.log(`vendored ${from} -> ${to}`);
}
