/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Tests start real loopback servers; the retry and deadline tests wait for real time.
  testTimeout: 60000,
};
