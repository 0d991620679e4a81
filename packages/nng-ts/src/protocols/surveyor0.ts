import { BadState, Timeout } from '../errors.js';
import type { Pipe } from '../pipe.js';
import { Socket, type SocketOptions } from '../socket.js';
import { idHeader, nextId } from './backtrace.js';

/** Options of {@link Surveyor0}. */
export interface Surveyor0Options extends SocketOptions {
  /**
   * How long answers to a survey are accepted (NNG's `surveyor:survey-time`); then `recv()`
   * rejects with Timeout. pynng alias: `survey_time`.
   * @default 1000
   */
  surveyTime?: number;
  survey_time?: number;
}

/**
 * SURVEYOR (surveyor0): `send()` a survey to every connected respondent, then `recv()` their
 * answers until `surveyTime` passes, when a waiting `recv()` rejects with Timeout. A new
 * survey discards unread answers to the previous one; answers with another survey id are
 * discarded. A respondent without room misses the survey (counted, as PUB).
 */
export class Surveyor0 extends Socket {
  readonly protocol = 'surveyor0' as const;
  /** See {@link Surveyor0Options.surveyTime}. */
  surveyTime: number;
  #id = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: Surveyor0Options = {}) {
    super(options);
    this.surveyTime = options.surveyTime ?? options.survey_time ?? 1000;
  }

  override send(data: Uint8Array | string): Promise<void> {
    const body = this.toBuffer(data);
    this.#stopTimer();
    this.clearRecvQueue();
    const id = nextId();
    this.#id = id;
    this.broadcast(idHeader(id), body);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#id = 0;
      this.failRecvWaiters(new Timeout(`survey ended after ${this.surveyTime} ms`));
    }, this.surveyTime);
    if (!this.keepsAlive) this.#timer.unref();
    return Promise.resolve();
  }

  protected override checkRecv(): void {
    if (this.#id === 0) throw new BadState('recv() on a surveyor needs a survey in progress');
  }

  protected override onMessage(pipe: Pipe, msg: Buffer): void {
    if (msg.length < 4 || this.#id === 0 || msg.readUInt32BE(0) !== this.#id) return;
    this.deliver({ body: msg.subarray(4), pipe, header: null });
  }

  protected override onClose(): void {
    this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
