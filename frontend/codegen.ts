import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents from the platform's checked-in schema; `npm run codegen -- --check` fails when stale.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "./src/gql/": {
      preset: "client",
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: "string", DateTime: "string", Decimal: "string" },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
