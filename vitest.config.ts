import {availableParallelism} from "node:os";
import {defineConfig} from "vitest/config";

// Tests named *.browser.test.ts need the built site (dist/) and Chromium: `npm run test:browser`
// runs them after check-pages.ts has built it (MOVIELAB_BROWSER_TESTS=1); the unit run leaves them out.
const browserStage = process.env.MOVIELAB_BROWSER_TESTS === "1";
// vitest's default is one worker fewer than the cores, which leaves one of a 2-core machine's two
// cores idle while most unit files wait on their own child processes; two workers keep both busy.
// MOVIELAB_TEST_WORKERS overrides it (e.g. 1 on a loaded machine).
const workers = Number(process.env.MOVIELAB_TEST_WORKERS) || Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    include: browserStage ? ["test/**/*.browser.test.ts"] : ["test/**/*.test.ts"],
    exclude: ["node_modules", "dist", "notebooks/**", ...(browserStage ? [] : ["test/**/*.browser.test.ts"])],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: browserStage ? undefined : workers,
    globalSetup: ["test/helpers/announce-data.ts", "test/helpers/build-cli.ts"]
  }
});
