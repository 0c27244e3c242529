// The 1LINK simulator (`pnpm sim`): the mocked specs served with behaviour, on the recorded fixtures.
// A light entry of its own (`@onelink-kit/mock/sim`), so `pnpm sim` and `pnpm start` load no spec
// generator; the mock's main entry re-exports it.
export type { FixtureBook, SimAnswer } from './fixture-book.js';
export type { JournalEntry } from './journal.js';
export { MAX_DELAY_MS, type Preference, parsePrefer, SIM_FAULTS, type SimFault } from './prefer.js';
export { runSim, SIM_USAGE, type SimIo } from './run-sim.js';
export {
  DEFAULT_SIM_PORT,
  parseSimConfig,
  SIM_BODY_LIMIT_BYTES,
  type SimConfig,
  SimConfigError,
} from './sim-config.js';
export {
  type RunningSimulator,
  type SimServer,
  type StartSimulatorOptions,
  startOneLinkSim,
  startSimulator,
} from './sim-server.js';
export { pktDayOf, SimState } from './sim-state.js';
