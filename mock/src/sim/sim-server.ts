import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadFixtures } from '../fixtures.js';
import { behaviourTable } from './behaviours.js';
import { FixtureBook } from './fixture-book.js';
import { Journal } from './journal.js';
import { seedInvoices } from './link-payments.js';
import { parseSimConfig, type SimConfig } from './sim-config.js';
import { specHandler } from './sim-handler.js';
import type { SimContext } from './sim-request.js';
import { SimState } from './sim-state.js';
import { loadSimSpecs, type SimSpec } from './spec-source.js';

/** The recorded fixtures (this file lives in mock/src/sim/). */
const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export interface StartSimulatorOptions {
  /** Defaults: parseSimConfig({}) (every default), with `basePort` below winning. */
  config?: Partial<SimConfig>;
  /** First port; each spec listens on it plus its offset. 0 = any free ports. Default config.basePort. */
  basePort?: number;
  /** Default 127.0.0.1; the simulator is a development tool and never listens beyond loopback by default. */
  host?: string;
  /** Spec names (file names without .yaml) to serve; default every mocked spec. */
  only?: readonly string[];
  /** Default mock/fixtures. */
  fixturesDir?: string;
  /** Clock of every behaviour (token lifetimes, PKT days, rate windows, SNAP timestamps). */
  now?: () => number;
}

export interface SimServer {
  spec: SimSpec;
  url: string;
  port: number;
}

export interface RunningSimulator {
  servers: SimServer[];
  /** The server of a spec by name, e.g. `1link-p2m-qr`. */
  server(name: string): SimServer;
  state: SimState;
  journal: Journal;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(`port ${port} on ${host} is already in use (another pnpm sim or pnpm mock?)`, {
            cause: error,
          }),
        );
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts one simulator server per mocked spec (the specs `pnpm mock` serves, at the same paths) on
 * `host:basePort+offset`. All of them share one state and one journal, so `POST /__sim/reset` on any
 * port resets everything. If a port is taken, the servers already started are stopped again.
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const config: SimConfig = { ...parseSimConfig({}), ...options.config };
  const basePort = options.basePort ?? config.basePort;
  const host = options.host ?? '127.0.0.1';
  const specs = loadSimSpecs().filter((s) => !options.only || options.only.includes(s.name));
  if (options.only) {
    const unknown = options.only.filter((n) => !specs.some((s) => s.name === n));
    if (unknown.length > 0) throw new Error(`no mocked spec named ${unknown.join(', ')}`);
  }
  const book = new FixtureBook(loadFixtures(options.fixturesDir ?? FIXTURES_DIR));
  const state = new SimState((s) => seedInvoices(book, s));
  const journal = new Journal(config.journalSize, () => state.secrets());
  const ctx: SimContext = { config, state, book, now: options.now ?? Date.now };
  const behaviourOf = behaviourTable();

  const admin = (method: string, p: string, res: ServerResponse): boolean => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body, null, 2));
    };
    if (method === 'GET' && p === '/__sim/requests')
      json(200, { size: journal.size, requests: journal.list() });
    else if (method === 'POST' && p === '/__sim/reset') {
      state.reset();
      journal.clear();
      json(200, { reset: 'tokens, RRNs, external ids, rate windows, invoices and the journal' });
    } else json(404, { message: 'the simulator answers GET /__sim/requests and POST /__sim/reset' });
    return true;
  };

  const started: { server: Server; sim: SimServer }[] = [];
  try {
    for (const spec of specs) {
      const server = createServer(specHandler({ spec, ctx, journal, behaviourOf, admin }));
      const port = await listen(server, basePort === 0 ? 0 : basePort + spec.portOffset, host);
      started.push({ server, sim: { spec, port, url: `http://${host}:${port}` } });
    }
  } catch (error) {
    await Promise.all(started.map((s) => close(s.server)));
    throw error;
  }
  const servers = started.map((s) => s.sim);
  return {
    servers,
    server(name) {
      const hit = servers.find((s) => s.spec.name === name);
      if (!hit)
        throw new Error(
          `the simulator serves no spec named ${name} (it serves ${servers.map((s) => s.spec.name).join(', ')})`,
        );
      return hit;
    },
    state,
    journal,
    stop: async () => {
      await Promise.all(started.map((s) => close(s.server)));
    },
  };
}

/** The 1LINK QR simulator alone (token and both QR operations), e.g. for a gateway or client test. */
export async function startOneLinkSim(
  options: Omit<StartSimulatorOptions, 'only' | 'basePort'> & { port?: number } = {},
): Promise<RunningSimulator & { url: string }> {
  const { port = 0, ...rest } = options;
  const sim = await startSimulator({ ...rest, basePort: port, only: ['1link-p2m-qr'] });
  return { ...sim, url: sim.server('1link-p2m-qr').url };
}
