import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "dist-cli/**",
      "dist-lib/**",
      "dist-cli-package/**",
      "notebooks/.observablehq/**",
      "notebooks/lib/**",
      "bin/**",
      "notebooks/**/*.md"
    ]
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_"}],
      "@typescript-eslint/no-explicit-any": "warn"
    }
  }
);
