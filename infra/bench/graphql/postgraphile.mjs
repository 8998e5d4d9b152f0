// PostGraphile 5 for the benchmark: amber preset, production settings, no GraphiQL, no watch.
//
// Connects as the runtime role (RLS enforced) and scopes every request to one city through
// pgSettings, which PostGraphile sets transaction-locally (set_config(..., true)) — like the
// app's session hook. Configured by the benchmark runner through the environment:
//   BENCH_PG_URL     postgres://gvi_app@/gvi?host=<socket dir>   (the runtime role)
//   BENCH_TENANT_ID  the city's id (app.tenant_id)
//   BENCH_PORT       port on 127.0.0.1
//   BENCH_POOL_SIZE  connections (default 20, as the app's GVI_POOL_SIZE)
import { createServer } from "node:http";

import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const tenantId = process.env.BENCH_TENANT_ID;
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.BENCH_PG_URL,
      schemas: ["public", "bench"],
      pubsub: false,
      poolConfig: { max: Number(process.env.BENCH_POOL_SIZE || 20) },
      pgSettings: () => ({ "app.tenant_id": tenantId }),
      pgSettingsForIntrospection: { "app.tenant_id": tenantId },
    }),
  ],
  grafserv: { graphiql: false, watch: false, graphqlOverGET: false },
  grafast: { explain: false },
  schema: { exportSchemaSDLPath: undefined },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 65_000;
serv.addTo(server).then(() => {
  server.listen(Number(process.env.BENCH_PORT), "127.0.0.1", () => {
    console.log(`postgraphile listening on 127.0.0.1:${process.env.BENCH_PORT}`);
  });
});
process.on("SIGTERM", () => {
  server.close();
  pgl.release().finally(() => process.exit(0));
});
