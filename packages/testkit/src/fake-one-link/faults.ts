import type { FakeOperation, FakeReply, FakeResponder, FakeTarget, SeenRequest } from './types.js';

/**
 * The faults injected into a fake: per target, a script (consumed one reply per call, in order) and a
 * standing reply. For a call, the operation's own script wins over the `qr` script, scripts over
 * standing replies, the operation's standing reply over the `qr` one; nothing left means `'default'`.
 */
export class FaultBook {
  private readonly scripts = new Map<FakeTarget, FakeReply[]>();
  private readonly standing = new Map<FakeTarget, FakeReply | FakeResponder>();

  script(target: FakeTarget, replies: FakeReply[]): void {
    this.scripts.set(target, [...(this.scripts.get(target) ?? []), ...replies]);
  }

  always(target: FakeTarget, reply: FakeReply | FakeResponder): void {
    this.standing.set(target, reply);
  }

  clear(): void {
    this.scripts.clear();
    this.standing.clear();
  }

  /** The reply for this call of `operation` (its `n`-th), consuming a scripted one if any. */
  next(operation: FakeOperation, request: SeenRequest, n: number): FakeReply {
    const targets: FakeTarget[] = operation === 'token' ? ['token'] : [operation, 'qr'];
    for (const target of targets) {
      const scripted = this.scripts.get(target)?.shift();
      if (scripted !== undefined) return scripted;
    }
    for (const target of targets) {
      const reply = this.standing.get(target);
      if (reply !== undefined) return typeof reply === 'function' ? reply(request, n) : reply;
    }
    return 'default';
  }
}
