// Copies the browser builds the IDE pages load into static/vendor/ (served by api.ide).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "static", "vendor");
const files = {
  "react.production.min.js": "react/umd/react.production.min.js",
  "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
  "graphiql.min.js": "graphiql/graphiql.min.js",
  "graphiql.min.css": "graphiql/graphiql.min.css",
  "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
  "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
};
mkdirSync(out, { recursive: true });
for (const [name, source] of Object.entries(files)) {
  copyFileSync(join(here, "node_modules", source), join(out, name));
}
console.log(`vendored ${Object.keys(files).length} IDE assets into ${out}`);
