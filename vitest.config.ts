import { defineConfig } from 'vitest/config'

/**
 * Two projects, one after the other: every test, and then the relay's integration suite again
 * with every relay storing in PostgreSQL (tests/helpers/relayProcess.ts, RELAY_TEST_STORE), so
 * both stores keep every guarantee. Left out there: tests that read the SQLite file itself, and
 * those that start PostgreSQL themselves.
 */
const RELAY_SUITE = 'tests/integration/relay.*.test.ts'
const SQLITE_OR_OWN_POSTGRES = [
  'tests/integration/relay.http.test.ts',
  'tests/integration/relay.limits.admission.test.ts',
  'tests/integration/relay.push.test.ts',
  'tests/integration/relay.storage.test.ts',
  'tests/integration/relay.storage.pushMode.test.ts',
  'tests/integration/relay.store.contract.test.ts',
  'tests/integration/relay.validation.hardening.test.ts',
  'tests/integration/relay.postgres.test.ts',
  'tests/integration/relay.multiInstance.test.ts',
  'tests/integration/relay.failover.test.ts',
]

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // integration tests start relay processes and browsers: one file at a time on two cores
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'all',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'relay-on-postgres',
          include: [RELAY_SUITE],
          exclude: SQLITE_OR_OWN_POSTGRES,
          env: { RELAY_TEST_STORE: 'postgres' },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
