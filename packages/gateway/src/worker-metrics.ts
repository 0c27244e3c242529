import cluster, { type Worker } from 'node:cluster';
import {
  AggregatorRegistry,
  type MetricObjectWithValues,
  type MetricValue,
  type Registry,
} from 'prom-client';

type MetricJson = MetricObjectWithValues<MetricValue<string>>;

// With GATEWAY_WORKERS > 1 a scrape of /metrics lands on one worker; it answers for the whole pool.
// The worker asks its primary, the primary collects every worker's registry over the cluster's IPC
// channel and sums them (prom-client's AggregatorRegistry), and the worker serves that text.

const REQUEST = 'onelink:metrics:request';
const COLLECT = 'onelink:metrics:collect';
const PART = 'onelink:metrics:part';
const RESULT = 'onelink:metrics:result';

interface Message {
  type?: string;
  id?: number;
  metrics?: MetricJson[];
  text?: string;
  error?: string;
}

/** Primary: answers each worker's request with the sum over the live workers (a silent one is left out). */
export function serveWorkerMetrics(timeoutMs = 3_000): void {
  let next = 0;
  const collecting = new Map<
    number,
    { parts: MetricJson[][]; expected: number; requester: Worker; requestId: number; timer: NodeJS.Timeout }
  >();

  const finish = async (id: number): Promise<void> => {
    const entry = collecting.get(id);
    if (entry === undefined) return;
    collecting.delete(id);
    clearTimeout(entry.timer);
    let reply: Message;
    try {
      reply = {
        type: RESULT,
        id: entry.requestId,
        text: await AggregatorRegistry.aggregate(entry.parts).metrics(),
      };
    } catch (error) {
      reply = { type: RESULT, id: entry.requestId, error: (error as Error).message };
    }
    if (!entry.requester.isDead()) entry.requester.send(reply);
  };

  cluster.on('message', (worker: Worker, message: Message) => {
    if (message?.type === REQUEST && typeof message.id === 'number') {
      const id = ++next;
      const workers = Object.values(cluster.workers ?? {}).filter(
        (w): w is Worker => w !== undefined && !w.isDead(),
      );
      const timer = setTimeout(() => void finish(id), timeoutMs);
      collecting.set(id, {
        parts: [],
        expected: workers.length,
        requester: worker,
        requestId: message.id,
        timer,
      });
      for (const w of workers) w.send({ type: COLLECT, id } satisfies Message);
    } else if (message?.type === PART && typeof message.id === 'number' && Array.isArray(message.metrics)) {
      const entry = collecting.get(message.id);
      if (entry === undefined) return;
      entry.parts.push(message.metrics);
      if (entry.parts.length === entry.expected) void finish(message.id);
    }
  });
}

/**
 * Worker: gives the primary this worker's metrics when it collects, and returns the function /metrics
 * calls for the pool's text.
 */
export function workerMetrics(registry: Registry, timeoutMs = 5_000): () => Promise<string> {
  let next = 0;
  const waiting = new Map<number, (message: Message) => void>();
  process.on('message', (message: Message) => {
    if (message?.type === COLLECT) {
      void registry
        .getMetricsAsJSON()
        .then((metrics) => process.send?.({ type: PART, id: message.id, metrics }));
    } else if (message?.type === RESULT && typeof message.id === 'number') {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the primary did not answer with the workers’ metrics in time'));
      }, timeoutMs);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        if (message.text !== undefined) resolve(message.text);
        else reject(new Error(message.error ?? 'no metrics'));
      });
      process.send?.({ type: REQUEST, id } satisfies Message);
    });
}
