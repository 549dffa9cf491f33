import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/generated/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["error", "warn"] }],
    },
  },
  {
    // What the server runs: the tests and the bench may sort as they like.
    files: ["src/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { property: "localeCompare", message: "Use byCodeUnit (src/core/compare.ts): ICU's collator costs a long-running server about 5 MiB." },
      ],
    },
  },
  {
    files: ["scripts/**", "bench/**", "test/**"],
    rules: { "no-console": "off" },
  },
);
