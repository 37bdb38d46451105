import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests over exact BigInt arithmetic can take a few seconds on a loaded machine.
    testTimeout: 60_000,
  },
});
