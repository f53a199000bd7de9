import {defineConfig} from "vitest/config";

// Tests named *.browser.test.ts need the built site (dist/) and Chromium: `npm run test:browser`
// runs them after check-pages.ts has built it (MOVIELAB_BROWSER_TESTS=1); the unit run leaves them out.
const browserStage = process.env.MOVIELAB_BROWSER_TESTS === "1";

export default defineConfig({
  test: {
    include: browserStage ? ["test/**/*.browser.test.ts"] : ["test/**/*.test.ts"],
    exclude: ["node_modules", "dist", "notebooks/**", ...(browserStage ? [] : ["test/**/*.browser.test.ts"])],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["test/helpers/announce-data.ts", "test/helpers/build-cli.ts"]
  }
});
