// The page's side of the engine worker: typed requests, streamed command output, questions.
import type { FileMap, PageEvent, Request, RequestMessage, ResultTypes, WorkerMessage } from './protocol';

export interface RunHandlers {
  output(stream: 'stdout' | 'stderr', text: string): void;
  /** A command asks a question; resolve with the typed line (null = end of input). */
  ask(prompt: string): Promise<string | null>;
  /** A SQL statement the ORM ran (only when the run asked for them). */
  sql?(sql: string): void;
}

export class EngineClient {
  private workerInstance: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly runs = new Map<number, RunHandlers>();
  /** Everything but `init` waits until the engine has been initialised once. */
  private markInitialised!: () => void;
  private readonly initialised = new Promise<void>((resolve) => (this.markInitialised = resolve));

  /** The worker starts with the first request, so it never competes with the editor's first load. */
  private get worker(): Worker {
    if (!this.workerInstance) {
      const w = new Worker(new URL('../engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
      w.onmessage = (ev: MessageEvent<WorkerMessage>) => this.receive(ev.data);
      w.onerror = (ev) => {
        for (const p of this.pending.values()) p.reject(new Error(ev.message || 'The engine stopped.'));
        this.pending.clear();
      };
      this.workerInstance = w;
    }
    return this.workerInstance;
  }

  async request<T extends Request['type']>(req: Extract<Request, { type: T }>): Promise<ResultTypes[T]> {
    if (req.type !== 'init') await this.initialised;
    const id = this.nextId++;
    const result = new Promise<ResultTypes[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id } as RequestMessage);
    });
    if (req.type === 'init') void result.finally(() => this.markInitialised()).catch(() => {});
    return result;
  }

  /** Runs `manage.py <argv>`; returns the run id at once (for Ctrl+C) and the outcome later. */
  run(argv: string[], isatty: boolean, handlers: RunHandlers, showSql = false): { runId: number; done: Promise<ResultTypes['run']> } {
    const runId = this.nextId++;
    this.runs.set(runId, handlers);
    const done = this.initialised
      .then(
        () =>
          new Promise<ResultTypes['run']>((resolve, reject) => {
            this.pending.set(runId, { resolve: resolve as (v: unknown) => void, reject });
            this.worker.postMessage({ type: 'run', argv, isatty, showSql, id: runId } satisfies RequestMessage);
          }),
      )
      .finally(() => this.runs.delete(runId));
    return { runId, done };
  }

  interrupt(runId: number): void {
    this.worker.postMessage({ type: 'interrupt', runId } satisfies PageEvent);
  }

  private receive(msg: WorkerMessage): void {
    switch (msg.type) {
      case 'result': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (!p) return;
        if (msg.ok) p.resolve(msg.value);
        else p.reject(new Error(msg.error));
        return;
      }
      case 'output':
        this.runs.get(msg.runId)?.output(msg.stream, msg.text);
        return;
      case 'sql':
        this.runs.get(msg.runId)?.sql?.(msg.sql);
        return;
      case 'ask': {
        const h = this.runs.get(msg.runId);
        const answer = h ? h.ask(msg.prompt) : Promise.resolve(null);
        void answer.then((line) => this.worker.postMessage({ type: 'answer', runId: msg.runId, line } satisfies PageEvent));
        return;
      }
    }
  }
}

export type { FileMap };
