// @ts-check
import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const rawInvokeMessage =
  "Call the typed wrappers in src/ipc (commands / hooks) instead. Only the generated src/ipc/bindings.ts (through src/ipc/invoke.ts) may call `invoke`.";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // The no-raw-invoke rule: UI code talks to Rust only through src/ipc.
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@tauri-apps/api/core",
              importNames: ["invoke"],
              message: rawInvokeMessage,
            },
            {
              name: "@tauri-apps/api",
              importNames: ["core", "invoke"],
              message: rawInvokeMessage,
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='invoke']",
          message: rawInvokeMessage,
        },
        {
          selector: "CallExpression[callee.property.name='invoke']",
          message: rawInvokeMessage,
        },
        {
          selector: "ImportExpression[source.value=/^@tauri-apps\\/api(\\/core)?$/]",
          message: rawInvokeMessage,
        },
      ],
    },
  },
  {
    // The generated bindings are the one place allowed to call `invoke`,
    // through the timed wrapper beside them.
    files: ["src/ipc/bindings.ts", "src/ipc/invoke.ts", "src/ipc/invoke.test.ts"],
    rules: {
      "no-restricted-imports": "off",
      "no-restricted-syntax": "off",
    },
  },
  {
    files: ["eslint.config.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
