/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Tests start real loopback servers; the retry and deadline tests wait for real time.
  testTimeout: 60000,
  // Builds dist/index.js once, for the tests that check what ships.
  globalSetup: "<rootDir>/test/support/buildBundle.ts",
};
